// A terminal and its line discipline (Linux's n_tty): input from the master
// side (keystrokes) is edited in canonical mode (erase, kill, word erase,
// ^D end of file), echoed (control characters as ^X with ECHOCTL), turned
// into signals for the foreground process group with ISIG (^C SIGINT,
// ^\ SIGQUIT, ^Z SIGTSTP), and handed to readers of the slave a line at a
// time (or byte by byte in raw mode). Output from the slave goes through
// OPOST|ONLCR ("\n" becomes "\r\n") to the master.

import { EAGAIN, EINTR, EIO, SysError } from '../abi/errno.ts';
import { ECHO, ECHOCTL, ECHOE, ECHOK, ECHOKE, ECHONL, ICANON, ICRNL, IEXTEN, IGNCR, INLCR, ISIG, IUTF8,
  IXON, NOFLSH, OCRNL, ONLCR, OPOST } from '../abi/flags.ts';
import { SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGWINCH } from '../abi/signal.ts';
import type { Termios, Winsize } from '../sys.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import type { Pgrp, Session } from '../process/group.ts';
import { WaitQueue, current, sleepOn } from '../sched/wait.ts';
import { sendSignal } from '../process/signal.ts';

const EMPTY = new Uint8Array(0);
const VWERASE = 23;

export function defaultTermios(): Termios {
  return {
    iflag: ICRNL | IXON | IUTF8, oflag: OPOST | ONLCR,
    lflag: ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
    cc: { intr: 3, quit: 28, erase: 127, kill: 21, eof: 4, susp: 26 },
  };
}

export class Tty {
  termios: Termios = defaultTermios();
  winsize: Winsize = { rows: 24, cols: 80 };
  session: Session | null = null;
  fg: Pgrp | null = null;
  /** Readable input: complete lines (canonical) or bytes (raw); an empty chunk is an EOF mark. */
  private _in: Uint8Array[] = [];
  private _inOff = 0;
  /** The line being edited (canonical mode). */
  private _line: number[] = [];
  readonly rq = new WaitQueue();
  /** Output waiting for master readers (when no host listener takes it). */
  private _out: Uint8Array[] = [];
  readonly mrq = new WaitQueue();
  listeners: ((b: Uint8Array) => void)[] | null = null;
  slaveOpens = 0;
  masterOpen = true;
  /** Ever opened on the slave side (master reads fail with EIO once all slaves closed). */
  slaveSeen = false;
  hungUp = false;
  readonly ino: number;
  /** The devpts instance it shows in, and its number there. */
  instance: import('./devpts.ts').DevptsInstance | null = null;
  instIndex = 0;

  constructor(readonly k: Kernel, readonly index: number, readonly name: string, public uid = 0) {
    this.ino = index + 3;
  }

  // --- input: from the master (keyboard) ---

  input(data: Uint8Array): void {
    const t = this.termios;
    const echo: number[] = [];
    let ready = false;
    for (let i = 0; i < data.length; i++) {
      let c = data[i]!;
      if (c === 13) { if (t.iflag & IGNCR) continue; if (t.iflag & ICRNL) c = 10; }
      else if (c === 10 && (t.iflag & INLCR)) c = 13;
      if (t.lflag & ISIG) {
        const sig = c === t.cc.intr ? SIGINT : c === t.cc.quit ? SIGQUIT : c === t.cc.susp ? SIGTSTP : 0;
        if (sig) {
          if (!(t.lflag & NOFLSH)) { this._line.length = 0; this._in = []; this._inOff = 0; }
          if (t.lflag & ECHO) this.echoChar(echo, c);
          this.flushEcho(echo);
          this.signalFg(sig);
          continue;
        }
      }
      if (t.lflag & ICANON) {
        if (c === t.cc.erase || c === 8 && t.cc.erase === 127) { this.erase(echo, 1); continue; }
        if (c === t.cc.kill) { this.erase(echo, this._line.length, true); continue; }
        if (c === VWERASE && (t.lflag & IEXTEN)) { this.eraseWord(echo); continue; }
        if (c === t.cc.eof) {
          this._in.push(Uint8Array.from(this._line));
          this._line.length = 0;
          ready = true;
          continue;
        }
        this._line.push(c);
        if (t.lflag & ECHO) this.echoChar(echo, c);
        else if (c === 10 && (t.lflag & ECHONL)) echo.push(10);
        if (c === 10) { this._in.push(Uint8Array.from(this._line)); this._line.length = 0; ready = true; }
      } else {
        this._in.push(Uint8Array.of(c));
        if (t.lflag & ECHO) this.echoChar(echo, c);
        ready = true;
      }
    }
    this.flushEcho(echo);
    if (ready) this.rq.wakeAll();
  }

