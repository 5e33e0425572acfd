// Streams of an attached container (container/hijack.go): stdout/stderr from
// the connection (demultiplexed unless it is a TTY), stdin forwarded, the
// terminal in raw mode, the detach keys (default ctrl-p,ctrl-q) recognised.

import { Demuxer, STDERR, STDOUT, type Conn } from '@dockersim/engine-api';
import type { Cli } from '../../cli.ts';

export interface StreamOptions { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean; detachKeys?: string }

/** Parses "ctrl-p,ctrl-q" into bytes (term.ToBytes). */
export function detachKeyBytes(keys = 'ctrl-p,ctrl-q'): number[] {
  return keys.split(',').map((k) => {
    const key = k.trim().toLowerCase();
    if (key.startsWith('ctrl-') && key.length === 6) {
      const c = key[5];
      if (c >= 'a' && c <= 'z') return c.charCodeAt(0) - 96;
      return ({ '@': 0, '[': 27, '\\': 28, ']': 29, '^': 30, '_': 31 } as Record<string, number>)[c] ?? 0;
    }
    return key.charCodeAt(0);
  });
}

/** Pumps the connection; resolves 'escaped' when the user typed the detach keys. */
export async function streamConn(cli: Cli, conn: Conn, o: StreamOptions): Promise<'done' | 'escaped'> {
  let restoreIn: (() => void) | undefined;
  // only the input side goes raw: on Linux moby/term leaves the output terminal alone
  if (o.tty && o.stdin && cli.io.isatty(0)) restoreIn = cli.io.setRaw(0);
  let escaped = false;
  let outputDone = false;
  const keys = detachKeyBytes(o.detachKeys || undefined);
  const input = (async () => {
    if (!o.stdin) return;
    let matched = 0;
    for (;;) {
      const chunk = await cli.io.read();
      if (outputDone) return;
      if (!chunk.length) { conn.closeWrite(); return; }
      if (o.tty) {
        for (const b of chunk) {
          if (b === keys[matched]) { matched++; if (matched === keys.length) { escaped = true; conn.cancel(); return; } } else matched = 0;
        }
      }
      await conn.write(chunk);
    }
  })();
  const write = async (fd: 1 | 2, data: Uint8Array) => { await cli.io.write(fd, data); };
  try {
    if (o.tty) {
      for (let c = await conn.read(); c; c = await conn.read()) if (o.stdout) await write(1, c);
    } else {
      const pending: [number, Uint8Array][] = [];
      const demux = new Demuxer((s, p) => pending.push([s, p.slice()]));
      for (let c = await conn.read(); c; c = await conn.read()) {
        demux.push(c);
        for (const [s, p] of pending.splice(0)) {
          if (s === STDOUT && o.stdout) await write(1, p);
          else if (s === STDERR && o.stderr) await write(2, p);
        }
      }
    }
  } finally {
    outputDone = true;
    restoreIn?.();
  }
  void input;
  return escaped ? 'escaped' : 'done';
}
