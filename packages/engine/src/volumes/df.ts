// GET /system/df (moby daemon/disk_usage.go): images with their shared and
// unique sizes, containers with their writable layers, volumes with their
// sizes and reference counts, and the build cache.

import type { BuildCacheRecord, DiskUsage } from '@dockersim/engine-api';
import type { Daemon } from '../daemon.ts';
import * as images from '../image-api.ts';
import { OVERLAY2 } from '../layers.ts';
import { treeSize } from './copy.ts';
import { usage } from './api.ts';
import { buildCacheUsage } from '../builder/state.ts';
import { rfc3339Nano } from '../time.ts';

/** The builder's cache records in the API's shape (BuildKit ids are 25 base-32 characters; ours come from the step key). */
function buildCacheRecords(d: Daemon): BuildCacheRecord[] {
  return buildCacheUsage(d).records.map((r) => ({
    ID: r.key.replace(/^sha256:/, '').slice(0, 25), Type: 'regular', Description: r.description,
    InUse: r.inUse, Shared: false, Size: r.size, CreatedAt: rfc3339Nano(r.created), LastUsedAt: rfc3339Nano(r.lastUsed), UsageCount: 1,
  }));
}

export function diskUsage(d: Daemon, types: string[]): DiskUsage {
  const want = (t: string) => !types.length || types.includes(t);
  const out: DiskUsage = { LayersSize: 0, Images: [], Containers: [], Volumes: [], BuildCache: [] };
  if (want('image')) {
    const imgs = images.list(d, { all: false, filters: {} });
    // a layer counts once however many images share it
    const layerUse = new Map<string, number>();
    const layersOf = (id: string) => {
      const img = d.images.get(id);
      const ls: { chainId: string; size: number }[] = [];
      for (let l = img?.top; l; l = l.parent) ls.push(l);
      return ls;
    };
    for (const i of imgs) for (const l of layersOf(i.Id)) layerUse.set(l.chainId, (layerUse.get(l.chainId) ?? 0) + 1);
    const sizes = new Map<string, number>();
    for (const i of imgs) for (const l of layersOf(i.Id)) sizes.set(l.chainId, l.size);
    for (const s of sizes.values()) out.LayersSize += s;
    out.Images = imgs.map((i) => {
      let shared = 0;
      for (const l of layersOf(i.Id)) if ((layerUse.get(l.chainId) ?? 0) > 1) shared += l.size;
      return { ...i, SharedSize: shared };
    });
  }
  if (want('container')) {
    out.Containers = d.containerList({ all: true, limit: -1, size: false, filters: {} }).map((s) => {
      const c = d.containers.get(s.Id);
      const rw = c ? treeSize(d.sys, `${OVERLAY2}/${c.layerId}/diff`) : 0;
      return { ...s, SizeRw: rw, SizeRootFs: rw + (c ? d.images.get(c.imageId)?.size ?? 0 : 0) };
    });
  }
  if (want('volume')) {
    out.Volumes = [...d.volumes.volumes.values()].map((v) => ({ ...d.volumes.view(v), UsageData: { RefCount: v.refs.size, Size: usage(d.sys, d.volumes, v) } }));
  }
  if (want('build-cache')) out.BuildCache = buildCacheRecords(d);
  return out;
}
