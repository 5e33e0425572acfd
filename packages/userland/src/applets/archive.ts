// tar (ustar: create, extract, list; -z through gzip) and gzip/gunzip/zcat.

import { isSysError, O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, EEXIST, S_IFMT, S_IFDIR, S_IFREG, S_IFLNK } from '@dockersim/kernel';
import type { Stat } from '@dockersim/kernel';
import type { Applet } from './types.ts';
import type { App } from '../libc/app.ts';
import { readAll, readFileBytes, utf8, text, concat } from '../libc/io.ts';
import { gzip as gz, gunzip as gunz, GzipError } from '../libc/gzip.ts';
import { joinPath } from '../libc/path.ts';
import { Names } from '../libc/passwd.ts';
import { modeString } from '../libc/mode.ts';
import { strftime } from '../libc/time.ts';
import { errnoOf } from '../libc/errors.ts';

function octal(n: number, width: number): string { return n.toString(8).padStart(width - 1, '0') + '\0'; }

function header(name: string, st: Stat, type: string, link: string, uname: string, gname: string): Uint8Array {
  const h = new Uint8Array(512);
  const put = (off: number, s: string, len: number): void => { h.set(utf8(s).subarray(0, len), off); };
  let prefix = '';
  if (name.length > 100) { const i = name.lastIndexOf('/', 155); prefix = name.slice(0, i); name = name.slice(i + 1); }
  put(0, name, 100);
  put(100, octal(st.mode & 0o7777, 8), 8);
  put(108, octal(st.uid, 8), 8);
  put(116, octal(st.gid, 8), 8);
  put(124, octal(type === '0' ? st.size : 0, 12), 12);
  put(136, octal(Math.floor(st.mtimeMs / 1000), 12), 12);
  put(148, '        ', 8);
  put(156, type, 1);
  put(157, link, 100);
  put(257, 'ustar\x0000', 8);
  put(265, uname, 32);
  put(297, gname, 32);
  put(345, prefix, 155);
  let sum = 0;
  for (const b of h) sum += b;
  put(148, sum.toString(8).padStart(6, '0') + '\0 ', 8);
  return h;
}

interface Member { name: string; mode: number; uid: number; gid: number; size: number; mtime: number; type: string; link: string; uname: string; gname: string; data: Uint8Array }

