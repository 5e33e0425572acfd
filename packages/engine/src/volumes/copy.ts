// Copying trees through system calls with their ownership, modes and times
// (continuity's fs.CopyDir, which dockerd uses to fill a new volume from the
// image), and measuring them (the sizes of `docker system df -v`).

import { O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, type Sys } from '@dockersim/kernel';

const CHUNK = 1 << 20;

/** Copies src's contents into the existing directory dst, then dst takes src's owner, mode and times. */
export async function copyDir(sys: Sys, src: string, dst: string): Promise<void> {
  for (const d of sys.readdir(src)) await copyEntry(sys, `${src}/${d.name}`, `${dst}/${d.name}`);
  copyInfo(sys, src, dst);
}

async function copyEntry(sys: Sys, src: string, dst: string): Promise<void> {
  const st = sys.lstat(src);
  switch (st.mode & S_IFMT) {
    case S_IFDIR:
      try { sys.mkdir(dst, st.mode & 0o7777); } catch { /* exists */ }
      await copyDir(sys, src, dst);
      return;
    case S_IFLNK:
      sys.symlink(sys.readlink(src), dst);
      sys.lchown(dst, st.uid, st.gid);
      return;
    case S_IFREG:
      await copyFile(sys, src, dst, st.mode & 0o7777);
      break;
    default:
      sys.mknod(dst, st.mode, st.rdev);
  }
  copyInfo(sys, src, dst);
}

export async function copyFile(sys: Sys, src: string, dst: string, mode: number): Promise<void> {
  const i = sys.open(src, O_RDONLY);
  const o = sys.open(dst, O_WRONLY | O_CREAT | O_TRUNC, mode);
  try {
    for (let c = await sys.read(i, CHUNK); c.length; c = await sys.read(i, CHUNK)) await sys.write(o, c);
  } finally { sys.close(i); sys.close(o); }
}

function copyInfo(sys: Sys, src: string, dst: string): void {
  const st = sys.lstat(src);
  sys.lchown(dst, st.uid, st.gid);
  sys.chmod(dst, st.mode & 0o7777);
  sys.utimes(dst, st.atimeMs, st.mtimeMs);
}

/** Whether a directory has no entries (a missing one counts as empty). */
export function isEmptyDir(sys: Sys, path: string): boolean {
  try { return sys.readdir(path).length === 0; } catch { return true; }
}

/** Bytes of the regular files under path (directory.Size: apparent sizes, each inode once). */
export function treeSize(sys: Sys, path: string, seen = new Set<number>()): number {
  let st;
  try { st = sys.lstat(path); } catch { return 0; }
  if ((st.mode & S_IFMT) === S_IFDIR) {
    let n = 0;
    let entries;
    try { entries = sys.readdir(path); } catch { return 0; }
    for (const d of entries) n += treeSize(sys, `${path}/${d.name}`, seen);
    return n;
  }
  if (seen.has(st.ino)) return 0;
  seen.add(st.ino);
  return (st.mode & S_IFMT) === S_IFREG || (st.mode & S_IFMT) === S_IFLNK ? st.size : 0;
}
