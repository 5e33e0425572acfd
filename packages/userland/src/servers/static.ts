// Mapping a URL path to a file under a document root, as the static file
// servers (apache httpd, python's http.server) do, and their MIME types.

import { isSysError, S_IFMT, S_IFDIR, S_IFREG } from '@dockersim/kernel';
import type { Stat, Sys } from '@dockersim/kernel';
import { readFileBytes } from '../libc/io.ts';

export type Found =
  | { kind: 'file'; path: string; body: Uint8Array; st: Stat }
  | { kind: 'redirect' }
  | { kind: 'dir'; path: string }
  | { kind: 'missing'; path: string }
  | { kind: 'forbidden'; path: string };

const MIME: Record<string, string> = {
  html: 'text/html', htm: 'text/html', css: 'text/css', js: 'text/javascript', json: 'application/json', txt: 'text/plain',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml', ico: 'image/x-icon',
  py: 'text/x-python', md: 'text/markdown', xml: 'text/xml', pdf: 'application/pdf',
};

export function mimeOf(path: string, fallback = 'application/octet-stream'): string {
  const ext = path.includes('.') ? path.slice(path.lastIndexOf('.') + 1).toLowerCase() : '';
  return MIME[ext] ?? fallback;
}

function stat(sys: Sys, p: string): Stat | null {
  try { return sys.stat(p); } catch (e) { if (!isSysError(e)) throw e; return null; }
}

export async function findFile(sys: Sys, root: string, uriPath: string, indexes: string[]): Promise<Found> {
  let rel: string;
  try { rel = decodeURIComponent(uriPath.split('?')[0]!); } catch { rel = uriPath; }
  const parts = rel.split('/').filter((x) => x && x !== '.');
  if (parts.includes('..')) return { kind: 'forbidden', path: root + rel };
  let path = `${root.replace(/\/$/, '')}/${parts.join('/')}`;
  let st = stat(sys, path);
  if (!st) return { kind: 'missing', path };
  if ((st.mode & S_IFMT) === S_IFDIR) {
    if (!rel.endsWith('/')) return { kind: 'redirect' };
    const idx = indexes.map((i) => `${path.replace(/\/$/, '')}/${i}`).find((p) => { const s = stat(sys, p); return s && (s.mode & S_IFMT) === S_IFREG; });
    if (!idx) return { kind: 'dir', path };
    path = idx;
    st = stat(sys, path)!;
  }
  try { return { kind: 'file', path, body: await readFileBytes(sys, path), st }; } catch (e) {
    if (!isSysError(e)) throw e;
    return { kind: 'forbidden', path };
  }
}
