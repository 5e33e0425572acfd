// A process's standard streams as dockerd handles them: it reads the FIFOs the
// shim writes into, keeps every line in the container's log (the json-file
// driver's job), and fans the bytes out to attached clients, framed with
// stdcopy headers unless the process has a TTY. Input from an attached client
// goes into the stdin FIFO.

import { O_RDWR, S_IFIFO, type Sys } from '@dockersim/kernel';
import { concat, frame } from '@dockersim/engine-api';
import { rfc3339NanoFixed } from '@dockersim/image';
import { ByteQueue } from './byte-queue.ts';

export interface LogEntry { stream: 1 | 2; t: number; line: Uint8Array }

export class StdioHub {
  private readonly partial: [Uint8Array | null, Uint8Array | null] = [null, null];
  private readonly subscribers = new Set<{ q: ByteQueue; streams: number; framed: boolean }>();
  private readonly followers = new Set<{ q: ByteQueue; streams: number; framed: boolean; ts: boolean }>();
  private stdinFd = -1;
  /** Input an attached client sent before the process started: dockerd's stdin pipe holds it until then. */
  private earlyInput: Uint8Array[] | null = [];
  /** EOF from the client before the task started: closing the FIFO then would end it before the shim opens it. */
  private earlyClose = false;
  private running = false;
  private inputDone: Promise<void> = Promise.resolve();
  private readonly fds: number[] = [];
  private readonly fifos: string[] = [];
  private open = 0;
  closed = false;

  /** logs: the container's log, kept across restarts (json-file appends to one file). */
  constructor(private readonly sys: Sys, readonly tty: boolean, private readonly keepLogs: boolean, readonly logs: LogEntry[] = []) {}

  /** Makes the FIFOs in dir and starts reading them. Returns their paths for containerd's TaskIO. */
  setup(dir: string, prefix: string, stdin: boolean): { stdin?: string; stdout: string; stderr?: string } {
    const sys = this.sys;
    const out = `${dir}/${prefix}-stdout`;
    this.mkfifo(out);
    this.pump(sys.open(out, O_RDWR), 1);
    let err: string | undefined;
    if (!this.tty) {
      err = `${dir}/${prefix}-stderr`;
      this.mkfifo(err);
      this.pump(sys.open(err, O_RDWR), 2);
    }
    let inp: string | undefined;
    if (stdin) {
      inp = `${dir}/${prefix}-stdin`;
      this.mkfifo(inp);
      this.stdinFd = sys.open(inp, O_RDWR);
      this.fds.push(this.stdinFd);
    }
    const early = this.earlyInput ?? [];
    this.earlyInput = null;
    for (const d of early) void this.writeStdin(d);
    return { stdin: inp, stdout: out, stderr: err };
  }

  private mkfifo(path: string): void {
    this.sys.mknod(path, S_IFIFO | 0o600);
    this.fifos.push(path);
  }

  private pump(fd: number, stream: 1 | 2): void {
    this.fds.push(fd);
    this.open++;
    void (async () => {
      for (;;) {
        let c: Uint8Array;
        try { c = await this.sys.read(fd); } catch { break; }
        if (!c.length) break;
        this.deliver(stream, c);
      }
    })();
  }

  /** Output of the process, as it arrives. */
  deliver(stream: 1 | 2, data: Uint8Array): void {
    if (this.keepLogs) this.log(stream, data);
    for (const s of this.subscribers) {
      if (!(s.streams & stream)) continue;
      s.q.push(s.framed ? frame(stream, data) : data);
    }
  }

  private log(stream: 1 | 2, data: Uint8Array): void {
    const t = this.sys.now();
    let start = 0;
    const prev = this.partial[stream - 1];
    for (let i = 0; i < data.length; i++) {
      if (data[i] !== 10) continue;
      let line = data.subarray(start, i + 1);
      if (prev && start === 0) { line = concat([prev, line]); this.partial[stream - 1] = null; }
      this.pushLog({ stream, t, line: line.slice() });
      start = i + 1;
    }
    if (start < data.length) {
      const rest = data.subarray(start);
      const p = this.partial[stream - 1];
      this.partial[stream - 1] = p && start === 0 ? concat([p, rest]) : rest.slice();
    }
  }

  private pushLog(e: LogEntry): void {
    this.logs.push(e);
    for (const f of this.followers) {
      if (!(f.streams & e.stream)) continue;
      const line = f.ts ? withTimestamp(e) : e.line;
      f.q.push(f.framed ? frame(e.stream, line) : line);
    }
  }

  /** Subscribes to live output (attach). streams: bit 1 stdout, bit 2 stderr. */
  attach(q: ByteQueue, streams: number): void {
    const s = { q, streams, framed: !this.tty };
    this.subscribers.add(s);
    q.onCancel = () => this.subscribers.delete(s);
    if (this.closed) q.end();
  }

  /** Live log lines for `logs -f`. */
  follow(q: ByteQueue, streams: number, ts: boolean): void {
    const f = { q, streams, framed: !this.tty, ts };
    this.followers.add(f);
    q.onCancel = () => this.followers.delete(f);
    if (this.closed) q.end();
  }

  writeStdin(data: Uint8Array): Promise<void> {
    if (this.earlyInput) { this.earlyInput.push(data.slice()); return Promise.resolve(); }
    // One write at a time, in order; a close waits for them.
    this.inputDone = this.inputDone.then(async () => {
      if (this.stdinFd < 0) return;
      try { await this.sys.write(this.stdinFd, data); } catch { /* the process is gone */ }
    });
    return this.inputDone;
  }

  /** The task runs: the shim has the stdin FIFO open, so an EOF held back can go through. */
  started(): void {
    this.running = true;
    if (this.earlyClose) { this.earlyClose = false; this.closeStdin(); }
  }

  closeStdin(): void {
    if (!this.running) { this.earlyClose = true; return; }
    void this.inputDone.then(() => this.closeStdinNow());
  }

  private closeStdinNow(): void {
    if (this.stdinFd < 0) return;
    const fd = this.stdinFd;
    this.stdinFd = -1;
    this.fds.splice(this.fds.indexOf(fd), 1);
    try { this.sys.close(fd); } catch { /* closed */ }
  }

  /** The process ended: read what is left, then close every stream. */
  finish(): void {
    if (this.closed) return;
    // Output written before the exit already woke the readers above (wake-ups
    // run at once), so nothing is left in the FIFOs by now.
    this.closed = true;
    for (let s = 0; s < 2; s++) {
      const p = this.partial[s];
      if (p && this.keepLogs) { this.partial[s] = null; this.pushLog({ stream: (s + 1) as 1 | 2, t: this.sys.now(), line: p }); }
    }
    for (const fd of this.fds) { try { this.sys.close(fd); } catch { /* closed */ } }
    this.fds.length = 0;
    this.stdinFd = -1;
    // The FIFO set is removed with the task, so a restart makes fresh ones.
    for (const f of this.fifos.splice(0)) { try { this.sys.unlink(f); } catch { /* gone */ } }
    for (const s of this.subscribers) s.q.end();
    for (const f of this.followers) f.q.end();
    this.subscribers.clear();
    this.followers.clear();
  }
}

export function withTimestamp(e: LogEntry): Uint8Array {
  return concat([new TextEncoder().encode(rfc3339NanoFixed(Math.floor(e.t)) + ' '), e.line]);
}
