// The Engine API's routes: one table from method and path to the daemon's
// backend. Both transports (messages over the simulated docker.sock, HTTP from
// a real docker binary) hand requests to `handle`, so the page and the server
// run one implementation.

import { EngineError } from './errors.ts';
import type { ApiRequest, ApiResponse, ByteStream, Conn } from './transport/transport.ts';
import type {
  ContainerCreateBody, ContainerCreateResponse, ContainerInspect, ContainerSummary,
  ContainerTopResponse, ContainerWaitResponse, ExecConfig, ExecInspect, ImageDeleteItem,
  ImageHistoryEntry, ImageInspect, ImageSummary, SystemInfo, VersionResponse,
  BuildQuery, BuildCachePruneResponse, ImagePruneResponse,
} from './types.ts';
import { API_VERSION, MIN_API_VERSION } from './types.ts';
import { volumeRoutes, type VolumeBackend } from './volume-routes.ts';
import { networkRoutes, type NetworkBackend } from './network-routes.ts';
import { extrasRoutes, type ExtrasBackend } from './extras-routes.ts';

/** What a BuildKit client is told: the classic builder is the way in. */
export const BUILDKIT_UNAVAILABLE = 'BuildKit sessions are not available in this simulated engine: build with the classic builder (DOCKER_BUILDKIT=0 docker build ...)';

export type FilterMap = Record<string, string[]>;

/** What dockerd implements; each method is one endpoint's meaning, free of HTTP. */
export interface Backend extends VolumeBackend, NetworkBackend, ExtrasBackend {
  version(): VersionResponse;
  info(): SystemInfo;
  events(opts: { since?: string; until?: string; filters: FilterMap }): ByteStream;

  containerCreate(body: ContainerCreateBody, name: string, platform?: string): Promise<ContainerCreateResponse>;
  containerStart(id: string): Promise<void>;
  containerStop(id: string, opts: { signal?: string; timeout?: number }): Promise<void>;
  containerRestart(id: string, opts: { signal?: string; timeout?: number }): Promise<void>;
  containerKill(id: string, signal?: string): Promise<void>;
  containerPause(id: string): Promise<void>;
  containerUnpause(id: string): Promise<void>;
  containerRename(id: string, name: string): Promise<void>;
  containerRemove(id: string, opts: { force: boolean; removeVolumes: boolean; removeLinks: boolean }): Promise<void>;
  containerList(opts: { all: boolean; limit: number; size: boolean; filters: FilterMap }): ContainerSummary[];
  containerInspect(id: string, opts: { size: boolean }): ContainerInspect;
  containerLogs(id: string, opts: { stdout: boolean; stderr: boolean; follow: boolean; tail: string; timestamps: boolean; since?: string; until?: string; details: boolean }): Promise<{ stream: ByteStream; tty: boolean }>;
  /** Registers the wait (errors such as no such container surface here); `result` settles when it is met. */
  containerWait(id: string, condition: string): Promise<{ result: Promise<ContainerWaitResponse> }>;
  containerAttach(id: string, opts: { stream: boolean; stdin: boolean; stdout: boolean; stderr: boolean; logs: boolean; detachKeys?: string }): Promise<{ conn: Conn; tty: boolean }>;
  containerResize(id: string, h: number, w: number): Promise<void>;
  containerTop(id: string, psArgs?: string): Promise<ContainerTopResponse>;
  containerPrune(filters: FilterMap): Promise<{ ContainersDeleted: string[] | null; SpaceReclaimed: number }>;

  execCreate(id: string, config: ExecConfig): Promise<{ Id: string }>;
  execStart(execId: string, opts: { Detach?: boolean; Tty?: boolean; ConsoleSize?: [number, number] }): Promise<{ conn?: Conn; tty: boolean }>;
  execInspect(execId: string): ExecInspect;
  execResize(execId: string, h: number, w: number): Promise<void>;

  imagePull(fromImage: string, tag: string | undefined, platform?: string): ByteStream;
  imageList(opts: { all: boolean; filters: FilterMap; digests: boolean }): ImageSummary[];
  imageInspect(name: string): ImageInspect;
  imageHistory(name: string): ImageHistoryEntry[];
  imageRemove(name: string, opts: { force: boolean; noprune: boolean }): Promise<ImageDeleteItem[]>;
  imageTag(source: string, repo: string, tag?: string): Promise<void>;
  imagePrune(filters: FilterMap): Promise<ImagePruneResponse>;

