// The namespaces of the host, as lsns lists them: one row per namespace with
// its type, inode, number of processes and lowest pid; rows that belong to a
// container (not the host's PID 1) are highlighted.
import type { LessonsContext } from '../lessons/entry.ts';
import type { InternalsReply, NsName } from './protocol.ts';
import { el, pollInternals } from './poll.ts';
import './panels.css';

export function drawNamespaces(root: HTMLElement, r: InternalsReply): void {
  const rows = new Map<number, { type: NsName; procs: number[]; cmd: string }>();
  const init = r.processes.find((p) => p.pid === 1);
  for (const p of r.processes) {
    for (const [t, inum] of Object.entries(p.ns) as [NsName, number][]) {
      const row = rows.get(inum);
      if (row) row.procs.push(p.pid);
      else rows.set(inum, { type: t, procs: [p.pid], cmd: p.argv.join(' ') || p.comm });
    }
  }
  const table = el('table', 'ip-ns');
  const head = el('tr');
  for (const h of ['NS', 'TYPE', 'NPROCS', 'PID', 'COMMAND']) head.append(el('th', '', h));
  table.append(head);
  for (const [inum, row] of [...rows].sort((a, b) => a[0] - b[0])) {
    const tr = el('tr', init && init.ns[row.type] !== inum ? 'ip-own' : '');
    for (const v of [String(inum), row.type, String(row.procs.length), String(Math.min(...row.procs)), row.cmd]) tr.append(el('td', '', v));
    table.append(tr);
  }
  root.replaceChildren(el('h3', '', `namespaces · ${rows.size}`), table);
}

export function mount(box: HTMLElement, ctx: LessonsContext): () => void {
  box.classList.add('ip');
  box.dataset.view = 'namespaces';
  return pollInternals(ctx, (r) => drawNamespaces(box, r));
}
