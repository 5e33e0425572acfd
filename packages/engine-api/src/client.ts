// The Engine API client the docker CLI and compose use (the counterpart of the
// Go SDK's client.Client). Every method is one endpoint; transports differ only
// in how the request travels.

import { ApiError } from './errors.ts';
import type { ApiRequest, ApiResponse, ByteStream, Conn, Transport } from './transport/transport.ts';
import {
  API_VERSION, type ContainerCreateBody, type ContainerCreateResponse, type ContainerInspect,
  type ContainerSummary, type ContainerTopResponse, type ContainerWaitResponse, type ExecConfig,
  type ExecInspect, type ImageDeleteItem, type ImageHistoryEntry, type ImageInspect,
  type ImageSummary, type SystemInfo, type VersionResponse, type BuildQuery, type BuildCachePruneResponse,
  type ImagePruneResponse,
} from './types.ts';
import type { ContainerPathStat, DiskUsage, Volume, VolumeCreateBody, VolumeListResponse, VolumesPruneReport } from './volume-types.ts';
import { decodePathStat } from './volume-routes.ts';
import type { CommitQuery, ContainerChange, ContainerUpdateBody } from './extras-routes.ts';
import type { ContainerConfig } from './types.ts';
import type { NetworkConnectRequest, NetworkCreateRequest, NetworkCreateResponse, NetworkInspect, NetworksPruneReport } from './network-types.ts';

/** Docker's filter arguments: {"label": ["a=b"], "status": ["running"]}. */
export type Filters = Record<string, string[]>;

function encodeFilters(f?: Filters): string | undefined {
  if (!f || !Object.keys(f).length) return undefined;
  const o: Record<string, Record<string, boolean>> = {};
  for (const [k, vs] of Object.entries(f)) { o[k] = {}; for (const v of vs) o[k][v] = true; }
  return JSON.stringify(o);
}

function query(q: Record<string, string | number | boolean | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  }
  return out;
}

export class EngineClient {
  constructor(readonly transport: Transport, readonly version = API_VERSION) {}

  private async call(method: ApiRequest['method'], path: string, opts: { query?: Record<string, string>; body?: unknown; headers?: Record<string, string>; upgrade?: boolean } = {}): Promise<ApiResponse> {
    const res = await this.transport.request({ method, path: `/v${this.version}${path}`, ...opts });
    if (res.status >= 400) {
      const body = res.body as { message?: string } | undefined;
      if (res.stream) res.stream.cancel();
      throw new ApiError(res.status, body?.message ?? `status ${res.status}`);
    }
    return res;
  }
  private async json<T>(method: ApiRequest['method'], path: string, opts: { query?: Record<string, string>; body?: unknown } = {}): Promise<T> {
    return (await this.call(method, path, opts)).body as T;
  }

  // --- system ---
  async ping(): Promise<Record<string, string>> {
    const res = await this.transport.request({ method: 'GET', path: '/_ping' });
    return res.headers ?? {};
  }
  serverVersion() { return this.json<VersionResponse>('GET', '/version'); }
  info() { return this.json<SystemInfo>('GET', '/info'); }
  async events(opts: { since?: string; until?: string; filters?: Filters } = {}): Promise<ByteStream> {
    const res = await this.call('GET', '/events', { query: query({ since: opts.since, until: opts.until, filters: encodeFilters(opts.filters) }) });
    return res.stream!;
  }

