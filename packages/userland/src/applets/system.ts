// System applets: date, mount, umount, df, which, stat, find, xargs.

import {
  isSysError, S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK, MS_BIND, MS_RDONLY, MS_REC, MS_REMOUNT,
  MS_NOSUID, MS_NODEV, MS_NOEXEC, MNT_DETACH, MNT_FORCE, ENOENT, EINVAL, EPERM, EBUSY,
} from '@dockersim/kernel';
import type { Stat } from '@dockersim/kernel';
import type { Applet } from './types.ts';
import type { App } from '../libc/app.ts';
import { readFile, readAll, text } from '../libc/io.ts';
import { strftime, timegm } from '../libc/time.ts';
import { Names } from '../libc/passwd.ts';
import { modeString, devMajor, devMinor, humanSize } from '../libc/mode.ts';
import { fnmatch } from '../libc/fnmatch.ts';
import { joinPath, basename } from '../libc/path.ts';
import { findInPath, missing } from './basic.ts';
import { errnoOf } from '../libc/errors.ts';

function parseDate(s: string, now: number): number | null {
  if (s.startsWith('@')) return /^@-?\d+(\.\d+)?$/.test(s) ? Number(s.slice(1)) * 1000 : null;
  if (s === 'now' || s === '') return now;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(?:Z|UTC)?$/.exec(s);
  if (m) return timegm(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (m) { const day = Math.floor(now / 86400000) * 86400000; return day + (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0)) * 1000; }
  m = /^([-+]?\d+)\s*(second|minute|hour|day|week)s?(\s+ago)?$/.exec(s);
  if (m) { const mult = { second: 1, minute: 60, hour: 3600, day: 86400, week: 604800 }[m[2] as 'second'] * 1000; return now + Number(m[1]) * mult * (m[3] ? -1 : 1); }
  if (s === 'yesterday') return now - 86400000;
  if (s === 'tomorrow') return now + 86400000;
  return null;
}

export const date: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'ud:r:RIs:D:', long: { utc: { key: 'u' }, date: { key: 'd', arg: 'required' }, reference: { key: 'r', arg: 'required' }, 'rfc-2822': { key: 'R' }, 'iso-8601': { key: 'I', arg: 'optional' }, set: { key: 's', arg: 'required' } } }, '[OPTIONS] [+FMT] [[-s] TIME]');
  let t = a.sys.now();
  if (typeof o.get('d') === 'string') {
    const v = parseDate((o.get('d') as string).trim(), t);
    if (v === null) { await a.error(a.gnu ? `invalid date ${a.q(o.get('d') as string)}` : `invalid date '${o.get('d')}'`); return 1; }
    t = v;
  }
  if (typeof o.get('r') === 'string') {
    try { t = a.sys.stat(o.get('r') as string).mtimeMs; } catch (e) { return a.perror(o.get('r') as string, e); }
  }
  if (o.has('s') || (rest[0] && !rest[0].startsWith('+'))) {
    await a.error(a.gnu ? 'cannot set date: Operation not permitted' : "can't set date: Operation not permitted");
    return 1;
  }
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  if (o.has('R')) fmt = '%a, %d %b %Y %H:%M:%S %z';
  if (o.has('I')) { const v = o.get('I'); fmt = v === 'seconds' ? '%Y-%m-%dT%H:%M:%S+00:00' : v === 'minutes' ? '%Y-%m-%dT%H:%M+00:00' : v === 'hours' ? '%Y-%m-%dT%H+00:00' : '%Y-%m-%d'; }
  if (rest[0]?.startsWith('+')) fmt = rest[0].slice(1);
  await a.write(strftime(fmt, t) + '\n');
  return 0;
};

interface MountLine { src: string; target: string; type: string; opts: string }

async function mounts(a: App): Promise<MountLine[]> {
  let t = '';
  try { t = await readFile(a.sys, '/proc/self/mounts'); } catch (e) {
    if (!isSysError(e)) throw e;
    try { t = await readFile(a.sys, '/proc/mounts'); } catch (e2) { if (!isSysError(e2)) throw e2; }
  }
  const unesc = (s: string): string => s.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  return t.split('\n').filter(Boolean).map((l) => { const f = l.split(' '); return { src: unesc(f[0]!), target: unesc(f[1]!), type: f[2]!, opts: f[3]! }; });
}