  /** POST /build: the context tar in, a stream of JSON progress messages out. */
  imageBuild(opts: BuildQuery, context: Uint8Array): Promise<ByteStream>;
  buildPrune(opts: { all: boolean; filters: FilterMap }): Promise<BuildCachePruneResponse>;
}

type Params = string[];
type Handler = (b: Backend, req: ApiRequest, p: Params, q: Record<string, string>, filters: typeof parseFilters) => Promise<ApiResponse> | ApiResponse;

const ok = (body?: unknown, status = 200): ApiResponse => ({ status, body, headers: { 'Content-Type': 'application/json' } });
const noContent = (): ApiResponse => ({ status: 204 });
const bool = (v: string | undefined) => v === '1' || v === 'true' || v === 'True';
const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

export function parseFilters(raw: string | undefined): FilterMap {
  if (!raw) return {};
  let parsed: unknown;
  try { parsed = JSON.parse(raw); } catch { throw new EngineError('InvalidParameter', `invalid filter '${raw}'`); }
  const out: FilterMap = {};
  if (parsed && typeof parsed === 'object') {
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      out[k] = Array.isArray(v) ? v.map(String) : Object.keys(v as object);
    }
  }
  return out;
}

function streamOf(data: Uint8Array): ByteStream {
  let done = false;
  return { async read() { if (done) return null; done = true; return data; }, cancel() { done = true; } };
}

