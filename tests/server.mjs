// The one static file server of the browser tests, the benchmarks and `cargo xtask
// serve`: folders served under URL prefixes on loopback, as a static host would.
//
//   const server = await serve({ mounts: [['/a/b/', dist]] });
//   `http://127.0.0.1:${server.address().port}/a/b/` ... server.close()
//
//   node tests/server.mjs [--port N] PREFIX=DIR...   (what `cargo xtask serve` runs)
//
// Options:
//   mounts   [[prefix, dir, rewrite?], ...]: the longest prefix a path starts with
//            picks the folder; a prefix asked for without its final slash redirects
//            (301) to it; a folder answers with its index.html. `rewrite(text, server)`
//            fills in a mount's HTML and CSS (the test host pages' placeholders).
//   caching  'none' (default): every response `Cache-Control: no-store`, so a test
//            sees every request. 'host': like a CDN, names with a content hash (Trunk's
//            `name-0123456789abcdef.js`, the data files `p-….bin`, Pagefind's
//            `en_0ff6216.pf_index`) cached for good, the rest revalidated by ETag.
//   gzip     compress, when the browser accepts it, each file gzip makes smaller
//            (zlib's default level, as nginx and most CDNs on the fly).
//   headers  added to every file's response (the benchmark's COOP/COEP).
//   port     where to listen; default 0, a free port.
//
// The server it returns records `server.requests` (every request target, in order,
// whichever browser asked) and, while `server.offline` is true, cuts every
// connection, as a lost network would (for drivers that cannot cut one). Anything
// outside the mounts is a 404, but `/favicon.ico` is a 204: pages name no icon and
// browsers ask anyway.

import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};
const HASHED = /[._-][0-9a-f]{7,}(?=[._-]|$)/;

/**
 * Where a request target leads: `{ file, rewrite }` in one of the mounts, `{ redirect }` (a
 * mount asked for without its final slash), else to no file: `{ path }` (the decoded URL path),
 * or `{}` for a target that does not decode or that leads out of its mount's folder.
 */
export function locate(mounts, target) {
  let path;
  try {
    path = decodeURIComponent(new URL(target, 'http://x').pathname);
  } catch {
    return {};
  }
  const mount = mounts
    .filter(([prefix]) => path.startsWith(prefix) || path === prefix.slice(0, -1))
    .sort(([a], [b]) => b.length - a.length)[0];
  if (!mount) return { path };
  const [prefix, dir, rewrite] = mount;
  if (!path.startsWith(prefix)) return { redirect: prefix };
  const root = resolve(dir);
  let file = resolve(root, '.' + sep + path.slice(prefix.length));
  if (file !== root && !file.startsWith(root + sep)) return {};
  try {
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    return statSync(file).isFile() ? { file, rewrite } : { path };
  } catch {
    return { path };
  }
}

export function serve({ mounts, caching = 'none', gzip = false, headers = {}, port = 0 }) {
  /** file -> { stamp, body, gzip, etag }: each version of a file read and compressed once. */
  const files = new Map();
  const read = (file, rewrite) => {
    const { mtimeMs, size } = statSync(file);
    const stamp = `${mtimeMs}:${size}`;
    if (files.get(file)?.stamp !== stamp) {
      let body = readFileSync(file);
      if (rewrite && /^\.(html|css)$/.test(extname(file))) body = Buffer.from(rewrite(body.toString('utf8'), server));
      const zipped = gzip ? gzipSync(body) : null;
      files.set(file, {
        stamp,
        body,
        gzip: zipped && zipped.length < body.length ? zipped : null,
        etag: '"' + createHash('sha1').update(body).digest('hex') + '"',
      });
    }
    return files.get(file);
  };
  const cacheControl = (file) =>
    caching === 'none'
      ? 'no-store'
      : extname(file) !== '.html' && HASHED.test(basename(file))
        ? 'public, max-age=31536000, immutable'
        : 'no-cache';

  const server = createServer((req, res) => {
    server.requests.push(req.url);
    if (server.offline) return req.socket.destroy();
    const notFound = () => res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    const { file, rewrite, redirect, path } = locate(mounts, req.url);
    if (redirect) return res.writeHead(301, { Location: redirect }).end();
    if (path === '/favicon.ico') return res.writeHead(204).end();
    if (!file) return notFound();
    let found;
    try {
      found = read(file, rewrite);
    } catch {
      return notFound();
    }
    const head = {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': cacheControl(file),
      ETag: found.etag,
      ...headers,
    };
    if (gzip) head.Vary = 'Accept-Encoding';
    if (req.headers['if-none-match'] === found.etag) return res.writeHead(304, head).end();
    const zipped = found.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    if (zipped) head['Content-Encoding'] = 'gzip';
    const body = zipped ? found.gzip : found.body;
    head['Content-Length'] = body.length;
    res.writeHead(200, head).end(req.method === 'HEAD' ? undefined : body);
  });
  server.requests = [];
  server.offline = false;
  return new Promise((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', () => ok(server)));
}

// From the command line: serve each PREFIX=DIR until stopped, and log every request.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    options: { port: { type: 'string', default: '8080' } },
    allowPositionals: true,
  });
  const mounts = positionals.map((mount) => {
    const at = mount.indexOf('=');
    if (!mount.startsWith('/') || !mount.endsWith('/', at)) throw new Error(`a mount is PREFIX/=DIR, not ${mount}`);
    return [mount.slice(0, at), mount.slice(at + 1)];
  });
  const server = await serve({ mounts, port: Number(values.port) });
  server.on('request', (req, res) =>
    res.on('close', () => console.log(`${res.statusCode} ${req.method} ${req.url}`)),
  );
  const origin = `http://127.0.0.1:${server.address().port}`;
  for (const [prefix, dir] of mounts) console.log(`Serving ${resolve(dir)} on ${origin}${prefix}`);
  console.log('(Ctrl-C to stop)');
}