export const mount: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 't:o:rwanvf', long: { bind: { key: 'bind' }, rbind: { key: 'rbind' }, types: { key: 't', arg: 'required' }, options: { key: 'o', arg: 'required' }, 'read-only': { key: 'r' } } }, '[OPTIONS] [-o OPT] DEVICE NODE');
  if (rest.length === 0) {
    const filter = o.get('t');
    let out = '';
    for (const m of await mounts(a)) if (!filter || m.type === filter) out += `${m.src} on ${m.target} type ${m.type} (${m.opts})\n`;
    await a.write(out);
    return 0;
  }
  let flags = 0;
  const data: string[] = [];
  const opts = [...(typeof o.get('o') === 'string' ? (o.get('o') as string).split(',') : []), ...(o.has('r') ? ['ro'] : [])];
  if (o.has('bind')) flags |= MS_BIND;
  if (o.has('rbind')) flags |= MS_BIND | MS_REC;
  for (const x of opts) {
    switch (x) {
      case 'ro': flags |= MS_RDONLY; break;
      case 'rw': break;
      case 'bind': flags |= MS_BIND; break;
      case 'rbind': flags |= MS_BIND | MS_REC; break;
      case 'remount': flags |= MS_REMOUNT; break;
      case 'nosuid': flags |= MS_NOSUID; break;
      case 'nodev': flags |= MS_NODEV; break;
      case 'noexec': flags |= MS_NOEXEC; break;
      case 'defaults': break;
      default: data.push(x);
    }
  }
  let src = rest[0]!, target = rest[1];
  if (target === undefined) {
    const m = (await mounts(a)).find((x) => x.target === src || x.src === src);
    if (!m && !(flags & MS_REMOUNT)) { await a.error(a.gnu ? `${src}: can't find in /etc/fstab.` : `can't find ${src} in /etc/fstab`); return a.gnu ? 1 : 1; }
    target = m ? m.target : src;
    src = m ? m.src : src;
  }
  const type = (o.get('t') as string | undefined) ?? (flags & MS_BIND ? '' : src === 'proc' ? 'proc' : src === 'tmpfs' ? 'tmpfs' : src === 'sysfs' ? 'sysfs' : '');
  try {
    a.sys.mount(src, target, type, flags, data.join(','));
  } catch (e) {
    const n = errnoOf(e);
    if (a.gnu) {
      const why = n === EPERM ? 'must be superuser to use mount' : n === ENOENT ? `mount point does not exist` : n === EBUSY ? `${src} already mounted or mount point busy` : a.strerror(n).toLowerCase();
      await a.error(`${target}: ${why}.`);
      return 32;
    }
    if (n === EPERM) await a.error('permission denied (are you root?)');
    else await a.error(`mounting ${src} on ${target} failed: ${a.strerror(n)}`);
    return 255;
  }
  return 0;
};

export const umount: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'flrnav' }, '[-rlfda] [-t FSTYPE] FILESYSTEM|DIRECTORY');
  if (rest.length === 0) return missing(a, '[-rlfda] [-t FSTYPE] FILESYSTEM|DIRECTORY');
  let st = 0;
  for (const t of rest) {
    try { a.sys.umount(t, (o.has('l') ? MNT_DETACH : 0) | (o.has('f') ? MNT_FORCE : 0)); } catch (e) {
      const n = errnoOf(e);
      st = a.gnu ? 32 : 1;
      if (a.gnu) await a.error(n === EINVAL ? `${t}: not mounted.` : n === EPERM ? `${t}: must be superuser to unmount.` : n === EBUSY ? `${t}: target is busy.` : `${t}: ${a.strerror(n)}`);
      else await a.error(`can't unmount ${t}: ${a.strerror(n)}`);
    }
  }
  return st;
};

