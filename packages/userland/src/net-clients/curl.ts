// curl (8.5.0 as Ubuntu 24.04 ships it; 7.88.1 in Debian bookworm images):
// HTTP/1.1 with -s -S -i -I -o -O -v -L -X -d -H -f -w -A, its progress meter
// on stderr when the output is not a terminal, and its "curl: (N) ..." errors.

import { isSysError, O_WRONLY, O_CREAT, O_TRUNC } from '@dockersim/kernel';
import type { Program } from '@dockersim/kernel';
import { App, AppExit } from '../libc/app.ts';
import { SockReader, header, parseUrl, readBody, readHead } from '../libc/http.ts';
import type { HttpHead } from '../libc/http.ts';
import { concat, utf8 } from '../libc/io.ts';
import { getaddrinfo } from '../libc/resolv.ts';
import { tcpConnect } from '../libc/sockname.ts';

/** curl's max5data: a size in five columns. */
function max5(n: number): string {
  const K = 1024, M = K * K;
  if (n < 100000) return String(n).padStart(5);
  if (n < 10000 * K) return `${String(Math.floor(n / K)).padStart(4)}k`;
  if (n < 100 * M) return `${String(Math.floor(n / M)).padStart(2)}.${Math.floor((n % M) / (M / 10))}M`;
  return `${String(Math.floor(n / M)).padStart(4)}M`;
}

const METER_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n'
  + '                                 Dload  Upload   Total   Spent    Left  Speed\n';

function meterLine(total: number, got: number, ms: number): string {
  const pct = (n: number) => String(total ? Math.floor((100 * n) / total) : 0).padStart(3);
  const speed = got ? Math.floor((got * 1000) / Math.max(1, ms)) : 0;
  const t = '--:--:--';
  return `\r${pct(total)} ${max5(total)}  ${pct(got)} ${max5(got)}  ${'0'.padStart(3)} ${max5(0)}  ${max5(speed)}  ${max5(0)} ${t} ${t} ${t} ${max5(speed)}`;
}

function base64(s: string): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const b = utf8(s);
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += A[n >> 18]! + A[(n >> 12) & 63]! + (i + 1 < b.length ? A[(n >> 6) & 63]! : '=') + (i + 2 < b.length ? A[n & 63]! : '=');
  }
  return out;
}

class CurlError { constructor(readonly code: number, readonly msg: string) {} }

interface Response { head: HttpHead; raw: string; body: Uint8Array; url: string }

export function curlProgram(version: string): Program {
  return async (p) => {
    const a = new App(p, 'curl', 'gnu');
    try { return await curl(a, version); } catch (e) {
      if (e instanceof AppExit) return e.code;
      throw e;
    } finally { await a.out.flush(); }
  };
}

