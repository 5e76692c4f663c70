// Page furniture: the lines a web page wraps around a story. Patterns are deliberately narrow and
// paired with length limits, because a real paragraph may well mention "subscribers" or "Telegram".

const SHORT = 160;
const NOTICE = 320;

/** A line that is nothing but a link. */
export const BARE_URL = /^[<(]?(?:https?:\/\/|www\.)\S+?[>)]?[.,;]?$/i;
const HAS_URL = /(?:https?:\/\/|www\.)\S+/i;

const PROMO_VERB =
  /^(?:please\s+)?(?:follow|subscribe|sign up|signup|register|join|download|install|get|stay (?:connected|updated|tuned|informed)|click|tap|check out|connect with|visit)\b/i;
const PROMO_TARGET =
  /\b(?:channels?|newsletters?|apps?|podcasts?|alerts|notifications|(?:more|the latest|latest) (?:news|updates|stories|headlines)|whatsapp|telegram|facebook|instagram|youtube|twitter|x|linkedin|tiktok|google news|social media)\b|:$/i;
const PROMO_PHRASE =
  /\b(?:follow us|join us on|like us on|find us on|connect with us|subscribe (?:to|for) our|sign up (?:to|for) our|download our|join our|follow our)\b/i;

const SHORT_PATTERNS: readonly RegExp[] = [
  /^(?:(?:advertisements?|sponsored|ad)\s*[-–—:|]?\s*)?(?:advertisements?|sponsored(?: content)?|promoted|ad|story continues below(?: this)?(?: ad| advertisement)?|continue reading(?: below)?|scroll (?:down )?to continue(?: reading| with content)?)\W*$/i,
  /^(?:also read|read also|read more|see also|more on this|related(?: stories| articles?| news| coverage| content)?|recommended(?: for you)?|must read|don'?t miss|trending(?: now)?|you may also like|suggested)\b\s*(?:$|[:|»>›\-–—])/i,
  /^share\b\s*(?:$|:|this\b|on\b|via\b|article\b|story\b)/i,
  /^(?:click|tap) here\b/i,
  /^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}))/i,
  /\ball rights reserved\b/i,
  /^\(?(?:photo|image|picture|file photo|video|graphic|watch|listen|gallery|in pictures)s?(?: credit| source| caption)?\s*[:|]/i,
  /^(?:tags|topics|filed under|categories)\s*:/i,
  /^home\s*[>»›|/]/i,
  /^(?:leave|post|add) a comment\W*$|^(?:view|show|hide|read) comments?\b|^\d+ comments?\W*$|^comments?(?: (?:are|is) (?:closed|disabled))?\W*$/i,
];

const NOTICE_PATTERNS: readonly RegExp[] = [
  /^(?:the )?(?:comments?|views) (?:posted|published|expressed|made) (?:here|below|on this)/i,
  /^(?:all )?comments (?:are|will be) (?:moderated|pre-moderated|reviewed)/i,
  /\brefrain from (?:using|posting)\b.*\bcomments?\b/i,
];

// Only trusted where furniture lives: the first or last blocks of the story.
const EDGE_PATTERNS: readonly RegExp[] = [
  /^[Bb][Yy]\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}(?:\s+(?:and|&)\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})?$/u,
  /^(?:published|updated|posted|last updated|first published)\s*(?:on|at|:)?\s*(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|today|yesterday).{0,60}$/i,
  /^\(?(?:additional )?(?:reporting|writing|editing|compiled|edited) by\b/i,
  /^\(?(?:with inputs from|inputs from|source:)\s/i,
  /^\(?(?:reuters?|afp|ap|pti|ians|ani|agencies|xinhua|dpa)\)?\.?$/i,
  /^\(?disclaimer\s*:/i,
  /^\(?this (?:story|article|report) (?:has|was) (?:not )?(?:been )?(?:edited|published|auto-generated|generated)\b/i,
];

function isPromo(line: string): boolean {
  if (line.length > SHORT) return false;
  const calls = PROMO_VERB.test(line) || PROMO_PHRASE.test(line);
  // A link stands in for the platform name; a very short line naming a platform plus a link is promo too.
  if (HAS_URL.test(line)) return calls || (line.length <= 80 && PROMO_TARGET.test(line));
  return calls && PROMO_TARGET.test(line);
}

/** Whether a line (or a whole short paragraph) is page furniture wherever it appears. */
export function isFurniture(line: string): boolean {
  if (BARE_URL.test(line)) return true;
  if (line.length > NOTICE) return false;
  if (isPromo(line)) return true;
  if (line.length <= SHORT && SHORT_PATTERNS.some((pattern) => pattern.test(line))) return true;
  return NOTICE_PATTERNS.some((pattern) => pattern.test(line));
}

/** Whether a line is furniture when it sits at the start or end of the story (bylines, credits...). */
export function isEdgeFurniture(line: string): boolean {
  if (isFurniture(line)) return true;
  return line.length <= NOTICE && EDGE_PATTERNS.some((pattern) => pattern.test(line));
}

/** A short line introducing a link on the next line, e.g. "Follow our channel on WhatsApp:". */
export function isLinkLead(line: string, next: string | undefined): boolean {
  return line.length <= SHORT && line.endsWith(':') && next !== undefined && BARE_URL.test(next);
}