export const df: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'hkPTamt:', long: { 'human-readable': { key: 'h' }, 'print-type': { key: 'T' }, all: { key: 'a' } } }, '[-PkmhTai] [-B SIZE] [-t TYPE] [FILESYSTEM]...');
  const skip = new Set(['proc', 'sysfs', 'cgroup2', 'cgroup', 'devpts', 'mqueue', 'securityfs', 'debugfs', 'tracefs', 'pstore', 'bpf', 'configfs', 'fusectl', 'hugetlbfs', 'autofs', 'binfmt_misc', 'nsfs']);
  let list = (await mounts(a)).filter((m) => o.has('a') || !skip.has(m.type));
  if (rest.length) list = list.filter((m) => rest.includes(m.target) || rest.includes(m.src));
  // statfs(2) is not among the system calls: sizes follow the mount's size= option or the machine's memory
  let memKb = 4 * 1024 * 1024;
  try { const mi = await readFile(a.sys, '/proc/meminfo'); memKb = Number(/^MemTotal:\s+(\d+)/m.exec(mi)?.[1] ?? memKb); } catch (e) { if (!isSysError(e)) throw e; }
  const rows = list.map((m) => {
    const sz = /(?:^|,)size=(\d+)([kmg]?)/.exec(m.opts);
    const total = sz ? Number(sz[1]) * ({ '': 1 / 1024, k: 1, m: 1024, g: 1048576 }[sz[2] as ''] ?? 1) : m.type === 'tmpfs' || m.type === 'devtmpfs' ? Math.floor(memKb / 2) : 61202244;
    const used = m.type === 'tmpfs' || m.type === 'devtmpfs' ? 0 : Math.floor(total * 0.08);
    return { fs: m.src, type: m.type, total: Math.floor(total), used, avail: Math.floor(total) - used, target: m.target };
  });
  const h = o.has('h');
  const fmt = (kb: number): string => (h ? humanSize(kb * 1024) : String(kb));
  const pct = (r: typeof rows[number]): string => `${r.total ? Math.ceil((r.used * 100) / (r.used + r.avail)) : 0}%`;
  let out = '';
  if (a.gnu) {
    const cells = rows.map((r) => [r.fs, ...(o.has('T') ? [r.type] : []), fmt(r.total), fmt(r.used), fmt(r.avail), r.total ? pct(r) : '-', r.target]);
    const head = ['Filesystem', ...(o.has('T') ? ['Type'] : []), h ? 'Size' : '1K-blocks', 'Used', h ? 'Avail' : 'Available', 'Use%', 'Mounted on'];
    const all = [head, ...cells];
    const n = head.length;
    const w = Array.from({ length: n }, (_, i) => Math.max(...all.map((r) => r[i]!.length)));
    for (const r of all) out += r.map((c, i) => (i === n - 1 ? c : i === 0 || (o.has('T') && i === 1) ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join(' ') + '\n';
  } else {
    out += `Filesystem           ${o.has('T') ? 'Type       ' : ''}${h ? '     Size      Used Available' : '1K-blocks      Used Available'} Use% Mounted on\n`;
    for (const r of rows) {
      const fsCol = r.fs.length > 20 ? `${r.fs}\n${' '.repeat(20)}` : r.fs.padEnd(20);
      out += `${fsCol} ${o.has('T') ? r.type.padEnd(10) + ' ' : ''}${fmt(r.total).padStart(9)} ${fmt(r.used).padStart(9)} ${fmt(r.avail).padStart(9)} ${pct(r).padStart(4)} ${r.target}\n`;
    }
  }
  await a.write(out);
  return 0;
};

export const which: Applet = async (a) => {
  const all = a.args.includes('-a');
  const names = a.args.filter((x) => !x.startsWith('-'));
  if (names.length === 0) return a.gnu ? 1 : missing(a, '[-a] COMMAND...');
  const path = a.getenv('PATH') ?? '/usr/local/bin:/usr/bin:/bin';
  let st = 0;
  for (const n of names) {
    if (n.includes('/')) { const p = findInPath(a.sys, n, ''); if (p) await a.write(n + '\n'); else st = 1; continue; }
    let found = false;
    for (const d of path.split(':')) {
      const f = `${d || '.'}/${n}`;
      try {
        if ((a.sys.stat(f).mode & S_IFMT) === S_IFREG) { a.sys.access(f, 1); await a.write(f + '\n'); found = true; if (!all) break; }
      } catch (e) { errnoOf(e); }
    }
    if (!found) st = 1;
  }
  return st;
};

function fileType(st: Stat): string {
  switch (st.mode & S_IFMT) {
    case S_IFDIR: return 'directory';
    case S_IFLNK: return 'symbolic link';
    case S_IFCHR: return 'character special file';
    case S_IFBLK: return 'block special file';
    case S_IFIFO: return 'fifo';
    case S_IFSOCK: return 'socket';
    default: return st.size === 0 ? 'regular empty file' : 'regular file';
  }
}

export const stat: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'c:LfFt', long: { format: { key: 'c', arg: 'required' }, dereference: { key: 'L' }, printf: { key: 'c', arg: 'required' }, terse: { key: 't' } } }, '[-lLf] [-c FMT] FILE...');
  if (rest.length === 0) return missing(a, '[-ltf] [-c FMT] FILE...');
  const names = await Names.load(a.sys);
  let st = 0;
  const ts = (ms: number): string => strftime('%Y-%m-%d %H:%M:%S.', ms) + String(Math.floor((ms % 1000) * 1e6)).padStart(9, '0') + ' +0000';
  for (const f of rest) {
    let s: Stat;
    try { s = o.has('L') ? a.sys.stat(f) : a.sys.lstat(f); } catch (e) {
      st = 1;
      await a.perror(a.gnu ? `cannot statx ${a.q(f)}` : `can't stat '${f}'`, e);
      continue;
    }
    let name = f;
    if ((s.mode & S_IFMT) === S_IFLNK) { try { name = a.gnu ? `${f} -> ${a.sys.readlink(f)}` : `'${f}' -> '${a.sys.readlink(f)}'`; } catch (e) { errnoOf(e); } }
    if (typeof o.get('c') === 'string') {
      const fmt = o.get('c') as string;
      const out = fmt.replace(/%([%nNsaAuUgGihFYyXxZzbBfdtTo])/g, (_, c: string) => {
        switch (c) {
          case '%': return '%';
          case 'n': return f;
          case 'N': return a.gnu ? `'${f}'` : name;
          case 's': return String(s.size);
          case 'a': return (s.mode & 0o7777).toString(8);
          case 'A': return modeString(s.mode);
          case 'u': return String(s.uid);
          case 'U': return names.user(s.uid);
          case 'g': return String(s.gid);
          case 'G': return names.group(s.gid);
          case 'i': return String(s.ino);
          case 'h': return String(s.nlink);
          case 'F': return fileType(s);
          case 'Y': return String(Math.floor(s.mtimeMs / 1000));
          case 'X': return String(Math.floor(s.atimeMs / 1000));
          case 'Z': return String(Math.floor(s.ctimeMs / 1000));
          case 'y': return ts(s.mtimeMs);
          case 'x': return ts(s.atimeMs);
          case 'z': return ts(s.ctimeMs);
          case 'b': return String(s.blocks);
          case 'B': return '512';
          case 'f': return s.mode.toString(16);
          case 'd': return String(s.dev);
          case 't': return devMajor(s.rdev).toString(16);
          case 'T': return devMinor(s.rdev).toString(16);
          case 'o': return '4096';
        }
        return '';
      });
      await a.write(out.replace(/\\n/g, '\n').replace(/\\t/g, '\t') + '\n');
      continue;
    }
    const dev = a.gnu ? `${devMajor(s.dev)},${devMinor(s.dev)}` : `${s.dev.toString(16)}h/${s.dev}d`;
    const ftype = fileType(s);
    const isDev = (s.mode & S_IFMT) === S_IFCHR || (s.mode & S_IFMT) === S_IFBLK;
    await a.write(
      `  File: ${name}\n`
      + `  Size: ${String(s.size).padEnd(10)}\tBlocks: ${String(s.blocks).padEnd(10)} IO Block: 4096   ${ftype}\n`
      + `Device: ${dev}\tInode: ${String(s.ino).padEnd(11)} Links: ${s.nlink}${isDev ? `     Device type: ${devMajor(s.rdev)},${devMinor(s.rdev)}` : ''}\n`
      + `Access: (${(s.mode & 0o7777).toString(8).padStart(4, '0')}/${modeString(s.mode)})  Uid: (${String(s.uid).padStart(5)}/${names.user(s.uid).padStart(8)})   Gid: (${String(s.gid).padStart(5)}/${names.group(s.gid).padStart(8)})\n`
      + `Access: ${ts(s.atimeMs)}\nModify: ${ts(s.mtimeMs)}\nChange: ${ts(s.ctimeMs)}\n${a.gnu ? ' Birth: -\n' : ''}`,
    );
  }
  return st;
};

