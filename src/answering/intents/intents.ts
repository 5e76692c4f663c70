/** What a reader wants, decided before any retrieval. */
export type ReaderIntent =
  'question' | 'summary' | 'greeting' | 'thanks' | 'about-bot' | 'capabilities' | 'clarify-story';

/** Intents answered with a short friendly reply and three questions, with no model call. */
export const SOCIAL_INTENTS: ReadonlySet<ReaderIntent> = new Set([
  'greeting',
  'thanks',
  'about-bot',
  'capabilities',
]);

const END = String.raw`[\s?.!,:;)(*-]*$`;
const FILLER = String.raw`(?:\s+(?:please|pls|then|here|there|again|today|now|quickly|briefly|mate|bot|storybot))*`;
const STORY = String.raw`(?:the |this |that )?(?:article|story|piece|news|report|text|item|page)`;

// Each pattern must match the whole message (ignoring filler), so "What happened to the export
// controls?" stays a question and only "What happened?" is a summary request.
const PATTERNS: readonly (readonly [Exclude<ReaderIntent, 'question' | 'clarify-story'>, RegExp])[] = [
  [
    'greeting',
    new RegExp(
      String.raw`^(?:hi|hello|hey|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening|day)|hi there|hello there|hey there)${FILLER}[\s!.,]*(?:how are you(?: doing)?(?: today)?|how's it going|what's up|sup)?${END}`,
      'i',
    ),
  ],
  [
    'thanks',
    new RegExp(
      String.raw`^(?:(?:ok(?:ay)?|great|cool|nice|perfect|awesome|got it|brilliant|excellent|wonderful|lovely)[\s,!.]*)?(?:thanks?(?: you)?(?: so much| a lot| very much)?|thx|ty|cheers|much appreciated|appreciate it|great|cool|nice|perfect|awesome|got it|brilliant|ok(?:ay)?)${FILLER}${END}`,
      'i',
    ),
  ],
  [
    'about-bot',
    new RegExp(
      String.raw`^(?:hi[\s,!]*)?(?:who|what) are you${FILLER}${END}|^what(?:'s| is) your name${END}|^are you (?:a |an )?(?:bot|human|ai|robot|real)${END}`,
      'i',
    ),
  ],
  [
    'capabilities',
    new RegExp(
      String.raw`^(?:help|what (?:can|do) you do|what can i ask(?: you)?|how does this work|how do (?:i|you) use (?:this|you)|what do you know|what are you for|what questions can i ask)${FILLER}${END}`,
      'i',
    ),
  ],
  [
    'summary',
    new RegExp(
      [
        String.raw`^(?:so[\s,]+)?what(?:'s| is| has| had)? (?:been )?(?:happened|happening|going on)(?: here| today| in (?:the |this )?(?:story|article|news))?${FILLER}${END}`,
        String.raw`^(?:so[\s,]+)?what(?:'s| is| was) ${STORY} (?:all )?about${FILLER}${END}`,
        String.raw`^what(?:'s| is) (?:this|it|the story|the news)(?: all)? about${END}`,
        String.raw`^(?:can you |could you |please )?(?:summari[sz]e|sum up|recap|give (?:me )?(?:a |the )?(?:summary|gist|overview|rundown|highlights|main points|key points))(?: (?:of )?(?:it|this|${STORY}))?(?: for me)?(?: in (?:brief|short|a (?:sentence|few sentences|nutshell)))?${FILLER}${END}`,
        String.raw`^(?:tl;?dr|tldr|eli5|summary|gist|overview|key points|main points|the gist|in short|in a nutshell|highlights)${FILLER}${END}`,
        String.raw`^(?:what are )?the (?:key|main) (?:points|facts|takeaways)(?: of ${STORY})?${END}`,
        String.raw`^(?:can you |could you |please )?explain (?:it|this|${STORY})(?: to me)?(?: simply| in simple (?:terms|words)| like i'm five| briefly)?${FILLER}${END}`,
        String.raw`^(?:so[\s,]+)?what(?:'s| is) the (?:story|news|gist|big picture|headline)${FILLER}${END}`,
      ].join('|'),
      'i',
    ),
  ],
];

// A message asks for a summary when it names one of these and every other word only frames the
// request ("Can you give me a quick summary?"); "Summarise what the analysts said" names a topic.
const SUMMARY_WORDS =
  /\b(?:summary|summari[sz]e|summari[sz]ing|sum up|tl;?dr|tldr|gist|recap|overview|rundown|key points|main points|takeaways|highlights|eli5|nutshell|what happened|going on|about)\b/gi;
const FRAMING = new Set(
  (
    "so ok okay well hey hi what what's whats is was are the a an this that it its article story piece news " +
    'report text can could would will you please pls me us give tell quick quickly short brief briefly main ' +
    'key just simply simple basically all here there whole overall one sentence few sentences words in of for ' +
    'to be i want need like do does did thing things whole real actually really again now today'
  ).split(' '),
);

function namesOnlyASummary(text: string): boolean {
  const lower = text.toLowerCase();
  if (!SUMMARY_WORDS.test(lower)) return false;
  const rest = lower.replace(SUMMARY_WORDS, ' ').match(/[\p{L}\p{N};']+/gu) ?? [];
  return rest.every((word) => FRAMING.has(word));
}

/** Normalises quotes and spacing so the patterns see plain ASCII apostrophes. */
function plain(question: string): string {
  return question.replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
}

/**
 * Decides what a reader wants from the message alone: a greeting, thanks, a question about the
 * bot, a summary of the story, or (by default) a question about the article.
 */
export function detectIntent(question: string): ReaderIntent {
  const text = plain(question);
  for (const [intent, pattern] of PATTERNS) if (pattern.test(text)) return intent;
  return namesOnlyASummary(text) ? 'summary' : 'question';
}
