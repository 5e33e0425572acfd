// Network clients over AF_INET sockets: busybox's wget (HTTP GET) and nc
// (connect, or listen with -l). Names resolve through /etc/hosts.

import { isSysError, AF_INET, SOCK_STREAM, SHUT_WR, O_WRONLY, O_CREAT, O_TRUNC } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import type { Applet } from './types.ts';
import type { App } from '../libc/app.ts';
import { readFile, concat, text, utf8 } from '../libc/io.ts';
import { errnoOf } from '../libc/errors.ts';

/** getaddrinfo over /etc/hosts: an IPv4 address, or null. */
export async function resolveHost(sys: Sys, name: string): Promise<string | null> {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return name;
  let hosts = '';
  try { hosts = await readFile(sys, '/etc/hosts'); } catch (e) { if (!isSysError(e)) throw e; }
  for (const line of hosts.split('\n')) {
    const f = line.replace(/#.*/, '').trim().split(/\s+/);
    if (f.length >= 2 && /^\d+\.\d+\.\d+\.\d+$/.test(f[0]!) && f.slice(1).includes(name)) return f[0]!;
  }
  return name === 'localhost' ? '127.0.0.1' : null;
}

async function copyAll(sys: Sys, from: number, to: number): Promise<void> {
  for (;;) {
    const b = await sys.read(from, 65536);
    if (b.length === 0) return;
    await sys.write(to, b);
  }
}

export const wget: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'qO:sST:U:cY:', long: { quiet: { key: 'q' }, 'output-document': { key: 'O', arg: 'required' }, spider: { key: 's' }, timeout: { key: 'T', arg: 'required' }, 'user-agent': { key: 'U', arg: 'required' }, header: { key: 'H', arg: 'required' } } }, '[-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR] [-T SEC] [-U AGENT] URL...');
  if (rest.length === 0) { await a.sys.write(2, 'BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n'); return 1; }
  const quiet = o.has('q');
  for (const url of rest) {
    const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
    if (!m) { await a.error(`bad address '${url}'`); return 1; }
    if (m[1] === 'https') { await a.error('SSL support is not available'); return 1; }
    const host = m[2]!, port = Number(m[3] ?? 80), path = m[4] ?? '/';
    const ip = await resolveHost(a.sys, host);
    if (!ip) { await a.error(`bad address '${host}'`); return 1; }
    if (!quiet) await a.sys.write(2, `Connecting to ${host}${m[3] ? `:${port}` : ''} (${ip}:${port})\n`);
    const fd = a.sys.socket(AF_INET, SOCK_STREAM);
    try {
      try { await a.sys.connect(fd, { addr: ip, port }); } catch (e) {
        await a.error(`can't connect to remote host (${ip}): ${a.strerror(errnoOf(e))}`);
        return 1;
      }
      await a.sys.write(fd, `${o.has('s') ? 'HEAD' : 'GET'} ${path} HTTP/1.1\r\nHost: ${host}${m[3] ? `:${port}` : ''}\r\nUser-Agent: ${(o.get('U') as string | undefined) ?? 'Wget'}\r\nConnection: close\r\n\r\n`);
      const chunks: Uint8Array[] = [];
      for (;;) { const b = await a.sys.read(fd, 65536); if (b.length === 0) break; chunks.push(b); }
      const resp = concat(chunks);
      let headEnd = -1;
      for (let i = 0; i + 3 < resp.length; i++) if (resp[i] === 13 && resp[i + 1] === 10 && resp[i + 2] === 13 && resp[i + 3] === 10) { headEnd = i; break; }
      if (headEnd < 0) { await a.error('error getting response: Connection reset by peer'); return 1; }
      const head = text(resp.subarray(0, headEnd)).split('\r\n');
      const status = head[0] ?? '';
      const code = Number(status.split(' ')[1]);
      if (code >= 300 && code < 400) {
        const loc = head.find((h) => /^location:/i.test(h))?.replace(/^location:\s*/i, '');
        if (loc) { rest.push(loc.startsWith('/') ? `http://${host}${m[3] ? `:${port}` : ''}${loc}` : loc); continue; }
      }
      if (code >= 400 || !code) { await a.error(`server returned error: ${status}`); return 1; }
      if (o.has('s')) { if (!quiet) await a.sys.write(2, 'remote file exists\n'); continue; }
      let body = resp.subarray(headEnd + 4);
      if (head.some((h) => /^transfer-encoding:\s*chunked/i.test(h))) body = dechunk(body);
      const out = (o.get('O') as string | undefined) ?? (path.split('?')[0]!.split('/').pop() || 'index.html');
      if (out === '-') { await a.out.writeBytes(body); continue; }
      if (!quiet) await a.sys.write(2, `saving to '${out}'\n`);
      try {
        const ofd = a.sys.open(out, O_WRONLY | O_CREAT | O_TRUNC, 0o666);
        try { await a.sys.write(ofd, body); } finally { a.sys.close(ofd); }
      } catch (e) { await a.perror(`can't open '${out}'`, e); return 1; }
      if (!quiet) await a.sys.write(2, `${out.padEnd(20).slice(0, 20)} 100% |${'*'.repeat(31)}| ${String(body.length).padStart(5)}  0:00:00 ETA\n'${out}' saved\n`);
    } finally { a.sys.close(fd); }
  }
  return 0;
};

function dechunk(b: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let p = 0;
  for (;;) {
    let e = p;
    while (e + 1 < b.length && !(b[e] === 13 && b[e + 1] === 10)) e++;
    const n = parseInt(text(b.subarray(p, e)), 16);
    if (!n || Number.isNaN(n)) break;
    parts.push(b.subarray(e + 2, e + 2 + n));
    p = e + 2 + n + 2;
  }
  return concat(parts);
}

export const nc: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'lp:w:zvnkq:e:', long: {} }, '[OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen');
  if (o.has('l')) {
    const port = Number(o.get('p') ?? rest[rest.length - 1]);
    if (!port) { await a.error('bad port'); return 1; }
    const s = a.sys.socket(AF_INET, SOCK_STREAM);
    try {
      a.sys.bind(s, { addr: '0.0.0.0', port });
      a.sys.listen(s, 1);
    } catch (e) { return a.perror(a.gnu ? 'Address already in use' : 'bind', e); }
    do {
      const c = await a.sys.accept(s);
      await Promise.all([
        copyAll(a.sys, c, 1),
        (async () => { await copyAll(a.sys, 0, c); try { a.sys.shutdown(c, SHUT_WR); } catch (e) { errnoOf(e); } })(),
      ]);
      a.sys.close(c);
    } while (o.has('k'));
    return 0;
  }
  if (rest.length < 2) { await a.sys.write(2, 'BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n'); return 1; }
  const ip = await resolveHost(a.sys, rest[0]!);
  if (!ip) { await a.error(`bad address '${rest[0]}'`); return 1; }
  const port = Number(rest[1]);
  const fd = a.sys.socket(AF_INET, SOCK_STREAM);
  try { await a.sys.connect(fd, { addr: ip, port }); } catch (e) {
    if (o.has('z')) return 1;
    await a.error(`can't connect to remote host (${ip}): ${a.strerror(errnoOf(e))}`);
    return 1;
  }
  if (o.has('z')) { a.sys.close(fd); return 0; }
  await Promise.all([
    copyAll(a.sys, fd, 1),
    (async () => { await copyAll(a.sys, 0, fd); try { a.sys.shutdown(fd, SHUT_WR); } catch (e) { errnoOf(e); } })(),
  ]);
  a.sys.close(fd);
  return 0;
};

export { utf8 };