function parseTar(b: Uint8Array): Member[] | null {
  const out: Member[] = [];
  let p = 0;
  const str = (off: number, len: number): string => { const s = b.subarray(p + off, p + off + len); const z = s.indexOf(0); return text(z >= 0 ? s.subarray(0, z) : s); };
  const num = (off: number, len: number): number => parseInt(str(off, len).trim() || '0', 8);
  let longName: string | null = null;
  while (p + 512 <= b.length) {
    if (b.subarray(p, p + 512).every((x) => x === 0)) break;
    if (str(257, 5) !== 'ustar' && !/^[0-7 ]+\0?$/.test(str(148, 8) + '\0')) return null;
    const size = num(124, 12);
    const type = str(156, 1) || '0';
    let name = str(0, 100);
    const prefix = str(345, 155);
    if (prefix) name = `${prefix}/${name}`;
    const data = b.slice(p + 512, p + 512 + size);
    if (type === 'L') { longName = text(data).replace(/\0+$/, ''); p += 512 + Math.ceil(size / 512) * 512; continue; }
    if (longName) { name = longName; longName = null; }
    out.push({ name, mode: num(100, 8), uid: num(108, 8), gid: num(116, 8), size, mtime: num(136, 12), type, link: str(157, 100), uname: str(265, 32), gname: str(297, 32), data });
    p += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

export const tar: Applet = async (a) => {
  const args = a.args.slice();
  // the first argument may be a bundle of letters without a dash ("czvf")
  if (args[0] && !args[0].startsWith('-') && /^[A-Za-z]+$/.test(args[0])) args[0] = '-' + args[0];
  (a.args as string[]).splice(0, a.args.length, ...args);
  const { o, rest } = await a.opts({ short: 'cxtf:vzC:OpoXT:hk', long: { create: { key: 'c' }, extract: { key: 'x' }, list: { key: 't' }, file: { key: 'f', arg: 'required' }, verbose: { key: 'v' }, gzip: { key: 'z' }, directory: { key: 'C', arg: 'required' }, 'to-stdout': { key: 'O' }, 'strip-components': { key: 'strip', arg: 'required' }, exclude: { key: 'exclude', arg: 'required' }, 'no-same-owner': { key: 'o' } } }, 'c|x|t [-zvOh] [-f TARFILE] [-C DIR] [FILE]...', 2);
  const mode = o.has('c') ? 'c' : o.has('x') ? 'x' : o.has('t') ? 't' : null;
  if (!mode) {
    await a.error(a.gnu ? "You must specify one of the '-Acdtrux', '--delete' or '--test-label' options" : 'need one of -c, -x, -t');
    if (a.gnu) await a.sys.write(2, `Try '${a.prog} --help' or '${a.prog} --usage' for more information.\n`);
    return 2;
  }
  const file = typeof o.get('f') === 'string' ? (o.get('f') as string) : '-';
  const dir = typeof o.get('C') === 'string' ? (o.get('C') as string) : null;
  const verbose = o.has('v');
  let failed = false;
  if (mode === 'c') {
    if (rest.length === 0) { await a.error(a.gnu ? 'Cowardly refusing to create an empty archive' : 'empty archive'); if (a.gnu) await a.sys.write(2, `Try '${a.prog} --help' or '${a.prog} --usage' for more information.\n`); return 2; }
    const names = await Names.load(a.sys);
    const chunks: Uint8Array[] = [];
    const base = dir ?? '';
    let warnedSlash = false;
    const add = async (p: string): Promise<void> => {
      const real = base && !p.startsWith('/') ? joinPath(base, p) : p;
      let st: Stat;
      try { st = a.sys.lstat(real); } catch (e) {
        failed = true;
        await a.perror(a.gnu ? `${p}: Cannot stat` : `${p}`, e);
        return;
      }
      let name = p.replace(/^\/+/, '');
      if (name !== p && !warnedSlash && a.gnu) { warnedSlash = true; await a.error("Removing leading `/' from member names"); }
      if (name === '') return;
      const t = st.mode & S_IFMT;
      if (verbose) await (file === '-' ? a.sys.write(2, (t === S_IFDIR ? name + '/' : name) + '\n') : a.write((t === S_IFDIR ? name + '/' : name) + '\n'));
      if (t === S_IFDIR) {
        chunks.push(header(name + '/', st, '5', '', names.user(st.uid), names.group(st.gid)));
        for (const d of a.sys.readdir(real).sort((x, y) => (x.name < y.name ? -1 : 1))) await add(p.endsWith('/') ? p + d.name : `${p}/${d.name}`);
      } else if (t === S_IFLNK) {
        chunks.push(header(name, st, '2', a.sys.readlink(real), names.user(st.uid), names.group(st.gid)));
      } else if (t === S_IFREG) {
        let data: Uint8Array;
        try { data = await readFileBytes(a.sys, real); } catch (e) { failed = true; await a.perror(a.gnu ? `${p}: Cannot open` : `can't open '${p}'`, e); return; }
        chunks.push(header(name, st, '0', '', names.user(st.uid), names.group(st.gid)), data, new Uint8Array((512 - (data.length % 512)) % 512));
      }
    };
    for (const p of rest) await add(p);
    chunks.push(new Uint8Array(1024));
    let body = concat(chunks);
    const blocks = Math.ceil(body.length / 10240) * 10240;
    if (blocks > body.length) body = concat([body, new Uint8Array(blocks - body.length)]);
    if (o.has('z')) body = gz(body, 0);
    if (file === '-') await a.out.writeBytes(body);
    else {
      try {
        const fd = a.sys.open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o666);
        try { await a.sys.write(fd, body); } finally { a.sys.close(fd); }
      } catch (e) { await a.perror(a.gnu ? `${file}: Cannot open` : `can't open '${file}'`, e); return 2; }
    }
  } else {
    let raw: Uint8Array;
    try { raw = file === '-' ? await readAll(a.sys, 0) : await readFileBytes(a.sys, file); } catch (e) {
      await a.perror(a.gnu ? `${file}: Cannot open` : `can't open '${file}'`, e);
      if (a.gnu) await a.error('Error is not recoverable: exiting now');
      return 2;
    }
    if (raw[0] === 0x1f && raw[1] === 0x8b) {
      try { raw = gunz(raw); } catch (e) { if (e instanceof GzipError) { await a.error(`invalid gzip data: ${e.message}`); return 2; } throw e; }
    }
    const members = parseTar(raw);
    if (!members) {
      await a.error(a.gnu ? 'This does not look like a tar archive' : 'invalid tar magic');
      if (a.gnu) await a.error('Exiting with failure status due to previous errors');
      return 2;
    }
    const strip = Number(o.get('strip') ?? 0);
    const want = rest.length ? rest : null;
    const root = a.sys.geteuid() === 0 && !o.has('o');
    for (const m of members) {
      let name = m.name.replace(/^\/+/, '');
      if (want && !want.some((w) => name === w || name.startsWith(w.replace(/\/?$/, '/')) || name.replace(/\/$/, '') === w.replace(/\/$/, ''))) continue;
      if (strip) { const parts = name.split('/'); if (parts.length <= strip) continue; name = parts.slice(strip).join('/'); if (!name) continue; }
      if (mode === 't') {
        if (verbose) {
          const typeBit = m.type === '5' ? S_IFDIR : m.type === '2' ? S_IFLNK : S_IFREG;
          const owner = `${m.uname || m.uid}/${m.gname || m.gid}`;
          await a.write(a.gnu
            ? `${modeString(typeBit | m.mode)} ${owner} ${String(m.size).padStart(Math.max(1, 14 - owner.length))} ${strftime('%Y-%m-%d %H:%M', m.mtime * 1000)} ${name}${m.type === '2' ? ` -> ${m.link}` : ''}\n`
            : `${modeString(typeBit | m.mode)} ${owner} ${String(m.size).padStart(9)} ${strftime('%Y-%m-%d %H:%M:%S', m.mtime * 1000)} ${name}${m.type === '2' ? ` -> ${m.link}` : ''}\n`);
        } else await a.write(name + '\n');
        continue;
      }
      if (verbose) await a.write(name + '\n');
      if (o.has('O')) { if (m.type === '0') await a.out.writeBytes(m.data); continue; }
      const target = dir ? joinPath(dir, name) : name;
      try {
        // parents of the member
        const parts = target.replace(/\/$/, '').split('/');
        let cur = target.startsWith('/') ? '' : '.';
        for (let i = 0; i < parts.length - 1; i++) {
          if (!parts[i]) continue;
          cur = cur === '.' ? parts[i]! : `${cur}/${parts[i]}`;
          try { a.sys.mkdir(cur, 0o755); } catch (e) { if (errnoOf(e) !== EEXIST) throw e; }
        }
        const path = target.replace(/\/$/, '');
        if (m.type === '5') { try { a.sys.mkdir(path, m.mode); } catch (e) { if (errnoOf(e) !== EEXIST) throw e; } a.sys.chmod(path, m.mode); }
        else if (m.type === '2') { try { a.sys.unlink(path); } catch (e) { errnoOf(e); } a.sys.symlink(m.link, path); }
        else if (m.type === '1') { try { a.sys.unlink(path); } catch (e) { errnoOf(e); } a.sys.link(dir ? joinPath(dir, m.link) : m.link, path); }
        else {
          try { a.sys.unlink(path); } catch (e) { errnoOf(e); }
          const fd = a.sys.open(path, O_WRONLY | O_CREAT | O_TRUNC, m.mode);
          try { await a.sys.write(fd, m.data); } finally { a.sys.close(fd); }
          a.sys.chmod(path, m.mode);
        }
        if (m.type !== '2') a.sys.utimes(path, m.mtime * 1000, m.mtime * 1000);
        if (root) { try { a.sys.lchown(path, m.uid, m.gid); } catch (e) { errnoOf(e); } }
      } catch (e) {
        if (!isSysError(e)) throw e;
        failed = true;
        await a.perror(a.gnu ? `${name}: Cannot open` : `can't create '${name}'`, e);
      }
    }
  }
  if (failed && a.gnu) { await a.error('Exiting with failure status due to previous errors'); return 2; }
  return failed ? 1 : 0;
};

export const gzip: Applet = async (a) => {
  const decompress = a.name === 'gunzip' || a.name === 'zcat' || a.args.includes('-d');
  const toStdout = a.name === 'zcat' || a.args.includes('-c');
  const keep = a.args.includes('-k');
  const force = a.args.includes('-f');
  const files = a.args.filter((x) => !x.startsWith('-') || x === '-');
  let st = 0;
  for (const f of files.length ? files : ['-']) {
    let data: Uint8Array;
    try { data = f === '-' ? await readAll(a.sys, 0) : await readFileBytes(a.sys, f); } catch (e) {
      st = 1;
      await a.perror(a.gnu ? f : `can't open '${f}'`, e);
      continue;
    }
    let out: Uint8Array;
    if (decompress) {
      try { out = gunz(data); } catch (e) {
        if (!(e instanceof GzipError)) throw e;
        st = 1;
        await a.error(a.gnu ? `${f}: ${e.message}` : e.message);
        continue;
      }
    } else {
      let mtime = 0;
      if (f !== '-') { try { mtime = Math.floor(a.sys.stat(f).mtimeMs / 1000); } catch (e) { errnoOf(e); } }
      out = gz(data, mtime);
    }
    if (f === '-' || toStdout) { await a.out.writeBytes(out); continue; }
    const target = decompress ? f.replace(/\.(gz|tgz)$/, (m) => (m === '.tgz' ? '.tar' : '')) : f + '.gz';
    if (decompress && target === f) { st = 1; await a.error(a.gnu ? `${f}: unknown suffix -- ignored` : `${f}: unknown suffix - ignored`); continue; }
    try {
      const flags = O_WRONLY | O_CREAT | O_TRUNC | (force ? 0 : 0o200);
      const fd = a.sys.open(target, flags, a.sys.stat(f).mode & 0o777);
      try { await a.sys.write(fd, out); } finally { a.sys.close(fd); }
      if (!keep) a.sys.unlink(f);
    } catch (e) {
      st = 1;
      if (errnoOf(e) === EEXIST) await a.error(a.gnu ? `${target} already exists;\tnot overwritten` : `can't open '${target}': File exists`);
      else await a.perror(a.gnu ? target : `can't open '${target}'`, e);
    }
  }
  return st;
};

export { O_RDONLY };