  // --- containers ---
  containerCreate(body: ContainerCreateBody, name?: string, platform?: string) {
    return this.json<ContainerCreateResponse>('POST', '/containers/create', { query: query({ name: name || undefined, platform }), body });
  }
  async containerStart(id: string, opts: { detachKeys?: string } = {}): Promise<void> {
    await this.call('POST', `/containers/${enc(id)}/start`, { query: query({ detachKeys: opts.detachKeys }) });
  }
  async containerStop(id: string, opts: { signal?: string; timeout?: number } = {}): Promise<void> {
    await this.call('POST', `/containers/${enc(id)}/stop`, { query: query({ signal: opts.signal, t: opts.timeout }) });
  }
  async containerRestart(id: string, opts: { signal?: string; timeout?: number } = {}): Promise<void> {
    await this.call('POST', `/containers/${enc(id)}/restart`, { query: query({ signal: opts.signal, t: opts.timeout }) });
  }
  async containerKill(id: string, signal?: string): Promise<void> {
    await this.call('POST', `/containers/${enc(id)}/kill`, { query: query({ signal }) });
  }
  async containerPause(id: string): Promise<void> { await this.call('POST', `/containers/${enc(id)}/pause`); }
  async containerUnpause(id: string): Promise<void> { await this.call('POST', `/containers/${enc(id)}/unpause`); }
  async containerRename(id: string, name: string): Promise<void> {
    await this.call('POST', `/containers/${enc(id)}/rename`, { query: { name } });
  }
  async containerRemove(id: string, opts: { force?: boolean; removeVolumes?: boolean; removeLinks?: boolean } = {}): Promise<void> {
    await this.call('DELETE', `/containers/${enc(id)}`, { query: query({ force: opts.force, v: opts.removeVolumes, link: opts.removeLinks }) });
  }
  containerList(opts: { all?: boolean; limit?: number; size?: boolean; filters?: Filters } = {}) {
    return this.json<ContainerSummary[]>('GET', '/containers/json', {
      query: query({ all: opts.all || undefined, limit: opts.limit && opts.limit > 0 ? opts.limit : undefined, size: opts.size || undefined, filters: encodeFilters(opts.filters) }),
    });
  }
  containerInspect(id: string, opts: { size?: boolean } = {}) {
    return this.json<ContainerInspect>('GET', `/containers/${enc(id)}/json`, { query: query({ size: opts.size || undefined }) });
  }
  async containerLogs(id: string, opts: { stdout?: boolean; stderr?: boolean; follow?: boolean; tail?: string; timestamps?: boolean; since?: string; until?: string; details?: boolean } = {}): Promise<ByteStream> {
    const res = await this.call('GET', `/containers/${enc(id)}/logs`, {
      query: query({ stdout: opts.stdout, stderr: opts.stderr, follow: opts.follow, tail: opts.tail, timestamps: opts.timestamps, since: opts.since, until: opts.until, details: opts.details }),
    });
    return res.stream!;
  }
  /**
   * POST /containers/{id}/wait. Resolves once the daemon has registered the
   * wait (the response headers); `result` settles when the condition is met.
   */
  async containerWait(id: string, condition: 'not-running' | 'next-exit' | 'removed' = 'not-running'): Promise<{ result: Promise<ContainerWaitResponse> }> {
    const res = await this.call('POST', `/containers/${enc(id)}/wait`, { query: { condition } });
    const stream = res.stream!;
    const result = (async () => {
      const parts: Uint8Array[] = [];
      for (let c = await stream.read(); c; c = await stream.read()) parts.push(c);
      const text = new TextDecoder().decode(concat(parts));
      return JSON.parse(text) as ContainerWaitResponse;
    })();
    return { result };
  }
  /** POST /containers/{id}/attach with an upgraded connection. */
  async containerAttach(id: string, opts: { stream?: boolean; stdin?: boolean; stdout?: boolean; stderr?: boolean; logs?: boolean; detachKeys?: string }): Promise<Conn> {
    const res = await this.call('POST', `/containers/${enc(id)}/attach`, {
      query: query({ stream: opts.stream, stdin: opts.stdin, stdout: opts.stdout, stderr: opts.stderr, logs: opts.logs, detachKeys: opts.detachKeys }),
      upgrade: true,
    });
    return res.conn!;
  }
  async containerResize(id: string, height: number, width: number): Promise<void> {
    await this.call('POST', `/containers/${enc(id)}/resize`, { query: query({ h: height, w: width }) });
  }
  // docker diff, export, stats, update, commit (extras-routes.ts)
  containerChanges(id: string) { return this.json<ContainerChange[] | null>('GET', `/containers/${enc(id)}/changes`); }
  async containerExport(id: string): Promise<ByteStream> { return (await this.call('GET', `/containers/${enc(id)}/export`)).stream!; }
  async containerStats(id: string, opts: { stream: boolean; oneShot?: boolean }): Promise<ByteStream> {
    return (await this.call('GET', `/containers/${enc(id)}/stats`, { query: query({ stream: opts.stream, 'one-shot': opts.oneShot }) })).stream!;
  }
  containerUpdate(id: string, body: ContainerUpdateBody) { return this.json<{ Warnings: string[] }>('POST', `/containers/${enc(id)}/update`, { body }); }
  containerCommit(q: Partial<CommitQuery> & { container: string }, config?: ContainerConfig) {
    return this.json<{ Id: string }>('POST', '/commit', {
      query: query({ container: q.container, repo: q.repo, tag: q.tag, comment: q.comment, author: q.author, pause: q.pause, changes: q.changes?.length ? JSON.stringify(q.changes) : undefined }),
      body: config,
    });
  }
  containerTop(id: string, psArgs?: string) {
    return this.json<ContainerTopResponse>('GET', `/containers/${enc(id)}/top`, { query: query({ ps_args: psArgs }) });
  }
  containerPrune(filters?: Filters) {
    return this.json<{ ContainersDeleted: string[] | null; SpaceReclaimed: number }>('POST', '/containers/prune', { query: query({ filters: encodeFilters(filters) }) });
  }

