// Serves the built page (dist/) on localhost: a small static server with gzip,
// used by `npm start` and by the browser tests (which read its request log).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt']);

export const DIST = fileURLToPath(new URL('./dist/', import.meta.url));

/**
 * Starts serving `root`. Every response is logged in `requests` (path, bytes
 * on the wire, and when), so a test can tell what the page loaded and when.
 */
export function startServer({ root = DIST, host = '127.0.0.1', port = 0 } = {}) {
  const base = resolve(root);
  const gzipCache = new Map();
  const requests = [];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(base, rel));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    let body;
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      body = await readFile(file);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
      requests.push({ path: url.pathname, status: 404, bytes: 0, at: performance.now() });
      return;
    }
    const ext = extname(file);
    const headers = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': rel.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    };
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      let gz = gzipCache.get(file);
      if (!gz || !gz.source.equals(body)) {
        gz = { source: body, data: gzipSync(body, { level: 9 }) };
        gzipCache.set(file, gz);
      }
      body = gz.data;
      headers['content-encoding'] = 'gzip';
      headers.vary = 'accept-encoding';
    }
    headers['content-length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    requests.push({ path: url.pathname, status: 200, bytes: body.length, gzip: !!headers['content-encoding'], at: performance.now() });
  });

  return new Promise((resolveStart, rejectStart) => {
    server.once('error', rejectStart);
    server.listen(port, host, () => {
      server.off('error', rejectStart);
      const { port: actual } = server.address();
      resolveStart({
        server,
        port: actual,
        url: `http://${host}:${actual}/`,
        requests,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

async function main() {
  try {
    await stat(join(DIST, 'index.html'));
  } catch {
    console.error('dockersim web: no build in apps/web/dist; run `npm run build -w @dockersim/web` first');
    process.exit(1);
  }
  const wanted = Number(process.env.PORT ?? 5173);
  // Without an explicit PORT, step past ports that are already taken.
  for (let port = wanted; ; port++) {
    try {
      const { port: actual } = await startServer({ port });
      console.log(`dockersim web terminal: http://localhost:${actual}/`);
      return;
    } catch (err) {
      if (err.code !== 'EADDRINUSE' || process.env.PORT || port > wanted + 20) throw err;
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`dockersim web: ${err.message}`);
    process.exit(1);
  });
}
