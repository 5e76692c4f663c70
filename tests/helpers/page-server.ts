import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
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
 * /redirect-to?url=U, /missing (404), /pdf, /huge (6 MB, no length header), /slow (never answers).
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
