// nginx's configuration: directives ending in ";" and blocks in braces,
// `include` with globs, then the parts the simulated server acts on: the
// main context (user, worker_processes, error_log, pid), log formats, and
// per server its listen ports, server names, locations (prefix, "=" exact,
// "~" regex), root/alias, index, return, try_files, error_page, proxy_pass.

import type { Sys } from '@dockersim/kernel';
import { isSysError } from '@dockersim/kernel';
import { readFile } from '../libc/io.ts';
import { glob } from '../libc/fnmatch.ts';

export interface Directive { name: string; args: string[]; block?: Directive[]; file: string; line: number }

export class ConfError extends Error {}

function tokenize(src: string, file: string): Array<{ t: string; line: number; quoted: boolean }> {
  const out: Array<{ t: string; line: number; quoted: boolean }> = [];
  let i = 0, line = 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') { line++; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === ';' || c === '{' || c === '}') { out.push({ t: c, line, quoted: false }); i++; continue; }
    if (c === '"' || c === "'") {
      let j = i + 1, s = '';
      while (j < src.length && src[j] !== c) { if (src[j] === '\\' && j + 1 < src.length) j++; if (src[j] === '\n') line++; s += src[j]; j++; }
      if (j >= src.length) throw new ConfError(`unexpected end of file, expecting ";" or "}" in ${file}:${line}`);
      out.push({ t: s, line, quoted: true });
      i = j + 1;
      continue;
    }
    let s = '';
    while (i < src.length && !/[\s;{}]/.test(src[i]!)) s += src[i++];
    out.push({ t: s, line, quoted: false });
  }
  return out;
}