  private echoChar(out: number[], c: number): void {
    if ((this.termios.lflag & ECHOCTL) && (c < 32 && c !== 9 && c !== 10) || c === 127 && (this.termios.lflag & ECHOCTL)) {
      out.push(94, c === 127 ? 63 : c + 64);
    } else out.push(c);
  }

  private charWidth(c: number): number {
    if (c === 9) return 1;
    return (this.termios.lflag & ECHOCTL) && (c < 32 || c === 127) ? 2 : 1;
  }

  /** Removes n characters (UTF-8 aware) from the line, echoing "\b \b" for each column. */
  private erase(out: number[], n: number, kill = false): void {
    const t = this.termios;
    while (n-- > 0 && this._line.length) {
      let c = this._line.pop()!;
      if (t.iflag & IUTF8) while ((c & 0xc0) === 0x80 && this._line.length) c = this._line.pop()!;
      if (!(t.lflag & ECHO)) continue;
      if (kill && !(t.lflag & ECHOKE)) continue;
      if (t.lflag & ECHOE || kill) for (let w = this.charWidth(c); w > 0; w--) out.push(8, 32, 8);
    }
    if (kill && (t.lflag & ECHO) && !(t.lflag & ECHOKE) && (t.lflag & ECHOK)) out.push(10);
  }

  private eraseWord(out: number[]): void {
    const l = this._line;
    while (l.length && (l[l.length - 1] === 32 || l[l.length - 1] === 9)) this.erase(out, 1);
    while (l.length && l[l.length - 1] !== 32 && l[l.length - 1] !== 9) this.erase(out, 1);
  }

  private flushEcho(echo: number[]): void {
    if (echo.length) { this.output(this.opost(Uint8Array.from(echo))); echo.length = 0; }
  }

  signalFg(sig: number): void {
    const g = this.fg;
    if (!g) return;
    for (const p of [...g.members]) sendSignal(this.k, null, p, sig);
  }

  // --- slave side (the programs) ---

  readable(): boolean { return this._in.length > 0 || this.hungUp; }

  /** What a read of up to n bytes returns now, or null when it must wait. */
  take(n: number): Uint8Array | null {
    if (this._in.length === 0) return this.hungUp ? EMPTY : null;
    const canon = (this.termios.lflag & ICANON) !== 0;
    if (!canon) {
      // raw: gather bytes up to n
      let total = 0;
      const parts: Uint8Array[] = [];
      while (this._in.length && total < n) {
        const c = this._in[0]!;
        const avail = c.length - this._inOff;
        const m = Math.min(avail, n - total);
        parts.push(c.subarray(this._inOff, this._inOff + m));
        total += m;
        if (m === avail) { this._in.shift(); this._inOff = 0; } else this._inOff += m;
      }
      const out = new Uint8Array(total);
      let o = 0;
      for (const p of parts) { out.set(p, o); o += p.length; }
      return out;
    }
    const line = this._in[0]!;
    const avail = line.length - this._inOff;
    if (avail <= n) {
      const out = line.slice(this._inOff);
      this._in.shift();
      this._inOff = 0;
      return out;
    }
    const out = line.slice(this._inOff, this._inOff + n);
    this._inOff += n;
    return out;
  }

