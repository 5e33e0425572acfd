// File system calls that need more than the VFS: descriptors (open, close,
// read, write, dup, pipe, flags), SIGPIPE on EPIPE, cwd and root changes.
// Plain path operations go straight to the VFS with the caller's FsContext.

import { EBADF, ENOENT, EPERM, EPIPE, SysError, isSysError } from '../abi/errno.ts';
import type { OpenFile } from '../vfs/file.ts';
import { openNsLink } from '../ns/nsfile.ts';
import { O_CLOEXEC, O_NONBLOCK, O_RDONLY, O_WRONLY, S_IFMT, S_IFSOCK } from '../abi/flags.ts';
import { SIGPIPE } from '../abi/signal.ts';
import type { Stat } from '../sys.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import { fdAlloc, fdClose, fdReplace, getFile } from '../process/fdtable.ts';
import { sendSignal } from '../process/signal.ts';
import { Pipe, PipeEnd } from '../ipc/pipe.ts';
import { never } from '../sched/wait.ts';

const enc = new TextEncoder();

export function open(k: Kernel, p: Proc, path: string, flags: number, mode: number): number {
  let f: OpenFile;
  try {
    f = k.vfs.open(p.fs, path, flags, mode);
  } catch (e) {
    // /proc/PID/ns/* are magic links: opening one gives the namespace itself (for setns)
    const ns = isSysError(e, ENOENT) ? openNsLink(k, p, path) : undefined;
    if (!ns) throw e;
    f = ns;
  }
  return fdAlloc(p, f, (flags & O_CLOEXEC) !== 0);
}

export function close(p: Proc, fd: number): void { fdClose(p, fd); }

export function read(_k: Kernel, p: Proc, fd: number, n: number): Uint8Array | Promise<Uint8Array> {
  return getFile(p, fd).read(n);
}

export function write(k: Kernel, p: Proc, fd: number, data: Uint8Array | string): number | Promise<number> {
  const f = getFile(p, fd);
  const b = typeof data === 'string' ? enc.encode(data) : data;
  try {
    const r = f.write(b);
    if (r instanceof Promise) return r.catch((e) => epipe(k, p, e));
    return r;
  } catch (e) {
    return epipe(k, p, e);
  }
}

/** EPIPE raises SIGPIPE first; when that kills the writer, the call never returns. */
function epipe(k: Kernel, p: Proc, e: unknown): Promise<never> {
  if (isSysError(e, EPIPE)) {
    sendSignal(k, p, p, SIGPIPE);
    if (!p.alive) return never();
  }
  throw e;
}

export function lseek(p: Proc, fd: number, offset: number, whence: number): number {
  return getFile(p, fd).seek(offset, whence);
}

export function fstat(p: Proc, fd: number): Stat { return getFile(p, fd).stat(); }

export function access(k: Kernel, p: Proc, path: string, mode: number): void {
  // access(2) checks with the real ids
  k.vfs.access({ ...p.fs, cred: { uid: p.uid, gid: p.gid, groups: p.groups } }, path, mode);
}

export function fchmod(k: Kernel, p: Proc, fd: number, mode: number): void { k.vfs.fchmod(p.fs, getFile(p, fd), mode); }
export function ftruncate(k: Kernel, p: Proc, fd: number, length: number): void { k.vfs.ftruncate(p.fs, getFile(p, fd), length); }

export function mknod(k: Kernel, p: Proc, path: string, mode: number, dev: number): void {
  if ((mode & S_IFMT) === S_IFSOCK) throw new SysError(EPERM);
  k.vfs.mknod(p.fs, path, mode, dev);
}

export function chdir(k: Kernel, p: Proc, path: string): void { p.fs.cwd = k.vfs.resolveDir(p.fs, path); }

export function fchdir(k: Kernel, p: Proc, fd: number): void { p.fs.cwd = k.vfs.fileLocation(getFile(p, fd)); }

export function chroot(k: Kernel, p: Proc, path: string): void {
  if (p.euid !== 0) throw new SysError(EPERM);
  p.fs.root = k.vfs.resolveDir(p.fs, path);
}

export function dup(p: Proc, fd: number): number { return fdAlloc(p, getFile(p, fd)); }

export function dup2(p: Proc, fd: number, newfd: number): number {
  const f = getFile(p, fd);
  if (newfd < 0) throw new SysError(EBADF);
  if (fd === newfd) return newfd;
  fdReplace(p, newfd, f);
  return newfd;
}

export function pipe(k: Kernel, p: Proc): [number, number] {
  const pp = new Pipe(k.newPipeIno(), k.clock.realtime());
  const r = fdAlloc(p, new PipeEnd(pp, O_RDONLY));
  const w = fdAlloc(p, new PipeEnd(pp, O_WRONLY));
  return [r, w];
}

export function setCloexec(p: Proc, fd: number, on: boolean): void { getFile(p, fd); p.cloexec[fd] = on; }

export function setNonblock(p: Proc, fd: number, on: boolean): void {
  const f = getFile(p, fd);
  f.flags = on ? f.flags | O_NONBLOCK : f.flags & ~O_NONBLOCK;
}

export function fds(p: Proc): number[] {
  const out: number[] = [];
  for (let i = 0; i < p.fds.length; i++) if (p.fds[i]) out.push(i);
  return out;
}
