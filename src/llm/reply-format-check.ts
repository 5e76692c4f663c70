const THINK_BLOCK = /<think>[\s\S]*?(?:<\/think>|$)|^[\s\S]*?<\/think>/gi;
const OBJECT_START = /\{\s*"/;

/**
 * Whether a reply asked for as JSON came back as prose: outside any `<think>` block nothing even opens
 * a JSON object (`{"`). Damaged JSON is not prose (the answer reader repairs it); prose means the server
 * ignores `response_format`. Either way the reply itself is handed on.
 */
export function isProseReply(content: string): boolean {
  return !OBJECT_START.test(content.replace(THINK_BLOCK, ''));
}
