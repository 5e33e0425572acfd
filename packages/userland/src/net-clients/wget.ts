// busybox wget (networking/wget.c in 1.36): HTTP GET/POST with redirects,
// -O/-q/-S/--spider/-P/--header/--post-data, its stderr lines
// ("Connecting to", "saving to", the progress bar, "saved") and errors.

import { O_WRONLY, O_CREAT, O_TRUNC, O_EXCL } from '@dockersim/kernel';
import type { Applet } from '../applets/types.ts';
import { BUSYBOX_BANNER } from '../libc/app.ts';
import { errnoOf } from '../libc/errors.ts';
import { SockReader, parseUrl, readBody } from '../libc/http.ts';
import { getaddrinfo } from '../libc/resolv.ts';
import { tcpConnect } from '../libc/sockname.ts';

const USAGE = '[-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...';

/** libbb's smart_ulltoa5: a size in five columns ("  615", "97.6k", " 123M"). */
export function ulltoa5(n: number): string {
  const scale = ' kMGTPEZY';
  let idx = 0;
  if (n > 99999) { n *= 10; do { n = Math.floor(n / 1024); idx++; } while (n >= 100000); }
  let u = Math.floor(n / 10), v = n % 10;
  if (!idx) return String(n).padStart(5);
  if (u >= 100) { v = u % 10; u = Math.floor(u / 10); return `${String(u).padStart(3)}${v}${scale[idx]}`; }
  return `${String(u).padStart(2)}.${v}${scale[idx]}`;
}

/** The final line of the progress meter when stderr is not a terminal (80 columns, a 32-star bar). */
export function progressLine(file: string, got: number, total: number, width = 80): string {
  const name = file.length > 20 ? file.slice(0, 20) : file.padEnd(20);
  let s = `${name} `;
  if (total) {
    s += `${String(Math.floor((100 * got) / total)).padStart(3)}% `;
    const bar = width - 48;
    if (bar > 2) s += `|${'*'.repeat(Math.floor((bar * got) / total)).padEnd(bar)}| `;
  }
  s += ulltoa5(got);
  s += total && got ? '  0:00:00 ETA' : ' --:--:-- ETA';
  return s;
}

