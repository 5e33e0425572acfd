// A process's stdio in the shim (pkg/process/io.go): without a terminal,
// one pipe per stream between the process and the shim, copied to/from the
// FIFOs dockerd made (the shim opens them); with a terminal, runc's init
// makes the pty inside the container and sends its master over the console
// socket, and the shim copies master <-> FIFOs (the platform's CopyConsole).
// `done` settles when every output stream has hit EOF (all writers gone).

import { O_RDONLY, O_WRONLY, O_CLOEXEC } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import type { TaskIO } from '../api.ts';
import { ConsoleSocket } from './console-socket.ts';

export class ProcessIO {
  /** The fds the process gets as 0, 1, 2 (-1: /dev/null). */
  readonly child: [number, number, number] = [-1, -1, -1];
  /** The pty master (terminal, once runc's init has sent it) or -1. */
  master = -1;
  /** With a terminal: the console socket while runc runs, the FIFOs the master is copied with, a size asked for early. */
  private _console: ConsoleSocket | null = null;
  private _ttyOut = -1;
  private _size: { width: number; height: number } | null = null;
  private readonly _terminal: boolean;
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
    this._terminal = io.terminal;
    if (io.terminal) {
      // runc's stdio stay /dev/null: the process's are the slave the init opens
      if (io.stdout) { this._ttyOut = this._openFifo(io.stdout, O_WRONLY); this._pending++; }
      if (io.stdin) this._stdinFifo = this._openFifo(io.stdin, O_RDONLY);
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

  private _copyOut(from: number, to: number, closeFrom: boolean, reserved = false): void {
    if (!reserved) this._pending++;
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

  /** With a terminal: the --console-socket path for runc (made on first call). */
  consoleSocketPath(): string | undefined {
    if (!this._terminal) return undefined;
    this._console ??= ConsoleSocket.open(this.sys);
    return this._console.path;
  }

  /** Once runc has succeeded: take the master from the console socket and copy it to and from the FIFOs. */
  async receiveConsole(): Promise<void> {
    const c = this._console;
    if (!c) return;
    try { this.master = await c.receiveMaster(); } finally { this._closeConsoleSocket(); }
    const m = this.master;
    if (this._size) this.resize(this._size.width, this._size.height);
    if (this._ttyOut >= 0) { const out = this._ttyOut; this._ttyOut = -1; this._copyOut(m, out, false, true); }
    if (this._stdinFifo >= 0) void this._copyIn(this._stdinFifo, m, false);
  }

  private _closeConsoleSocket(): void {
    if (this._console) { this._console.close(); this._console = null; }
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
    else if (this._terminal) this._size = { width, height };
  }

  /** Tears everything down (create failed). */
  close(): void {
    this._discard = true;
    this._closeConsoleSocket();
    this.releaseChildEnds();
    this.closeStdin();
    if (this._ttyOut >= 0) {
      try { this.sys.close(this._ttyOut); } catch { /* closed */ }
      this._ttyOut = -1;
      if (--this._pending === 0) this._finish();
    }
  }
}
