// ls: busybox's fixed-width long format and GNU's aligned one, columns on a
// terminal and one name per line otherwise.

import { isSysError, S_IFMT, S_IFDIR, S_IFLNK, S_IFCHR, S_IFBLK } from '@dockersim/kernel';
import type { Stat } from '@dockersim/kernel';
import type { Applet } from './types.ts';
import type { App } from '../libc/app.ts';
import { Names } from '../libc/passwd.ts';
import { modeString, humanSize, devMajor, devMinor } from '../libc/mode.ts';
import { lsDate } from '../libc/time.ts';
import { joinPath } from '../libc/path.ts';
import { cmpBytes } from '../libc/fnmatch.ts';

interface Entry { name: string; path: string; st: Stat | null; target?: string }

interface Opts {
  long: boolean; all: boolean; almost: boolean; one: boolean; dir: boolean; human: boolean; numeric: boolean;
  recursive: boolean; time: boolean; reverse: boolean; size: boolean; inode: boolean; classify: boolean; slash: boolean;
  noSort: boolean; noOwner: boolean; noGroup: boolean; blocks: boolean;
}

export const ls: Applet = async (a) => {
  const { o, rest } = await a.opts({
    short: '1aAdlhnRtrSiFpUgoGsCxL',
    long: { all: { key: 'a' }, 'almost-all': { key: 'A' }, directory: { key: 'd' }, 'human-readable': { key: 'h' }, 'numeric-uid-gid': { key: 'n' }, recursive: { key: 'R' }, reverse: { key: 'r' }, inode: { key: 'i' }, classify: { key: 'F' }, color: { key: 'color', arg: 'optional' }, 'group-directories-first': { key: 'gdf' }, 'full-time': { key: 'full' } },
  }, '[-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...', 2);
  const opt: Opts = {
    long: o.has('l') || o.has('n') || o.has('g') || o.has('o'), all: o.has('a'), almost: o.has('A'), one: o.has('1'), dir: o.has('d'),
    human: o.has('h'), numeric: o.has('n'), recursive: o.has('R'), time: o.has('t'), reverse: o.has('r'), size: o.has('S'),
    inode: o.has('i'), classify: o.has('F'), slash: o.has('p'), noSort: o.has('U'), noOwner: o.has('g'), noGroup: o.has('o') || o.has('G'), blocks: o.has('s'),
  };
  const tty = a.sys.isatty(1);
  const names = opt.long ? await Names.load(a.sys) : null;
  const args = rest.length ? rest : ['.'];
  let status = 0;
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const p of args) {
    let st: Stat;
    try { st = a.sys.lstat(p); } catch (e) {
      if (!isSysError(e)) throw e;
      await a.error(a.gnu ? `cannot access ${a.q(p)}: ${a.strerror(e.errno)}` : `${p}: ${a.strerror(e.errno)}`);
      status = a.gnu ? 2 : 1;
      continue;
    }
    if ((st.mode & S_IFMT) === S_IFLNK && !opt.long && !opt.dir) {
      try { st = a.sys.stat(p); } catch (e) { if (!isSysError(e)) throw e; }
    } else if ((st.mode & S_IFMT) === S_IFLNK && opt.long && !opt.dir && p.endsWith('/')) {
      try { st = a.sys.stat(p); } catch (e) { if (!isSysError(e)) throw e; }
    }
    const e: Entry = { name: p, path: p, st };
    if ((st.mode & S_IFMT) === S_IFDIR && !opt.dir) dirs.push(e); else files.push(e);
  }
  const width = tty ? (() => { try { return a.sys.getwinsize(1).cols || 80; } catch (e) { if (!isSysError(e)) throw e; return 80; } })() : 80;
  sortEntries(files, opt);
  sortEntries(dirs, opt);
  let first = true;
  if (files.length) { await listing(a, files, opt, names, tty, width, false); first = false; }
  const header = dirs.length + files.length > 1 || opt.recursive || status !== 0 && dirs.length > 0 && rest.length > 1;
  const queue = dirs.slice();
  while (queue.length) {
    const d = queue.shift()!;
    if (header) await a.write(`${first ? '' : '\n'}${d.path}:\n`);
    first = false;
    let list: Entry[];
    try {
      const ents = a.sys.readdir(d.path);
      list = [];
      if (opt.all) list.push({ name: '.', path: joinPath(d.path, '.'), st: null }, { name: '..', path: joinPath(d.path, '..'), st: null });
      for (const x of ents) {
        if (x.name.startsWith('.') && !opt.all && !opt.almost) continue;
        list.push({ name: x.name, path: joinPath(d.path, x.name), st: null });
      }
    } catch (e) {
      if (!isSysError(e)) throw e;
      await a.error(a.gnu ? `cannot open directory ${a.q(d.path)}: ${a.strerror(e.errno)}` : `can't open '${d.path}': ${a.strerror(e.errno)}`);
      status = a.gnu ? 2 : 1;
      continue;
    }
    const needStat = opt.long || opt.time || opt.size || opt.recursive || opt.inode || opt.classify || opt.slash || opt.blocks || (a.gnu && tty);
    if (needStat) for (const e of list) { try { e.st = a.sys.lstat(e.path); } catch (err) { if (!isSysError(err)) throw err; } }
    sortEntries(list, opt);
    if (opt.long || opt.blocks) {
      const total = list.reduce((s, e) => s + (e.st ? Math.ceil(e.st.blocks / 2) : 0), 0);
      await a.write(`total ${opt.human && a.gnu ? humanSize(total * 1024) : total}\n`);
    }
    await listing(a, list, opt, names, tty, width, true);
    if (opt.recursive) {
      const sub = list.filter((e) => e.st && (e.st.mode & S_IFMT) === S_IFDIR && e.name !== '.' && e.name !== '..');
      queue.unshift(...sub.map((e) => ({ ...e, name: e.path })));
    }
  }
  return status;
};

