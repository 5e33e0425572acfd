// RESP2, the Redis serialization protocol: commands travel as arrays of bulk
// strings; replies are simple strings (+), errors (-), integers (:), bulk
// strings ($, $-1 for nil) and arrays (*). Inline commands (telnet-style
// "PING\r\n") are accepted too, as redis-server does.

import type { SockReader } from '../libc/http.ts';
import { text } from '../libc/io.ts';

export type Reply =
  | { t: 'status'; v: string } | { t: 'error'; v: string } | { t: 'int'; v: number }
  | { t: 'bulk'; v: string | null } | { t: 'array'; v: Reply[] | null };

export const ok: Reply = { t: 'status', v: 'OK' };
export const nil: Reply = { t: 'bulk', v: null };
export const int = (v: number): Reply => ({ t: 'int', v });
export const bulk = (v: string | null): Reply => ({ t: 'bulk', v });
export const err = (v: string): Reply => ({ t: 'error', v });
export const arr = (v: Reply[] | null): Reply => ({ t: 'array', v });

export function encodeReply(r: Reply): string {
  switch (r.t) {
    case 'status': return `+${r.v}\r\n`;
    case 'error': return `-${r.v}\r\n`;
    case 'int': return `:${r.v}\r\n`;
    case 'bulk': return r.v === null ? '$-1\r\n' : `$${new TextEncoder().encode(r.v).length}\r\n${r.v}\r\n`;
    case 'array': return r.v === null ? '*-1\r\n' : `*${r.v.length}\r\n${r.v.map(encodeReply).join('')}`;
  }
}

export function encodeCommand(args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${new TextEncoder().encode(a).length}\r\n${a}\r\n`).join('')}`;
}

/** Reads one command (array of bulk strings, or an inline line); null at EOF. */
export async function readCommand(r: SockReader): Promise<string[] | null> {
  const line = await r.line();
  if (line === null) return null;
  if (!line.startsWith('*')) return line.trim() ? line.trim().split(/\s+/) : [];
  const n = Number(line.slice(1));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const h = await r.line();
    if (h === null) return null;
    const len = Number(h.slice(1));
    out.push(text(await r.exactly(len)));
    await r.line();
  }
  return out;
}

/** Reads one reply; null at EOF. */
export async function readReply(r: SockReader): Promise<Reply | null> {
  const line = await r.line();
  if (line === null) return null;
  const k = line[0], rest = line.slice(1);
  if (k === '+') return { t: 'status', v: rest };
  if (k === '-') return { t: 'error', v: rest };
  if (k === ':') return { t: 'int', v: Number(rest) };
  if (k === '$') {
    const n = Number(rest);
    if (n < 0) return nil;
    const v = text(await r.exactly(n));
    await r.line();
    return bulk(v);
  }
  if (k === '*') {
    const n = Number(rest);
    if (n < 0) return arr(null);
    const items: Reply[] = [];
    for (let i = 0; i < n; i++) { const x = await readReply(r); if (!x) return null; items.push(x); }
    return arr(items);
  }
  return { t: 'error', v: `Protocol error: ${line}` };
}
