// pstree (psmisc 23): the process tree from /proc, children sorted by name
// (or by pid with -n), identical sibling subtrees merged as "N*[name]"
// unless -c or -p, UTF-8 line drawing when the locale's charset is UTF-8.
// -a prints each process on its own line with its arguments; -S marks
// where a process enters namespaces other than its parent's.

import { isSysError } from '@dockersim/kernel';
import type { Applet } from '../applets/types.ts';
import type { App } from '../libc/app.ts';
import { scanProcs } from '../libc/proc.ts';
import { Names } from '../libc/passwd.ts';

interface Node { pid: number; comm: string; args: string[]; uid: number; ns: Record<string, string>; children: Node[]; parent?: Node }

interface Symbols { empty: string; branch: string; vert: string; last: string; single: string; first: string }
const ASCII: Symbols = { empty: '  ', branch: '|-', vert: '| ', last: '`-', single: '---', first: '-+-' };
const UTF8: Symbols = { empty: '  ', branch: '├─', vert: '│ ', last: '└─', single: '───', first: '─┬─' };

const NS_TYPES = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'user', 'uts', 'time'];

interface Options { args: boolean; compact: boolean; pids: boolean; byPid: boolean; trunc: boolean; nsChanges: boolean; userChanges: boolean }

/** Collects lines; past the width a line keeps width-1 columns and ends in '+', as pstree's out_char. */
class Output {
  text = '';
  private line = '';
  constructor(private readonly width: number, private readonly trunc: boolean) {}
  put(s: string): void { this.line += s; }
  newline(): void {
    const cols = [...this.line];
    this.text += (this.trunc && cols.length > this.width ? cols.slice(0, this.width - 1).join('') + '+' : this.line) + '\n';
    this.line = '';
  }
}

function sameTree(a: Node, b: Node, o: Options): boolean {
  if (a.comm !== b.comm) return false;
  if (o.args && a.args.slice(1).join('\0') !== b.args.slice(1).join('\0')) return false;
  if (o.userChanges && a.uid !== b.uid) return false;
  if (a.children.length !== b.children.length) return false;
  return a.children.every((c, i) => sameTree(c, b.children[i]!, o));
}

function label(n: Node, o: Options, names: Names, prevUid: number): string {
  const info: string[] = [];
  if (o.pids) info.push(String(n.pid));
  if (o.userChanges && n.parent && n.uid !== prevUid) info.push(names.user(n.uid));
  if (o.nsChanges && n.parent) {
    for (const t of NS_TYPES) if (n.ns[t] && n.parent.ns[t] && n.ns[t] !== n.parent.ns[t]) info.push(t);
  }
  if (!info.length) return n.comm;
  return o.args ? `${n.comm},${info.join(',')}` : `${n.comm}(${info.join(',')})`;
}

