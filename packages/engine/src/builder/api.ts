// The build endpoints over the builder: POST /build, POST /build/prune, and
// POST /images/prune (dangling images, which builds leave behind).

import { EngineError, type BuildCachePruneResponse, type BuildQuery, type ByteStream, type FilterMap, type ImageDeleteItem, type ImagePruneResponse } from '@dockersim/engine-api';
import type { Daemon } from '../daemon.ts';
import { OVERLAY2, removeTree } from '../layers.ts';
import { BuildError, imageBuild, prepareClassic, type BuildRequest } from './builder.ts';
import { DockerfileError } from './dockerfile/index.ts';
import { builderState } from './state.ts';

export async function build(d: Daemon, q: BuildQuery, tar: Uint8Array): Promise<ByteStream> {
  const req: BuildRequest = {
    dockerfile: q.dockerfile, tags: q.t, buildArgs: q.buildargs, labels: q.labels, target: q.target,
    noCache: q.nocache, classic: q.version !== '2', pull: q.pull, quiet: q.q,
  };
  if (req.classic) {
    // The classic builder answers a bad Dockerfile before it streams anything.
    try { prepareClassic(req, tar); } catch (e) {
      if (e instanceof DockerfileError || e instanceof BuildError) throw new EngineError('InvalidParameter', e.message);
      throw e;
    }
  }
  return imageBuild(d, req, tar);
}

/** Frees the layers of images nobody uses any more. */
function dropLayers(d: Daemon): number {
  const inUse = new Set<string>();
  for (const img of d.images.all()) for (let l = img.top; l; l = l.parent) inUse.add(l.chainId);
  let freed = 0;
  for (const l of d.images.layers.all()) {
    if (inUse.has(l.chainId)) continue;
    removeTree(d.sys, `${OVERLAY2}/${l.cacheId}`);
    d.images.layers.forget(l.chainId);
    freed += l.size;
  }
  return freed;
}

/** docker builder prune: drops the cache records and the intermediate images behind them. */
export async function buildPrune(d: Daemon, _opts: { all: boolean; filters: FilterMap }): Promise<BuildCachePruneResponse> {
  const st = builderState(d);
  const deleted: string[] = [];
  const used = new Set<string>();
  for (const c of d.containers.values()) used.add(c.imageId);
  for (const [key, rec] of [...st.cache]) {
    const img = d.images.get(rec.imageId);
    st.cache.delete(key);
    deleted.push(key.slice(0, 25));
    if (img && img.intermediate && !used.has(img.id)) d.images.delete(img);
  }
  const freed = dropLayers(d);
  return { CachesDeleted: deleted.length ? deleted : null, SpaceReclaimed: freed };
}

/** docker image prune: dangling images (no tag), or with all=true every image no container uses. */
export async function imagePrune(d: Daemon, filters: FilterMap): Promise<ImagePruneResponse> {
  const all = (filters.dangling ?? []).some((v) => v === 'false' || v === '0');
  const used = new Set<string>();
  for (const c of d.containers.values()) used.add(c.imageId);
  const out: ImageDeleteItem[] = [];
  for (const img of d.images.all()) {
    if (img.intermediate || used.has(img.id)) continue;
    if (!all && img.repoTags.length) continue;
    for (const t of img.repoTags) out.push({ Untagged: t });
    for (const t of img.repoDigests) out.push({ Untagged: t });
    d.images.delete(img);
    out.push({ Deleted: img.id });
    d.bus.emit('image', 'delete', img.id, { name: img.id });
  }
  // Cache records keep their intermediate images; only layers nothing references go.
  const freed = dropLayers(d);
  return { ImagesDeleted: out.length ? out : null, SpaceReclaimed: freed };
}
