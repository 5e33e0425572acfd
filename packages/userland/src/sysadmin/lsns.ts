// lsns (util-linux 2.39): every namespace some process is in, from the
// /proc/PID/ns/* links, sorted by inode, each shown with its number of
// processes and its lowest-pid process. A libsmartcols table: NS, NPROCS
// and PID right-aligned with minimum widths 10, 5 and 5.

import { isSysError } from '@dockersim/kernel';
import type { Applet } from '../applets/types.ts';
import type { App } from '../libc/app.ts';
import { scanProcs } from '../libc/proc.ts';
import type { ProcInfo } from '../libc/proc.ts';
import { Names } from '../libc/passwd.ts';

const TYPES = ['mnt', 'net', 'ipc', 'user', 'pid', 'uts', 'cgroup', 'time'];

interface Ns { inode: number; type: string; procs: ProcInfo[] }

interface Column { name: string; min: number; right: boolean; value: (n: Ns, names: Names) => string }

const COLUMNS: Record<string, Column> = {
  NS: { name: 'NS', min: 10, right: true, value: (n) => String(n.inode) },
  TYPE: { name: 'TYPE', min: 5, right: false, value: (n) => n.type },
  PATH: { name: 'PATH', min: 0, right: false, value: (n) => `/proc/${n.procs[0]!.pid}/ns/${n.type}` },
  NPROCS: { name: 'NPROCS', min: 5, right: true, value: (n) => String(n.procs.length) },
  PID: { name: 'PID', min: 5, right: true, value: (n) => String(n.procs[0]!.pid) },
  PPID: { name: 'PPID', min: 5, right: true, value: (n) => String(n.procs[0]!.ppid) },
  COMMAND: { name: 'COMMAND', min: 0, right: false, value: (n) => { const p = n.procs[0]!; return p.args.length ? p.args.join(' ') : p.comm; } },
  UID: { name: 'UID', min: 0, right: true, value: (n) => String(n.procs[0]!.uid) },
  USER: { name: 'USER', min: 0, right: false, value: (n, names) => names.user(n.procs[0]!.uid) },
};

export const lsns: Applet = async (a: App) => {
  const { o, rest, list } = await a.opts({
    short: 'Jlno:p:rt:uVh',
    long: { json: { key: 'J' }, list: { key: 'l' }, noheadings: { key: 'n' }, output: { key: 'o', arg: 'required' }, task: { key: 'p', arg: 'required' },
      raw: { key: 'r' }, type: { key: 't', arg: 'required' }, notruncate: { key: 'u' }, version: { key: 'V' }, help: { key: 'h' } },
  });
  if (o.has('V')) { await a.write('lsns from util-linux 2.39.3\n'); return 0; }
  const types = list.filter(([k]) => k === 't').map(([, v]) => v!);
  for (const t of types) if (!TYPES.includes(t)) { await a.error(`unknown namespace type: ${t}`); return 1; }
  let cols = ['NS', 'TYPE', 'NPROCS', 'PID', 'USER', 'COMMAND'];
  const spec = o.get('o');
  if (typeof spec === 'string') {
    cols = spec.replace(/^\+/, '').split(',').map((c) => c.toUpperCase());
    if (spec.startsWith('+')) cols = ['NS', 'TYPE', 'NPROCS', 'PID', 'USER', 'COMMAND', ...cols];
    for (const c of cols) if (!COLUMNS[c]) { await a.error(`unknown column: ${c.toLowerCase()}`); return 1; }
  }
  const names = await Names.load(a.sys);
  const procs = await scanProcs(a.sys);
  const byInode = new Map<number, Ns>();
  const onlyPid = typeof o.get('p') === 'string' ? Number(o.get('p')) : undefined;
  const pidNs = new Set<number>();
  for (const p of procs) {
    for (const type of TYPES) {
      let link: string;
      try { link = a.sys.readlink(`/proc/${p.pid}/ns/${type}`); } catch (e) { if (isSysError(e)) continue; throw e; }
      const m = /^(\w+):\[(\d+)\]$/.exec(link);
      if (!m) continue;
      const inode = Number(m[2]);
      let ns = byInode.get(inode);
      if (!ns) byInode.set(inode, ns = { inode, type, procs: [] });
      ns.procs.push(p);
      if (p.pid === onlyPid) pidNs.add(inode);
    }
  }
  let rows = [...byInode.values()].sort((x, y) => x.inode - y.inode);
  if (types.length) rows = rows.filter((n) => types.includes(n.type));
  if (onlyPid !== undefined) rows = rows.filter((n) => pidNs.has(n.inode));
  if (rest.length) rows = rows.filter((n) => rest.includes(String(n.inode)));
  const defs = cols.map((c) => COLUMNS[c]!);
  const cells = rows.map((n) => defs.map((d) => d.value(n, names)));
  if (o.has('J')) {
    const items = cells.map((r) => '      {\n' + r.map((v, i) => {
      const key = defs[i]!.name.toLowerCase();
      const num = defs[i]!.right && /^\d+$/.test(v);
      return `         "${key}": ${num ? v : JSON.stringify(v)}`;
    }).join(',\n') + '\n      }');
    await a.write(`{\n   "namespaces": [\n${items.join(',\n')}\n   ]\n}\n`);
    return 0;
  }
  const header = !o.has('n');
  if (o.has('r')) {
    let s = header ? defs.map((d) => d.name).join(' ') + '\n' : '';
    for (const r of cells) s += r.map((v) => v.replace(/ /g, '\\x20')).join(' ') + '\n';
    await a.write(s);
    return 0;
  }
  const widths = defs.map((d, i) => Math.max(d.min, header ? d.name.length : 0, ...cells.map((r) => r[i]!.length)));
  const fmt = (r: string[]): string => r.map((v, i) => {
    const last = i === r.length - 1;
    if (defs[i]!.right) return v.padStart(widths[i]!);
    return last ? v : v.padEnd(widths[i]!);
  }).join(' ').replace(/\s+$/, '') + '\n';
  let s = header ? fmt(defs.map((d) => d.name)) : '';
  for (const r of cells) s += fmt(r);
  await a.write(s);
  return 0;
};
