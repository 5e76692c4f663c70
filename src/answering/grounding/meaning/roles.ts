import type { NlpToken } from '../../../text/nlp.js';
import { partyKeys } from './parties.js';

/** Who did what to whom around one verb: party keys of its agent and patient, where found. */
interface Role {
  readonly verb: string;
  readonly agent?: ReadonlySet<string>;
  readonly patient?: ReadonlySet<string>;
}

interface Mention {
  readonly start: number;
  readonly end: number;
  readonly keys: ReadonlySet<string>;
}

// Between a subject and its verb only these may stand ("Yukos has itself been", "Sina did not").
const BETWEEN = new Set(['AUX', 'ADV']);
const NEGATORS = new Set(['not', "n't", 'never']);
// Between "said" and its speaker only a title may stand ("said chief executive Steven Theede").
const TITLE_POS = new Set(['NOUN', 'ADJ', 'PROPN']);
const SPEECH = new Set(['say', 'tell', 'add', 'claim', 'warn', 'note', 'insist', 'argue']);
const BREAK = /^[.;:!?]$/;

const isNameToken = (token: NlpToken) => token.pos === 'PROPN' && /^\p{Lu}/u.test(token.text);

/** Runs of name tokens, each with the party keys it stands for ("the US" and "Washington" share one). */
function mentions(tokens: readonly NlpToken[]): Mention[] {
  const found: Mention[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    if (!isNameToken(tokens[i]!)) continue;
    let end = i + 1;
    while (end < tokens.length) {
      if (isNameToken(tokens[end]!)) end += 1;
      // "Court of Appeal", "Bank of America": one name.
      else if (tokens[end]!.lower === 'of' && tokens[end + 1] && isNameToken(tokens[end + 1]!)) end += 2;
      else break;
    }
    // A name's own common nouns belong to it: "the Clinton administration", "the US government".
    while (end < tokens.length && tokens[end]!.pos === 'NOUN' && end - i < 5) end += 1;
    found.push({ start: i, end, keys: partyKeys(tokens.slice(i, end)) });
    i = end - 1;
  }
  return found;
}

const onlyBetween = (tokens: readonly NlpToken[], from: number, to: number) =>
  tokens
    .slice(from, to)
    .every((token) => BETWEEN.has(token.pos) || NEGATORS.has(token.lower) || token.lemma === 'itself');

export function rolesOf(tokens: readonly NlpToken[]): Role[] {
  const names = mentions(tokens);
  const roles: Role[] = [];
  tokens.forEach((token, v) => {
    if (token.pos !== 'VERB' || names.some((m) => m.start <= v && v < m.end)) return;
    const before = names.filter((m) => m.end <= v).at(-1);
    const clauseEnd = tokens.findIndex((t, i) => i > v && BREAK.test(t.text));
    const after = names.find((m) => m.start > v && (clauseEnd < 0 || m.start < clauseEnd));
    // "filed by the Clinton administration": the party after "by" did it, with or without "was".
    // "was sued", not "will be balancing" (progressive).
    const passive =
      !/ing$/i.test(token.text) &&
      tokens.slice(Math.max(0, v - 3), v).some((t) => t.lemma === 'be' || t.lemma === 'being');
    const by = tokens.findIndex((t, i) => i > v && i <= v + 5 && t.lower === 'by');
    // "was bought for $9.4bn by a group", "filed by the Clinton administration"; not "an attempt by Yukos".
    const byAgent =
      after &&
      by > v &&
      by < after.start &&
      (passive || by === v + 1) &&
      tokens.slice(by + 1, after.start).every((t) => t.pos !== 'ADP');
    const subject = before && onlyBetween(tokens, before.end, v) ? before.keys : undefined;
    const titled = after && tokens.slice(v + 1, after.start).every((t) => TITLE_POS.has(t.pos));
    const speaker = SPEECH.has(token.lemma) && after && titled && !subject ? after.keys : undefined;
    if (byAgent) roles.push({ verb: token.lemma, agent: after.keys, ...(subject && { patient: subject }) });
    else if (passive) {
      if (subject) roles.push({ verb: token.lemma, patient: subject });
    } else {
      const agent = subject ?? speaker;
      const patient = speaker ? undefined : after?.keys;
      if (agent || patient)
        roles.push({ verb: token.lemma, ...(agent && { agent }), ...(patient && { patient }) });
    }
  });
  return roles;
}

const meets = (a?: ReadonlySet<string>, b?: ReadonlySet<string>) =>
  !!a && !!b && [...a].some((key) => b.has(key));

/**
 * Roles around a verb both texts use: the claim makes the quote's patient its agent, or its agent
 * the patient ("Sina bought a stake in Shanda" under "Shanda bought a stake in Sina"; "Yukos sued"
 * under "was sued by Yukos"), or gives the verb a different named agent. Active and passive
 * voice are both read, for simple clauses. Returns the verb, or undefined.
 */
export function reversedRole(claim: readonly NlpToken[], quotes: readonly NlpToken[]): string | undefined {
  const evidence = rolesOf(quotes);
  for (const role of rolesOf(claim)) {
    const same = evidence.filter((other) => other.verb === role.verb);
    if (same.length === 0) continue;
    const agreed = same.some((other) => meets(other.agent, role.agent) || meets(other.patient, role.patient));
    if (agreed) continue;
    const crossed = same.some(
      (other) => meets(other.agent, role.patient) || meets(other.patient, role.agent),
    );
    const otherAgent = role.agent && same.some((other) => other.agent && !meets(other.agent, role.agent));
    if (crossed || otherAgent) return role.verb;
  }
  return undefined;
}
