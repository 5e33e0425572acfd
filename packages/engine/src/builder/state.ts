// The per-daemon builder state: the build cache (a chain of step keys → the
// image each step produced) and what it holds, for `docker builder prune` and
// `docker system df`.

import type { Daemon } from '../daemon.ts';

export interface CacheRecord { key: string; imageId: string; description: string; created: number; lastUsed: number; size: number; inUse: boolean }

export interface BuilderState {
  cache: Map<string, CacheRecord>;
  /** Base images earlier builds resolved (BuildKit shows them CACHED). */
  bases: Set<string>;
}

const states = new WeakMap<Daemon, BuilderState>();

export function builderState(d: Daemon): BuilderState {
  let s = states.get(d);
  if (!s) { s = { cache: new Map(), bases: new Set() }; states.set(d, s); }
  return s;
}

/** Build cache usage, as `docker system df` reports it. */
export function buildCacheUsage(d: Daemon): { count: number; active: number; size: number; reclaimable: number; records: CacheRecord[] } {
  const recs = [...builderState(d).cache.values()].filter((r) => d.images.get(r.imageId));
  const size = recs.reduce((n, r) => n + r.size, 0);
  return { count: recs.length, active: 0, size, reclaimable: size, records: recs };
}
