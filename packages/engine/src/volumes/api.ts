// The /volumes endpoints over the volume store: create, list with filters,
// inspect, remove, prune (moby daemon/volumes and volume/service/convert.go).

import {
  invalidParameter, type FilterMap, type Volume, type VolumeCreateBody, type VolumeListResponse, type VolumesPruneReport,
} from '@dockersim/engine-api';
import type { Sys } from '@dockersim/kernel';
import { treeSize } from './copy.ts';
import type { VolumeRecord, VolumeStore } from './store.ts';

export interface VolumeEvents { emit(type: 'volume', action: string, id: string, attrs: Record<string, string>): void }

export function create(store: VolumeStore, bus: VolumeEvents, body: VolumeCreateBody): Volume {
  const known = store.volumes.has(body.Name ?? '');
  const v = store.create(body.Name ?? '', { driver: body.Driver, opts: body.DriverOpts, labels: body.Labels });
  if (!known) bus.emit('volume', 'create', v.name, { driver: v.driver });
  const view = store.view(v);
  // volumes made through the API keep the empty maps they were given
  if (!known && body.Labels && !Object.keys(body.Labels).length && !store.isAnonymous(v)) view.Labels = {};
  if (!known && body.DriverOpts && !Object.keys(body.DriverOpts).length) view.Options = {};
  if (!known) { v.labels = view.Labels; v.options = view.Options; }
  return view;
}

const ACCEPTED = new Set(['dangling', 'name', 'driver', 'label']);

function checkFilters(f: FilterMap, accepted: Set<string>): void {
  for (const k of Object.keys(f)) if (!accepted.has(k)) throw invalidParameter(`invalid filter '${k}'`);
}

function labelsMatch(labels: Record<string, string> | null, wants: string[]): boolean {
  const l = labels ?? {};
  return wants.every((w) => {
    const i = w.indexOf('=');
    return i < 0 ? w in l : l[w.slice(0, i)] === w.slice(i + 1);
  });
}

function boolFilter(f: FilterMap, key: string): boolean | undefined {
  const vs = f[key];
  if (!vs?.length) return undefined;
  const v = vs[0].toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw invalidParameter(`invalid filter '${key}=${vs[0]}'`);
}

export function list(store: VolumeStore, filters: FilterMap): VolumeListResponse {
  checkFilters(filters, ACCEPTED);
  const dangling = boolFilter(filters, 'dangling');
  const out: Volume[] = [];
  for (const v of store.volumes.values()) {
    if (dangling !== undefined && (v.refs.size === 0) !== dangling) continue;
    if (filters.name?.length && !filters.name.some((n) => new RegExp(n).test(v.name))) continue;
    if (filters.driver?.length && !filters.driver.includes(v.driver)) continue;
    if (filters.label?.length && !labelsMatch(v.labels, filters.label)) continue;
    out.push(store.view(v));
  }
  return { Volumes: out, Warnings: null };
}

export function remove(store: VolumeStore, bus: VolumeEvents, name: string, force: boolean): void {
  const had = store.volumes.has(name);
  store.remove(name, force);
  if (had) bus.emit('volume', 'destroy', name, { driver: 'local' });
}

export function prune(sys: Sys, store: VolumeStore, bus: VolumeEvents, filters: FilterMap): VolumesPruneReport {
  checkFilters(filters, new Set(['label', 'label!', 'all']));
  const all = boolFilter(filters, 'all') ?? false;
  const deleted: string[] = [];
  let reclaimed = 0;
  for (const v of [...store.volumes.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (v.refs.size) continue;
    if (!all && !store.isAnonymous(v)) continue;
    if (filters.label?.length && !labelsMatch(v.labels, filters.label)) continue;
    if (filters['label!']?.length && filters['label!'].some((w) => labelsMatch(v.labels, [w]))) continue;
    const size = usage(sys, store, v);
    try { store.remove(v.name); } catch { continue; }
    bus.emit('volume', 'destroy', v.name, { driver: v.driver });
    deleted.push(v.name);
    reclaimed += size;
  }
  return { VolumesDeleted: deleted.length ? deleted : null, SpaceReclaimed: reclaimed };
}

/** Bytes a volume holds (the device's content while it is mounted, else _data). */
export function usage(sys: Sys, store: VolumeStore, v: VolumeRecord): number {
  return treeSize(sys, store.path(v.name));
}
