// The Engine API's volume, archive (docker cp) and disk-usage routes. They
// join the route table of routes.ts; VolumeBackend is the part of dockerd
// that answers them.

import type { ApiRequest, ApiResponse } from './transport/transport.ts';
import type { ContainerPathStat, DiskUsage, Volume, VolumeCreateBody, VolumeListResponse, VolumesPruneReport } from './volume-types.ts';

type FilterMap = Record<string, string[]>;

export interface VolumeBackend {
  volumeCreate(body: VolumeCreateBody): Promise<Volume>;
  volumeList(filters: FilterMap): VolumeListResponse;
  volumeInspect(name: string): Volume;
  volumeRemove(name: string, force: boolean): Promise<void>;
  volumesPrune(filters: FilterMap): Promise<VolumesPruneReport>;
  systemDf(types: string[]): Promise<DiskUsage>;
  /** HEAD /containers/{id}/archive */
  containerStatPath(id: string, path: string): Promise<ContainerPathStat>;
  /** GET /containers/{id}/archive: a tar of the path, and its stat. */
  containerArchive(id: string, path: string): Promise<{ tar: Uint8Array; stat: ContainerPathStat }>;
  /** PUT /containers/{id}/archive: extracts a tar into the directory at path. */
  containerExtract(id: string, path: string, tar: Uint8Array, opts: { noOverwriteDirNonDir: boolean; copyUIDGID: boolean }): Promise<void>;
}

type Handler = (b: VolumeBackend, req: ApiRequest, p: string[], q: Record<string, string>, filters: (raw?: string) => FilterMap) => Promise<ApiResponse> | ApiResponse;

const json = (body?: unknown, status = 200): ApiResponse => ({ status, body, headers: { 'Content-Type': 'application/json' } });
const bool = (v: string | undefined) => v === '1' || v === 'true' || v === 'True';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
  }
  return out;
}

function unbase64(s: string): Uint8Array {
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor(clean.length * 3 / 4));
  let o = 0, acc = 0, bits = 0;
  for (const ch of clean) {
    acc = (acc << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 255; }
  }
  return out.subarray(0, o);
}

/** X-Docker-Container-Path-Stat carries the stat as base64 JSON. */
export function encodePathStat(st: ContainerPathStat): string {
  return base64(new TextEncoder().encode(JSON.stringify(st)));
}

export function decodePathStat(header: string | undefined): ContainerPathStat | undefined {
  if (!header) return undefined;
  return JSON.parse(new TextDecoder().decode(unbase64(header))) as ContainerPathStat;
}

export const volumeRoutes: [string, RegExp, Handler][] = [
  ['GET', /^\/volumes$/, (b, _r, _p, q, f) => json(b.volumeList(f(q.filters)))],
  ['POST', /^\/volumes\/create$/, async (b, r) => json(await b.volumeCreate((r.body ?? {}) as VolumeCreateBody), 201)],
  ['POST', /^\/volumes\/prune$/, async (b, _r, _p, q, f) => json(await b.volumesPrune(f(q.filters)))],
  ['GET', /^\/volumes\/([^/]+)$/, (b, _r, p) => json(b.volumeInspect(p[0]))],
  ['DELETE', /^\/volumes\/([^/]+)$/, async (b, _r, p, q) => { await b.volumeRemove(p[0], bool(q.force)); return { status: 204 }; }],
  ['GET', /^\/system\/df$/, async (b, _r, _p, q) => json(await b.systemDf(q.type ? q.type.split(',') : []))],
  ['HEAD', /^\/containers\/([^/]+)\/archive$/, async (b, _r, p, q) => {
    const st = await b.containerStatPath(p[0], q.path ?? '');
    return { status: 200, headers: { 'X-Docker-Container-Path-Stat': encodePathStat(st) } };
  }],
  ['GET', /^\/containers\/([^/]+)\/archive$/, async (b, _r, p, q) => {
    const { tar, stat } = await b.containerArchive(p[0], q.path ?? '');
    return { status: 200, body: tar, headers: { 'Content-Type': 'application/x-tar', 'X-Docker-Container-Path-Stat': encodePathStat(stat) } };
  }],
  ['PUT', /^\/containers\/([^/]+)\/archive$/, async (b, r, p, q) => {
    const body = r.body instanceof Uint8Array ? r.body : new Uint8Array(0);
    await b.containerExtract(p[0], q.path ?? '', body, { noOverwriteDirNonDir: bool(q.noOverwriteDirNonDir), copyUIDGID: bool(q.copyUIDGID) });
    return { status: 200 };
  }],
];
