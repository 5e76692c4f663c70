import { JSONParser } from '@streamparser/json';
import { jsonrepair } from 'jsonrepair';
import { createJsonStart } from './claim-stream-start.js';

/** What {@link ClaimStreamParser.end} hands back once the reply is over. */
export interface ClaimStreamEnd {
  /** Claims completed only at the end (a damaged reply, read whole), in order after those pushed. */
  readonly claims: readonly unknown[];
  /**
   * The reply's JSON object: parsed as sent when it was whole, else repaired with its incomplete
   * last claim left out; `undefined` when the reply held no JSON object (prose).
   */
  readonly final: unknown;
  /** Every character received, for a reader of prose replies. */
  readonly text: string;
}

/**
 * Reads a JSON reply `{"answerable":..,"claims":[{..},..],"not_covered":..}` as it streams in and hands
 * out each element of `claims` as soon as it is complete: raw and unverified (checking is the caller's).
 * The reply may open with a `<think>` block, prose or a ```json fence; what follows the object is ignored.
 */
export interface ClaimStreamParser {
  /** Feeds the next piece of text; returns the claims it completed, in order. */
  push(chunk: string): readonly unknown[];
  /**
   * Ends the reply. `truncated` (the model hit its token cap) makes a damaged reply's last claim
   * count as incomplete; a well-formed reply's complete claims are known exactly either way.
   */
  end(options?: { readonly truncated?: boolean }): ClaimStreamEnd;
}

const MAX_REPAIR_TRIES = 8;

/** Creates a parser for one reply. */
export function createClaimStreamParser(): ClaimStreamParser {
  const start = createJsonStart();
  const emitted: unknown[] = [];
  let text = '';
  let json = '';
  let root: unknown;
  // Top-level members seen so far, for the object of a reply that was cut off.
  const members: Record<string, unknown> = {};
  let done = false;
  let broken = false;
  let pendingSurrogate = '';
  const parser = new JSONParser();
  parser.onValue = ({ value, key, parent, stack }) => {
    if (stack.length === 0) root = value;
    else if (stack.length === 1 && typeof key === 'string') members[key] = value;
    else if (stack.length === 2 && stack[1]?.key === 'claims' && Array.isArray(parent)) emitted.push(value);
  };
  parser.onError = () => void (broken = true);
  parser.onEnd = () => void (done = true);

  function feed(piece: string): void {
    if (done || piece === '') return;
    json += piece;
    if (!broken) parser.write(piece);
    // A damaged reply (a trailing comma, say) is read by repairing what came so far: every claim but
    // the last one found is complete, since a later one has begun.
    if (broken) takeRepaired(repairedClaims(json), 1);
  }

  function takeRepaired(claims: readonly unknown[] | undefined, holdBack: number): void {
    for (let index = emitted.length; claims && index < claims.length - holdBack; index += 1)
      emitted.push(claims[index]);
  }

  return {
    push(chunk) {
      const before = emitted.length;
      text += chunk;
      // A surrogate pair split across chunks would reach the parser as two broken characters.
      let piece = pendingSurrogate + chunk;
      pendingSurrogate = '';
      if (/[\uD800-\uDBFF]$/.test(piece)) {
        pendingSurrogate = piece.slice(-1);
        piece = piece.slice(0, -1);
      }
      feed(start.push(piece));
      return emitted.slice(before);
    },
    end(options = {}) {
      const before = emitted.length;
      feed(start.push(pendingSurrogate));
      pendingSurrogate = '';
      if (done && !broken) return { claims: [], final: root, text };
      if (!broken) {
        const final = json === '' ? undefined : { ...members, claims: [...emitted] };
        return { claims: [], final, text };
      }
      const repaired = repairedObject(json);
      const claims = repaired && Array.isArray(repaired.claims) ? (repaired.claims as unknown[]) : [];
      takeRepaired(claims, options.truncated ? 1 : 0);
      const final = repaired && { ...repaired, claims: [...emitted] };
      return { claims: emitted.slice(before), final, text };
    },
  };
}

function repairedClaims(json: string): readonly unknown[] | undefined {
  const claims = repairedObject(json)?.claims;
  return Array.isArray(claims) ? claims : undefined;
}

/**
 * The object a damaged reply holds, repaired. A few cut-off tails defeat the repair (a string cut
 * just after a comma); then the tail is shortened to an earlier comma, losing only the last member.
 */
function repairedObject(json: string): Record<string, unknown> | undefined {
  // A closing fence and whatever follows it are not part of the object.
  let body = json.replace(/```[\s\S]*$/, '');
  for (let tries = 0; tries < MAX_REPAIR_TRIES && body.trim() !== ''; tries += 1) {
    try {
      const value: unknown = JSON.parse(jsonrepair(body));
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    } catch {
      body = body.slice(0, Math.max(0, body.lastIndexOf(',')));
    }
  }
  return undefined;
}