// ------------------------------------------------------------------ find

type Expr =
  | { k: 'and' | 'or'; l: Expr; r: Expr }
  | { k: 'not'; e: Expr }
  | { k: 'test'; f: (p: string, st: Stat, depth: number) => boolean | Promise<boolean> };

export const find: Applet = async (a) => {
  const args = a.args;
  let i = 0;
  const paths: string[] = [];
  while (i < args.length && !args[i]!.startsWith('-') && args[i] !== '!' && args[i] !== '(') paths.push(args[i++]!);
  if (paths.length === 0) paths.push('.');
  let maxdepth = Infinity, mindepth = 0;
  let printed = false;
  let status = 0;
  const names = await Names.load(a.sys);
  const pendingPlus: Array<{ cmd: string[]; files: string[] }> = [];
  const bad = async (msg: string): Promise<number> => { await a.error(msg); return 1; };
  const runCmd = async (argv: string[]): Promise<number> => {
    await a.out.flush();
    const path = findInPath(a.sys, argv[0]!, a.getenv('PATH') ?? '/usr/bin:/bin');
    const pid = a.sys.clone({ child: async (csys) => {
      try { await csys.execve(path ?? argv[0]!, argv, a.env); } catch (e) {
        if (!isSysError(e)) throw e;
        await csys.write(2, `${a.prog}: ${argv[0]}: ${a.strerror(e.errno)}\n`);
        return 127;
      }
      return 0;
    } });
    const r = await a.sys.wait4(pid, 0);
    return r?.status.code ?? 1;
  };
  // -quit stops the walk after the current file; -follow dereferences symlinks (like -L)
  let quit = false, follow = false;
  const primary = async (): Promise<Expr | string> => {
    const t = args[i++];
    if (t === undefined) return 'expected an expression';
    if (t === '!' || t === '-not') { const e = await primary(); return typeof e === 'string' ? e : { k: 'not', e }; }
    if (t === '(') { const e = await orExpr(); if (typeof e === 'string') return e; if (args[i++] !== ')') return "expected ')'"; return e; }
    const arg = (): string | undefined => args[i++];
    switch (t) {
      case '-name': case '-iname': {
        const p = arg(); if (p === undefined) return `missing argument to \`${t}'`;
        const ic = t === '-iname';
        return { k: 'test', f: (path) => fnmatch(ic ? p.toLowerCase() : p, ic ? basename(path).toLowerCase() : basename(path)) };
      }
      case '-path': case '-wholename': { const p = arg()!; return { k: 'test', f: (path) => fnmatch(p, path) }; }
      case '-type': {
        const c = arg();
        const map: Record<string, number> = { f: S_IFREG, d: S_IFDIR, l: S_IFLNK, c: S_IFCHR, b: S_IFBLK, p: S_IFIFO, s: S_IFSOCK };
        if (!c || !(c in map)) return a.gnu ? `Unknown argument to -type: ${c}` : `bad arg '${c}'`;
        return { k: 'test', f: (_p, st) => (st.mode & S_IFMT) === map[c] };
      }
      case '-maxdepth': maxdepth = Number(arg()); return { k: 'test', f: () => true };
      case '-mindepth': mindepth = Number(arg()); return { k: 'test', f: () => true };
      case '-print': printed = true; return { k: 'test', f: async (p) => { await a.write(p + '\n'); return true; } };
      case '-print0': printed = true; return { k: 'test', f: async (p) => { await a.write(p + '\0'); return true; } };
      case '-quit': return { k: 'test', f: () => { quit = true; return true; } };
      case '-follow': follow = true; return { k: 'test', f: () => true };
      case '-true': return { k: 'test', f: () => true };
      case '-false': return { k: 'test', f: () => false };
      case '-empty': return { k: 'test', f: (p, st) => ((st.mode & S_IFMT) === S_IFDIR ? a.sys.readdir(p).length === 0 : (st.mode & S_IFMT) === S_IFREG && st.size === 0) };
      case '-user': { const u = arg()!; return { k: 'test', f: (_p, st) => names.user(st.uid) === u || String(st.uid) === u }; }
      case '-group': { const g = arg()!; return { k: 'test', f: (_p, st) => names.group(st.gid) === g || String(st.gid) === g }; }
      case '-perm': {
        const spec = arg()!;
        const m = /^([-/]?)([0-7]+)$/.exec(spec);
        if (!m) return `invalid mode '${spec}'`;
        const want = parseInt(m[2]!, 8);
        return { k: 'test', f: (_p, st) => { const have = st.mode & 0o7777; return m[1] === '-' ? (have & want) === want : m[1] === '/' ? (have & want) !== 0 || want === 0 : have === want; } };
      }
      case '-size': {
        const spec = arg()!;
        const m = /^([-+]?)(\d+)([cwbkMG]?)$/.exec(spec);
        if (!m) return `invalid argument '${spec}' to '-size'`;
        const unit = { c: 1, w: 2, b: 512, '': 512, k: 1024, M: 1048576, G: 1073741824 }[m[3] as 'c'];
        const n = Number(m[2]);
        return { k: 'test', f: (_p, st) => { const v = Math.ceil(st.size / unit); return m[1] === '+' ? v > n : m[1] === '-' ? v < n : v === n; } };
      }
      case '-newer': {
        const ref = arg()!;
        let t0 = 0;
        try { t0 = a.sys.stat(ref).mtimeMs; } catch (e) { errnoOf(e); return `${ref}: No such file or directory`; }
        return { k: 'test', f: (_p, st) => st.mtimeMs > t0 };
      }
      case '-mtime': case '-mmin': {
        const spec = arg()!;
        const m = /^([-+]?)(\d+)$/.exec(spec);
        if (!m) return `invalid argument '${spec}' to '${t}'`;
        const unit = t === '-mtime' ? 86400000 : 60000;
        const n = Number(m[2]);
        return { k: 'test', f: (_p, st) => { const v = Math.floor((a.sys.now() - st.mtimeMs) / unit); return m[1] === '+' ? v > n : m[1] === '-' ? v < n : v === n; } };
      }
      case '-delete': printed = true; return { k: 'test', f: (p, st) => { try { if ((st.mode & S_IFMT) === S_IFDIR) a.sys.rmdir(p); else a.sys.unlink(p); return true; } catch (e) { errnoOf(e); status = 1; return false; } } };
      case '-prune': return { k: 'test', f: () => true };
      case '-exec': case '-ok': {
        const cmd: string[] = [];
        let plus = false;
        for (;;) {
          const x = args[i++];
          if (x === undefined) return `missing argument to \`${t}'`;
          if (x === ';') break;
          if (x === '+' && cmd[cmd.length - 1] === '{}') { plus = true; cmd.pop(); break; }
          cmd.push(x);
        }
        printed = true;
        if (plus) {
          const batch = { cmd, files: [] as string[] };
          pendingPlus.push(batch);
          return { k: 'test', f: (p) => { batch.files.push(p); return true; } };
        }
        return { k: 'test', f: async (p) => (await runCmd(cmd.map((c) => c.replaceAll('{}', p)))) === 0 };
      }
    }
    return a.gnu ? `unknown predicate \`${t}'` : `unrecognized: ${t}`;
  };
  const andExpr = async (): Promise<Expr | string> => {
    let l = await primary();
    if (typeof l === 'string') return l;
    while (i < args.length && args[i] !== '-o' && args[i] !== '-or' && args[i] !== ')' && args[i] !== ',') {
      if (args[i] === '-a' || args[i] === '-and') i++;
      const r = await primary();
      if (typeof r === 'string') return r;
      l = { k: 'and', l, r };
    }
    return l;
  };
  const orExpr = async (): Promise<Expr | string> => {
    let l = await andExpr();
    if (typeof l === 'string') return l;
    while (args[i] === '-o' || args[i] === '-or') { i++; const r = await andExpr(); if (typeof r === 'string') return r; l = { k: 'or', l, r }; }
    return l;
  };
  let expr: Expr = { k: 'test', f: () => true };
  if (i < args.length) {
    const e = await orExpr();
    if (typeof e === 'string') return bad(e);
    expr = e;
  }
  const evalE = async (e: Expr, p: string, st: Stat, d: number): Promise<boolean> => {
    switch (e.k) {
      case 'and': return (await evalE(e.l, p, st, d)) && evalE(e.r, p, st, d);
      case 'or': return (await evalE(e.l, p, st, d)) || evalE(e.r, p, st, d);
      case 'not': return !(await evalE(e.e, p, st, d));
      case 'test': return e.f(p, st, d);
    }
  };
  let steps = 0;
  const visit = async (p: string, depth: number): Promise<void> => {
    if (quit) return;
    if (++steps % 200 === 0) await a.sys.sched_yield();
    let st: Stat;
    try { st = follow ? a.sys.stat(p) : a.sys.lstat(p); } catch (e) {
      status = 1;
      await a.perror(a.gnu ? a.q(p) : p, e);
      return;
    }
    if (depth >= mindepth) {
      const ok = await evalE(expr, p, st, depth);
      if (ok && !printed) await a.write(p + '\n');
    }
    if ((st.mode & S_IFMT) === S_IFDIR && depth < maxdepth) {
      let ents: string[];
      try { ents = a.sys.readdir(p).map((d) => d.name); } catch (e) {
        status = 1;
        await a.perror(a.gnu ? a.q(p) : p, e);
        return;
      }
      for (const n of ents) await visit(p === '/' ? '/' + n : joinPath(p, n), depth + 1);
    }
  };
  for (const p of paths) await visit(p, 0);
  for (const b of pendingPlus) if (b.files.length) { if ((await runCmd([...b.cmd, ...b.files])) !== 0) status = 1; }
  return status;
};

