// dd (copy in blocks, with the record counts it reports on stderr) and
// busybox httpd (a static file server: -f foreground, -p port, -h home).

import { isSysError, O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, SEEK_SET, AF_INET, SOCK_STREAM, S_IFMT, S_IFDIR, ENOENT } from '@dockersim/kernel';
import type { Applet } from './types.ts';
import { readFileBytes, text } from '../libc/io.ts';
import { errnoOf } from '../libc/errors.ts';
import { strftime } from '../libc/time.ts';

function size(s: string): number | null {
  const m = /^(\d+)(c|w|b|kB|K|k|MB|M|GB|G|xM)?$/.exec(s);
  if (!m) return null;
  const mult: Record<string, number> = { '': 1, c: 1, w: 2, b: 512, kB: 1000, K: 1024, k: 1024, MB: 1e6, M: 1048576, GB: 1e9, G: 1073741824 };
  return Number(m[1]) * (mult[m[2] ?? ''] ?? 1);
}

export const dd: Applet = async (a) => {
  const kv = new Map<string, string>();
  for (const arg of a.args) {
    const i = arg.indexOf('=');
    if (i < 0) { await a.error(a.gnu ? `unrecognized operand ${a.q(arg)}` : `unknown operand ${arg}`); return 1; }
    kv.set(arg.slice(0, i), arg.slice(i + 1));
  }
  const bs = size(kv.get('bs') ?? kv.get('ibs') ?? '512');
  const count = kv.has('count') ? size(kv.get('count')!) : Infinity;
  const skip = size(kv.get('skip') ?? '0'), seek = size(kv.get('seek') ?? '0');
  if (bs === null || count === null || skip === null || seek === null) { await a.error(a.gnu ? 'invalid number' : 'invalid number'); return 1; }
  const conv = (kv.get('conv') ?? '').split(',');
  let inFd = 0, outFd = 1;
  try {
    if (kv.has('if')) inFd = a.sys.open(kv.get('if')!, O_RDONLY);
  } catch (e) { return a.perror(a.gnu ? `failed to open ${a.q(kv.get('if')!)}` : `can't open '${kv.get('if')}'`, e); }
  try {
    if (kv.has('of')) outFd = a.sys.open(kv.get('of')!, O_WRONLY | O_CREAT | (conv.includes('notrunc') || seek ? 0 : O_TRUNC), 0o666);
  } catch (e) { return a.perror(a.gnu ? `failed to open ${a.q(kv.get('of')!)}` : `can't open '${kv.get('of')}'`, e); }
  if (skip) { try { a.sys.lseek(inFd, skip * bs, SEEK_SET); } catch (e) { errnoOf(e); for (let i = 0; i < skip; i++) await a.sys.read(inFd, bs); } }
  if (seek) { try { a.sys.lseek(outFd, seek * bs, SEEK_SET); } catch (e) { errnoOf(e); } }
  let full = 0, partial = 0, bytes = 0;
  const t0 = a.sys.uptime();
  while (full + partial < count) {
    let b = await a.sys.read(inFd, bs);
    if (b.length === 0) break;
    // /dev/zero and pipes may return less than bs: fill the block as dd's iflag=fullblock would not; count partials
    if (b.length < bs && conv.includes('sync')) { const p = new Uint8Array(bs); p.set(b); b = p; }
    if (b.length === bs) full++; else partial++;
    await a.sys.write(outFd, b);
    bytes += b.length;
    if ((full + partial) % 256 === 0) await a.sys.sched_yield();
  }
  if (kv.has('if')) a.sys.close(inFd);
  if (kv.has('of')) a.sys.close(outFd);
  const secs = Math.max((a.sys.uptime() - t0) / 1000, 0.000001);
  const recs = `${full}+${partial} records in\n${full}+${partial} records out\n`;
  if (kv.get('status') === 'none') return 0;
  if (a.gnu) {
    const si = (n: number): string => (n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : n >= 1e6 ? `${Math.round(n / 1e6)} MB` : n >= 1e3 ? `${Math.round(n / 1e3)} kB` : `${n} B`);
    const iec = (n: number): string => (n >= 1073741824 ? `${(n / 1073741824).toFixed(1)} GiB` : n >= 1048576 ? `${Math.round(n / 1048576)} MiB` : `${Math.round(n / 1024)} KiB`);
    const human = bytes >= 1000 ? ` (${si(bytes)}, ${iec(bytes)})` : '';
    await a.sys.write(2, `${recs}${bytes} byte${bytes === 1 ? '' : 's'}${human} copied, ${secs.toPrecision(3)} s, ${si(bytes / secs)}/s\n`);
  } else {
    const hr = (n: number): string => (n >= 1073741824 ? `${(n / 1073741824).toFixed(1)}GB` : n >= 1048576 ? `${(n / 1048576).toFixed(1)}MB` : n >= 1024 ? `${(n / 1024).toFixed(1)}KB` : `${n}B`);
    await a.sys.write(2, `${recs}${bytes} bytes (${hr(bytes)}) copied, ${secs.toFixed(6)} seconds, ${hr(bytes / secs)}/s\n`);
  }
  return 0;
};

