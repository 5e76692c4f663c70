/**
 * How real models restate the seed story's sentences (written in the style of gpt-4.1-mini and
 * Qwen answers: compressed, reworded, names and numbers kept). Keyed by the sentence's opening.
 * Sentences not listed get the generic synonym paraphrase.
 */
export const STORY_PARAPHRASES: Readonly<Record<string, string>> = {
  'Washington: The United States has halted':
    'The U.S. paused the sanctions on China’s spy agency to protect the trade truce with Beijing, according to a report.',
  'The move marks a significant pause':
    'The decision is a notable pause in Washington’s response to Chinese cyber-espionage.',
  'For months, U.S. intelligence agencies':
    'U.S. intelligence agencies have blamed the MSS for the Salt Typhoon hacking campaign, which allegedly hit telecom companies and a National Guard network.',
  'The scope of the operation':
    'Because the operation was so large, senior security officials had pushed for targeted sanctions.',
  'However, sources said the White House':
    'The White House delayed the sanctions because it feared retaliation could unravel the trade deal Trump and Xi reached in October.',
  'That accord aimed to reset':
    'The accord was meant to repair commercial ties by cutting tariffs, loosening technology restrictions and stabilizing rare-earth supplies.',
  'The paused sanctions package':
    'The shelved package would have hit people and entities tied to the MSS, including contractors thought to support its cyber-operations.',
  'A separate batch of proposed export controls':
    'Proposed export controls on American technology shipments to China are also on hold.',
  'Officials familiar with the discussions':
    'Officials said the administration worried the measures could provoke a backlash from Beijing and threaten the negotiations.',
  'Instead, Washington has opted':
    'Washington is focusing on tariff reductions and economic cooperation instead.',
  'Despite the diplomatic push':
    'Western intelligence still scrutinizes the MSS for its alleged role in cyberattacks on critical infrastructure.',
  'Analysts warn that delaying action':
    'Analysts warn the delay could encourage more cyber intrusions and complicate U.S. national security strategy.',
  'Security experts say the challenge':
    'Experts say Washington must balance responding to cyber threats with keeping economic stability.',
  'With both nations committed':
    'The decision is widely seen as a calculated gamble while both countries ease trade tensions.',
  'While the suspension of sanctions':
    'The pause may protect the truce in the short term but leaves open how Washington will respond to state-backed cyber aggression.',
  'For now, the U.S.–China relationship':
    'U.S.–China relations are entering a cautious phase, balancing economic cooperation against national security.',
};

/** The story's own paraphrase of a sentence, if it has one. */
export function storyParaphrase(sentence: string): string | undefined {
  const key = Object.keys(STORY_PARAPHRASES).find((opening) => sentence.startsWith(opening));
  return key ? STORY_PARAPHRASES[key] : undefined;
}
