import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UserFacingError, type AddStoryErrorCode } from '../errors.js';
import { BlockedAddressError, guardedLookup, isBlockedAddress } from './ssrf-guard.js';

/** Limits for {@link fetchPage}. */
export interface FetchPageOptions {
  /** Fetch loopback/private/link-local addresses too (`STORYBOT_ALLOW_PRIVATE_URLS`, for tests). */
  readonly allowPrivate?: boolean;
  /** For the whole fetch, redirects included (default 10 s). */
  readonly timeoutMs?: number;
  /** Largest page accepted, after decompression (default 5 MB). */
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  /** Which resolved addresses are refused (default: {@link isBlockedAddress}; tests narrow it). */
  readonly isBlocked?: (address: string) => boolean;
}

/** A fetched HTML page. */
export interface FetchedPage {
  /** The URL after redirects: links in the page are relative to it. */
  readonly url: string;
  readonly html: string;
}

const fail = (message: string, code: AddStoryErrorCode, cause?: unknown) =>
  new UserFacingError(message, code, cause === undefined ? undefined : { cause });

/**
 * Fetches a web page for `storybot add`, refusing anything that is not a public http(s) HTML
 * page: other schemes, hosts that resolve to loopback/private/link-local addresses (checked after
 * DNS resolution, on every redirect), more than `maxRedirects` redirects, error statuses,
 * non-HTML content, pages over `maxBytes`, and fetches slower than `timeoutMs`. Each refusal is a
 * {@link UserFacingError} with a message that says what to do.
 */
export async function fetchPage(address: string, options: FetchPageOptions = {}): Promise<FetchedPage> {
  const { allowPrivate = false, timeoutMs = 10_000, maxBytes = 5 * 1024 * 1024, maxRedirects = 5 } = options;
  const isBlocked = allowPrivate ? () => false : (options.isBlocked ?? isBlockedAddress);
  const signal = AbortSignal.timeout(timeoutMs);
  let url = parseUrl(address);
  for (let redirects = 0; ; redirects += 1) {
    checkTarget(url, isBlocked);
    const response = await request(url, isBlocked, signal, timeoutMs);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.resume();
      if (redirects >= maxRedirects)
        throw fail(
          `${address} redirects more than ${maxRedirects} times; give the final address instead.`,
          'url_redirects',
        );
      url = parseUrl(new URL(location, url).href);
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw fail(`${url.href} answered with HTTP ${status}${statusHint(status)}.`, 'url_status');
    }
    const type = String(response.headers['content-type'] ?? '');
    if (!/^\s*(text\/html|application\/xhtml\+xml)/i.test(type)) {
      response.resume();
      const kind = type.split(';')[0]?.trim() ?? '';
      throw fail(
        `${url.href} is not a web page (${kind === '' ? 'no content type' : kind}); storybot reads HTML articles.`,
        'url_not_html',
      );
    }
    const html = await readBody(response, maxBytes, url, signal, timeoutMs);
    return { url: url.href, html };
  }
}

function parseUrl(address: string): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw fail(
      `"${address}" is not a URL; give a full address such as https://example.com/story.`,
      'url_invalid',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw fail(
      `${url.protocol} links are not fetched; only http and https pages can be added.`,
      'url_scheme',
    );
  if (url.username || url.password)
    throw fail('Links with a user name or password are not fetched.', 'url_credentials');
  return url;
}

/** IP literals never reach the DNS lookup, so they are checked here. */
function checkTarget(url: URL, isBlocked: (address: string) => boolean): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && isBlocked(host)) throw refused(url.hostname, host);
}

const refused = (host: string, address: string) =>
  fail(
    `${host} is a local or private address (${address}); storybot only fetches public web pages.`,
    'url_blocked',
  );

function statusHint(status: number): string {
  if (status === 401 || status === 403) return ': the site refuses the fetch (a login, paywall or bot block)';
  if (status === 404 || status === 410) return ': the page does not exist';
  if (status === 429) return ': the site is rate-limiting; try later';
  if (status >= 500) return ': the site has a problem; try later';
  return '';
}

function request(
  url: URL,
  isBlocked: (address: string) => boolean,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, {
      signal,
      lookup: guardedLookup(isBlocked),
      headers: {
        'user-agent': 'storybot (+https://github.com/storybot) article fetcher',
        accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
        'accept-encoding': 'gzip, deflate, br',
      },
    });
    req.once('response', resolve);
    req.once('error', (error) => reject(translate(error, url, timeoutMs)));
  });
}

function translate(error: unknown, url: URL, timeoutMs: number): UserFacingError {
  if (error instanceof UserFacingError) return error;
  if (error instanceof BlockedAddressError) return refused(error.host, error.address);
  const name = (error as Error).name;
  if (name === 'AbortError' || name === 'TimeoutError')
    return fail(`${url.host} did not send the page within ${timeoutMs / 1000} s.`, 'url_timeout', error);
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return fail(`${url.hostname} could not be found (DNS); check the link.`, 'url_unreachable', error);
  return fail(`${url.host} could not be reached (${code}).`, 'url_unreachable', error);
}

/** The decoder for the response's content encoding, if any. */
function decoder(response: IncomingMessage): Transform | undefined {
  const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  if (encoding === 'br') return createBrotliDecompress();
  return undefined;
}

/**
 * Reads the body through `stream.pipeline`, so a stall (the overall timeout), a dropped connection
 * or a decoder failure destroys every stream and ends in a clear error. The size is counted after
 * decompression while it is read, so neither an endless body nor a compression bomb is buffered.
 */
async function readBody(
  response: IncomingMessage,
  maxBytes: number,
  url: URL,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<string> {
  const tooLarge = () =>
    fail(
      `${url.href} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; that is not a news article.`,
      'url_too_large',
    );
  if (Number(response.headers['content-length'] ?? 0) > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // Kept aside: with a decoder in the chain, pipeline may reject with the streams' AbortError instead.
  let refusal: UserFacingError | undefined;
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) throw (refusal = tooLarge());
      chunks.push(chunk);
    }
  };
  const unzip = decoder(response);
  try {
    if (unzip) await pipeline(response, unzip, collect, { signal });
    else await pipeline(response, collect, { signal });
  } catch (error) {
    if (refusal) throw refusal;
    if (error instanceof UserFacingError) throw error;
    if (signal.aborted) throw translate(signal.reason, url, timeoutMs);
    throw broken(error, url, unzip !== undefined);
  }
  return decodeHtml(Buffer.concat(chunks), String(response.headers['content-type'] ?? ''));
}

function broken(error: unknown, url: URL, compressed: boolean): UserFacingError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason =
    code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || /unexpected end of file/i.test(String(error))
      ? `its ${compressed ? 'compressed ' : ''}content is broken or cut off`
      : 'the connection dropped before the whole page arrived';
  return fail(`${url.host} did not send the whole page: ${reason}. Try again later.`, 'url_broken', error);
}

/** The charset from the header or a <meta charset>, else UTF-8. */
function decodeHtml(bytes: Buffer, contentType: string): string {
  const head = bytes.subarray(0, 2048).toString('latin1');
  const charset =
    /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ??
    /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ??
    'utf-8';
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
