// What an nginx worker does with one connection: requests in keep-alive,
// the server and location they select, static files (index, 301 for a
// directory without "/", 403 without an index, 404), `return`, `try_files`,
// `error_page`, `proxy_pass` to an upstream (502 when it refuses), the
// access log line in the configured format and error log lines.

import { isSysError, O_RDONLY, S_IFMT, S_IFDIR, S_IFREG } from '@dockersim/kernel';
import type { Sys, Stat } from '@dockersim/kernel';
import { SockReader, header, httpDate, readBody, readHead, REASONS, writeMessage } from '../libc/http.ts';
import type { HttpHead } from '../libc/http.ts';
import { concat, readFileBytes, text, utf8 } from '../libc/io.ts';
import { strftime } from '../libc/time.ts';
import { getaddrinfo } from '../libc/resolv.ts';
import { peerOf, localOf, tcpConnect } from '../libc/sockname.ts';
import { lookup, pickLocation } from './nginx-conf.ts';
import type { NginxConf, ServerConf, Location } from './nginx-conf.ts';

export const NGINX_VER = 'nginx/1.29.1';

export interface Worker {
  sys: Sys;
  conf: NginxConf;
  mime: Map<string, string>;
  pid: number;
  connections: number;
  accessFd: number | null;
  errorFd: number;
  upstreams: Map<string, { servers: string[]; next: number }>;
}

export const logTime = (ms: number) => strftime('%Y/%m/%d %H:%M:%S', ms);

export async function errorLog(w: Worker, level: string, msg: string): Promise<void> {
  try { await w.sys.write(w.errorFd, `${logTime(w.sys.now())} [${level}] ${w.pid}#${w.pid}: ${msg}\n`); } catch (e) { if (!isSysError(e)) throw e; }
}

export function specialPage(code: number): string {
  const title = `${code} ${REASONS[code] ?? ''}`.replace('Service Temporarily Unavailable', 'Service Temporarily Unavailable');
  const nl = '\r\n';
  return `<html>${nl}<head><title>${title}</title></head>${nl}<body>${nl}<center><h1>${title}</h1></center>${nl}<hr><center>${NGINX_VER}</center>${nl}</body>${nl}</html>${nl}`;
}

interface Req { method: string; uri: string; args: string; version: string; head: HttpHead; line: string; body: Uint8Array; host: string }
interface Resp { status: number; headers: Array<[string, string]>; body: Uint8Array; sent?: number }

const errnoText: Record<number, string> = { 2: 'No such file or directory', 13: 'Permission denied', 20: 'Not a directory', 111: 'Connection refused', 113: 'No route to host', 101: 'Network is unreachable', 110: 'Connection timed out' };

function statOrNull(sys: Sys, path: string): Stat | null {
  try { return sys.stat(path); } catch (e) { if (!isSysError(e)) throw e; return null; }
}

export async function serveConnection(w: Worker, fd: number, listenPort: number): Promise<void> {
  const conn = ++w.connections;
  const peer = peerOf(w.sys, fd);
  const r = new SockReader(w.sys, fd);
  try {
    for (;;) {
      const head = await readHead(r);
      if (!head) break;
      const [method = '', target = '', version = 'HTTP/1.0'] = head.start.split(' ');
      const q = target.indexOf('?');
      const req: Req = {
        method, uri: decodeURIComponentSafe(q >= 0 ? target.slice(0, q) : target), args: q >= 0 ? target.slice(q + 1) : '',
        version, head, line: head.start, body: await readBody(r, head, false), host: header(head, 'host') ?? '',
      };
      const keep = version === 'HTTP/1.1' && !/close/i.test(header(head, 'connection') ?? '');
      const server = pickServer(w.conf.servers, req.host, listenPort);
      let resp: Resp;
      if (!/^[A-Z]+$/.test(method) || !target.startsWith('/') || !/^HTTP\/1\.[01]$/.test(version)) {
        resp = page(400);
        await send(w, fd, req, resp, false);
        await access(w, peer.addr, req, resp);
        break;
      }
      resp = await handle(w, server, req, conn, peer.addr);
      await send(w, fd, req, resp, keep);
      await access(w, peer.addr, req, resp);
      if (!keep) break;
    }
  } catch (e) { if (!isSysError(e)) throw e; }
  try { w.sys.close(fd); } catch (e) { if (!isSysError(e)) throw e; }
}

function decodeURIComponentSafe(s: string): string { try { return decodeURIComponent(s); } catch { return s; } }

function pickServer(servers: ServerConf[], host: string, port: number): ServerConf {
  const name = host.replace(/:\d+$/, '').toLowerCase();
  const onPort = servers.filter((s) => s.listen.some((l) => l.port === port));
  return onPort.find((s) => s.names.includes(name)) ?? onPort.find((s) => s.listen.some((l) => l.defaultServer)) ?? onPort[0] ?? servers[0]!;
}