const routes: [string, RegExp, Handler][] = [
  ['GET', /^\/version$/, (b) => ok(b.version())],
  ['GET', /^\/info$/, (b) => ok(b.info())],
  ['GET', /^\/events$/, (b, _r, _p, q) => ({ status: 200, stream: b.events({ since: q.since, until: q.until, filters: parseFilters(q.filters) }) })],

  ['POST', /^\/containers\/create$/, async (b, r, _p, q) => ok(await b.containerCreate((r.body ?? {}) as ContainerCreateBody, q.name ?? '', q.platform), 201)],
  ['GET', /^\/containers\/json$/, (b, _r, _p, q) => ok(b.containerList({ all: bool(q.all), limit: num(q.limit) ?? -1, size: bool(q.size), filters: parseFilters(q.filters) }))],
  ['POST', /^\/containers\/prune$/, async (b, _r, _p, q) => ok(await b.containerPrune(parseFilters(q.filters)))],
  ['GET', /^\/containers\/([^/]+)\/json$/, (b, _r, p, q) => ok(b.containerInspect(p[0], { size: bool(q.size) }))],
  ['POST', /^\/containers\/([^/]+)\/start$/, async (b, _r, p) => { await b.containerStart(p[0]); return noContent(); }],
  ['POST', /^\/containers\/([^/]+)\/stop$/, async (b, _r, p, q) => { await b.containerStop(p[0], { signal: q.signal, timeout: num(q.t) }); return noContent(); }],
  ['POST', /^\/containers\/([^/]+)\/restart$/, async (b, _r, p, q) => { await b.containerRestart(p[0], { signal: q.signal, timeout: num(q.t) }); return noContent(); }],
  ['POST', /^\/containers\/([^/]+)\/kill$/, async (b, _r, p, q) => { await b.containerKill(p[0], q.signal); return noContent(); }],
  ['POST', /^\/containers\/([^/]+)\/pause$/, async (b, _r, p) => { await b.containerPause(p[0]); return noContent(); }],
  ['POST', /^\/containers\/([^/]+)\/unpause$/, async (b, _r, p) => { await b.containerUnpause(p[0]); return noContent(); }],
  ['POST', /^\/containers\/([^/]+)\/rename$/, async (b, _r, p, q) => { await b.containerRename(p[0], q.name ?? ''); return noContent(); }],
  ['POST', /^\/containers\/([^/]+)\/resize$/, async (b, _r, p, q) => { await b.containerResize(p[0], num(q.h) ?? 0, num(q.w) ?? 0); return ok(); }],
  ['DELETE', /^\/containers\/([^/]+)$/, async (b, _r, p, q) => { await b.containerRemove(p[0], { force: bool(q.force), removeVolumes: bool(q.v), removeLinks: bool(q.link) }); return noContent(); }],
  ['GET', /^\/containers\/([^/]+)\/top$/, async (b, _r, p, q) => ok(await b.containerTop(p[0], q.ps_args))],
  ['GET', /^\/containers\/([^/]+)\/logs$/, async (b, _r, p, q) => {
    const { stream, tty } = await b.containerLogs(p[0], {
      stdout: bool(q.stdout), stderr: bool(q.stderr), follow: bool(q.follow), tail: q.tail ?? 'all',
      timestamps: bool(q.timestamps), since: q.since, until: q.until, details: bool(q.details),
    });
    return { status: 200, stream, headers: { 'Content-Type': tty ? 'application/vnd.docker.raw-stream' : 'application/vnd.docker.multiplexed-stream' } };
  }],
  ['POST', /^\/containers\/([^/]+)\/wait$/, async (b, _r, p, q) => {
    const { result: outcome } = await b.containerWait(p[0], q.condition || 'not-running');
    let done = false;
    let hangUp: (() => void) | null = null;
    return {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      stream: {
        async read() {
          if (done) return null;
          done = true;
          const gone = new Promise<null>((r) => { hangUp = () => r(null); });
          const res = await Promise.race([outcome.catch((e: Error) => ({ StatusCode: -1, Error: { Message: e.message } })), gone]);
          hangUp = null;
          return res ? new TextEncoder().encode(JSON.stringify(res) + '\n') : null;
        },
        cancel() { done = true; hangUp?.(); },
      },
    };
  }],
  ['POST', /^\/containers\/([^/]+)\/attach$/, async (b, _r, p, q) => {
    const { conn, tty } = await b.containerAttach(p[0], {
      stream: bool(q.stream), stdin: bool(q.stdin), stdout: bool(q.stdout), stderr: bool(q.stderr), logs: bool(q.logs), detachKeys: q.detachKeys,
    });
    return { status: 101, conn, headers: { 'Content-Type': tty ? 'application/vnd.docker.raw-stream' : 'application/vnd.docker.multiplexed-stream', Upgrade: 'tcp', Connection: 'Upgrade' } };
  }],
  ['POST', /^\/containers\/([^/]+)\/exec$/, async (b, r, p) => ok(await b.execCreate(p[0], r.body as ExecConfig), 201)],
  ['POST', /^\/exec\/([^/]+)\/start$/, async (b, r, p) => {
    const opts = (r.body ?? {}) as { Detach?: boolean; Tty?: boolean; ConsoleSize?: [number, number] };
    const { conn, tty } = await b.execStart(p[0], opts);
    if (!conn) return ok();
    return { status: 101, conn, headers: { 'Content-Type': tty ? 'application/vnd.docker.raw-stream' : 'application/vnd.docker.multiplexed-stream', Upgrade: 'tcp', Connection: 'Upgrade' } };
  }],
  ['GET', /^\/exec\/([^/]+)\/json$/, (b, _r, p) => ok(b.execInspect(p[0]))],
  ['POST', /^\/exec\/([^/]+)\/resize$/, async (b, _r, p, q) => { await b.execResize(p[0], num(q.h) ?? 0, num(q.w) ?? 0); return ok(); }],

  ['POST', /^\/images\/create$/, (b, _r, _p, q) => ({ status: 200, headers: { 'Content-Type': 'application/json' }, stream: b.imagePull(q.fromImage ?? '', q.tag, q.platform) })],
  ['POST', /^\/images\/prune$/, async (b, _r, _p, q) => ok(await b.imagePrune(parseFilters(q.filters)))],
  ['POST', /^\/build$/, async (b, r, _p, q) => ({ status: 200, headers: { 'Content-Type': 'application/json' }, stream: await b.imageBuild(buildQuery(q), r.body instanceof Uint8Array ? r.body : new Uint8Array(0)) })],
  ['POST', /^\/build\/prune$/, async (b, _r, _p, q) => ok(await b.buildPrune({ all: bool(q.all), filters: parseFilters(q.filters) }))],
  ['GET', /^\/images\/json$/, (b, _r, _p, q) => ok(b.imageList({ all: bool(q.all), filters: parseFilters(q.filters), digests: bool(q.digests) }))],
  ['GET', /^\/images\/(.+)\/json$/, (b, _r, p) => ok(b.imageInspect(p[0]))],
  ['GET', /^\/images\/(.+)\/history$/, (b, _r, p) => ok(b.imageHistory(p[0]))],
  ['POST', /^\/images\/(.+)\/tag$/, async (b, _r, p, q) => { await b.imageTag(p[0], q.repo ?? '', q.tag); return ok(undefined, 201); }],
  ...volumeRoutes,
  ...networkRoutes,
  ...(extrasRoutes as typeof routes),
  ['DELETE', /^\/images\/(.+)$/, async (b, _r, p, q) => ok(await b.imageRemove(p[0], { force: bool(q.force), noprune: bool(q.noprune) }))],
];

