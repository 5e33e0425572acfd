// The layer stack of an image and of a container's overlay, drawn from
// dockerd's layer store and the overlay2 directories on the host: the merged
// view on top, the container's upperdir (read-write), its -init layer, then
// the image's layers (lowerdirs) with their diff ids, sizes and the
// instruction that made each. A path box finds which layer a file comes from
// (the topmost that has it, as overlay looks); the upperdir's listing shows
// each write as it lands: a file copied up from a lower layer, a new one, or
// a whiteout hiding a deleted one.
import type { LessonsContext } from '../lessons/entry.ts';
import type { InternalsReply } from './protocol.ts';
import type { LayerRow, LayersView } from './side/views.ts';
import { el, pollView } from './poll.ts';
import { short, siBytes } from './side/units.ts';
import './panels.css';
import './side/inside.css';

const ROLE_LABEL: Record<LayerRow['role'], string> = { upper: 'upperdir', init: 'lowerdir', image: 'lowerdir' };

function layerLine(row: LayerRow, i: number, v: LayersView): HTMLElement {
  const line = el('div', `il-layer il-${row.role}`);
  line.dataset.layer = String(i);
  line.append(el('span', 'il-role', ROLE_LABEL[row.role]), el('span', 'il-dir', short(row.dir) + (row.role === 'init' ? '-init' : '')));
  if (row.role === 'upper') line.append(el('span', 'il-note', `rw · ${v.upper.length} entr${v.upper.length === 1 ? 'y' : 'ies'} · ${siBytes(row.size)}`));
  else if (row.role === 'init') line.append(el('span', 'il-note', 'ro · the -init layer dockerd adds under every container'));
  else {
    line.append(el('span', 'il-note', `ro · ${siBytes(row.size)}`));
    if (row.diffId) line.append(el('span', 'il-diff', `diff ${short(row.diffId)}`));
    if (row.createdBy) { const c = el('div', 'il-cmd', row.createdBy); c.title = row.createdBy; line.append(c); }
  }
  line.title = `/var/lib/docker/overlay2/${row.dir}/diff${row.diffId ? `\n${row.diffId}` : ''}`;
  const p = v.probe;
  if (p && p.from === i) {
    const what = p.whiteout ? 'whiteout: deleted here' : p.kind === 'link' ? `→ ${p.target ?? ''}` : p.kind === 'dir' ? 'directory' : siBytes(p.size);
    line.append(el('span', 'il-probe', `◀ ${p.path} · ${what}`));
  }
  return line;
}

export function drawLayers(root: HTMLElement, v: LayersView, fresh: Set<string>): void {
  const s = v.subject;
  const title = !s ? 'layers' : s.kind === 'container'
    ? `layers · container ${s.name} (${s.image}) · ${s.state}` : `layers · image ${s.name}`;
  const stack = el('div', 'il-stack');
  if (s?.kind === 'container') {
    const merged = el('div', `il-layer il-merged${s.mounted ? '' : ' il-off'}`);
    merged.append(el('span', 'il-role', 'merged'), el('span', 'il-dir', `${short(s.id)} → /`),
      el('span', 'il-note', s.mounted ? 'overlay mounted: the container\'s root' : 'not mounted (the container is not running)'));
    merged.title = s.merged;
    stack.append(merged);
  }
  v.layers.forEach((row, i) => stack.append(layerLine(row, i, v)));
  if (v.probe && v.probe.from < 0) stack.append(el('div', 'il-absent', `${v.probe.path}: in no layer (No such file or directory)`));
  const parts: HTMLElement[] = [el('h3', '', title), stack];
  if (s?.kind === 'container' && s.mount) {
    const m = el('div', 'il-mount', s.mount.replace(/\/var\/lib\/docker\/overlay2\/([0-9a-f]{12})[0-9a-f]{52}/g, '…/$1'));
    m.title = s.mount;
    parts.push(m);
  }
  if (v.emptyLayers.length) parts.push(el('div', 'il-empty', `history without a layer: ${v.emptyLayers.join(' · ')}`));
  if (s?.kind === 'container') {
    const list = el('table', 'il-files');
    for (const e of v.upper) {
      const tr = el('tr', `il-${e.kind}${fresh.has(e.path) ? ' il-fresh' : ''}`);
      const from = e.shadows >= 0 ? `${short(v.layers[e.shadows]!.dir)}` : '';
      const how = e.kind === 'whiteout' ? `whiteout: hides it in ${from}` : e.shadows >= 0 ? `copied up from ${from}` : 'new';
      tr.append(el('td', '', e.path), el('td', '', e.kind === 'file' ? siBytes(e.size) : e.kind), el('td', '', how));
      list.append(tr);
    }
    parts.push(el('h3', 'il-sub', `upperdir · what the container wrote${v.upperTruncated ? ' (first 200)' : ''}`),
      v.upper.length ? list : el('div', 'ip-empty', 'Nothing yet: the container has written no file.'));
  }
  root.replaceChildren(...parts);
}

export function mount(box: HTMLElement, ctx: LessonsContext): () => void {
  box.classList.add('ip');
  box.dataset.view = 'layers';
  const pick = el('select', 'il-pick');
  const path = el('input', 'il-path');
  path.value = '/etc/os-release';
  path.placeholder = 'a path, e.g. /etc/os-release';
  path.spellcheck = false;
  const controls = el('div', 'il-controls');
  controls.append(pick, path);
  const body = el('div');
  box.replaceChildren(controls, body);

  let subject = '';
  let known = new Set<string>();
  const request = () => {
    const [kind, ref] = [pick.value.slice(0, 2), pick.value.slice(2)];
    return { layers: { ...(kind === 'c:' ? { container: ref } : kind === 'i:' ? { image: ref } : {}), path: path.value.trim() || undefined } };
  };
  const fillPicker = (v: LayersView) => {
    const options = [['', 'newest container'], ...v.containers.map((c) => [`c:${c.name}`, `container ${c.name} (${c.state})`]), ...v.images.map((i) => [`i:${i}`, `image ${i}`])];
    const sig = options.map((o) => o[0]).join('|');
    if (pick.dataset.sig === sig) return;
    const keep = pick.value;
    pick.replaceChildren(...options.map(([value, label]) => { const o = el('option', '', label); o.value = value!; return o; }));
    pick.value = options.some((o) => o[0] === keep) ? keep : '';
    pick.dataset.sig = sig;
  };
  const poll = pollView(ctx, request, (r) => JSON.stringify(r.layers), (r: InternalsReply) => {
    const v = r.layers;
    if (!v) return;
    fillPicker(v);
    // what appeared in the upperdir since the last picture of the same container
    const id = v.subject?.id ?? '';
    const now = new Set(v.upper.map((e) => `${e.path}:${e.kind}:${e.size}`));
    const fresh = new Set(id === subject ? v.upper.filter((e) => !known.has(`${e.path}:${e.kind}:${e.size}`)).map((e) => e.path) : []);
    subject = id;
    known = now;
    drawLayers(body, v, fresh);
  });
  pick.addEventListener('change', () => poll.refresh());
  path.addEventListener('change', () => poll.refresh());
  return () => poll.stop();
}