/** Parses one file, expanding includes relative to /etc/nginx. */
export async function parseConf(sys: Sys, file: string, depth = 0): Promise<Directive[]> {
  let src: string;
  try { src = await readFile(sys, file); } catch (e) {
    if (!isSysError(e)) throw e;
    throw new ConfError(`open() "${file}" failed (${e.errno}: ${e.errno === 2 ? 'No such file or directory' : 'Permission denied'})`);
  }
  const toks = tokenize(src, file);
  let i = 0;
  const block = async (inner: boolean): Promise<Directive[]> => {
    const out: Directive[] = [];
    let cur: string[] = [];
    let curLine = 0;
    while (i < toks.length) {
      const tk = toks[i++]!;
      if (!tk.quoted && tk.t === ';') {
        if (!cur.length) continue;
        const [name, ...args] = cur;
        if (name === 'include' && depth < 8) {
          const pat = args[0]!.startsWith('/') ? args[0]! : `/etc/nginx/${args[0]}`;
          const files = /[*?[]/.test(pat) ? glob(sys, [{ s: pat, q: false }]) : [pat];
          for (const f of files) out.push(...await parseConf(sys, f, depth + 1));
        } else out.push({ name: name!, args, file, line: curLine });
        cur = [];
        continue;
      }
      if (!tk.quoted && tk.t === '{') {
        const [name, ...args] = cur;
        if (!name) throw new ConfError(`unexpected "{" in ${file}:${tk.line}`);
        const line = curLine;
        out.push({ name, args, block: await block(true), file, line });
        cur = [];
        continue;
      }
      if (!tk.quoted && tk.t === '}') {
        if (!inner) throw new ConfError(`unexpected "}" in ${file}:${tk.line}`);
        if (cur.length) throw new ConfError(`unexpected "}" in ${file}:${tk.line}`);
        return out;
      }
      if (!cur.length) curLine = tk.line;
      cur.push(tk.t);
    }
    if (inner || cur.length) throw new ConfError(`unexpected end of file, expecting "${cur.length ? ';' : '}'}" in ${file}:${toks[toks.length - 1]?.line ?? 1}`);
    return out;
  };
  return block(false);
}

export interface Location {
  match: '=' | 'prefix' | '~' | '~*' | '^~';
  path: string;
  directives: Directive[];
}

export interface ServerConf {
  listen: Array<{ addr: string; port: number; defaultServer: boolean }>;
  names: string[];
  directives: Directive[];
  locations: Location[];
}

export interface NginxConf {
  user: string;
  workers: string;
  errorLog: string;
  pid: string;
  daemon: boolean;
  accessLog: string | null;
  logFormat: string;
  servers: ServerConf[];
  http: Directive[];
}

export const COMBINED = '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';

const first = (ds: Directive[], name: string) => ds.find((d) => d.name === name);

export function interpret(main: Directive[], extra: Directive[]): NginxConf {
  const all = [...main, ...extra];
  const http = first(all, 'http')?.block ?? [];
  const formats = new Map<string, string>([['combined', COMBINED]]);
  for (const d of http) if (d.name === 'log_format') formats.set(d.args[0]!, d.args.slice(1).filter((x) => !/^escape=/.test(x)).join(''));
  const access = first(http, 'access_log');
  const servers: ServerConf[] = [];
  for (const s of http.filter((d) => d.name === 'server')) {
    const ds = s.block ?? [];
    const listen = ds.filter((d) => d.name === 'listen').flatMap((d) => {
      const spec = d.args[0]!;
      if (spec.startsWith('[')) return [];
      const m = /^(?:([\d.]+|\*|localhost):)?(\d+)$/.exec(spec) ?? /^([\d.]+)$/.exec(spec);
      if (!m) return [];
      const port = m[2] ? Number(m[2]) : 80;
      const addr = !m[1] || m[1] === '*' ? '0.0.0.0' : m[1] === 'localhost' ? '127.0.0.1' : m[1];
      return [{ addr, port, defaultServer: d.args.includes('default_server') || d.args.includes('default') }];
    });
    const locations: Location[] = ds.filter((d) => d.name === 'location').map((d) => {
      const [a0, a1] = d.args;
      const mod = a1 !== undefined ? a0 as Location['match'] : 'prefix';
      return { match: mod, path: a1 ?? a0 ?? '/', directives: d.block ?? [] };
    });
    servers.push({ listen: listen.length ? listen : [{ addr: '0.0.0.0', port: 80, defaultServer: false }], names: first(ds, 'server_name')?.args ?? [''], directives: ds, locations });
  }
  return {
    user: first(all, 'user')?.args[0] ?? 'nobody',
    workers: first(all, 'worker_processes')?.args[0] ?? '1',
    errorLog: first(all, 'error_log')?.args[0] ?? '/var/log/nginx/error.log',
    pid: first(all, 'pid')?.args[0] ?? '/run/nginx.pid',
    daemon: first(all, 'daemon')?.args[0] !== 'off',
    accessLog: access ? (access.args[0] === 'off' ? null : access.args[0]!) : '/var/log/nginx/access.log',
    logFormat: formats.get(access?.args[1] ?? 'combined') ?? COMBINED,
    servers,
    http,
  };
}

/** The location nginx picks: exact, then the longest prefix (unless ^~), then regexes in order. */
export function pickLocation(s: ServerConf, uri: string): Location | undefined {
  const exact = s.locations.find((l) => l.match === '=' && l.path === uri);
  if (exact) return exact;
  let best: Location | undefined;
  for (const l of s.locations) if ((l.match === 'prefix' || l.match === '^~') && uri.startsWith(l.path) && (!best || l.path.length > best.path.length)) best = l;
  if (best?.match === '^~') return best;
  for (const l of s.locations) {
    if (l.match !== '~' && l.match !== '~*') continue;
    try { if (new RegExp(l.path, l.match === '~*' ? 'i' : '').test(uri)) return l; } catch { /* a bad regex never matches */ }
  }
  return best;
}

/** A directive from the location, else the server, else http (inheritance). */
export function lookup(name: string, loc: Location | undefined, s: ServerConf, http: Directive[]): Directive | undefined {
  return (loc && first(loc.directives, name)) ?? first(s.directives, name) ?? first(http, name);
}
