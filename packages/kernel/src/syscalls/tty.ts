// Terminal system calls (the termios ioctls): attributes, foreground group,
// window size, controlling terminal, openpty.

import { EINVAL, ENOTTY, EPERM, SysError } from '../abi/errno.ts';
import { O_NOCTTY, O_RDWR } from '../abi/flags.ts';
import type { Termios, Winsize } from '../sys.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import type { Tty } from '../tty/tty.ts';
import { PtyMasterFile, PtySlaveFile } from '../tty/pty.ts';
import { instanceFor } from '../tty/devpts.ts';
import { fdAlloc, getFile } from '../process/fdtable.ts';
import { pidIn } from '../process/pidns.ts';

export function ttyOf(p: Proc, fd: number): Tty {
  const f = getFile(p, fd);
  if (f instanceof PtySlaveFile || f instanceof PtyMasterFile) return f.tty;
  throw new SysError(ENOTTY);
}

export function isatty(p: Proc, fd: number): boolean {
  const f = getFile(p, fd);
  return f instanceof PtySlaveFile || f instanceof PtyMasterFile;
}

export function ttyname(p: Proc, fd: number): string {
  const f = getFile(p, fd);
  if (f instanceof PtySlaveFile) return f.tty.name;
  throw new SysError(ENOTTY);
}

export function openpty(k: Kernel, p: Proc): { master: number; slave: number; name: string } {
  const m = k.ptys.openMaster(O_RDWR, instanceFor(k, p.fs), p.euid);
  const master = fdAlloc(p, m);
  const slave = fdAlloc(p, k.ptys.openSlave(m.tty.index, O_RDWR | O_NOCTTY, p));
  return { master, slave, name: m.tty.name };
}

export function tcgetattr(p: Proc, fd: number): Termios {
  const t = ttyOf(p, fd).termios;
  return { iflag: t.iflag, oflag: t.oflag, lflag: t.lflag, cc: { ...t.cc } };
}

export function tcsetattr(p: Proc, fd: number, t: Termios): void {
  const tty = ttyOf(p, fd);
  tty.termios = { iflag: t.iflag, oflag: t.oflag, lflag: t.lflag, cc: { ...t.cc } };
}

export function tcgetpgrp(p: Proc, fd: number): number {
  const t = ttyOf(p, fd);
  if (t.session !== p.pgrp.session) throw new SysError(ENOTTY);
  return t.fg ? pidIn(p.pidns, t.fg.nspids, t.fg.home) : 0;
}

export function tcsetpgrp(p: Proc, fd: number, pgrp: number): void {
  const t = ttyOf(p, fd);
  if (t.session !== p.pgrp.session) throw new SysError(ENOTTY);
  const g = p.pidns.pgrps.get(pgrp);
  if (!g) throw new SysError(EPERM);
  if (g.session !== t.session) throw new SysError(EPERM);
  t.fg = g;
}

export function getwinsize(p: Proc, fd: number): Winsize { const w = ttyOf(p, fd).winsize; return { rows: w.rows, cols: w.cols }; }

export function setwinsize(p: Proc, fd: number, ws: Winsize): void {
  if (!(ws.rows >= 0 && ws.cols >= 0)) throw new SysError(EINVAL);
  ttyOf(p, fd).setWinsize(ws);
}

/** TIOCSCTTY: a session leader takes the terminal (root may steal it from another session). */
export function setctty(p: Proc, fd: number): void {
  const t = ttyOf(p, fd);
  const s = p.pgrp.session;
  if (s.leaderPid !== p.pid) throw new SysError(EPERM);
  if (s.tty === t) return;
  if (s.tty) throw new SysError(EPERM);
  if (t.session && t.session !== s && p.euid !== 0) throw new SysError(EPERM);
  t.makeControlling(p);
}