function page(status: number, extra: Array<[string, string]> = []): Resp {
  return { status, headers: [['Content-Type', 'text/html'], ...extra], body: utf8(specialPage(status)) };
}

async function send(w: Worker, fd: number, req: Req, resp: Resp, keep: boolean): Promise<void> {
  const hs: Array<[string, string]> = [['Server', NGINX_VER], ['Date', httpDate(w.sys.now())]];
  const ct = resp.headers.find(([k]) => k === 'Content-Type');
  if (ct) hs.push(ct);
  hs.push(['Content-Length', String(resp.body.length)]);
  for (const h of resp.headers) if (h[0] === 'Last-Modified' || h[0] === 'Location') hs.push(h);
  hs.push(['Connection', keep ? 'keep-alive' : 'close']);
  for (const h of resp.headers) if (!['Content-Type', 'Last-Modified', 'Location'].includes(h[0])) hs.push(h);
  const body = req.method === 'HEAD' ? undefined : resp.body;
  resp.sent = body?.length ?? 0;
  await writeMessage(w.sys, fd, `HTTP/1.1 ${resp.status} ${REASONS[resp.status] ?? ''}`, hs, body);
}

async function access(w: Worker, remote: string, req: Req, resp: Resp): Promise<void> {
  if (w.accessFd === null) return;
  const dash = (v: string | undefined) => (v === undefined || v === '' ? '-' : v);
  const vars: Record<string, string> = {
    remote_addr: remote, remote_user: '-', time_local: strftime('%d/%b/%Y:%H:%M:%S +0000', w.sys.now()), request: req.line,
    status: String(resp.status), body_bytes_sent: String(resp.sent ?? 0), request_method: req.method, request_uri: req.uri,
    host: req.host, uri: req.uri, server_protocol: req.version,
  };
  const line = w.conf.logFormat.replace(/\$(\w+)/g, (_m, k: string) => {
    if (k.startsWith('http_')) return dash(header(req.head, k.slice(5).replace(/_/g, '-')));
    return vars[k] ?? '-';
  });
  try { await w.sys.write(w.accessFd, `${line}\n`); } catch (e) { if (!isSysError(e)) throw e; }
}

async function handle(w: Worker, s: ServerConf, req: Req, conn: number, client: string): Promise<Resp> {
  const loc = pickLocation(s, req.uri);
  const ctx = `client: ${client}, server: ${s.names[0] ?? ''}, request: "${req.line}", host: "${req.host}"`;
  const ret = lookup('return', loc, s, []);
  if (ret) {
    const code = Number(ret.args[0]);
    const arg = ret.args[1];
    if (code >= 300 && code < 400 && arg) return page(code, [['Location', arg]]);
    if (arg !== undefined) return { status: code, headers: [['Content-Type', 'application/octet-stream']], body: utf8(arg) };
    return page(code);
  }
  const proxy = lookup('proxy_pass', loc, s, []);
  if (proxy) return proxyPass(w, proxy.args[0]!, req, conn, ctx, loc);
  const resp = await staticFile(w, s, loc, req, conn, ctx);
  if (resp.status >= 400) {
    const ep = [loc, undefined].flatMap((l) => (l ? l.directives : s.directives)).find((d) => d.name === 'error_page' && d.args.slice(0, -1).includes(String(resp.status)));
    if (ep) {
      const target = ep.args[ep.args.length - 1]!;
      const loc2 = pickLocation(s, target);
      const again = await staticFile(w, s, loc2, { ...req, uri: target }, conn, ctx);
      if (again.status === 200) return { ...again, status: resp.status };
    }
  }
  return resp;
}

