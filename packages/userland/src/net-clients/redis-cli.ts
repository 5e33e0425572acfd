// redis-cli: one command from its arguments, or commands from stdin (a
// prompt "127.0.0.1:6379> " on a terminal). Replies print as redis-cli does:
// quoted and labelled ("(integer) 1", "(nil)", "1) ...") on a terminal, raw
// when stdout is a pipe.

import { isSysError } from '@dockersim/kernel';
import type { Program, Sys } from '@dockersim/kernel';
import { SockReader } from '../libc/http.ts';
import { LineReader } from '../libc/io.ts';
import { getaddrinfo } from '../libc/resolv.ts';
import { tcpConnect } from '../libc/sockname.ts';
import { encodeCommand, readReply } from '../servers/resp.ts';
import type { Reply } from '../servers/resp.ts';

function quote(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

export function formatReply(r: Reply, tty: boolean, indent = ''): string {
  if (!tty) {
    switch (r.t) {
      case 'status': return `${r.v}\n`;
      case 'error': return `${r.v}\n`;
      case 'int': return `${r.v}\n`;
      case 'bulk': return `${r.v ?? ''}\n`;
      case 'array': return (r.v ?? []).map((x) => formatReply(x, false)).join('');
    }
  }
  switch (r.t) {
    case 'status': return `${r.v}\n`;
    case 'error': return `(error) ${r.v}\n`;
    case 'int': return `(integer) ${r.v}\n`;
    case 'bulk': return r.v === null ? '(nil)\n' : `${quote(r.v)}\n`;
    case 'array': {
      if (!r.v || !r.v.length) return '(empty array)\n';
      const w = String(r.v.length).length;
      return r.v.map((x, i) => {
        const label = `${String(i + 1).padStart(w)}) `;
        const body = formatReply(x, true, indent + ' '.repeat(label.length));
        return (i ? indent : '') + label + body;
      }).join('');
    }
  }
}

/** Splits a line as redis-cli's sdssplitargs does: spaces, "double" and 'single' quotes. */
function splitArgs(line: string): string[] {
  const out: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) && m[0].trim()) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, (_x, c: string) => (c === 'n' ? '\n' : c)) : m[2] ?? m[3]!);
  return out;
}

export const redisCli: Program = async ({ sys, argv }) => {
  let host = '127.0.0.1', port = 6379;
  const cmd: string[] = [];
  let raw: boolean | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (cmd.length) { cmd.push(a); continue; }
    if (a === '-h') host = argv[++i] ?? host;
    else if (a === '-p') port = Number(argv[++i]);
    else if (a === '-n' || a === '-a' || a === '--user' || a === '--pass') i++;
    else if (a === '--raw') raw = true;
    else if (a === '--no-raw') raw = false;
    else if (a === '--version' || a === '-v') { await sys.write(1, 'redis-cli 8.0.2\n'); return 0; }
    else cmd.push(a);
  }
  const tty = raw === undefined ? sys.isatty(1) : !raw;
  const ip = (await getaddrinfo(sys, host)).addrs[0];
  let fd = -1;
  let reason = '';
  if (!ip) reason = `Could not connect to Redis at ${host}:${port}: Name or service not known`;
  else {
    try { fd = await tcpConnect(sys, ip, port); } catch (e) {
      if (!isSysError(e)) throw e;
      reason = `Could not connect to Redis at ${host}:${port}: ${e.errno === 111 ? 'Connection refused' : e.errno === 101 ? 'Network is unreachable' : 'No route to host'}`;
    }
  }
  const r = fd >= 0 ? new SockReader(sys, fd) : null;
  const send = async (args: string[]): Promise<Reply | null> => {
    if (!r) return null;
    await sys.write(fd, encodeCommand(args));
    return readReply(r);
  };
  if (cmd.length) {
    if (!r) { await sys.write(2, `${reason}\n`); return 1; }
    const reply = await send(cmd);
    if (reply) await sys.write(1, formatReply(reply, tty));
    return reply?.t === 'error' ? 1 : 0;
  }
  const interactive = sys.isatty(0);
  const prompt = () => (r ? `${host}:${port}> ` : 'not connected> ');
  if (!r) await sys.write(2, `${reason}\n`);
  const lines = new LineReader(sys, 0);
  for (;;) {
    if (interactive) await sys.write(1, prompt());
    const l = await lines.line();
    const line = l === null ? null : l.replace(/\n$/, "");
    if (line === null) break;
    const args = splitArgs(line);
    if (!args.length) continue;
    if (/^(quit|exit)$/i.test(args[0]!)) break;
    if (!r) { await sys.write(1, `${reason}\n`); continue; }
    const reply = await send(args);
    if (!reply) break;
    await sys.write(1, formatReply(reply, interactive ? true : tty));
  }
  return 0;
};

export type { Sys };
