// The layers panel's view in the worker: an image's layers as dockerd keeps
// them (each unpacked once into /var/lib/docker/overlay2/<cache-id>/diff,
// with the diff id and the history entry that made it), a container's overlay
// on top of them (its -init layer and its own upperdir), what the upperdir
// holds (files copied up from a lower layer, new files, whiteouts), and which
// layer a given path comes from, found as overlay finds it: top down.
import type { World } from '@dockersim/world';
import type { LayerRow, LayersRequest, LayersView, UpperEntry } from './views.ts';
import { dirNode, kindOf, lookupIn, readKernelFile, walkTree } from './fs.ts';

const OVERLAY2 = '/var/lib/docker/overlay2';
const MAX_UPPER = 200;

type Daemon = NonNullable<ReturnType<World['daemon']>>;
type Container = Daemon['containers'] extends Map<string, infer C> ? C : never;
type Image = NonNullable<ReturnType<Daemon['images']['get']>>;

const RUNNING = new Set(['running', 'paused', 'restarting']);

function pickContainer(d: Daemon, ref: string | undefined): Container | undefined {
  if (ref) { try { return d.get(ref); } catch { return undefined; } }
  const all = [...d.containers.values()];
  const running = all.filter((c) => RUNNING.has(c.state));
  const newest = (list: Container[]) => list.reduce<Container | undefined>((a, c) => (!a || c.created >= a.created ? c : a), undefined);
  return newest(running) ?? newest(all);
}

/** The image's layers, top first, with their history entries. */
function imageLayers(img: Image | undefined, lowerDirs: string[], d: Daemon): { rows: LayerRow[]; empty: string[] } {
  const byCache = new Map(d.images.layers.all().map((l) => [l.cacheId, l]));
  const diffIds = img?.config.rootfs.diff_ids ?? [];
  const made: string[] = [];
  const empty: string[] = [];
  for (const h of img?.config.history ?? []) (h.empty_layer ? empty : made).push(h.created_by ?? '');
  const rows: LayerRow[] = lowerDirs.map((dir, i) => {
    const cache = dir.slice(OVERLAY2.length + 1).replace(/\/diff$/, '');
    const layer = byCache.get(cache);
    const fromBase = lowerDirs.length - 1 - i;
    return {
      role: 'image', dir: cache, diffId: layer?.diffId ?? diffIds[fromBase], size: layer?.size ?? 0,
      createdBy: made.length === lowerDirs.length ? made[fromBase] : undefined,
    };
  });
  return { rows, empty };
}

function lowerDirsOf(img: Image | undefined, d: Daemon): string[] {
  return img ? d.images.layers.lowerDirs(img.top) : [];
}

export function layersView(world: World, req: LayersRequest): LayersView {
  const d = world.daemon();
  const view: LayersView = { containers: [], images: [], subject: null, layers: [], emptyLayers: [], upper: [], upperTruncated: false };
  if (!d) return view;
  const all = [...d.containers.values()].sort((a, b) => Number(RUNNING.has(b.state)) - Number(RUNNING.has(a.state)) || b.created - a.created);
  view.containers = all.map((c) => ({ id: c.id, name: c.name, state: c.state }));
  view.images = d.images.all().filter((i) => i.repoTags.length).flatMap((i) => i.repoTags).sort();

  const c = req.image ? undefined : pickContainer(d, req.container);
  const dirs: string[] = [];
  if (c) {
    const img = d.images.get(c.imageId);
    const layer = `${OVERLAY2}/${c.layerId}`;
    const upper = dirNode(world, `${layer}/diff`);
    // mounted while it runs: the merged directory is an overlay mount point,
    // shown as mount(8) prints it from /proc/1/mountinfo
    const line = readKernelFile(world, '/proc/1/mountinfo').split('\n').find((l) => l.includes(` ${layer}/merged `));
    const f = line?.split(' ') ?? [];
    const sup = line?.split(' - overlay overlay ')[1];
    const mounted = !!line;
    view.subject = {
      kind: 'container', id: c.id, name: c.name, image: c.imageRef, state: c.state,
      merged: `${layer}/merged`, mounted,
    };
    if (sup) view.subject.mount = `overlay on ${f[4]} type overlay (${[f[5], ...sup.split(',').filter((o) => o !== 'rw')].join(',')})`;
    const { rows, empty } = imageLayers(img, c.lowerDirs, d);
    const upperEntries = upper ? walkTree(world, upper, MAX_UPPER) : { entries: [], truncated: false };
    let upperSize = 0;
    for (const e of upperEntries.entries) if (kindOf(e.node) === 'file') upperSize += e.node.size;
    view.layers = [
      { role: 'upper', dir: c.layerId, size: upperSize },
      { role: 'init', dir: `${c.layerId}-init`, size: 0 },
      ...rows,
    ];
    view.emptyLayers = empty;
    dirs.push(`${layer}/diff`, `${layer}-init/diff`, ...c.lowerDirs);
    const lowers = dirs.slice(1).map((p) => dirNode(world, p));
    // an entry of the upperdir hides the topmost lower layer that has its path
    for (const e of upperEntries.entries) {
      const kind = kindOf(e.node);
      let shadows = -1;
      for (let i = 0; i < lowers.length; i++) {
        const n = lowers[i] && lookupIn(world, lowers[i]!, e.path);
        if (n && kindOf(n) !== 'whiteout') { shadows = i + 1; break; }
      }
      // directories of the lower layers come up only as the parents of what was written
      if (kind === 'dir' && shadows >= 0) continue;
      view.upper.push({ path: e.path, kind, size: kind === 'file' ? e.node.size : 0, shadows } satisfies UpperEntry);
    }
    view.upperTruncated = upperEntries.truncated;
  } else {
    const img = d.images.get(req.image ?? view.images[0] ?? '');
    if (img) {
      view.subject = { kind: 'image', id: img.id, name: img.repoTags[0] ?? img.id.slice(7, 19) };
      const lower = lowerDirsOf(img, d);
      const { rows, empty } = imageLayers(img, lower, d);
      view.layers = rows;
      view.emptyLayers = empty;
      dirs.push(...lower);
    }
  }

  if (req.path && dirs.length) {
    const path = req.path.startsWith('/') ? req.path : `/${req.path}`;
    view.probe = { path, from: -1, whiteout: false, kind: '', size: 0 };
    for (let i = 0; i < dirs.length; i++) {
      const root = dirNode(world, dirs[i]!);
      const n = root && lookupIn(world, root, path);
      if (!n) continue;
      const kind = kindOf(n);
      view.probe = { path, from: i, whiteout: kind === 'whiteout', kind, size: kind === 'file' ? n.size : 0 };
      if (kind === 'link') view.probe.target = n.readlink?.(world.kernel.fs.ctx);
      break;
    }
  }
  return view;
}
