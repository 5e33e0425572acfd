// Small stdio-like helpers over the system calls: whole-file reads, full writes,
// and a buffered writer (stdout is fully buffered when it is not a terminal).

import { O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, O_APPEND } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';

const enc = new TextEncoder();
const dec = new TextDecoder();

export function utf8(s: string): Uint8Array { return enc.encode(s); }
export function text(b: Uint8Array): string { return dec.decode(b); }

export function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

/** Reads fd to EOF. */
export async function readAll(sys: Sys, fd: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  // The buffer is heap memory, charged to the memory cgroup as it grows:
  // reading an endless input (tail /dev/zero) meets the OOM killer at memory.max.
  let held = 0;
  try {
    for (;;) {
      const b = await sys.read(fd, 65536);
      if (b.length === 0) break;
      chunks.push(b);
      held += b.length;
      sys.memory(b.length);
    }
    return chunks.length ? concat(chunks) : new Uint8Array(0);
  } finally {
    if (held) sys.memory(-held);
  }
}

/** The whole content of a file. Throws SysError like open(2)/read(2). */
export async function readFileBytes(sys: Sys, path: string): Promise<Uint8Array> {
  const fd = sys.open(path, O_RDONLY);
  try { return await readAll(sys, fd); } finally { sys.close(fd); }
}

export async function readFile(sys: Sys, path: string): Promise<string> {
  return text(await readFileBytes(sys, path));
}

/** Writes all of data to fd. */
export async function writeAll(sys: Sys, fd: number, data: Uint8Array | string): Promise<void> {
  if (data.length === 0) return;
  await sys.write(fd, data);
}

/** Creates or replaces (or appends to) a file with data. */
export async function writeFile(sys: Sys, path: string, data: Uint8Array | string,
  opts: { mode?: number; append?: boolean } = {}): Promise<void> {
  const fd = sys.open(path, O_WRONLY | O_CREAT | (opts.append ? O_APPEND : O_TRUNC), opts.mode ?? 0o644);
  try { await writeAll(sys, fd, data); } finally { sys.close(fd); }
}

/** A buffered output stream on a file descriptor, flushed at 8 KiB and on demand. */
export class Out {
  private buf: string[] = [];
  private size = 0;
  constructor(private readonly sys: Sys, readonly fd: number) {}
  /** Queues s; returns a promise only when the buffer had to be flushed. */
  write(s: string): Promise<void> | void {
    this.buf.push(s);
    this.size += s.length;
    if (this.size >= 8192) return this.flush();
  }
  async writeBytes(b: Uint8Array): Promise<void> {
    await this.flush();
    await this.sys.write(this.fd, b);
  }
  async flush(): Promise<void> {
    if (this.size === 0 && this.buf.length === 0) return;
    const s = this.buf.length === 1 ? this.buf[0]! : this.buf.join('');
    this.buf = [];
    this.size = 0;
    if (s.length) await this.sys.write(this.fd, s);
  }
}

/**
 * Reads a text stream line by line (keeping the "\n"). Reads in blocks, so it
 * may consume input beyond the line it returns; the shell uses its own reader
 * when it must not.
 */
export class LineReader {
  private pending = '';
  private eof = false;
  private readonly d = new TextDecoder();
  constructor(private readonly sys: Sys, readonly fd: number) {}
  async line(): Promise<string | null> {
    for (;;) {
      const i = this.pending.indexOf('\n');
      if (i >= 0) {
        const l = this.pending.slice(0, i + 1);
        this.pending = this.pending.slice(i + 1);
        return l;
      }
      if (this.eof) {
        if (this.pending === '') return null;
        const l = this.pending;
        this.pending = '';
        return l;
      }
      const b = await this.sys.read(this.fd, 65536);
      if (b.length === 0) { this.eof = true; this.pending += this.d.decode(); }
      else this.pending += this.d.decode(b, { stream: true });
    }
  }
}
