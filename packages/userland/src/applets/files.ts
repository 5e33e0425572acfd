// File applets: cat, mkdir, rmdir, rm, cp, mv, touch, ln, chmod, chown, chgrp,
// readlink, realpath, with busybox's and GNU's messages.

import {
  isSysError, ENOENT, EEXIST, EISDIR, ENOTDIR, EXDEV, S_IFMT, S_IFDIR, S_IFLNK, S_IFREG,
  O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC,
} from '@dockersim/kernel';
import type { Sys, Stat } from '@dockersim/kernel';
import type { Applet } from './types.ts';
import type { App } from '../libc/app.ts';
import { basename, joinPath, normalize } from '../libc/path.ts';
import { Names } from '../libc/passwd.ts';
import { missing } from './basic.ts';
import { errnoOf } from '../libc/errors.ts';

const isDir = (st: Stat): boolean => (st.mode & S_IFMT) === S_IFDIR;
function tryStat(sys: Sys, p: string, l = false): Stat | null {
  try { return l ? sys.lstat(p) : sys.stat(p); } catch (e) { errnoOf(e); return null; }
}

export const cat: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'nbvAeEtTsu', long: { number: { key: 'n' }, 'number-nonblank': { key: 'b' }, 'show-all': { key: 'A' }, 'show-ends': { key: 'E' }, 'show-tabs': { key: 'T' }, 'show-nonprinting': { key: 'v' }, 'squeeze-blank': { key: 's' } } }, '[-nbvteA] [FILE]...');
  const files = rest.length ? rest : ['-'];
  const showEnds = o.has('A') || o.has('e') || o.has('E');
  const showTabs = o.has('A') || o.has('t') || o.has('T');
  const nonPrint = o.has('A') || o.has('v') || o.has('e') || o.has('t');
  const numberAll = o.has('n') && !o.has('b');
  const transform = showEnds || showTabs || nonPrint || o.has('n') || o.has('b') || o.has('s');
  let st = 0;
  let lineNo = 0;
  let prevBlank = false;
  await a.out.flush();
  for (const f of files) {
    let fd = 0;
    if (f !== '-') {
      try { fd = a.sys.open(f, O_RDONLY); } catch (e) {
        st = 1;
        if (a.gnu) await a.perror(f, e); else await a.perror(`can't open '${f}'`, e);
        continue;
      }
    }
    try {
      let carry = '';
      const dec = new TextDecoder();
      for (;;) {
        const b = await a.sys.read(fd, 65536);
        if (b.length === 0) break;
        if (!transform) { await a.sys.write(1, b); continue; }
        const s = carry + dec.decode(b, { stream: true });
        const parts = s.split('\n');
        carry = parts.pop()!;
        let out = '';
        for (const line of parts) {
          const blank = line === '';
          if (o.has('s') && blank && prevBlank) continue;
          prevBlank = blank;
          let l = line;
          if (nonPrint) l = [...l].map((c) => { const n = c.charCodeAt(0); if (c === '\t') return c; if (n < 32) return '^' + String.fromCharCode(n + 64); if (n === 127) return '^?'; if (n > 127 && n < 256) return 'M-' + (n - 128 < 32 ? '^' + String.fromCharCode(n - 64) : String.fromCharCode(n - 128)); return c; }).join('');
          if (showTabs) l = l.replace(/\t/g, '^I');
          if (numberAll || (o.has('b') && !blank)) l = `${String(++lineNo).padStart(6)}\t${l}`;
          out += l + (showEnds ? '$' : '') + '\n';
        }
        await a.sys.write(1, out);
      }
      if (transform && carry) await a.sys.write(1, (numberAll || o.has('b') ? `${String(++lineNo).padStart(6)}\t` : '') + carry);
    } catch (e) {
      st = 1;
      const n = errnoOf(e);
      if (n === EISDIR) await a.error(a.gnu ? `${f}: Is a directory` : `read error: Is a directory`);
      else if (n === 32) return 1;
      else await a.perror(a.gnu ? f : 'read error', e);
    } finally { if (fd !== 0) a.sys.close(fd); }
  }
  return st;
};

