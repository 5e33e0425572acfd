// Writing a package's files into the root filesystem and taking them away
// again, through system calls only (so an overlay's upper layer, and with it
// a build layer or `docker diff`, records exactly what changed).

import { executable, isSysError, O_CREAT, O_TRUNC, O_WRONLY, EEXIST, ENOENT, ENOTEMPTY } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import { packageDirs, packageFiles, type FileSpec, type PackageDef } from './package.ts';

const enc = new TextEncoder();

function mkdirp(sys: Sys, path: string): void {
  try { sys.mkdir(path, 0o755); } catch (e) {
    if (!isSysError(e) || e.errno !== EEXIST) throw e;
  }
}

/** Removes whatever sits at path (a busybox link a package replaces), ignoring absence. */
function clear(sys: Sys, path: string): void {
  try { sys.unlink(path); } catch (e) {
    if (!isSysError(e) || (e.errno !== ENOENT && e.errno !== 21 /* EISDIR */)) throw e;
  }
}

async function writeBytes(sys: Sys, path: string, data: Uint8Array, size: number, mode: number): Promise<void> {
  clear(sys, path);
  const fd = sys.open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
  try {
    if (data.length) await sys.write(fd, data);
    if (size > data.length) sys.ftruncate(fd, size);
  } finally { sys.close(fd); }
  sys.chmod(path, mode);
}

/**
 * Writes def's files under root ('' for /). Returns the paths written,
 * directories first (what apk records as F:/R: and dpkg in its .list).
 */
export async function unpack(sys: Sys, def: PackageDef, root = ''): Promise<{ dirs: string[]; files: FileSpec[] }> {
  const files = packageFiles(def);
  const dirs = packageDirs(files);
  for (const d of dirs) mkdirp(sys, `${root}/${d}`);
  for (const f of files) {
    const p = `${root}/${f.path}`;
    switch (f.kind) {
      case 'dir': break;
      case 'exe': await writeBytes(sys, p, executable(f.program), f.size ?? 0, 0o755); break;
      case 'blob': await writeBytes(sys, p, new Uint8Array(0), f.size ?? 0, f.path.includes('/bin/') || f.path.includes('/sbin/') ? 0o755 : 0o644); break;
      case 'text': await writeBytes(sys, p, enc.encode(f.content), 0, f.path.includes('/bin/') ? 0o755 : 0o644); break;
      case 'symlink': clear(sys, p); sys.symlink(f.target, p); break;
    }
  }
  return { dirs, files };
}

/** Removes def's files and the directories they leave empty. */
export function remove(sys: Sys, def: PackageDef, root = ''): void {
  const files = packageFiles(def);
  for (const f of files) if (f.kind !== 'dir') clear(sys, `${root}/${f.path}`);
  for (const d of packageDirs(files).reverse()) {
    try { sys.rmdir(`${root}/${d}`); } catch (e) {
      if (!isSysError(e) || (e.errno !== ENOTEMPTY && e.errno !== ENOENT && e.errno !== 16 /* EBUSY */ && e.errno !== 20)) throw e;
    }
  }
}