function sortEntries(list: Entry[], o: Opts): void {
  if (o.noSort) return;
  list.sort((x, y) => {
    let c = 0;
    if (o.size) c = (y.st?.size ?? 0) - (x.st?.size ?? 0);
    else if (o.time) c = (y.st?.mtimeMs ?? 0) - (x.st?.mtimeMs ?? 0);
    if (c === 0) c = cmpBytes(x.name, y.name);
    return o.reverse ? -c : c;
  });
}

function suffix(st: Stat | null, o: Opts): string {
  if (!st || (!o.classify && !o.slash)) return '';
  const t = st.mode & S_IFMT;
  if (t === S_IFDIR) return '/';
  if (!o.classify) return '';
  if (t === S_IFLNK) return '@';
  if (t === 0o010000) return '|';
  if (t === 0o140000) return '=';
  if (st.mode & 0o111) return '*';
  return '';
}

async function listing(a: App, list: Entry[], o: Opts, names: Names | null, tty: boolean, width: number, inDir: boolean): Promise<void> {
  for (const e of list) {
    if (!e.st) { try { e.st = a.sys.lstat(e.path); } catch (err) { if (!isSysError(err)) throw err; } }
  }
  if (o.long) {
    const now = a.sys.now();
    const rows = list.map((e) => {
      const st = e.st!;
      const t = st.mode & S_IFMT;
      let target = '';
      if (t === S_IFLNK) { try { target = ` -> ${a.sys.readlink(e.path)}`; } catch (err) { if (!isSysError(err)) throw err; } }
      const size = t === S_IFCHR || t === S_IFBLK ? `${devMajor(st.rdev)}, ${String(devMinor(st.rdev)).padStart(3)}` : o.human ? humanSize(st.size) : String(st.size);
      return {
        ino: String(st.ino), blocks: String(Math.ceil(st.blocks / 2)), mode: modeString(st.mode), nlink: String(st.nlink),
        user: o.numeric ? String(st.uid) : names!.user(st.uid), group: o.numeric ? String(st.gid) : names!.group(st.gid),
        size, date: lsDate(st.mtimeMs, now), name: e.name + suffix(st, o) + target,
      };
    });
    let out = '';
    if (a.gnu) {
      const w = (k: keyof typeof rows[number]): number => rows.reduce((m, r) => Math.max(m, r[k].length), 0);
      const wi = w('ino'), wb = w('blocks'), wl = w('nlink'), wu = w('user'), wg = w('group'), ws = w('size');
      for (const r of rows) {
        out += `${o.inode ? r.ino.padStart(wi) + ' ' : ''}${o.blocks ? r.blocks.padStart(wb) + ' ' : ''}${r.mode} ${r.nlink.padStart(wl)} `
          + `${o.noOwner ? '' : (/^\d+$/.test(r.user) ? r.user.padStart(wu) : r.user.padEnd(wu)) + ' '}${o.noGroup ? '' : (/^\d+$/.test(r.group) ? r.group.padStart(wg) : r.group.padEnd(wg)) + ' '}${r.size.padStart(ws)} ${r.date} ${r.name}\n`;
      }
    } else {
      for (const r of rows) {
        out += `${o.inode ? r.ino.padStart(7) + ' ' : ''}${o.blocks ? r.blocks.padStart(6) + ' ' : ''}${r.mode.padEnd(10)} ${r.nlink.padStart(4)} `
          + `${o.noOwner ? '' : r.user.padEnd(8) + ' '}${o.noGroup ? '' : r.group.padEnd(8) + ' '}${r.size.padStart(9)} ${r.date} ${r.name}\n`;
      }
    }
    await a.write(out);
    return;
  }
  const items = list.map((e) => `${o.inode ? (a.gnu ? String(e.st?.ino ?? 0) : String(e.st?.ino ?? 0).padStart(7)) + ' ' : ''}${o.blocks ? String(Math.ceil((e.st?.blocks ?? 0) / 2)) + ' ' : ''}${e.name}${suffix(e.st, o)}`);
  if (!tty || o.one) { await a.write(items.map((s) => s + '\n').join('')); return; }
  await a.write(columns(items, width));
  void inDir;
}

/** Names in columns, filled top to bottom, as ls does on a terminal. */
export function columns(items: string[], width: number): string {
  if (items.length === 0) return '';
  const lens = items.map((s) => [...s].length);
  let best = 1;
  let bestWidths: number[] = [Math.max(...lens)];
  for (let cols = items.length; cols >= 1; cols--) {
    const rows = Math.ceil(items.length / cols);
    const realCols = Math.ceil(items.length / rows);
    const widths: number[] = [];
    for (let c = 0; c < realCols; c++) {
      let w = 0;
      for (let r = 0; r < rows; r++) { const i = c * rows + r; if (i < items.length) w = Math.max(w, lens[i]!); }
      widths.push(w);
    }
    const total = widths.reduce((s, w) => s + w, 0) + 2 * (realCols - 1);
    if (total < width) { best = realCols; bestWidths = widths; break; }
  }
  const rows = Math.ceil(items.length / best);
  let out = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < best; c++) {
      const i = c * rows + r;
      if (i >= items.length) break;
      const last = c === best - 1 || (c + 1) * rows + r >= items.length;
      line += last ? items[i] : items[i]! + ' '.repeat(bestWidths[c]! - lens[i]! + 2);
    }
    out += line + '\n';
  }
  return out;
}