/** The query of POST /build (t may repeat; here it is one value or a JSON list). */
function buildQuery(q: Record<string, string>): BuildQuery {
  const json = <T>(v: string | undefined, d: T): T => { if (!v) return d; try { return JSON.parse(v) as T; } catch { throw new EngineError('InvalidParameter', `invalid JSON: ${v}`); } };
  return {
    dockerfile: q.dockerfile ?? 'Dockerfile', t: q.t ? (q.t.startsWith('[') ? json<string[]>(q.t, []) : [q.t]) : [],
    buildargs: json<Record<string, string | null>>(q.buildargs, {}), labels: json<Record<string, string>>(q.labels, {}),
    target: q.target ?? '', nocache: bool(q.nocache), pull: bool(q.pull), q: bool(q.q), rm: q.rm === undefined ? true : bool(q.rm),
    forcerm: bool(q.forcerm), version: q.version === '2' ? '2' : '1',
  };
}

const pingHeaders = { 'API-Version': API_VERSION, 'Builder-Version': '1', 'Docker-Experimental': 'false', 'Ostype': 'linux', 'Cache-Control': 'no-cache, no-store, must-revalidate', 'Pragma': 'no-cache' };

/** Answers one request; daemon errors become {"message": ...} with their status. */
export async function handle(backend: Backend, req: ApiRequest): Promise<ApiResponse> {
  let path = req.path;
  const v = /^\/v(\d+\.\d+)(\/.*)$/.exec(path);
  if (v) {
    if (cmpVersion(v[1], MIN_API_VERSION) < 0) {
      return { status: 400, body: { message: `client version ${v[1]} is too old. Minimum supported API version is ${MIN_API_VERSION}, please upgrade your client to a newer version` } };
    }
    if (cmpVersion(v[1], API_VERSION) > 0) {
      return { status: 400, body: { message: `client version ${v[1]} is too new. Maximum supported API version is ${API_VERSION}` } };
    }
    path = v[2];
  }
  if (path === '/_ping') {
    return { status: 200, headers: { ...pingHeaders, 'Content-Type': 'text/plain; charset=utf-8' }, body: req.method === 'HEAD' ? undefined : 'OK' };
  }
  const q = req.query ?? {};
  for (const [method, re, h] of routes) {
    if (method !== req.method) continue;
    const m = re.exec(path);
    if (!m) continue;
    const params = m.slice(1).map(decodeURIComponent);
    try {
      return await h(backend, req, params, q, parseFilters);
    } catch (e) {
      return errorResponse(e);
    }
  }
  // BuildKit's clients (buildx's docker driver) open /grpc and /session; this
  // engine builds only through POST /build, so say so instead of a bare 404.
  if (req.method === 'POST' && (path === '/grpc' || path === '/session')) {
    return { status: 501, body: { message: BUILDKIT_UNAVAILABLE } };
  }
  // dockerd's router answers a known path with the wrong method as it answers an unknown one.
  return { status: 404, body: { message: 'page not found' } };
}

export function errorResponse(e: unknown): ApiResponse {
  if (e instanceof EngineError) return { status: e.status, body: { message: e.message } };
  const message = e instanceof Error ? e.message : String(e);
  return { status: 500, body: { message } };
}

function cmpVersion(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

export { streamOf };