export const wget: Applet = async (a) => {
  const { o, rest, list } = await a.opts({
    short: 'cqSsO:o:P:Y:U:T:t:n', long: {
      continue: { key: 'c' }, quiet: { key: 'q' }, 'server-response': { key: 'S' }, spider: { key: 's' },
      'output-document': { key: 'O', arg: 'required' }, 'output-file': { key: 'o', arg: 'required' },
      'directory-prefix': { key: 'P', arg: 'required' }, proxy: { key: 'Y', arg: 'required' },
      'user-agent': { key: 'U', arg: 'required' }, timeout: { key: 'T', arg: 'required' }, tries: { key: 't', arg: 'required' },
      header: { key: 'H', arg: 'required' }, 'post-data': { key: 'D', arg: 'required' }, 'no-check-certificate': { key: 'N' },
    },
  }, USAGE);
  if (rest.length === 0) { await a.sys.write(2, `${BUSYBOX_BANNER}\n\nUsage: wget ${USAGE}\n`); return 1; }
  const quiet = o.has('q');
  const say = async (s: string) => { if (!quiet) await a.sys.write(2, s); };
  const extra = list.filter(([k]) => k === 'H').map(([, v]) => v!);
  const hasHeader = (n: string) => extra.some((h) => h.toLowerCase().startsWith(`${n.toLowerCase()}:`));
  const post = o.get('D') as string | undefined;
  const outName = o.get('O') as string | undefined;
  let outFd = outName === '-' ? 1 : -1;

  for (const url of rest) {
    let u = parseUrl(url);
    if (!u || !['http', 'https', 'ftp'].includes(u.scheme)) return a.die(`not an http or ftp url: ${url}`);
    let redirects = 16;
    let hostPort = `${u.host}${u.explicitPort ? `:${u.port}` : ''}`;
    let addr: string | undefined;
    for (;;) {
      if (!addr) {
        const r = await getaddrinfo(a.sys, u.host);
        if (!r.addrs.length) return a.die(`bad address '${hostPort}'`);
        addr = r.addrs[0]!;
        await say(`Connecting to ${hostPort} (${addr}:${u.port})\n`);
      }
      if (u.scheme === 'https') return a.die('note: TLS certificate validation not implemented');
      let fd: number;
      try { fd = await tcpConnect(a.sys, addr, u.port); } catch (e) {
        return a.die(`can't connect to remote host (${addr}): ${a.strerror(errnoOf(e))}`);
      }
      let req = `${post !== undefined ? 'POST' : 'GET'} ${u.path} HTTP/1.1\r\n`;
      if (!hasHeader('Host')) req += `Host: ${hostPort}\r\n`;
      if (!hasHeader('User-Agent')) req += `User-Agent: ${(o.get('U') as string | undefined) ?? 'Wget'}\r\n`;
      req += 'Connection: close\r\n';
      for (const h of extra) req += `${h}\r\n`;
      if (post !== undefined) {
        if (!hasHeader('Content-Type')) req += 'Content-Type: application/x-www-form-urlencoded\r\n';
        req += `Content-Length: ${new TextEncoder().encode(post).length}\r\n\r\n${post}`;
      } else req += '\r\n';
      await a.sys.write(fd, req);
      const r = new SockReader(a.sys, fd);
      let status = '';
      let code = 0;
      const headers: Array<[string, string]> = [];
      for (;;) {
        status = (await r.line()) ?? '';
        if (o.has('S')) await a.sys.write(2, `  ${status}\n`);
        code = Number(status.split(/\s+/)[1]) || 0;
        headers.length = 0;
        for (;;) {
          const l = await r.line();
          if (l === null || l === '') break;
          if (o.has('S')) await a.sys.write(2, `  ${l}\n`);
          const i = l.indexOf(':');
          if (i < 0) { a.sys.close(fd); return a.die(`bad header line: ${l}`); }
          headers.push([l.slice(0, i).trim(), l.slice(i + 1).trim()]);
        }
        if (code !== 0 && code !== 100) break;
        if (r.eof) break;
      }
      if (!((code >= 200 && code <= 204) || [300, 301, 302, 303, 307, 308].includes(code))) {
        a.sys.close(fd);
        return a.die(`server returned error: ${status}`);
      }
      const loc = headers.find(([k]) => k.toLowerCase() === 'location')?.[1];
      if (code >= 300 && loc) {
        a.sys.close(fd);
        if (--redirects === 0) return a.die('too many redirections');
        if (loc.startsWith('/')) { u = { ...u, path: loc }; continue; }
        const nu = parseUrl(loc);
        if (!nu) return a.die(`not an http or ftp url: ${loc}`);
        u = nu;
        hostPort = `${u.host}${u.explicitPort ? `:${u.port}` : ''}`;
        addr = undefined;
        continue;
      }
      if (o.has('s')) { a.sys.close(fd); await say('remote file exists\n'); break; }
      const body = await readBody(r, { start: status, headers }, true);
      a.sys.close(fd);
      let fname = outName ?? (u.path.split(/[?#]/)[0]!.split('/').pop() || 'index.html');
      if (outName === undefined && o.has('P')) fname = `${o.get('P') as string}/${fname}`;
      if (outFd < 0) {
        try {
          outFd = a.sys.open(fname, O_WRONLY | O_CREAT | O_TRUNC | (outName === undefined ? O_EXCL : 0), 0o666);
        } catch (e) { return a.perror(`can't open '${fname}'`, e); }
      }
      await say(outFd === 1 ? 'writing to stdout\n' : `saving to '${fname}'\n`);
      await a.sys.write(outFd, body);
      const clen = headers.find(([k]) => k.toLowerCase() === 'content-length')?.[1];
      await say(`${progressLine(fname.split('/').pop()!, body.length, clen !== undefined ? Number(clen) : 0)}\n`);
      await say(outFd === 1 ? 'written to stdout\n' : `'${fname}' saved\n`);
      if (outName === undefined) { a.sys.close(outFd); outFd = -1; }
      break;
    }
  }
  return 0;
};