async function staticFile(w: Worker, s: ServerConf, loc: Location | undefined, req: Req, conn: number, ctx: string): Promise<Resp> {
  const root = lookup('root', loc, s, w.conf.http)?.args[0] ?? '/etc/nginx/html';
  const alias = loc ? lookup('alias', loc, s, []) : undefined;
  const indexes = lookup('index', loc, s, w.conf.http)?.args ?? ['index.html'];
  const toPath = (uri: string) => (alias && loc ? alias.args[0]! + uri.slice(loc.path.length) : root.replace(/\/$/, '') + uri);
  const tryFiles = lookup('try_files', loc, s, []);
  let uri = req.uri;
  if (tryFiles) {
    const cands = tryFiles.args.slice(0, -1);
    const last = tryFiles.args[tryFiles.args.length - 1]!;
    let found = false;
    for (const c of cands) {
      const u = c.replace(/\$uri/g, req.uri);
      const st = statOrNull(w.sys, toPath(u));
      if (st && (u.endsWith('/') ? (st.mode & S_IFMT) === S_IFDIR : (st.mode & S_IFMT) === S_IFREG)) { uri = u; found = true; break; }
    }
    if (!found) {
      if (/^=\d+$/.test(last)) return page(Number(last.slice(1)));
      uri = last.replace(/\$uri/g, req.uri);
    }
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return page(405);
  let path = toPath(uri);
  let st = statOrNull(w.sys, path);
  if (st && (st.mode & S_IFMT) === S_IFDIR) {
    if (!uri.endsWith('/')) {
      const port = req.host.includes(':') ? `:${req.host.split(':')[1]}` : '';
      return page(301, [['Location', `http://${req.host.replace(/:\d+$/, '') || s.names[0]}${port}${uri}/`]]);
    }
    const idx = indexes.map((i) => path + i).find((p) => { const x = statOrNull(w.sys, p); return x && (x.mode & S_IFMT) === S_IFREG; });
    if (!idx) {
      await errorLog(w, 'error', `*${conn} directory index of "${path}" is forbidden, ${ctx}`);
      return page(403);
    }
    path = idx;
    st = statOrNull(w.sys, path);
  }
  if (!st) {
    let errno = 2;
    try { w.sys.stat(path); } catch (e) { if (isSysError(e)) errno = e.errno; }
    await errorLog(w, 'error', `*${conn} open() "${path}" failed (${errno}: ${errnoText[errno] ?? 'Error'}), ${ctx}`);
    return page(404);
  }
  let body: Uint8Array;
  try {
    const fd = w.sys.open(path, O_RDONLY); w.sys.close(fd);
    body = await readFileBytes(w.sys, path);
  } catch (e) {
    if (!isSysError(e)) throw e;
    await errorLog(w, 'error', `*${conn} open() "${path}" failed (${e.errno}: ${errnoText[e.errno] ?? 'Error'}), ${ctx}`);
    return page(e.errno === 13 ? 403 : 404);
  }
  const ext = path.includes('.') ? path.slice(path.lastIndexOf('.') + 1).toLowerCase() : '';
  const mtime = Math.floor(st.mtimeMs / 1000);
  return {
    status: 200, body,
    headers: [['Content-Type', w.mime.get(ext) ?? 'application/octet-stream'], ['Last-Modified', httpDate(mtime * 1000)],
      ['ETag', `"${mtime.toString(16)}-${body.length.toString(16)}"`], ['Accept-Ranges', 'bytes']],
  };
}

async function proxyPass(w: Worker, target: string, req: Req, conn: number, ctx: string, loc: Location | undefined): Promise<Resp> {
  const m = /^http:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(target);
  if (!m) return page(500);
  const name = m[1]!;
  const up = w.upstreams.get(name);
  let hostPort: string;
  if (up) { hostPort = up.servers[up.next++ % up.servers.length]!; } else hostPort = `${name}:${m[2] ?? 80}`;
  const [h, p = '80'] = hostPort.split(':');
  const ip = (await getaddrinfo(w.sys, h!)).addrs[0];
  const uri = m[3] !== undefined && loc ? m[3] + req.uri.slice(loc.path.length) : req.uri;
  const upstream = `http://${ip ?? h}:${p}${uri}${req.args ? `?${req.args}` : ''}`;
  if (!ip) {
    await errorLog(w, 'error', `*${conn} ${h} could not be resolved (3: Host not found), ${ctx}`);
    return page(502);
  }
  let fd: number;
  try { fd = await tcpConnect(w.sys, ip, Number(p)); } catch (e) {
    if (!isSysError(e)) throw e;
    await errorLog(w, 'error', `*${conn} connect() failed (${e.errno}: ${errnoText[e.errno] ?? 'Error'}) while connecting to upstream, ${ctx.replace(/, host:/, `, upstream: "${upstream}", host:`)}`);
    return page(502);
  }
  const fwd = req.head.headers.filter(([k]) => !/^(host|connection)$/i.test(k));
  const hs: Array<[string, string]> = [['Host', up ? name : `${h}${m[2] ? `:${p}` : ''}`], ['Connection', 'close'], ...fwd];
  await writeMessage(w.sys, fd, `${req.method} ${uri}${req.args ? `?${req.args}` : ''} HTTP/1.0`, hs, req.body.length ? req.body : undefined);
  const r = new SockReader(w.sys, fd);
  const head = await readHead(r);
  if (!head) {
    w.sys.close(fd);
    await errorLog(w, 'error', `*${conn} upstream prematurely closed connection while reading response header from upstream, ${ctx.replace(/, host:/, `, upstream: "${upstream}", host:`)}`);
    return page(502);
  }
  const body = await readBody(r, head, true, req.method === 'HEAD');
  w.sys.close(fd);
  const keep = head.headers.filter(([k]) => !/^(server|date|connection|content-length|transfer-encoding|keep-alive)$/i.test(k));
  const ctIdx = keep.findIndex(([k]) => k.toLowerCase() === 'content-type');
  const headers: Array<[string, string]> = ctIdx >= 0 ? [['Content-Type', keep[ctIdx]![1]], ...keep.filter((_, i) => i !== ctIdx)] : keep;
  return { status: Number(head.start.split(' ')[1]) || 502, headers, body: concat([body]) };
}

export { text, localOf };