async function curl(a: App, version: string): Promise<number> {
  const { o, rest, list } = await a.opts({
    short: 'sSiIo:OvLX:d:H:fw:A:u:km:e:', long: {
      silent: { key: 's' }, 'show-error': { key: 'S' }, include: { key: 'i' }, head: { key: 'I' }, output: { key: 'o', arg: 'required' },
      'remote-name': { key: 'O' }, verbose: { key: 'v' }, location: { key: 'L' }, request: { key: 'X', arg: 'required' },
      data: { key: 'd', arg: 'required' }, 'data-raw': { key: 'd', arg: 'required' }, 'data-binary': { key: 'd', arg: 'required' },
      header: { key: 'H', arg: 'required' }, fail: { key: 'f' }, 'write-out': { key: 'w', arg: 'required' },
      'user-agent': { key: 'A', arg: 'required' }, user: { key: 'u', arg: 'required' }, insecure: { key: 'k' },
      'max-time': { key: 'm', arg: 'required' }, 'connect-timeout': { key: 'c', arg: 'required' }, referer: { key: 'e', arg: 'required' },
      'fail-with-body': { key: 'F' }, json: { key: 'J', arg: 'required' },
    },
  }, undefined, 2);
  const silent = o.has('s');
  const showErr = !silent || o.has('S');
  const verbose = o.has('v');
  const err = async (s: string) => { await a.out.flush(); await a.sys.write(2, s); };
  if (!rest.length) {
    await err('curl: try \'curl --help\' or \'curl --manual\' for more information\n');
    return 2;
  }
  const data = list.filter(([k]) => k === 'd' || k === 'J').map(([, v]) => v!);
  const json = o.has('J');
  const headers = list.filter(([k]) => k === 'H').map(([, v]) => v!);
  if (json) headers.push('Content-Type: application/json', 'Accept: application/json');
  const method = (o.get('X') as string | undefined) ?? (o.has('I') ? 'HEAD' : data.length ? 'POST' : 'GET');
  const stdoutTty = a.sys.isatty(1);
  let status = 0;
  for (const url of rest) {
    const t0 = a.sys.uptime();
    let resp: Response;
    try {
      resp = await fetchUrl(url, o.has('L') ? 50 : 0);
    } catch (e) {
      if (!(e instanceof CurlError)) throw e;
      if (showErr) await err(`curl: (${e.code}) ${e.msg}\n`);
      status = e.code;
      continue;
    }
    const code = Number(resp.head.start.split(' ')[1]) || 0;
    if (o.has('f') && code >= 400) {
      if (showErr) await err(`curl: (22) The requested URL returned error: ${code}\n`);
      status = 22;
      continue;
    }
    const out = concat([o.has('i') || o.has('I') ? utf8(resp.raw) : new Uint8Array(0), resp.body]);
    let fd = 1;
    const file = (o.get('o') as string | undefined) ?? (o.has('O') ? (resp.url.split(/[?#]/)[0]!.split('/').pop() || '') : undefined);
    if (o.has('O') && !file) {
      if (showErr) await err('curl: (23) Failed writing received data to disk/application\n');
      status = 23; continue;
    }
    if (file !== undefined && file !== '-') {
      try { fd = a.sys.open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o666); } catch (e) {
        if (!isSysError(e)) throw e;
        if (showErr) await err(`curl: (23) Failure writing output to destination\n`);
        status = 23; continue;
      }
    }
    const meter = !silent && !verbose && (fd !== 1 || !stdoutTty);
    if (meter) {
      const total = Number(header(resp.head, 'content-length') ?? resp.body.length);
      await err(`${METER_HEAD}${meterLine(total, 0, 0)}${meterLine(total, resp.body.length, a.sys.uptime() - t0)}\n`);
    }
    if (fd === 1) await a.out.writeBytes(out);
    else { await a.sys.write(fd, out); a.sys.close(fd); }
    if (o.has('w')) await a.out.write(writeOut(o.get('w') as string, resp, code));
  }
  return status;

  async function fetchUrl(url: string, redirects: number): Promise<Response> {
    const u = parseUrl(url);
    if (!u || !u.host) throw new CurlError(3, `URL rejected: ${u ? 'No host part in the URL' : 'Malformed input to a URL function'}`);
    if (u.scheme !== 'http') throw new CurlError(1, `Protocol "${u.scheme}" not supported${version.startsWith('7') ? ' or disabled in libcurl' : ''}`);
    const r = await getaddrinfo(a.sys, u.host);
    const ip = r.addrs[0];
    if (!ip) throw new CurlError(6, `Could not resolve host: ${u.host}`);
    const t0 = a.sys.uptime();
    if (verbose) await err(`*   Trying ${ip}:${u.port}...\n`);
    let fd: number;
    try { fd = await tcpConnect(a.sys, ip, u.port); } catch (e) {
      if (!isSysError(e)) throw e;
      throw new CurlError(7, `Failed to connect to ${u.host} port ${u.port} after ${Math.floor(a.sys.uptime() - t0)} ms: Couldn't connect to server`);
    }
    if (verbose) await err(`* Connected to ${u.host} (${ip}) port ${u.port}${version.startsWith('7') ? ' (#0)' : ''}\n`);
    const hostHdr = `${u.host}${u.explicitPort ? `:${u.port}` : ''}`;
    const has = (n: string) => headers.some((h) => h.toLowerCase().startsWith(`${n.toLowerCase()}:`));
    const lines = [`${method} ${u.path} HTTP/1.1`];
    if (!has('Host')) lines.push(`Host: ${hostHdr}`);
    if (u.user || o.has('u')) {
      const cred = u.user ?? (o.get('u') as string);
      lines.push(`Authorization: Basic ${base64(cred.includes(':') ? cred : `${cred}:`)}`);
    }
    if (!has('User-Agent')) lines.push(`User-Agent: ${(o.get('A') as string | undefined) ?? `curl/${version}`}`);
    if (!has('Accept')) lines.push('Accept: */*');
    if (o.has('e')) lines.push(`Referer: ${o.get('e') as string}`);
    for (const h of headers) if (!/^[^:]+:\s*$/.test(h)) lines.push(h);
    const body = data.length ? data.join('&') : undefined;
    if (body !== undefined) {
      if (!has('Content-Type')) lines.push('Content-Type: application/x-www-form-urlencoded');
      lines.push(`Content-Length: ${utf8(body).length}`);
    }
    if (verbose) await err(lines.map((l) => `> ${l}\n`).join('') + '> \n');
    await a.sys.write(fd, `${lines.join('\r\n')}\r\n\r\n${body ?? ''}`);
    const sr = new SockReader(a.sys, fd);
    const head = await readHead(sr);
    if (!head) { a.sys.close(fd); throw new CurlError(52, 'Empty reply from server'); }
    const raw = `${head.start}\r\n${head.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
    if (verbose) await err(`< ${head.start}\n${head.headers.map(([k, v]) => `< ${k}: ${v}\n`).join('')}< \n`);
    const respBody = await readBody(sr, head, true, method === 'HEAD');
    a.sys.close(fd);
    if (verbose) await err(`* Connection #0 to host ${u.host} left intact\n`);
    const code = Number(head.start.split(' ')[1]);
    const loc = header(head, 'location');
    if (redirects > 0 && code >= 300 && code < 400 && loc) {
      const next = loc.includes('://') ? loc : `${u.scheme}://${hostHdr}${loc.startsWith('/') ? loc : `/${loc}`}`;
      const r2 = await fetchUrl(next, redirects - 1);
      return { ...r2, raw: o.has('i') || o.has('I') ? raw + r2.raw : r2.raw };
    }
    return { head, raw, body: respBody, url };
  }
}

function writeOut(fmt: string, r: Response, code: number): string {
  const vars: Record<string, string> = {
    http_code: String(code).padStart(3, '0'), response_code: String(code).padStart(3, '0'), size_download: String(r.body.length),
    content_type: header(r.head, 'content-type') ?? '', url_effective: r.url, size_header: String(r.raw.length),
    time_total: '0.001000', num_redirects: '0', method: '', scheme: 'HTTP', http_version: '1.1',
  };
  return fmt.replace(/%\{([\w]+)\}|\\n|\\t|\\r|%%/g, (m, k: string | undefined) => {
    if (m === '\\n') return '\n';
    if (m === '\\t') return '\t';
    if (m === '\\r') return '\r';
    if (m === '%%') return '%';
    return vars[k!] ?? '';
  });
}