  /** A background process reading its controlling terminal gets SIGTTIN (EIO when orphaned/ignored). */
  checkRead(p: Proc): void {
    if (!this.session || p.pgrp.session !== this.session || p.pgrp === this.fg || !this.fg) return;
    if (p.action(SIGTTIN) === 'ignore') throw new SysError(EIO);
    for (const q of [...p.pgrp.members]) sendSignal(this.k, null, q, SIGTTIN);
    throw new SysError(EINTR);
  }

  async readSlow(n: number, nonblock: boolean): Promise<Uint8Array> {
    const me = current();
    for (;;) {
      const r = this.take(n);
      if (r) return r;
      if (nonblock) throw new SysError(EAGAIN);
      await sleepOn(me, this.rq);
      this.checkRead(me);
    }
  }

  /** Output from a program: OPOST processing, then to the master side. */
  write(data: Uint8Array): number {
    if (this.hungUp) throw new SysError(EIO);
    const out = this.opost(data);
    this.output(out === data ? data.slice() : out);
    return data.length;
  }

  /** Output processing: ONLCR ("\n" → "\r\n"), OCRNL. */
  opost(data: Uint8Array): Uint8Array {
    const t = this.termios;
    let out = data;
    if ((t.oflag & OPOST) && (t.oflag & (ONLCR | OCRNL))) {
      let extra = 0;
      for (let i = 0; i < data.length; i++) if (data[i] === 10) extra++;
      if (extra && (t.oflag & ONLCR)) {
        out = new Uint8Array(data.length + extra);
        let o = 0;
        for (let i = 0; i < data.length; i++) {
          const c = data[i]!;
          if (c === 10) out[o++] = 13;
          out[o++] = c;
        }
      } else if (t.oflag & OCRNL) {
        out = data.map((c) => (c === 13 ? 10 : c));
      }
    }
    return out;
  }

  /** Bytes towards the master (echo and program output). */
  output(b: Uint8Array): void {
    if (this.listeners) { for (const l of this.listeners) l(b); return; }
    if (!this.masterOpen) return;
    this._out.push(b);
    this.mrq.wakeAll();
  }

  // --- master side ---

  masterTake(n: number): Uint8Array | null {
    const o = this._out;
    if (o.length === 0) {
      if (this.slaveSeen && this.slaveOpens === 0) throw new SysError(EIO);
      return null;
    }
    const first = o[0]!;
    if (first.length <= n) { o.shift(); return first; }
    o[0] = first.subarray(n);
    return first.subarray(0, n);
  }

  setWinsize(ws: Winsize): void {
    const changed = ws.rows !== this.winsize.rows || ws.cols !== this.winsize.cols;
    this.winsize = { rows: ws.rows, cols: ws.cols };
    if (changed) this.signalFg(SIGWINCH);
  }

  /** The session leader left (or the master closed): SIGHUP and SIGCONT to the session's foreground. */
  hangup(_leader?: Proc): void {
    const fg = this.fg;
    if (this.session) this.session.tty = null;
    this.session = null;
    this.fg = null;
    if (fg) for (const p of [...fg.members]) { sendSignal(this.k, null, p, SIGHUP); sendSignal(this.k, null, p, SIGCONT); }
  }

  /** The master side is gone: the slave reads EOF and writes fail. */
  masterClosed(): void {
    this.masterOpen = false;
    this.hungUp = true;
    const s = this.session;
    this.rq.wakeAll();
    if (s) {
      const fg = this.fg;
      this.hangup();
      void fg;
    }
  }

  /** Attaches this terminal to p's session as its controlling terminal (TIOCSCTTY). */
  makeControlling(p: Proc): void {
    const s = p.pgrp.session;
    if (this.session && this.session !== s) this.session.tty = null;
    s.tty = this;
    this.session = s;
    this.fg = p.pgrp;
  }
}
