/**
 * What a model that ignores `response_format` writes for the reply it was asked for: prose, each claim
 * followed by its quotes in quotation marks and a marker, e.g. `The U.S. paused it. "halted plans" [1]`.
 * Replies in the older `{answer, citations}` form become their answer text; anything else is kept.
 */
export function proseOf(content: string): string {
  let reply: unknown;
  try {
    reply = JSON.parse(content);
  } catch {
    return content;
  }
  if (typeof reply !== 'object' || reply === null) return content;
  const { claims, answer } = reply as { claims?: unknown; answer?: unknown };
  if (Array.isArray(claims)) return claims.map(claimProse).join(' ');
  return typeof answer === 'string' ? answer : content;
}

function claimProse(claim: unknown): string {
  const { text, quotes } = (claim ?? {}) as { text?: unknown; quotes?: unknown };
  const cited = (Array.isArray(quotes) ? quotes : []).map((item) => {
    const { source, quote } = (item ?? {}) as { source?: unknown; quote?: unknown };
    return `"${typeof quote === 'string' ? quote : ''}" [${typeof source === 'number' || typeof source === 'string' ? source : ''}]`;
  });
  return [typeof text === 'string' ? text : '', ...cited].join(' ');
}
