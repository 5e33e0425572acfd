// Streams of an attached container (container/hijack.go): stdout/stderr from
// the connection (demultiplexed unless it is a TTY), stdin forwarded, the
// terminal in raw mode, the detach keys (default ctrl-p,ctrl-q) recognised.

import { DEFAULT_DETACH_KEYS, Demuxer, EscapeProxy, STDERR, STDOUT, detachKeysToBytes, type Conn } from '@dockersim/engine-api';
import type { Cli } from '../../cli.ts';

export interface StreamOptions { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean; detachKeys?: string }

/** The detach keys as bytes; an invalid sequence falls back to ctrl-p,ctrl-q (hijack.go setupInput). */
export function detachKeyBytes(keys?: string): number[] {
  if (!keys) return DEFAULT_DETACH_KEYS;
  try { return detachKeysToBytes(keys); } catch { return DEFAULT_DETACH_KEYS; }
}

/** Pumps the connection; resolves 'escaped' when the user typed the detach keys. */
export async function streamConn(cli: Cli, conn: Conn, o: StreamOptions): Promise<'done' | 'escaped'> {
  let restoreIn: (() => void) | undefined;
  // only the input side goes raw: on Linux moby/term leaves the output terminal alone
  if (o.tty && o.stdin && cli.io.isatty(0)) restoreIn = cli.io.setRaw(0);
  let escaped = false;
  let outputDone = false;
  // Only a TTY attach watches for the detach keys; a partial match is held back.
  const proxy = o.tty ? new EscapeProxy(detachKeyBytes(o.detachKeys)) : undefined;
  const input = (async () => {
    if (!o.stdin) return;
    for (;;) {
      const chunk = await cli.io.read();
      if (outputDone) return;
      if (!chunk.length) { conn.closeWrite(); return; }
      const r = proxy ? proxy.feed(chunk) : { data: chunk, escaped: false };
      if (r.data.length) await conn.write(r.data);
      if (r.escaped) { escaped = true; conn.cancel(); return; }
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
