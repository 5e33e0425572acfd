// procps' ASCII-art process tree (ps f, ps --forest): each process follows
// its parent, and its command is prefixed with four columns per level:
// " \_ " at its own level, " |  " where an ancestor has siblings still to
// come, "    " elsewhere. Children of PID 1, like PID 1 itself, start at the
// left edge, as in procps.

import type { ProcInfo } from '../libc/proc.ts';

export interface ForestRow { p: ProcInfo; prefix: string }

/** `procs` in tree order, each with the prefix for its command column. */
export function forest(procs: ProcInfo[]): ForestRow[] {
  const byPid = new Map(procs.map((p) => [p.pid, p]));
  const children = new Map<number, ProcInfo[]>();
  const roots: ProcInfo[] = [];
  for (const p of [...procs].sort((x, y) => x.pid - y.pid)) {
    if (p.ppid === 1 || p.ppid === p.pid || !byPid.has(p.ppid)) { roots.push(p); continue; }
    const list = children.get(p.ppid);
    if (list) list.push(p); else children.set(p.ppid, [p]);
  }
  const rows: ForestRow[] = [];
  const marks: string[] = [];
  const walk = (p: ProcInfo, level: number, hasSibling: boolean): void => {
    if (level > 0) marks[level - 1] = 'L';
    rows.push({ p, prefix: marks.slice(0, level).map((m) => (m === 'L' ? ' \\_ ' : m === '|' ? ' |  ' : '    ')).join('') });
    if (level > 0) marks[level - 1] = hasSibling ? '|' : ' ';
    const kids = children.get(p.pid) ?? [];
    kids.forEach((c, i) => walk(c, level + 1, i < kids.length - 1));
    marks.length = level;
  };
  for (const r of roots) walk(r, 0, false);
  return rows;
}
