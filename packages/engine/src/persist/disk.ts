// File helpers for dockerd's on-disk state under /var/lib/docker: JSON files
// written whole through a temporary file and a rename (moby's ioutils
// AtomicWriteFile), so a reader never sees half a file.

import { EEXIST, O_CREAT, O_TRUNC, O_WRONLY, isSysError, type Sys } from '@dockersim/kernel';
import { readText } from '../util.ts';

export async function writeFileAtomic(sys: Sys, path: string, data: string, mode = 0o600): Promise<void> {
  const tmp = `${path}.tmp`;
  const fd = sys.open(tmp, O_WRONLY | O_CREAT | O_TRUNC, mode);
  try { if (data.length) await sys.write(fd, data); } finally { sys.close(fd); }
  sys.rename(tmp, path);
}

export async function writeJson(sys: Sys, path: string, value: unknown, mode = 0o600): Promise<void> {
  await writeFileAtomic(sys, path, JSON.stringify(value), mode);
}

/** The parsed file, or undefined when it is missing or not JSON. */
export async function readJson<T>(sys: Sys, path: string): Promise<T | undefined> {
  try { return JSON.parse(await readText(sys, path)) as T; } catch { return undefined; }
}

export function mkdirAll(sys: Sys, path: string, mode = 0o700): void {
  let p = '';
  for (const part of path.split('/').filter(Boolean)) {
    p += '/' + part;
    try { sys.mkdir(p, mode); } catch (e) { if (!isSysError(e, EEXIST)) throw e; }
  }
}

export function listDir(sys: Sys, path: string): string[] {
  try { return sys.readdir(path).map((e) => e.name).sort(); } catch { return []; }
}

/** Milliseconds of an RFC 3339 time ("0001-01-01T00:00:00Z", Go's zero time, is 0). */
export function parseTime(s: string | undefined): number {
  if (!s || s.startsWith('0001-01-01')) return 0;
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(s);
  if (!m) return 0;
  return Date.parse(`${m[1]}.${(m[2] ?? '0').padEnd(3, '0').slice(0, 3)}Z`);
}

/** Runs writes one after another, so a later checkpoint never lands before an earlier one. */
export class WriteQueue {
  private tail: Promise<void> = Promise.resolve();
  push(job: () => Promise<void>): void { this.tail = this.tail.then(job).catch(() => undefined); }
  drain(): Promise<void> { return this.tail; }
}
