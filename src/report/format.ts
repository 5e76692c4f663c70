/** Shared number formatting for the text and HTML reports. */
export const seconds = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);
export const thousands = (n: number) => n.toLocaleString('en-US');
export const dollars = (usd: number | undefined) =>
  usd === undefined ? 'price unknown' : `$${usd < 0.01 && usd > 0 ? usd.toFixed(4) : usd.toFixed(2)}`;
export const shorten = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
export const asked = (question: string | undefined) =>
  question === undefined ? '(question text not kept: a DM)' : `"${shorten(question)}"`;
