// Pipes and FIFOs (Linux's fs/pipe.c): a 64 KiB buffer between a read end and
// a write end. Reads block while it is empty and a writer exists (EOF once
// none does); writes block while it is full and fail with EPIPE (the system
// call then raises SIGPIPE) once no reader exists.

import { EAGAIN, EBADF, EPIPE, ESPIPE, SysError } from '../abi/errno.ts';
import { O_NONBLOCK, O_RDONLY, O_WRONLY, S_IFIFO } from '../abi/flags.ts';
import type { Stat } from '../sys.ts';
import type { FileKind, OpenFile } from '../vfs/file.ts';
import { Recheck, WaitQueue, current, sleepOn } from '../sched/wait.ts';
import type { Proc } from '../process/proc.ts';

export const PIPE_BUF_SIZE = 65536;
const EMPTY = new Uint8Array(0);

export class Pipe {
  private _chunks: Uint8Array[] = [];
  private _off = 0;
  size = 0;
  readers = 0;
  writers = 0;
  readonly rq = new WaitQueue();
  readonly wq = new WaitQueue();
  constructor(readonly ino: number, readonly ctime: number) {}

  take(n: number): Uint8Array {
    const c = this._chunks;
    const first = c[0]!;
    const avail = first.length - this._off;
    let out: Uint8Array;
    if (n >= avail) {
      out = this._off === 0 ? first : first.subarray(this._off);
      c.shift();
      this._off = 0;
      // gather more whole chunks while they fit
      if (c.length && n > out.length) {
        let total = out.length;
        let i = 0;
        while (i < c.length && total + c[i]!.length <= n) total += c[i++]!.length;
        if (i > 0) {
          const buf = new Uint8Array(total);
          buf.set(out, 0);
          let o = out.length;
          for (let j = 0; j < i; j++) { buf.set(c[j]!, o); o += c[j]!.length; }
          c.splice(0, i);
          out = buf;
        }
      }
    } else {
      out = first.slice(this._off, this._off + n);
      this._off += n;
    }
    this.size -= out.length;
    this.wq.wakeAll();
    return out;
  }

  put(data: Uint8Array): void {
    this._chunks.push(data);
    this.size += data.length;
    this.rq.wakeAll();
  }
}

/** A reader blocked on an empty pipe. */
class PipeRead extends Recheck<Uint8Array> {
  constructor(me: Proc, private readonly _end: PipeEnd, private readonly _n: number,
    resolve: (b: Uint8Array) => void, reject: (e: unknown) => void) {
    super(me, _end.pipe.rq, resolve, reject);
  }

  protected poll(): Uint8Array | undefined { return this._end.pollRead(this._n); }
}

/** One end of a pipe. */
export class PipeEnd implements OpenFile {
  readonly kind: FileKind = 'pipe';
  refs = 0;
  /**
   * A FIFO end opened before its peer: Linux blocks such an open until the
   * peer comes; here the first read or write waits for it instead.
   */
  private _waitPeer = false;
  constructor(readonly pipe: Pipe, public flags: number, private readonly _onRelease?: () => void, fifo = false) {
    const acc = flags & 3;
    if (fifo && !(flags & O_NONBLOCK)) {
      if (acc === O_RDONLY && pipe.writers === 0) this._waitPeer = true;
      if (acc === O_WRONLY && pipe.readers === 0) this._waitPeer = true;
    }
    if (acc === O_RDONLY || acc === 2) { pipe.readers++; pipe.wq.wakeAll(); }
    if (acc === O_WRONLY || acc === 2) { pipe.writers++; pipe.rq.wakeAll(); }
  }

  read(n: number): Uint8Array | Promise<Uint8Array> {
    if ((this.flags & 3) === O_WRONLY) throw new SysError(EBADF);
    const p = this.pipe;
    if (p.size > 0) return p.take(n);
    if (p.writers > 0) this._waitPeer = false;
    else if (!this._waitPeer) return EMPTY;
    if (this.flags & O_NONBLOCK) throw new SysError(EAGAIN);
    return this._readSlow(n);
  }

  private _readSlow(n: number): Promise<Uint8Array> {
    const me = current();
    return new Promise<Uint8Array>((resolve, reject) => new PipeRead(me, this, n, resolve, reject).park());
  }

  /** What a blocked read gets now: data, EMPTY at EOF, or undefined to wait on. */
  pollRead(n: number): Uint8Array | undefined {
    const p = this.pipe;
    if (p.writers > 0) this._waitPeer = false;
    if (p.size > 0) return p.take(n);
    if (p.writers === 0 && !this._waitPeer) return EMPTY;
    return undefined;
  }

  write(data: Uint8Array): number | Promise<number> {
    if ((this.flags & 3) === O_RDONLY) throw new SysError(EBADF);
    const p = this.pipe;
    if (this._waitPeer) {
      if (p.readers > 0) this._waitPeer = false;
      else return this._writeSlow(data);
    }
    if (p.readers === 0) throw new SysError(EPIPE);
    const room = PIPE_BUF_SIZE - p.size;
    if (data.length <= room) { p.put(data.slice()); return data.length; }
    if (this.flags & O_NONBLOCK) {
      if (room === 0) throw new SysError(EAGAIN);
      p.put(data.slice(0, room));
      return room;
    }
    return this._writeSlow(data);
  }

  private async _writeSlow(data: Uint8Array): Promise<number> {
    const me = current(), p = this.pipe;
    let off = 0;
    while (this._waitPeer) {
      if (p.readers > 0) { this._waitPeer = false; break; }
      await sleepOn(me, p.wq);
    }
    while (off < data.length) {
      if (p.readers === 0) {
        if (off > 0) return off;
        throw new SysError(EPIPE);
      }
      const room = PIPE_BUF_SIZE - p.size;
      if (room > 0) {
        const n = Math.min(room, data.length - off);
        p.put(data.slice(off, off + n));
        off += n;
        continue;
      }
      await sleepOn(me, p.wq);
    }
    return off;
  }

  stat(): Stat {
    const t = this.pipe.ctime;
    return { dev: 0xd, ino: this.pipe.ino, mode: S_IFIFO | 0o600, nlink: 1, uid: 0, gid: 0, rdev: 0,
      size: 0, blocks: 0, atimeMs: t, mtimeMs: t, ctimeMs: t };
  }

  seek(): number { throw new SysError(ESPIPE); }

  release(): void {
    const p = this.pipe;
    if ((this.flags & 3) === O_RDONLY || (this.flags & 3) === 2) { p.readers--; if (p.readers === 0) p.wq.wakeAll(); }
    if ((this.flags & 3) === O_WRONLY || (this.flags & 3) === 2) { p.writers--; if (p.writers === 0) p.rq.wakeAll(); }
    this._onRelease?.();
  }
}
