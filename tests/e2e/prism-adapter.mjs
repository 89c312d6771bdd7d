// The one thing standing between the app and Prism, and the only thing it changes: the Accept header.
//
// The app asks for `application/vnd.github+json`, as GitHub documents. GitHub answers that and
// `application/json` alike, but the OpenAPI description types its examples `application/json` only, so
// Prism answers 406 to the app's Accept. This proxy rewrites GitHub's media types to `application/json`
// and passes everything else through untouched, both ways: the method, path, query, every other header,
// the body, and Prism's answer (status, headers, including its CORS headers, and body).
//
// Usage from a test: `const adapter = await startAcceptAdapter(`http://127.0.0.1:${prismPort}`);`, then
// `adapter.url` is the API address to give the app, and `await adapter.close()` when done.
// Usage on its own: node tests/e2e/prism-adapter.mjs PRISM_URL PORT
import { createServer, request as forward } from 'node:http';
import { pathToFileURL } from 'node:url';

/** GitHub's own media types (`application/vnd.github+json`, `application/vnd.github.v3+json`, ...). */
const GITHUB_MEDIA_TYPE = /^application\/vnd\.github(\.[a-z0-9-]+)?\+json$/i;

/** The Accept header Prism can answer for a request that sent `accept` (undefined: none sent). */
export function acceptForPrism(accept) {
  if (accept === undefined) return undefined;
  return accept
    .split(',')
    .map((range) => {
      const [type, ...params] = range.split(';');
      return GITHUB_MEDIA_TYPE.test(type.trim()) ? ['application/json', ...params].join(';') : range;
    })
    .join(',');
}

/** Starts the adapter on a free loopback port (or `port`); resolves once it listens. */
export function startAcceptAdapter(target, port = 0) {
  const upstream = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const headers = { ...incoming.headers, host: upstream.host };
    const accept = acceptForPrism(incoming.headers.accept);
    if (accept !== undefined) headers.accept = accept;
    const proxied = forward(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode, answer.rawHeaders);
        answer.pipe(outgoing);
      },
    );
    proxied.on('error', (error) => {
      // Prism not answering is a 502 the app reads as a server error, never a hung request.
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'Content-Type': 'text/plain' });
      outgoing.end(`adapter: ${error.message}`);
    });
    incoming.pipe(proxied);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      const close = () => new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      });
      resolve({ url, close });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [target, port = '4012'] = process.argv.slice(2);
  if (!target) {
    console.error('usage: node tests/e2e/prism-adapter.mjs PRISM_URL [PORT]');
    process.exit(2);
  }
  const adapter = await startAcceptAdapter(target, Number(port));
  console.log(`Accept adapter on ${adapter.url}, in front of ${target}`);
}
