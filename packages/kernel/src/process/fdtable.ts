// The file-descriptor table: slots pointing at shared open file descriptions
// (refcounted, released when the last fd goes), with FD_CLOEXEC per slot.

import { EBADF, EMFILE, SysError } from '../abi/errno.ts';
import type { OpenFile } from '../vfs/file.ts';
import type { Proc } from './proc.ts';

export const NOFILE = 1048576;

export function getFile(p: Proc, fd: number): OpenFile {
  const f = p.fds[fd];
  if (!f) throw new SysError(EBADF);
  return f;
}

/** Installs file at the lowest free fd >= min (takes a new reference). */
export function fdAlloc(p: Proc, file: OpenFile, cloexec = false, min = 0): number {
  const fd = p.freeFd(min);
  if (fd >= NOFILE) throw new SysError(EMFILE);
  file.refs++;
  return p.installFd(fd, file, cloexec);
}

/** Puts file at fd, closing what was there (dup2). */
export function fdReplace(p: Proc, fd: number, file: OpenFile, cloexec = false): void {
  const old = p.fds[fd];
  file.refs++;
  p.installFd(fd, file, cloexec);
  if (old) putFile(old);
}

export function fdClose(p: Proc, fd: number): void {
  const f = p.fds[fd];
  if (!f) throw new SysError(EBADF);
  p.fds[fd] = null;
  p.cloexec[fd] = false;
  while (p.fds.length && !p.fds[p.fds.length - 1]) { p.fds.pop(); p.cloexec.pop(); }
  putFile(f);
}

export function putFile(f: OpenFile): void {
  if (--f.refs === 0) f.release();
}

export function closeAllFds(p: Proc): void {
  const fds = p.fds;
  p.fds = [];
  p.cloexec = [];
  for (const f of fds) if (f) putFile(f);
}

/** Closes the FD_CLOEXEC descriptors and leaves a table just long enough for the rest. */
export function closeOnExec(p: Proc): void {
  const fds = p.fds, cx = p.cloexec;
  let last = -1;
  const closing: OpenFile[] = [];
  for (let i = 0; i < fds.length; i++) {
    const f = fds[i];
    if (!f) continue;
    if (cx[i]) closing.push(f);
    else last = i;
  }
  if (closing.length === 0) return;
  const nf = new Array<OpenFile | null>(last + 1), nc = new Array<boolean>(last + 1);
  for (let i = 0; i <= last; i++) { nf[i] = cx[i] ? null : fds[i] ?? null; nc[i] = false; }
  p.fds = nf;
  p.cloexec = nc;
  for (const f of closing) putFile(f);
}

/** The child's copy of the table: same descriptions, one more reference each. */
export function copyFds(from: Proc, to: Proc): void {
  let n = from.fds.length;
  while (n > 0 && !from.fds[n - 1]) n--;
  to.fds = from.fds.slice(0, n);
  to.cloexec = from.cloexec.slice(0, n);
  for (const f of to.fds) if (f) f.refs++;
}
