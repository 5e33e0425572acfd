// A process's stdio in the shim (pkg/process/io.go): without a terminal,
// one pipe per stream between the process and the shim, copied to/from the
// FIFOs dockerd made (the shim opens them); with a terminal, a pty whose
// slave is the process's stdio while the shim copies master <-> FIFOs.
// `done` settles when every output stream has hit EOF (all writers gone).

import { O_RDONLY, O_WRONLY, O_CLOEXEC } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import type { TaskIO } from '../api.ts';

export class ProcessIO {
  /** The fds the process gets as 0, 1, 2 (-1: /dev/null). */
  readonly child: [number, number, number] = [-1, -1, -1];
  /** The pty master (terminal) or -1. */
  master = -1;
  /** Where closeIO closes stdin: the write end of the stdin pipe (or the master's input side). */
  private _stdinW = -1;
  private _stdinFifo = -1;
  private _pending = 0;
  private _done: (() => void) | null = null;
  readonly done: Promise<void>;
  private readonly _own: number[] = [];
  /** Pipes are copied to the FIFOs only once the runtime has started the
   * process (copyPipes runs after runc returns): what runc itself wrote to
   * them on failure is dropped. */
  private _release: (() => void) | null = null;
  private readonly _released = new Promise<void>((r) => { this._release = r; });
  private _discard = false;

  constructor(private readonly sys: Sys, io: TaskIO) {
    this.done = new Promise((r) => { this._done = r; });
    const cloexec = (fd: number) => { sys.setCloexec(fd, true); return fd; };
    if (io.terminal) {
      const { master, slave } = sys.openpty();
      this.master = cloexec(master);
      cloexec(slave);
      this.child[0] = this.child[1] = this.child[2] = slave;
      this._own.push(slave);
      if (io.stdout) this._copyOut(master, this._openFifo(io.stdout, O_WRONLY), false);
      if (io.stdin) { this._stdinFifo = this._openFifo(io.stdin, O_RDONLY); void this._copyIn(this._stdinFifo, master, false); }
    } else {
      if (io.stdin) {
        const [r, w] = sys.pipe();
        cloexec(r); cloexec(w);
        this.child[0] = r;
        this._own.push(r);
        this._stdinW = w;
        this._stdinFifo = this._openFifo(io.stdin, O_RDONLY);
        void this._copyIn(this._stdinFifo, w, true);
      }
      if (io.stdout) this.child[1] = this._outPipe(io.stdout);
      if (io.stderr) this.child[2] = this._outPipe(io.stderr);
    }
    if (this._pending === 0) this._finish();
  }

  private _openFifo(path: string, flags: number): number {
    return this.sys.open(path, flags | O_CLOEXEC);
  }

  private _outPipe(fifo: string): number {
    const sys = this.sys;
    const [r, w] = sys.pipe();
    sys.setCloexec(r, true); sys.setCloexec(w, true);
    this._own.push(w);
    this._copyOut(r, this._openFifo(fifo, O_WRONLY), true);
    return w;
  }

  private _copyOut(from: number, to: number, closeFrom: boolean): void {
    this._pending++;
    const sys = this.sys;
    void (async () => {
      try {
        if (closeFrom) await this._released;
        for (;;) {
          const b = await sys.read(from);
          if (b.length === 0) break;
          if (!this._discard) await sys.write(to, b);
        }
      } catch { /* EIO on a hung-up master, EPIPE on a gone reader */ }
      if (closeFrom) sys.close(from);
      sys.close(to);
      if (--this._pending === 0) this._finish();
    })();
  }

  private async _copyIn(from: number, to: number, closeTo: boolean): Promise<void> {
    const sys = this.sys;
    try {
      for (;;) {
        const b = await sys.read(from);
        if (b.length === 0) break;
        await sys.write(to, b);
      }
    } catch { /* closed */ }
    if (this._stdinFifo === from) { this._stdinFifo = -1; try { sys.close(from); } catch { /* closed by closeIO */ } }
    if (closeTo) this.closeStdin();
  }

  private _finish(): void {
    const d = this._done;
    this._done = null;
    if (d) d();
    if (this.master >= 0) { try { this.sys.close(this.master); } catch { /* closed */ } this.master = -1; }
  }

  /** After the runtime has handed the fds to the process: the shim keeps only its own ends. */
  releaseChildEnds(): void {
    for (const fd of this._own) try { this.sys.close(fd); } catch { /* closed */ }
    this._own.length = 0;
    this._release?.();
  }

  /** CloseIO: the process sees EOF on stdin. */
  closeStdin(): void {
    if (this._stdinW >= 0) { try { this.sys.close(this._stdinW); } catch { /* closed */ } this._stdinW = -1; }
    if (this._stdinFifo >= 0) { try { this.sys.close(this._stdinFifo); } catch { /* closed */ } this._stdinFifo = -1; }
  }

  resize(width: number, height: number): void {
    if (this.master >= 0) this.sys.setwinsize(this.master, { rows: height, cols: width });
  }

  /** Tears everything down (create failed). */
  close(): void {
    this._discard = true;
    this.releaseChildEnds();
    this.closeStdin();
  }
}
