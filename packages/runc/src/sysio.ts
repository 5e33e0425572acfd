// File helpers over system calls, and Go's error words for failed calls
// ("open /x: no such file or directory"), which is how runc reports them.

import { O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, O_CLOEXEC, EEXIST, ENOENT, isSysError, goStrerror } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';

const dec = new TextDecoder();

/** An error with runc's message; main logs it and exits 1. */
export class RuncError extends Error {
  constructor(message: string, readonly exitCode = 1) { super(message); this.name = 'RuncError'; }
}

/** The text Go gives a failed call: *os.PathError "op path: errno text", else the message. */
export function goErr(e: unknown, op?: string, path?: string): string {
  if (isSysError(e)) return op ? `${op} ${path}: ${goStrerror(e.errno)}` : goStrerror(e.errno);
  if (e instanceof Error) return e.message;
  return String(e);
}

export async function readText(sys: Sys, path: string): Promise<string> {
  const fd = sys.open(path, O_RDONLY | O_CLOEXEC);
  try {
    const first = await sys.read(fd, 1 << 20);
    if (first.length === 0) return '';
    const chunks = [first];
    for (;;) {
      const b = await sys.read(fd, 1 << 20);
      if (b.length === 0) break;
      chunks.push(b);
    }
    if (chunks.length === 1) return dec.decode(first);
    let s = '';
    for (const c of chunks) s += dec.decode(c, { stream: true });
    return s + dec.decode();
  } finally { sys.close(fd); }
}

export async function writeText(sys: Sys, path: string, data: string, mode = 0o644): Promise<void> {
  const fd = sys.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  try { if (data.length) await sys.write(fd, data); } finally { sys.close(fd); }
}

export function exists(sys: Sys, path: string): boolean {
  try { sys.stat(path); return true; } catch (e) { if (isSysError(e, ENOENT)) return false; throw e; }
}

/** mkdir -p (os.MkdirAll). */
export function mkdirAll(sys: Sys, path: string, mode = 0o755): void {
  try { sys.mkdir(path, mode); return; } catch (e) {
    if (isSysError(e, EEXIST)) return;
    if (!isSysError(e, ENOENT)) throw e;
  }
  const i = path.lastIndexOf('/');
  if (i > 0) mkdirAll(sys, path.slice(0, i), mode);
  try { sys.mkdir(path, mode); } catch (e) { if (!isSysError(e, EEXIST)) throw e; }
}

/** rm -rf (os.RemoveAll): missing is fine. */
export function removeAll(sys: Sys, path: string): void {
  let st;
  try { st = sys.lstat(path); } catch (e) { if (isSysError(e, ENOENT)) return; throw e; }
  if ((st.mode & 0o170000) === 0o040000) {
    for (const d of sys.readdir(path)) removeAll(sys, `${path}/${d.name}`);
    try { sys.rmdir(path); } catch (e) { if (!isSysError(e, ENOENT)) throw e; }
  } else {
    try { sys.unlink(path); } catch (e) { if (!isSysError(e, ENOENT)) throw e; }
  }
}