  // --- exec ---
  execCreate(id: string, config: ExecConfig) {
    return this.json<{ Id: string }>('POST', `/containers/${enc(id)}/exec`, { body: config });
  }
  /** POST /exec/{id}/start; with Detach it returns no connection. */
  async execStart(execId: string, opts: { Detach?: boolean; Tty?: boolean; ConsoleSize?: [number, number] } = {}): Promise<Conn | undefined> {
    const res = await this.call('POST', `/exec/${enc(execId)}/start`, { body: opts, upgrade: !opts.Detach });
    return res.conn;
  }
  execInspect(execId: string) { return this.json<ExecInspect>('GET', `/exec/${enc(execId)}/json`); }
  async execResize(execId: string, height: number, width: number): Promise<void> {
    await this.call('POST', `/exec/${enc(execId)}/resize`, { query: query({ h: height, w: width }) });
  }

  // --- images ---
  /** POST /images/create?fromImage=...: a stream of JSON progress lines. */
  async imagePull(fromImage: string, tag?: string, opts: { platform?: string } = {}): Promise<ByteStream> {
    const res = await this.call('POST', '/images/create', { query: query({ fromImage, tag, platform: opts.platform }) });
    return res.stream!;
  }
  imageList(opts: { all?: boolean; filters?: Filters; digests?: boolean } = {}) {
    return this.json<ImageSummary[]>('GET', '/images/json', { query: query({ all: opts.all || undefined, filters: encodeFilters(opts.filters), digests: opts.digests || undefined }) });
  }
  imageInspect(name: string) { return this.json<ImageInspect>('GET', `/images/${enc(name)}/json`); }
  imageHistory(name: string) { return this.json<ImageHistoryEntry[]>('GET', `/images/${enc(name)}/history`); }
  imageRemove(name: string, opts: { force?: boolean; noprune?: boolean } = {}) {
    return this.json<ImageDeleteItem[]>('DELETE', `/images/${enc(name)}`, { query: query({ force: opts.force, noprune: opts.noprune }) });
  }
  async imageTag(source: string, repo: string, tag?: string): Promise<void> {
    await this.call('POST', `/images/${enc(source)}/tag`, { query: query({ repo, tag }) });
  }
  imagePrune(filters?: Filters) {
    return this.json<ImagePruneResponse>('POST', '/images/prune', { query: query({ filters: encodeFilters(filters) }) });
  }
  /** POST /build with the context tar as the body: a stream of JSON progress lines. */
  async imageBuild(context: Uint8Array, opts: Partial<BuildQuery> = {}): Promise<ByteStream> {
    const t = opts.t ?? [];
    const res = await this.call('POST', '/build', {
      query: query({
        dockerfile: opts.dockerfile, t: t.length > 1 ? JSON.stringify(t) : t[0], target: opts.target || undefined,
        buildargs: opts.buildargs && Object.keys(opts.buildargs).length ? JSON.stringify(opts.buildargs) : undefined,
        labels: opts.labels && Object.keys(opts.labels).length ? JSON.stringify(opts.labels) : undefined,
        nocache: opts.nocache || undefined, pull: opts.pull || undefined, q: opts.q || undefined,
        rm: opts.rm === false ? false : undefined, forcerm: opts.forcerm || undefined, version: opts.version,
      }),
      body: context, headers: { 'Content-Type': 'application/x-tar' },
    });
    return res.stream!;
  }
  buildPrune(opts: { all?: boolean; filters?: Filters } = {}) {
    return this.json<BuildCachePruneResponse>('POST', '/build/prune', { query: query({ all: opts.all || undefined, filters: encodeFilters(opts.filters) }) });
  }

