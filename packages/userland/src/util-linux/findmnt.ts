// findmnt (util-linux 2.39): the mount table of /proc/self/mountinfo as a
// tree (or a list with -l), in libsmartcols' layout: columns one space apart,
// padded to their widest cell, ASCII tree marks when the locale is not UTF-8.

import type { ProcessContext } from '@dockersim/kernel';
import { App, AppExit } from '../libc/app.ts';
import { readFile } from '../libc/io.ts';

interface Entry { id: number; parent: number; target: string; source: string; fstype: string; options: string }

function unescape(s: string): string { return s.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))); }

/** One mountinfo line → findmnt's TARGET, SOURCE (with [root] for a subtree), FSTYPE and merged OPTIONS. */
export function parseMountinfo(text: string): Entry[] {
  const out: Entry[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [left, right] = line.split(' - ');
    const f = left.split(' ');
    const [fstype, src, superOpts] = right.split(' ');
    const root = unescape(f[3]);
    let source = unescape(src);
    if (root !== '/' && !['overlay', 'proc', 'sysfs', 'cgroup2', 'devpts', 'mqueue'].includes(fstype) || (root !== '/' && fstype === 'proc')) source = `${source}[${root}]`;
    const vfs = f[5].split(',');
    const extra = superOpts.split(',').filter((o) => o !== 'rw' && o !== 'ro' && !vfs.includes(o));
    out.push({ id: Number(f[0]), parent: Number(f[1]), target: unescape(f[4]), source, fstype, options: [...vfs, ...extra].join(',') });
  }
  return out;
}

export async function findmnt(p: ProcessContext): Promise<number> {
  const a = new App(p, 'findmnt', 'gnu');
  try {
    let list = false, noHead = false, type = '';
    const rest: string[] = [];
    for (let i = 0; i < a.args.length; i++) {
      const x = a.args[i];
      if (x === '-l' || x === '--list') list = true;
      else if (x === '-n' || x === '--noheadings') noHead = true;
      else if (x === '-t' || x === '--types') type = a.args[++i] ?? '';
      else if (x.startsWith('-')) { await a.sys.write(2, `findmnt: unrecognized option '${x}'\nTry 'findmnt --help' for more information.\n`); return 1; }
      else rest.push(x);
    }
    let entries = parseMountinfo(await readFile(a.sys, '/proc/self/mountinfo'));
    if (type) { entries = entries.filter((e) => type.split(',').includes(e.fstype)); list = true; }
    if (rest.length) { entries = entries.filter((e) => e.target === rest[0] || e.source === rest[0]).slice(-1); list = true; }
    if (!entries.length) return 1;
    const rows: string[][] = [];
    if (list) for (const e of entries) rows.push([e.target, e.source, e.fstype, e.options]);
    else {
      const ids = new Set(entries.map((e) => e.id));
      const kids = (id: number) => entries.filter((e) => e.parent === id && e.id !== id);
      const walk = (e: Entry, prefix: string, mark: string) => {
        rows.push([prefix + mark + e.target, e.source, e.fstype, e.options]);
        const cs = kids(e.id);
        cs.forEach((c, i) => walk(c, prefix + (mark === '|-' ? '| ' : mark === '`-' ? '  ' : ''), i === cs.length - 1 ? '`-' : '|-'));
      };
      for (const r of entries.filter((e) => !ids.has(e.parent) || e.parent === e.id)) walk(r, '', '');
    }
    if (!noHead) rows.unshift(['TARGET', 'SOURCE', 'FSTYPE', 'OPTIONS']);
    const w = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
    await a.write(rows.map((r) => `${r[0].padEnd(w[0])} ${r[1].padEnd(w[1])} ${r[2].padEnd(w[2])} ${r[3]}\n`).join(''));
    await a.out.flush();
    return 0;
  } catch (e) {
    if (e instanceof AppExit) { await a.out.flush(); return e.code; }
    throw e;
  }
}
