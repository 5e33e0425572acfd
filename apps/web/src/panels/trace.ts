// The last docker command as a sequence diagram across the layers: one row
// per hop (an HTTP request, an RPC, an execve, a clone with namespace flags,
// a mount, pivot_root, an exit), in the column of the layer that made it,
// with a bar across the columns when the journey moves between layers.
import type { LessonsContext } from '../lessons/entry.ts';
import type { InternalsReply, PanelHop } from './protocol.ts';
import { el, pollInternals } from './poll.ts';
import './panels.css';

const COLUMNS = ['docker', 'dockerd', 'containerd', 'shim', 'runc', 'container'];
const shortIds = (s: string): string => s.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1…');

/** The hops from the last `docker` command's start on. */
export function lastCommand(hops: PanelHop[]): PanelHop[] {
  for (let i = hops.length - 1; i >= 0; i--) {
    const h = hops[i]!;
    if (h.layer === 'docker' && h.text.startsWith('execve ')) return hops.slice(i);
  }
  return hops;
}

const LANE_LABEL: Record<string, string> = { docker: 'cli', dockerd: 'dockerd', containerd: 'ctrd', shim: 'shim', runc: 'runc', container: 'ctr' };

export function drawTrace(root: HTMLElement, hops: PanelHop[]): void {
  const shown = lastCommand(hops).filter((h) => COLUMNS.includes(h.layer));
  const grid = el('div', 'ip-seq');
  grid.append(el('div', 'ip-head', 's'));
  for (const c of COLUMNS) { const h = el('div', 'ip-head ip-lane', LANE_LABEL[c]!); h.title = c; grid.append(h); }
  grid.append(el('div', 'ip-head', 'hop'));
  let prev = -1;
  for (const h of shown) {
    const col = COLUMNS.indexOf(h.layer);
    const row = el('div', 'ip-time', (h.t / 1000).toFixed(3));
    row.dataset.layer = h.layer;
    grid.append(row);
    const lo = prev < 0 ? col : Math.min(prev, col), hi = prev < 0 ? col : Math.max(prev, col);
    COLUMNS.forEach((c, i) => {
      // a bar across the lanes the journey crosses, a dot in the lane that acts
      const cell = el('div', `ip-lane${lo !== hi && i >= lo && i <= hi ? ' ip-cross' : ''}`);
      if (i === col) { cell.append(el('span', `ip-dot ip-${c === 'docker' ? 'docker' : c}`)); }
      grid.append(cell);
    });
    const text = el('div', 'ip-text', shortIds(h.text));
    text.title = `${h.layer}[${h.pid}] ${h.text}`;
    grid.append(text);
    prev = col;
  }
  const title = shown.length ? `trace of the last command · ${shown.length} hops` : 'trace';
  root.replaceChildren(el('h3', '', title), shown.length ? grid : el('div', 'ip-empty', 'Run a docker command to see its journey.'));
}

export function mount(box: HTMLElement, ctx: LessonsContext): () => void {
  box.classList.add('ip');
  box.dataset.view = 'trace';
  let hops: PanelHop[] = [];
  let last: number | undefined;
  return pollInternals(ctx, (r: InternalsReply) => {
    hops = hops.concat(r.hops).slice(-3000);
    if (r.hops.length) last = r.hops[r.hops.length - 1]!.seq;
    drawTrace(box, hops);
  }, () => ({ hopsAfter: last }));
}