  // --- networks ---
  networkList(opts: { filters?: Filters } = {}) { return this.json<NetworkInspect[]>('GET', '/networks', { query: query({ filters: encodeFilters(opts.filters) }) }); }
  networkInspect(id: string, opts: { verbose?: boolean; scope?: string } = {}) { return this.json<NetworkInspect>('GET', `/networks/${enc(id)}`, { query: query({ verbose: opts.verbose || undefined, scope: opts.scope || undefined }) }); }
  networkCreate(body: NetworkCreateRequest) { return this.json<NetworkCreateResponse>('POST', '/networks/create', { body }); }
  async networkRemove(id: string): Promise<void> { await this.call('DELETE', `/networks/${enc(id)}`); }
  async networkConnect(id: string, body: NetworkConnectRequest): Promise<void> { await this.call('POST', `/networks/${enc(id)}/connect`, { body }); }
  async networkDisconnect(id: string, container: string, force = false): Promise<void> { await this.call('POST', `/networks/${enc(id)}/disconnect`, { body: { Container: container, Force: force } }); }
  networksPrune(filters?: Filters) { return this.json<NetworksPruneReport>('POST', '/networks/prune', { query: query({ filters: encodeFilters(filters) }) }); }

  // --- volumes, archives, disk usage ---
  volumeCreate(body: VolumeCreateBody) { return this.json<Volume>('POST', '/volumes/create', { body }); }
  volumeList(opts: { filters?: Filters } = {}) { return this.json<VolumeListResponse>('GET', '/volumes', { query: query({ filters: encodeFilters(opts.filters) }) }); }
  volumeInspect(name: string) { return this.json<Volume>('GET', `/volumes/${enc(name)}`); }
  async volumeRemove(name: string, force = false): Promise<void> {
    await this.call('DELETE', `/volumes/${enc(name)}`, { query: query({ force: force || undefined }) });
  }
  volumesPrune(filters?: Filters) { return this.json<VolumesPruneReport>('POST', '/volumes/prune', { query: query({ filters: encodeFilters(filters) }) }); }
  diskUsage(types?: string[]) { return this.json<DiskUsage>('GET', '/system/df', { query: query({ type: types?.length ? types.join(',') : undefined }) }); }
  async containerStatPath(id: string, path: string): Promise<ContainerPathStat> {
    const res = await this.call('HEAD', `/containers/${enc(id)}/archive`, { query: { path } });
    return decodePathStat(res.headers?.['X-Docker-Container-Path-Stat'])!;
  }
  async copyFromContainer(id: string, path: string): Promise<{ tar: Uint8Array; stat: ContainerPathStat }> {
    const res = await this.call('GET', `/containers/${enc(id)}/archive`, { query: { path } });
    let tar = res.body instanceof Uint8Array ? res.body : new Uint8Array(0);
    if (res.stream) {
      const parts: Uint8Array[] = [];
      for (let c = await res.stream.read(); c; c = await res.stream.read()) parts.push(c);
      tar = concat(parts);
    }
    return { tar, stat: decodePathStat(res.headers?.['X-Docker-Container-Path-Stat'])! };
  }
  async copyToContainer(id: string, path: string, tar: Uint8Array, opts: { allowOverwriteDirWithFile?: boolean; copyUIDGID?: boolean } = {}): Promise<void> {
    await this.call('PUT', `/containers/${enc(id)}/archive`, {
      query: query({ path, noOverwriteDirNonDir: !opts.allowOverwriteDirWithFile, copyUIDGID: opts.copyUIDGID || undefined }),
      body: tar, headers: { 'Content-Type': 'application/x-tar' },
    });
  }
}

function enc(s: string): string { return encodeURIComponent(s); }

export function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
