// Standard streams the host provides to processes it spawns: a pipe the host
// writes into (a process's stdin) and a sink that hands a process's output to
// a host callback.

import { EBADF, ESPIPE, SysError } from '../abi/errno.ts';
import { O_RDONLY, O_WRONLY, S_IFIFO } from '../abi/flags.ts';
import type { Stat } from '../sys.ts';
import type { FileKind, OpenFile } from '../vfs/file.ts';
import type { Kernel } from '../kernel.ts';
import { Pipe, PipeEnd, PIPE_BUF_SIZE } from './pipe.ts';

export interface HostPipe {
  /** Feeds the process's stdin (never blocks: the host's data is queued beyond 64 KiB). */
  write(data: string | Uint8Array): void;
  /** Closes the write end: the reader sees EOF after the data. */
  end(): void;
}

const enc = new TextEncoder();

export class HostPipeFile implements HostPipe {
  readonly pipe: Pipe;
  private _ended = false;
  constructor(k: Kernel) {
    this.pipe = new Pipe(k.newPipeIno(), k.clock.realtime());
    this.pipe.writers++;
  }
  readEnd(): OpenFile { return new PipeEnd(this.pipe, O_RDONLY); }
  write(data: string | Uint8Array): void {
    if (this._ended) return;
    const b = typeof data === 'string' ? enc.encode(data) : data.slice();
    if (b.length) this.pipe.put(b);
  }
  end(): void {
    if (this._ended) return;
    this._ended = true;
    this.pipe.writers--;
    this.pipe.rq.wakeAll();
  }
}
void PIPE_BUF_SIZE;

/** A write-only file whose data goes to a host callback (as if a pipe the host drains at once). */
export class HostSinkFile implements OpenFile {
  readonly kind: FileKind = 'pipe';
  refs = 0;
  flags = O_WRONLY;
  constructor(private readonly _cb: (b: Uint8Array) => void, private readonly _ino = 0) {}
  read(): Uint8Array { throw new SysError(EBADF); }
  write(data: Uint8Array): number { this._cb(data.slice()); return data.length; }
  stat(): Stat {
    return { dev: 0xd, ino: this._ino, mode: S_IFIFO | 0o600, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0,
      blocks: 0, atimeMs: 0, mtimeMs: 0, ctimeMs: 0 };
  }
  seek(): number { throw new SysError(ESPIPE); }
  release(): void {}
}
void O_RDONLY;