// ------------------------------------------------------------------ xargs

export const xargs: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: '+n:I:0rtxs:d:P:', long: { 'no-run-if-empty': { key: 'r' }, null: { key: '0' }, 'max-args': { key: 'n', arg: 'required' }, replace: { key: 'I', arg: 'optional' } }, stopAtOperand: true }, '[OPTIONS] [PROG ARGS]');
  const cmd = rest.length ? rest : ['echo'];
  const data = text(await readAll(a.sys, 0));
  let items: string[];
  if (o.has('0')) items = data.split('\0').filter((x) => x !== '');
  else if (typeof o.get('d') === 'string') items = data.split(o.get('d') as string).filter((x) => x !== '');
  else if (o.has('I')) items = data.split('\n').filter((x) => x.trim() !== '');
  else {
    items = [];
    const re = /"([^"]*)"|'([^']*)'|((?:\\.|[^\s"'])+)/g;
    for (const m of data.matchAll(re)) items.push(m[1] ?? m[2] ?? m[3]!.replace(/\\(.)/g, '$1'));
  }
  const run = async (argv: string[]): Promise<number> => {
    if (o.has('t')) await a.sys.write(2, argv.join(' ') + '\n');
    await a.out.flush();
    const path = findInPath(a.sys, argv[0]!, a.getenv('PATH') ?? '/usr/bin:/bin');
    const pid = a.sys.clone({ child: async (csys) => {
      try { const fd = csys.open('/dev/null', 0); if (fd !== 0) { csys.dup2(fd, 0); csys.close(fd); } } catch (e) { if (!isSysError(e)) throw e; }
      try { await csys.execve(path ?? argv[0]!, argv, a.env); } catch (e) {
        if (!isSysError(e)) throw e;
        await csys.write(2, `${a.prog}: ${argv[0]}: ${a.strerror(e.errno)}\n`);
        return e.errno === ENOENT ? 127 : 126;
      }
      return 0;
    } });
    const r = await a.sys.wait4(pid, 0);
    const c = r?.status.code ?? 1;
    if (c === 255) return 124;
    return c;
  };
  let st = 0;
  if (items.length === 0 && (o.has('r') || (!a.gnu && false))) return 0;
  if (o.has('I')) {
    const rep = typeof o.get('I') === 'string' ? (o.get('I') as string) : '{}';
    for (const it of items) { const c = await run(cmd.map((x) => x.replaceAll(rep, it))); if (c) st = c === 127 || c === 126 ? c : 123; if (c === 127 || c === 126) return c; }
    return st;
  }
  const n = o.has('n') ? Math.max(1, Number(o.get('n'))) : items.length || 1;
  if (items.length === 0) return (await run(cmd)) ? 123 : 0;
  for (let k = 0; k < items.length; k += n) {
    const c = await run([...cmd, ...items.slice(k, k + n)]);
    if (c === 127 || c === 126) return c;
    if (c) st = 123;
  }
  return st;
};