function parseMode(s: string, base: number, isDirectory: boolean, umask: number): number | null {
  if (/^[0-7]+$/.test(s)) return parseInt(s, 8);
  let mode = base & 0o7777;
  for (const clause of s.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXstugo]*)$/.exec(clause);
    if (!m) return null;
    let who = 0;
    for (const c of m[1]!) who |= c === 'u' ? 0o4700 : c === 'g' ? 0o2070 : c === 'o' ? 0o1007 : 0o7777;
    const noWho = who === 0;
    if (noWho) who = 0o7777;
    let bits = 0;
    for (const c of m[3]!) {
      if (c === 'r') bits |= 0o444;
      else if (c === 'w') bits |= 0o222;
      else if (c === 'x') bits |= 0o111;
      else if (c === 'X') { if (isDirectory || (base & 0o111)) bits |= 0o111; }
      else if (c === 's') bits |= 0o6000;
      else if (c === 't') bits |= 0o1000;
      else if (c === 'u') { const u = (base >> 6) & 7; bits |= u * 0o111; }
      else if (c === 'g') { const g = (base >> 3) & 7; bits |= g * 0o111; }
      else if (c === 'o') { const o = base & 7; bits |= o * 0o111; }
    }
    let eff = bits & who;
    if (noWho) eff &= ~umask;
    if (m[2] === '+') mode |= eff;
    else if (m[2] === '-') mode &= ~eff;
    else mode = (mode & ~(who & 0o7777 & ~(noWho ? 0 : 0))) | eff;
  }
  return mode;
}
export { parseMode };

