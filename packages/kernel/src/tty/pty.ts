// Pseudo-terminals (Linux's drivers/tty/pty.c and devpts): /dev/ptmx hands
// out a master whose slave appears as /dev/pts/N. The host (a browser
// terminal) can hold a master itself through createPty(); a program (the
// containerd shim relaying `docker run -t`) gets one with openpty().

import { EAGAIN, EBADF, ENXIO, ESPIPE, SysError } from '../abi/errno.ts';
import { O_NOCTTY, O_NONBLOCK, O_RDWR, S_IFCHR } from '../abi/flags.ts';
import type { Stat, Winsize } from '../sys.ts';
import type { FileKind, OpenFile } from '../vfs/file.ts';
import { makedev } from '../vfs/dev.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import { Tty } from './tty.ts';
import { DevptsInstance } from './devpts.ts';
import { current, currentOrNull, sleepOn } from '../sched/wait.ts';

export const PTY_SLAVE_MAJOR = 136, TTYAUX_MAJOR = 5;

export interface HostPty {
  readonly path: string;
  readonly index: number;
  /** Keystrokes into the terminal. */
  write(input: string | Uint8Array): void;
  onOutput(cb: (b: Uint8Array) => void): { dispose(): void };
  resize(ws: Winsize): void;
}

const enc = new TextEncoder();

/** The slave side open file (/dev/pts/N). */
export class PtySlaveFile implements OpenFile {
  readonly kind: FileKind = 'tty';
  refs = 0;
  constructor(readonly tty: Tty, public flags: number) { tty.slaveOpens++; tty.slaveSeen = true; }

  read(n: number): Uint8Array | Promise<Uint8Array> {
    const t = this.tty;
    const p = currentOrNull();
    if (p) t.checkRead(p);
    const r = t.take(n);
    if (r) return r;
    if (this.flags & O_NONBLOCK) throw new SysError(EAGAIN);
    return t.readSlow(n, false);
  }

  write(data: Uint8Array): number { return this.tty.write(data); }

  stat(): Stat {
    const t = this.tty.k.clock.realtime();
    return { dev: 0x18, ino: this.tty.ino, mode: S_IFCHR | 0o620, nlink: 1, uid: this.tty.uid, gid: 5,
      rdev: makedev(PTY_SLAVE_MAJOR, this.tty.instIndex), size: 0, blocks: 0, atimeMs: t, mtimeMs: t, ctimeMs: t };
  }

  seek(): number { throw new SysError(ESPIPE); }
  release(): void { this.tty.slaveOpens--; if (this.tty.slaveOpens === 0) this.tty.mrq.wakeAll(); }
}

/** The master side open file (from /dev/ptmx or openpty). */
export class PtyMasterFile implements OpenFile {
  readonly kind: FileKind = 'ptmx';
  refs = 0;
  constructor(readonly tty: Tty, public flags: number, private readonly _reg: PtyRegistry) {}

  read(n: number): Uint8Array | Promise<Uint8Array> {
    const r = this.tty.masterTake(n);
    if (r) return r;
    if (this.flags & O_NONBLOCK) throw new SysError(EAGAIN);
    return this._readSlow(n);
  }

  private async _readSlow(n: number): Promise<Uint8Array> {
    const me = current();
    for (;;) {
      await sleepOn(me, this.tty.mrq);
      const r = this.tty.masterTake(n);
      if (r) return r;
    }
  }

  write(data: Uint8Array): number { this.tty.input(data); return data.length; }

  stat(): Stat {
    const t = this.tty.k.clock.realtime();
    return { dev: 0x6, ino: 87, mode: S_IFCHR | 0o666, nlink: 1, uid: 0, gid: 5,
      rdev: makedev(TTYAUX_MAJOR, 2), size: 0, blocks: 0, atimeMs: t, mtimeMs: t, ctimeMs: t };
  }

  seek(): number { throw new SysError(ESPIPE); }
  release(): void { this.tty.masterClosed(); this._reg.free(this.tty); }
}

/**
 * Numbers ptys kernel-wide (the minor of 136:N) and per devpts instance (the
 * name /dev/pts/N a process sees), lowest free first, as devpts does.
 */
export class PtyRegistry {
  private readonly _ttys = new Map<number, Tty>();
  readonly hostInstance = new DevptsInstance(0, 0o620, 5);
  constructor(private readonly _k: Kernel) {}

  get(index: number): Tty | undefined { return this._ttys.get(index); }

  alloc(inst: DevptsInstance = this.hostInstance, uid = 0): Tty {
    let i = 0;
    while (this._ttys.has(i)) i++;
    const n = inst.nextIndex();
    const t = new Tty(this._k, i, `/dev/pts/${n}`, uid);
    t.instance = inst;
    t.instIndex = n;
    this._ttys.set(i, t);
    inst.ttys.set(n, t);
    this._k.vfs.devices.register(PTY_SLAVE_MAJOR, i, (flags, ctx) => this.openSlave(i, flags, (ctx.task as Proc | undefined) ?? null));
    return t;
  }

  free(t: Tty): void {
    if (this._ttys.get(t.index) === t) {
      this._ttys.delete(t.index);
      this._k.vfs.devices.unregister(PTY_SLAVE_MAJOR, t.index);
    }
    if (t.instance && t.instance.ttys.get(t.instIndex) === t) t.instance.ttys.delete(t.instIndex);
  }

  openMaster(flags = O_RDWR, inst?: DevptsInstance, uid = 0): PtyMasterFile {
    return new PtyMasterFile(this.alloc(inst, uid), flags, this);
  }

  /** Opens /dev/pts/N; a session leader without a terminal acquires it (unless O_NOCTTY). */
  openSlave(index: number, flags: number, p: Proc | null): PtySlaveFile {
    const t = this._ttys.get(index);
    if (!t || !t.masterOpen) throw new SysError(ENXIO);
    const f = new PtySlaveFile(t, flags);
    if (p && !(flags & O_NOCTTY)) {
      const s = p.pgrp.session;
      if (s.leaderPid === p.pid && !s.tty && !t.session) t.makeControlling(p);
    }
    return f;
  }

  /** A terminal whose master side is the host (a browser tab, a CLI session). */
  hostPty(): HostPty {
    const t = this.alloc();
    t.listeners = [];
    t.slaveSeen = false;
    return {
      path: t.name,
      index: t.index,
      write: (input) => t.input(typeof input === 'string' ? enc.encode(input) : input),
      onOutput: (cb) => {
        t.listeners!.push(cb);
        return { dispose: () => { const i = t.listeners!.indexOf(cb); if (i >= 0) t.listeners!.splice(i, 1); } };
      },
      resize: (ws) => t.setWinsize(ws),
    };
  }
}

/** /dev/tty (5:0): the caller's controlling terminal. */
export function openControllingTty(p: Proc | null, flags: number): OpenFile {
  const t = p?.pgrp.session.tty;
  if (!t) throw new SysError(ENXIO);
  return new PtySlaveFile(t, flags | O_NOCTTY);
}

void EBADF;
