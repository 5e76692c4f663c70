import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** 16 MB of HTML that gzip squeezes into ~16 KB: a decompression bomb (the limit is 5 MB). */
let bomb: Buffer | undefined;
const bombBytes = () => (bomb ??= gzipSync(Buffer.alloc(16 * 1024 * 1024, ' ')));

/** Faults: a gzip page that drips (stalls), one cut off mid-body, an endless body, a bomb. */
function misbehave(pathname: string, response: ServerResponse): boolean {
  const gzipped = gzipSync(page('news-article'));
  const head = { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' };
  if (pathname === '/drip.gz') {
    response.writeHead(200, head);
    response.write(gzipped.subarray(0, 20));
    let at = 20;
    const timer = setInterval(() => {
      if (at < gzipped.length - 1) response.write(gzipped.subarray(at, (at += 1)));
    }, 300);
    response.on('close', () => clearInterval(timer));
  } else if (pathname === '/drop.gz') {
    response.writeHead(200, { ...head, 'content-length': String(gzipped.length) });
    response.write(gzipped.subarray(0, Math.floor(gzipped.length / 2)), () => response.socket?.destroy());
  } else if (pathname === '/endless') {
    response.writeHead(200, { 'content-type': 'text/html' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (!response.destroyed && response.write(chunk));
    };
    response.on('drain', pump);
    pump();
  } else if (pathname === '/bomb.gz') {
    response.writeHead(200, head);
    response.end(bombBytes());
  } else return false;
  return true;
}
import { ROOT } from './engine.js';

/** A local web server serving the saved test pages (tests/fixtures/pages) and misbehaving routes. */
export interface PageServer {
  /** e.g. http://127.0.0.1:40123 */
  readonly origin: string;
  close(): Promise<void>;
}

const PAGES = path.join(ROOT, 'tests/fixtures/pages');
export const page = (name: string) => readFileSync(path.join(PAGES, `${name}.html`), 'utf8');

const html = (response: ServerResponse, body: string | Buffer, headers: Record<string, string> = {}) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
  response.end(body);
};

/**
 * Routes: /news, /home (no article), /paywall, /news.gz (gzip), /redirect/N (N hops to /news),
 * /redirect-to?url=U, /missing (404), /pdf, /huge (6 MB, no length header), /slow (never answers),
 * and the faults of `misbehave`: /drip.gz, /drop.gz, /endless, /bomb.gz.
 */
export async function startPageServer(): Promise<PageServer> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const hops = /^\/redirect\/(\d+)$/.exec(url.pathname);
    if (hops) {
      const left = Number(hops[1]);
      response.writeHead(302, { location: left <= 1 ? '/news' : `/redirect/${left - 1}` });
      return response.end();
    }
    if (misbehave(url.pathname, response)) return;
    switch (url.pathname) {
      case '/news':
        return html(response, page('news-article'));
      case '/home':
        return html(response, page('no-article'));
      case '/paywall':
        return html(response, page('paywall'));
      case '/news.gz':
        return html(response, gzipSync(page('news-article')), { 'content-encoding': 'gzip' });
      case '/redirect-to':
        response.writeHead(301, { location: url.searchParams.get('url') ?? '/' });
        return response.end();
      case '/pdf':
        response.writeHead(200, { 'content-type': 'application/pdf' });
        return response.end('%PDF-1.7');
      case '/huge': {
        response.writeHead(200, { 'content-type': 'text/html' });
        const chunk = `<p>${'filler '.repeat(9_000)}</p>`;
        for (let i = 0; i < 100; i += 1) response.write(chunk);
        return response.end();
      }
      case '/slow':
        return; // never answers
      default:
        response.writeHead(404, { 'content-type': 'text/html' });
        return response.end('<h1>Not found</h1>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