function dump(out: Output, sym: Symbols, o: Options, names: Names, n: Node, level: number, rep: number, leaf: boolean, last: boolean,
  closing: number, widths: number[], more: boolean[]): void {
  if (!leaf) {
    for (let l = 0; l < level; l++) {
      out.put(' '.repeat(widths[l]! + 1));
      out.put(l === level - 1 ? (last ? sym.last : sym.branch) : more[l + 1] ? sym.vert : sym.empty);
    }
  }
  let add = 0;
  if (rep > 1) { const s = `${rep}*[`; out.put(s); add = s.length; }
  const text = label(n, o, names, n.parent?.uid ?? n.uid);
  out.put(text);
  if (o.args) {
    for (const arg of n.args.slice(1)) out.put(' ' + arg.replace(/[^\x21-\x7e]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`));
  }
  // identical sibling subtrees print once, as "N*[name]" (not with -c or -p)
  const groups: Array<{ node: Node; count: number }> = [];
  for (const c of n.children) {
    const g = o.compact ? groups.find((x) => sameTree(x.node, c, o)) : undefined;
    if (g) g.count++; else groups.push({ node: c, count: 1 });
  }
  if (o.args || !groups.length) {
    out.put(']'.repeat(closing));
    out.newline();
    if (o.args) {
      // with -a every process has its own line, indented two columns a level
      more[level] = !last;
      widths[level] = 1;
      groups.forEach((g, i) => dump(out, sym, o, names, g.node, level + 1, g.count, false, i === groups.length - 1, g.count > 1 ? 1 : 0, widths, more));
    }
    return;
  }
  more[level] = !last;
  // the children's indentation skips what this node printed on its line
  widths[level] = [...text].length + add;
  groups.forEach((g, i) => {
    if (i === 0) out.put(groups.length > 1 ? sym.first : sym.single);
    dump(out, sym, o, names, g.node, level + 1, g.count, i === 0, i === groups.length - 1, closing + (g.count > 1 ? 1 : 0), widths, more);
  });
}

export const pstree: Applet = async (a: App) => {
  const { o, rest } = await a.opts({
    short: 'acglnpsSTuUAhH:V',
    long: { arguments: { key: 'a' }, compact: { key: 'c' }, long: { key: 'l' }, 'numeric-sort': { key: 'n' }, 'show-pids': { key: 'p' },
      'ns-changes': { key: 'S' }, 'hide-threads': { key: 'T' }, 'uid-changes': { key: 'u' }, unicode: { key: 'U' }, ascii: { key: 'A' }, version: { key: 'V' } },
  });
  if (o.has('V')) {
    await a.sys.write(2, 'pstree (PSmisc) 23.7\nCopyright (C) 1993-2024 Werner Almesberger and Craig Small\n\nPSmisc comes with ABSOLUTELY NO WARRANTY.\nThis is free software, and you are welcome to redistribute it under\nthe terms of the GNU General Public License.\nFor more information about these matters, see the files named COPYING.\n');
    return 0;
  }
  const opts: Options = {
    args: o.has('a'), compact: !o.has('c') && !o.has('p'), pids: o.has('p'), byPid: o.has('n'), trunc: !o.has('l'),
    nsChanges: o.has('S'), userChanges: o.has('u'),
  };
  const charset = a.getenv('LC_ALL') || a.getenv('LC_CTYPE') || a.getenv('LANG') || '';
  const sym = o.has('A') ? ASCII : o.has('U') || /utf-?8/i.test(charset) ? UTF8 : ASCII;
  let width = 132;
  try { const ws = a.sys.getwinsize(1); if (ws.cols) width = ws.cols; } catch (e) { if (!isSysError(e)) throw e; }

  const procs = await scanProcs(a.sys);
  const nodes = new Map<number, Node>();
  for (const p of procs) nodes.set(p.pid, { pid: p.pid, comm: p.comm, args: p.args, uid: p.uid, ns: {}, children: [] });
  if (opts.nsChanges) {
    for (const n of nodes.values()) {
      for (const t of NS_TYPES) { try { n.ns[t] = a.sys.readlink(`/proc/${n.pid}/ns/${t}`); } catch (e) { if (!isSysError(e)) throw e; } }
    }
  }
  const roots: Node[] = [];
  for (const p of procs) {
    const n = nodes.get(p.pid)!;
    const parent = p.ppid !== p.pid ? nodes.get(p.ppid) : undefined;
    if (parent) { n.parent = parent; parent.children.push(n); } else roots.push(n);
  }
  const order = (x: Node, y: Node): number => (opts.byPid ? x.pid - y.pid : x.comm < y.comm ? -1 : x.comm > y.comm ? 1 : x.uid - y.uid || x.pid - y.pid);
  for (const n of nodes.values()) n.children.sort(order);

  let start: Node[];
  const target = rest[0];
  if (target !== undefined && /^\d+$/.test(target)) {
    const n = nodes.get(Number(target));
    if (!n) return 1;
    start = [n];
  } else if (target !== undefined) {
    const names0 = await Names.load(a.sys);
    const uid = names0.userByName(target)?.uid;
    if (uid === undefined) { await a.sys.write(2, `No such user name: ${target}\n`); return 1; }
    start = [];
    const visit = (n: Node): void => { if (n.uid === uid) start.push(n); else n.children.forEach(visit); };
    roots.sort(order).forEach(visit);
    if (!start.length) { await a.sys.write(2, 'No processes found.\n'); return 1; }
  } else {
    start = nodes.has(1) ? [nodes.get(1)!] : roots.sort(order);
  }
  const names = await Names.load(a.sys);
  const out = new Output(width, opts.trunc);
  start.forEach((n, i) => {
    if (i > 0 && target !== undefined) out.text += '\n';
    dump(out, sym, opts, names, n, 0, 1, true, true, 0, [], []);
  });
  await a.write(out.text);
  return 0;
};