export const mkdir: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'pm:v', long: { parents: { key: 'p' }, mode: { key: 'm', arg: 'required' }, verbose: { key: 'v' } } }, '[-m MODE] [-p] DIRECTORY...');
  if (rest.length === 0) return missing(a, '[-m MODE] [-p] DIRECTORY...');
  const umask = a.sys.umask();
  let mode = 0o777;
  if (typeof o.get('m') === 'string') {
    const m = parseMode(o.get('m') as string, 0o777 & ~umask, true, 0);
    if (m === null) { await a.error(a.gnu ? `invalid mode ${a.q(o.get('m') as string)}` : `invalid mode '${o.get('m')}'`); return 1; }
    mode = m;
  }
  let st = 0;
  for (const d of rest) {
    const fail = async (e: unknown, path = d): Promise<void> => {
      st = 1;
      await a.perror(a.gnu ? `cannot create directory ${a.q(path)}` : `can't create directory '${path}'`, e);
    };
    if (o.has('p')) {
      const parts = d.split('/');
      // busybox names the prefix it was creating, through the slashes after it ('/opt/app/')
      const prefixes = [...d.matchAll(/[^/]+\/*/g)].map((m) => d.slice(0, m.index + m[0].length));
      let cur = d.startsWith('/') ? '' : '.';
      let ok = true;
      let k = 0;
      for (let i = 0; i < parts.length; i++) {
        if (!parts[i]) continue;
        cur = cur === '.' ? parts[i]! : `${cur}/${parts[i]}`;
        const shown = prefixes[k++] ?? d;
        const last = parts.slice(i + 1).every((x) => !x);
        try { a.sys.mkdir(cur, last ? mode : 0o777); if (last && o.has('m')) a.sys.chmod(cur, mode); } catch (e) {
          const n = errnoOf(e);
          if (n === EEXIST && isDirOk(a.sys, cur)) continue;
          await fail(e, a.gnu ? (n !== EEXIST ? cur : d) : shown);
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      continue;
    }
    try {
      a.sys.mkdir(d, mode);
      if (o.has('m')) a.sys.chmod(d, mode);
    } catch (e) { await fail(e); }
  }
  return st;
};

function isDirOk(sys: Sys, p: string): boolean { const s = tryStat(sys, p); return !!s && isDir(s); }

export const rmdir: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'pv', long: { parents: { key: 'p' }, 'ignore-fail-on-non-empty': { key: 'I' } } }, '[-p] DIRECTORY...');
  if (rest.length === 0) return missing(a, '[-p] DIRECTORY...');
  let st = 0;
  for (let d of rest) {
    for (;;) {
      try { a.sys.rmdir(d); } catch (e) {
        if (o.has('I') && errnoOf(e) === 39) break;
        st = 1;
        await a.perror(a.gnu ? `failed to remove ${a.q(d)}` : `'${d}'`, e);
        break;
      }
      if (!o.has('p')) break;
      const i = d.replace(/\/+$/, '').lastIndexOf('/');
      if (i <= 0) break;
      d = d.slice(0, i);
    }
  }
  return st;
};

async function removeTree(a: App, p: string, force: boolean, recursive: boolean, dirOk: boolean): Promise<boolean> {
  const st = tryStat(a.sys, p, true);
  const cant = async (e: unknown): Promise<false> => {
    await a.perror(a.gnu ? `cannot remove ${a.q(p)}` : `can't remove '${p}'`, e);
    return false;
  };
  if (!st) {
    if (force) return true;
    try { a.sys.lstat(p); } catch (e) { return cant(e); }
    return false;
  }
  if (isDir(st)) {
    if (!recursive) {
      if (dirOk) { try { a.sys.rmdir(p); return true; } catch (e) { return cant(e); } }
      await a.error(a.gnu ? `cannot remove ${a.q(p)}: Is a directory` : `'${p}' is a directory`);
      return false;
    }
    let ok = true;
    let names: string[] = [];
    try { names = a.sys.readdir(p).map((d) => d.name); } catch (e) { return cant(e); }
    for (const n of names) if (!(await removeTree(a, joinPath(p, n), force, recursive, dirOk))) ok = false;
    if (!ok) return false;
    try { a.sys.rmdir(p); } catch (e) { return cant(e); }
    return true;
  }
  try { a.sys.unlink(p); } catch (e) { return cant(e); }
  return true;
}

export const rm: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'fiRrdv', long: { force: { key: 'f' }, recursive: { key: 'r' }, dir: { key: 'd' }, verbose: { key: 'v' }, 'no-preserve-root': { key: 'N' }, 'preserve-root': { key: 'P' } } }, '[-irf] FILE...');
  if (rest.length === 0) {
    if (o.has('f')) return 0;
    return missing(a, '[-irf] FILE...');
  }
  let st = 0;
  for (const p of rest) {
    const b = basename(p);
    if (b === '.' || b === '..') {
      await a.error(a.gnu ? `refusing to remove '.' or '..' directory: skipping ${a.q(p)}` : `can't remove '.' or '..'`);
      st = 1; continue;
    }
    if (normalize(p) === '/' && (o.has('r') || o.has('R')) && !o.has('N')) {
      await a.error(a.gnu ? `it is dangerous to operate recursively on '/'` : `can't remove '/'`);
      if (a.gnu) await a.error(`use --no-preserve-root to override this failsafe`);
      st = 1; continue;
    }
    if (!(await removeTree(a, p, o.has('f'), o.has('r') || o.has('R'), o.has('d')))) st = 1;
  }
  return st;
};

async function copyFile(a: App, src: string, dst: string, st: Stat, preserve: boolean): Promise<void> {
  const t = st.mode & S_IFMT;
  if (t === S_IFLNK) { a.sys.symlink(a.sys.readlink(src), dst); return; }
  const inFd = a.sys.open(src, O_RDONLY);
  try {
    const outFd = a.sys.open(dst, O_WRONLY | O_CREAT | O_TRUNC, st.mode & 0o777);
    try {
      for (;;) {
        const b = await a.sys.read(inFd, 65536);
        if (b.length === 0) break;
        await a.sys.write(outFd, b);
      }
    } finally { a.sys.close(outFd); }
  } finally { a.sys.close(inFd); }
  if (preserve) {
    try { a.sys.chmod(dst, st.mode & 0o7777); a.sys.utimes(dst, st.atimeMs, st.mtimeMs); a.sys.lchown(dst, st.uid, st.gid); } catch (e) { errnoOf(e); }
  }
}

async function copyTree(a: App, src: string, dst: string, o: { r: boolean; p: boolean; L: boolean }): Promise<boolean> {
  const st = tryStat(a.sys, src, !o.L);
  if (!st) {
    try { a.sys.lstat(src); } catch (e) { await a.perror(a.gnu ? `cannot stat ${a.q(src)}` : `can't stat '${src}'`, e); }
    return false;
  }
  if (isDir(st)) {
    if (!o.r) {
      await a.error(a.gnu ? `-r not specified; omitting directory ${a.q(src)}` : `omitting directory '${src}'`);
      return false;
    }
    try { a.sys.mkdir(dst, st.mode & 0o777 | 0o700); } catch (e) {
      if (errnoOf(e) !== EEXIST || !isDirOk(a.sys, dst)) {
        await a.perror(a.gnu ? `cannot create directory ${a.q(dst)}` : `can't create directory '${dst}'`, e);
        return false;
      }
    }
    let ok = true;
    for (const d of a.sys.readdir(src)) if (!(await copyTree(a, joinPath(src, d.name), joinPath(dst, d.name), o))) ok = false;
    if (o.p) { try { a.sys.chmod(dst, st.mode & 0o7777); a.sys.chown(dst, st.uid, st.gid); } catch (e) { errnoOf(e); } }
    else try { a.sys.chmod(dst, st.mode & 0o777); } catch (e) { errnoOf(e); }
    return ok;
  }
  try { await copyFile(a, src, dst, st, o.p); } catch (e) {
    await a.perror(a.gnu ? `cannot create regular file ${a.q(dst)}` : `can't create '${dst}'`, e);
    return false;
  }
  return true;
}

export const cp: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'rRapfdPLHvniT', long: { recursive: { key: 'r' }, archive: { key: 'a' }, force: { key: 'f' }, preserve: { key: 'p', arg: 'optional' }, verbose: { key: 'v' }, 'no-clobber': { key: 'n' } } }, '[-arPLHpfinlsTu] SOURCE DEST');
  if (rest.length < 2) {
    if (a.gnu && rest.length === 1) { await a.error(`missing destination file operand after ${a.q(rest[0]!)}`); await a.sys.write(2, `Try '${a.prog} --help' for more information.\n`); return 1; }
    return missing(a, '[-arPLHpfinlsTu] SOURCE DEST');
  }
  const opts = { r: o.has('r') || o.has('R') || o.has('a'), p: o.has('p') || o.has('a'), L: !(o.has('a') || o.has('P') || o.has('d')) && !(o.has('r') || o.has('R')) };
  const dest = rest[rest.length - 1]!;
  const srcs = rest.slice(0, -1);
  const dst = tryStat(a.sys, dest);
  const intoDir = !!dst && isDir(dst);
  if (srcs.length > 1 && !intoDir) {
    await a.error(a.gnu ? `target ${a.q(dest)} is not a directory` : `'${dest}' is not a directory`);
    return 1;
  }
  let st = 0;
  for (const s of srcs) {
    const target = intoDir ? joinPath(dest, basename(s)) : dest;
    if (!(await copyTree(a, s, target, opts))) st = 1;
  }
  return st;
};

export const mv: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'finvT', long: { force: { key: 'f' }, 'no-clobber': { key: 'n' }, verbose: { key: 'v' } } }, '[-fin] SOURCE DEST');
  if (rest.length < 2) {
    if (a.gnu && rest.length === 1) { await a.error(`missing destination file operand after ${a.q(rest[0]!)}`); await a.sys.write(2, `Try '${a.prog} --help' for more information.\n`); return 1; }
    return missing(a, '[-fin] SOURCE DEST');
  }
  const dest = rest[rest.length - 1]!;
  const srcs = rest.slice(0, -1);
  const dst = tryStat(a.sys, dest);
  const intoDir = !!dst && isDir(dst);
  if (srcs.length > 1 && !intoDir) {
    await a.error(a.gnu ? `target ${a.q(dest)} is not a directory` : `'${dest}' is not a directory`);
    return 1;
  }
  let st = 0;
  for (const s of srcs) {
    const target = intoDir ? joinPath(dest, basename(s)) : dest;
    if (o.has('n') && tryStat(a.sys, target, true)) continue;
    try { a.sys.rename(s, target); } catch (e) {
      const n = errnoOf(e);
      if (n === EXDEV) {
        const sst = tryStat(a.sys, s, true)!;
        if (await copyTree(a, s, target, { r: true, p: true, L: false }) && await removeTree(a, s, true, true, true)) continue;
        st = 1; continue;
      }
      st = 1;
      if (n === ENOENT && !tryStat(a.sys, s, true)) await a.perror(a.gnu ? `cannot stat ${a.q(s)}` : `can't rename '${s}'`, e);
      else await a.perror(a.gnu ? `cannot move ${a.q(s)} to ${a.q(target)}` : `can't rename '${s}'`, e);
    }
  }
  return st;
};

export const touch: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'cd:t:r:amh', long: { 'no-create': { key: 'c' }, date: { key: 'd', arg: 'required' }, reference: { key: 'r', arg: 'required' } } }, '[-c] [-d DATE] [-t DATE] [-r FILE] FILE...');
  if (rest.length === 0) return missing(a, '[-c] [-d DATE] [-t DATE] [-r FILE] FILE...');
  let t = a.sys.now();
  if (typeof o.get('r') === 'string') {
    try { t = a.sys.stat(o.get('r') as string).mtimeMs; } catch (e) { return a.perror(a.gnu ? `failed to get attributes of ${a.q(o.get('r') as string)}` : (o.get('r') as string), e); }
  }
  if (typeof o.get('d') === 'string') {
    const d = o.get('d') as string;
    const n = d.startsWith('@') ? Number(d.slice(1)) * 1000 : Date.parse(d.includes('T') || d.includes('Z') ? d : d.replace(' ', 'T') + 'Z');
    if (!Number.isNaN(n)) t = n;
  }
  let st = 0;
  for (const f of rest) {
    try {
      a.sys.utimes(f, t, t);
    } catch (e) {
      const n = errnoOf(e);
      if (n === ENOENT && !o.has('c')) {
        try { a.sys.close(a.sys.open(f, O_WRONLY | O_CREAT, 0o666)); if (o.has('d') || o.has('r')) a.sys.utimes(f, t, t); continue; } catch (e2) {
          st = 1; await a.perror(a.gnu ? `cannot touch ${a.q(f)}` : f, e2); continue;
        }
      }
      if (n === ENOENT && o.has('c')) continue;
      st = 1;
      await a.perror(a.gnu ? `setting times of ${a.q(f)}` : f, e);
    }
  }
  return st;
};

export const ln: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'sfnvT', long: { symbolic: { key: 's' }, force: { key: 'f' } } }, '[-sfnbtv] [-S SUF] TARGET... LINK|DIR');
  if (rest.length === 0) return missing(a, '[-sfnbtv] [-S SUF] TARGET... LINK|DIR');
  const targets = rest.length === 1 ? rest : rest.slice(0, -1);
  const last = rest.length === 1 ? '.' : rest[rest.length - 1]!;
  const lst = tryStat(a.sys, last);
  const intoDir = !!lst && isDir(lst) && !(o.has('n') && tryStat(a.sys, last, true) && (tryStat(a.sys, last, true)!.mode & S_IFMT) === S_IFLNK);
  if (targets.length > 1 && !intoDir) { await a.error(a.gnu ? `target ${a.q(last)} is not a directory` : `'${last}' is not a directory`); return 1; }
  let st = 0;
  for (const t of targets) {
    const link = intoDir ? joinPath(last, basename(t)) : last;
    if (o.has('f')) { try { a.sys.unlink(link); } catch (e) { errnoOf(e); } }
    try {
      if (o.has('s')) a.sys.symlink(t, link); else a.sys.link(t, link);
    } catch (e) {
      st = 1;
      if (a.gnu) await a.perror(o.has('s') ? `failed to create symbolic link ${a.q(link)}` : `failed to create hard link ${a.q(link)} => ${a.q(t)}`, e);
      else await a.perror(link, e);
    }
  }
  return st;
};

async function walk(a: App, p: string, recursive: boolean, fn: (p: string) => Promise<boolean>): Promise<boolean> {
  let ok = await fn(p);
  if (recursive) {
    const st = tryStat(a.sys, p, true);
    if (st && isDir(st)) for (const d of a.sys.readdir(p)) if (!(await walk(a, joinPath(p, d.name), true, fn))) ok = false;
  }
  return ok;
}

export const chmod: Applet = async (a) => {
  // modes like -w look like options: take the first non-R argument as the mode
  const args = a.args.slice();
  let recursive = false;
  const rest: string[] = [];
  for (const x of args) {
    if (x === '-R' || x === '--recursive') recursive = true;
    else if (x === '-v' || x === '-c' || x === '-f') continue;
    else rest.push(x);
  }
  if (rest.length < 2) {
    if (a.gnu && rest.length === 1) { await a.error(`missing operand after ${a.q(rest[0]!)}`); await a.sys.write(2, `Try '${a.prog} --help' for more information.\n`); return 1; }
    return missing(a, '[-Rcvf] MODE[,MODE]... FILE...');
  }
  const spec = rest[0]!;
  const umask = a.sys.umask();
  let st = 0;
  for (const f of rest.slice(1)) {
    const ok = await walk(a, f, recursive, async (p) => {
      let s: Stat;
      try { s = a.sys.stat(p); } catch (e) { await a.perror(a.gnu ? `cannot access ${a.q(p)}` : p, e); return false; }
      const m = parseMode(spec, s.mode & 0o7777, isDir(s), umask);
      if (m === null) { await a.error(a.gnu ? `invalid mode: ${a.q(spec)}` : `invalid mode '${spec}'`); st = 1; return false; }
      try { a.sys.chmod(p, m); } catch (e) { await a.perror(a.gnu ? `changing permissions of ${a.q(p)}` : p, e); return false; }
      return true;
    });
    if (!ok) st = 1;
  }
  return st;
};

function chownLike(group: boolean): Applet {
  return async (a) => {
    const { o, rest } = await a.opts({ short: 'RhHLPvcf', long: { recursive: { key: 'R' } } }, '[-RhLHPcvf] USER[:[GRP]] FILE...');
    if (rest.length < 2) {
      if (a.gnu && rest.length === 1) { await a.error(`missing operand after ${a.q(rest[0]!)}`); await a.sys.write(2, `Try '${a.prog} --help' for more information.\n`); return 1; }
      return missing(a, '[-RhLHPcvf] USER[:[GRP]] FILE...');
    }
    const n = await Names.load(a.sys);
    const spec = rest[0]!;
    let uid = -1, gid = -1;
    const [u, g] = group ? ['', spec] : spec.split(/[:.]/) as [string, string | undefined];
    if (u) {
      const e = n.userByName(u);
      if (e) uid = e.uid; else if (/^\d+$/.test(u)) uid = Number(u);
      else { await a.error(a.gnu ? `invalid user: ${a.q(spec)}` : `unknown user ${u}`); return 1; }
      if (g === '' && e) gid = e.gid;
    }
    if (g) {
      const e = n.groupByName(g);
      if (e) gid = e.gid; else if (/^\d+$/.test(g)) gid = Number(g);
      else { await a.error(a.gnu ? (group ? `invalid group: ${a.q(g)}` : `invalid group: ${a.q(spec)}`) : `unknown group ${g}`); return 1; }
    }
    let st = 0;
    for (const f of rest.slice(1)) {
      const ok = await walk(a, f, o.has('R'), async (p) => {
        try { (o.has('h') ? a.sys.lchown : a.sys.chown).call(a.sys, p, uid, gid); } catch (e) {
          const errno = errnoOf(e);
          await a.perror(a.gnu ? (errno === ENOENT ? `cannot access ${a.q(p)}` : `changing ${group ? 'group' : 'ownership'} of ${a.q(p)}`) : p, e);
          return false;
        }
        return true;
      });
      if (!ok) st = 1;
    }
    return st;
  };
}
export const chown = chownLike(false);
export const chgrp = chownLike(true);

function resolvePath(sys: Sys, p: string, mustExist: boolean): string | null {
  const cwd = sys.getcwd();
  let todo = (p.startsWith('/') ? p : `${cwd}/${p}`).split('/').filter(Boolean);
  const out: string[] = [];
  let links = 0;
  while (todo.length) {
    const c = todo.shift()!;
    if (c === '.') continue;
    if (c === '..') { out.pop(); continue; }
    const cur = '/' + [...out, c].join('/');
    let st: Stat | null = tryStat(sys, cur, true);
    if (!st) { if (mustExist || todo.length) return null; out.push(c); continue; }
    if ((st.mode & S_IFMT) === S_IFLNK) {
      if (++links > 40) return null;
      const t = sys.readlink(cur);
      if (t.startsWith('/')) out.length = 0;
      todo = [...t.split('/').filter(Boolean), ...todo];
      continue;
    }
    out.push(c);
  }
  return '/' + out.join('/');
}

export const readlink: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'fnvem', long: { canonicalize: { key: 'f' } } }, '[-fnv] FILE');
  let st = 0;
  for (const f of rest) {
    let r: string | null = null;
    if (o.has('f') || o.has('e') || o.has('m')) r = resolvePath(a.sys, f, o.has('e'));
    else { try { r = a.sys.readlink(f); } catch (e) { errnoOf(e); } }
    if (r === null) { st = 1; continue; }
    await a.write(r + (o.has('n') ? '' : '\n'));
  }
  return st;
};

export const realpath: Applet = async (a) => {
  const { rest } = await a.opts({ short: 'eLmPqsz' }, 'FILE...');
  let st = 0;
  for (const f of rest) {
    const r = resolvePath(a.sys, f, !a.gnu);
    if (r === null) {
      st = 1;
      try { a.sys.stat(f); } catch (e) { await a.perror(f, e); }
      continue;
    }
    await a.write(r + '\n');
  }
  return st;
};

export { S_IFREG, ENOTDIR };
