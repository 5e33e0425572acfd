// An in-daemon byte channel: the daemon side of a streamed response or of an
// upgraded connection. write() from one side, read() from the other.

import type { Conn } from '@dockersim/engine-api';

export class ByteQueue {
  private chunks: Uint8Array[] = [];
  private waiter: ((c: Uint8Array | null) => void) | undefined;
  private ended = false;
  cancelled = false;
  onCancel: (() => void) | undefined;

  push(c: Uint8Array): void {
    if (this.ended || this.cancelled || !c.length) return;
    if (this.waiter) { const w = this.waiter; this.waiter = undefined; w(c); } else this.chunks.push(c);
  }
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.waiter && !this.chunks.length) { const w = this.waiter; this.waiter = undefined; w(null); }
  }
  get isEnded(): boolean { return this.ended; }
  read(): Promise<Uint8Array | null> {
    if (this.chunks.length) return Promise.resolve(this.chunks.shift()!);
    if (this.ended || this.cancelled) return Promise.resolve(null);
    return new Promise((r) => { this.waiter = r; });
  }
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.chunks.length = 0;
    if (this.waiter) { const w = this.waiter; this.waiter = undefined; w(null); }
    this.onCancel?.();
  }
}

/** A hijacked connection as the daemon holds it: `out` to the client, callbacks for what it sends. */
export class DaemonConn implements Conn {
  readonly out = new ByteQueue();
  constructor(private readonly onInput: (data: Uint8Array) => void | Promise<void>, private readonly onInputEnd: () => void) {}
  read() { return this.out.read(); }
  cancel() { this.out.cancel(); this.onInputEnd(); }
  async write(data: Uint8Array): Promise<void> { await this.onInput(data); }
  closeWrite(): void { this.onInputEnd(); }
}