const TYPES: Record<string, string> = {
  html: 'text/html', htm: 'text/html', txt: 'text/plain', css: 'text/css', js: 'application/javascript', json: 'application/json',
  png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml',
};

export const httpd: Applet = async (a) => {
  const { o } = await a.opts({ short: 'fvp:h:c:u:r:i' }, '[-ifvv] [-c CONFFILE] [-p [IP:]PORT] [-u USER[:GRP]] [-r REALM] [-h HOME]');
  const spec = (o.get('p') as string | undefined) ?? '80';
  const port = Number(spec.includes(':') ? spec.split(':')[1] : spec);
  const home = (o.get('h') as string | undefined) ?? '.';
  const s = a.sys.socket(AF_INET, SOCK_STREAM);
  try { a.sys.bind(s, { addr: '0.0.0.0', port }); a.sys.listen(s, 16); } catch (e) {
    await a.perror('bind', e);
    return 1;
  }
  if (!o.has('f')) {
    // daemonise: the parent returns, a child keeps serving
    const pid = a.sys.clone({ child: async (c) => { c.setsid(); return serve(c); } });
    void pid;
    return 0;
  }
  return serve(a.sys);

  async function serve(sys: typeof a.sys): Promise<number> {
    for (;;) {
      let c: number;
      try { c = await sys.accept(s); } catch (e) { errnoOf(e); continue; }
      try {
        let req = '';
        while (!req.includes('\r\n\r\n') && !req.includes('\n\n')) {
          const b = await sys.read(c, 8192);
          if (b.length === 0) break;
          req += text(b);
        }
        const m = /^(GET|HEAD) (\S+)/.exec(req);
        const reply = async (code: string, type: string, body: Uint8Array | string, head = false): Promise<void> => {
          const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
          await sys.write(c, `HTTP/1.1 ${code}\r\nContent-type: ${type}\r\nDate: ${strftime('%a, %d %b %Y %H:%M:%S GMT', sys.now())}\r\nConnection: close\r\nContent-Length: ${bytes.length}\r\n\r\n`);
          if (!head && bytes.length) await sys.write(c, bytes);
        };
        if (!m) { await reply('501 Not Implemented', 'text/html', '<HTML><HEAD><TITLE>501 Not Implemented</TITLE></HEAD>\n<BODY><H1>501 Not Implemented</H1>\nThe requested method is not recognized\n</BODY></HTML>\n'); continue; }
        let path = decodeURIComponent(m[2]!.split('?')[0]!);
        if (path.includes('..')) path = '/';
        let file = `${home}${path}`;
        try { if ((sys.stat(file).mode & S_IFMT) === S_IFDIR) file = `${file.replace(/\/$/, '')}/index.html`; } catch (e) { errnoOf(e); }
        try {
          const body = await readFileBytes(sys, file);
          const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
          await reply('200 OK', TYPES[ext] ?? 'application/octet-stream', body, m[1] === 'HEAD');
        } catch (e) {
          const n = errnoOf(e);
          if (n === ENOENT || !isSysError(e)) await reply('404 Not Found', 'text/html', '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n');
          else await reply('403 Forbidden', 'text/html', '<HTML><HEAD><TITLE>403 Forbidden</TITLE></HEAD>\n<BODY><H1>403 Forbidden</H1>\nAccess to this URL is forbidden\n</BODY></HTML>\n');
        }
      } catch (e) { errnoOf(e); } finally { sys.close(c); }
    }
  }
};
