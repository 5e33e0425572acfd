// The process tree across the layers, drawn from the kernel's process table:
// PID 1, containerd, dockerd, one shim per container, and each container's
// processes inside a dashed box (its own pid, mount, network, uts and ipc
// namespaces), with their pid as the container sees it beside the host's.
// Badges name the namespaces a process does not share with its parent.
import type { LessonsContext } from '../lessons/entry.ts';
import type { InternalsReply, NsName, PanelProcess } from './protocol.ts';
import { el, pollInternals } from './poll.ts';
import './panels.css';

const NS_ORDER: NsName[] = ['pid', 'mnt', 'net', 'uts', 'ipc', 'cgroup', 'user', 'time'];

function newNamespaces(p: PanelProcess, parent: PanelProcess | undefined): NsName[] {
  if (!parent) return [];
  return NS_ORDER.filter((t) => p.ns[t] !== undefined && parent.ns[t] !== undefined && p.ns[t] !== parent.ns[t]);
}

function nodeLine(p: PanelProcess, parent: PanelProcess | undefined): HTMLElement {
  const line = el('span', `ip-node ip-${p.layer}`);
  line.dataset.pid = String(p.pid);
  line.title = `cgroup ${p.cgroup}\n${p.argv.join(' ')}`;
  line.append(el('b', '', p.comm));
  const nspid = p.nspid.length > 1 ? ` (pid ${p.nspid[p.nspid.length - 1]} inside)` : '';
  line.append(el('span', 'ip-pid', `${p.pid}${nspid}`));
  if (p.argv.length > 1) line.append(el('span', 'ip-args', p.argv.slice(1).join(' ')));
  for (const t of newNamespaces(p, parent)) line.append(el('span', 'ip-badge', t));
  return line;
}

export function drawTree(root: HTMLElement, r: InternalsReply): void {
  const byPid = new Map(r.processes.map((p) => [p.pid, p]));
  const kids = new Map<number, PanelProcess[]>();
  const tops: PanelProcess[] = [];
  for (const p of r.processes) {
    if (byPid.has(p.ppid) && p.ppid !== p.pid) {
      const l = kids.get(p.ppid);
      if (l) l.push(p); else kids.set(p.ppid, [p]);
    } else tops.push(p);
  }
  const build = (list: PanelProcess[]): HTMLUListElement => {
    const ul = el('ul');
    for (const p of list) {
      const li = el('li');
      const parent = byPid.get(p.ppid);
      // a container starts where a process enters a new pid namespace
      const entersContainer = p.layer === 'container' && (!parent || parent.ns.pid !== p.ns.pid);
      const host = entersContainer ? el('div', 'ip-box') : li;
      if (entersContainer) {
        const id = /docker-([0-9a-f]{12})/.exec(p.cgroup)?.[1] ?? p.cgroup;
        host.append(el('div', 'ip-box-title', `container ${id} · its own ${newNamespaces(p, parent).join(', ') || 'namespaces'}`));
        li.append(host);
      }
      host.append(nodeLine(p, parent));
      const children = kids.get(p.pid);
      if (children?.length) host.append(build(children));
      ul.append(li);
    }
    return ul;
  };
  const legend = el('div', 'ip-legend');
  for (const l of ['init', 'containerd', 'dockerd', 'shim', 'runc', 'container', 'docker']) legend.append(el('span', `ip-node ip-${l}`, l));
  const tree = el('div', 'ip-tree');
  tree.append(build(tops));
  root.replaceChildren(el('h3', '', `processes · ${r.processes.length}`), legend, tree);
}

export function mount(box: HTMLElement, ctx: LessonsContext): () => void {
  box.classList.add('ip');
  box.dataset.view = 'process-tree';
  return pollInternals(ctx, (r) => drawTree(box, r));
}
