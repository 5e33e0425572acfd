// The Engine API's routes for a container's changes, export, stats, update
// and commit (docker diff/export/stats/update/commit). They join the route
// table of routes.ts; ExtrasBackend is the part of dockerd that answers them.

import type { ApiRequest, ApiResponse, ByteStream } from './transport/transport.ts';
import type { ContainerConfig, RestartPolicy } from './types.ts';

/** GET /containers/{id}/changes entries; Kind 0 modified, 1 added, 2 deleted. */
export interface ContainerChange { Path: string; Kind: 0 | 1 | 2 }

/** POST /containers/{id}/update body (the resources and the restart policy). */
export interface ContainerUpdateBody {
  Memory?: number; MemorySwap?: number; MemoryReservation?: number; NanoCpus?: number;
  CpuShares?: number; CpuPeriod?: number; CpuQuota?: number; CpusetCpus?: string; CpusetMems?: string;
  PidsLimit?: number | null; BlkioWeight?: number; RestartPolicy?: RestartPolicy;
}

/** GET /containers/{id}/stats: one sample (cgroup v2 figures). */
export interface StatsResponse {
  name: string; id: string; read: string; preread: string;
  pids_stats: { current?: number; limit?: number };
  blkio_stats: { io_service_bytes_recursive: { major: number; minor: number; op: string; value: number }[] | null };
  num_procs: number;
  cpu_stats: CpuStats; precpu_stats: CpuStats;
  memory_stats: { usage?: number; stats?: Record<string, number>; limit?: number };
  networks?: Record<string, { rx_bytes: number; rx_packets: number; rx_errors: number; rx_dropped: number; tx_bytes: number; tx_packets: number; tx_errors: number; tx_dropped: number }>;
}
export interface CpuStats {
  cpu_usage: { total_usage: number; usage_in_kernelmode: number; usage_in_usermode: number };
  system_cpu_usage?: number; online_cpus?: number;
  throttling_data: { periods: number; throttled_periods: number; throttled_time: number };
}

export interface CommitQuery { container: string; repo: string; tag: string; comment: string; author: string; pause: boolean; changes: string[] }

export interface ExtrasBackend {
  containerChanges(id: string): Promise<ContainerChange[] | null>;
  containerExport(id: string): Promise<Uint8Array>;
  containerStats(id: string, opts: { stream: boolean; oneShot: boolean }): Promise<ByteStream>;
  containerUpdate(id: string, body: ContainerUpdateBody): Promise<{ Warnings: string[] }>;
  containerCommit(q: CommitQuery, config: ContainerConfig | undefined): Promise<{ Id: string }>;
}

type Handler = (b: ExtrasBackend, req: ApiRequest, p: string[], q: Record<string, string>) => Promise<ApiResponse> | ApiResponse;

const json = (body?: unknown, status = 200): ApiResponse => ({ status, body, headers: { 'Content-Type': 'application/json' } });
const bool = (v: string | undefined, d = false) => (v === undefined ? d : v === '1' || v === 'true' || v === 'True');

function once(data: Uint8Array): ByteStream {
  let done = false;
  return { async read() { if (done) return null; done = true; return data; }, cancel() { done = true; } };
}

export const extrasRoutes: [string, RegExp, Handler][] = [
  ['GET', /^\/containers\/([^/]+)\/changes$/, async (b, _r, p) => json(await b.containerChanges(p[0]))],
  ['GET', /^\/containers\/([^/]+)\/export$/, async (b, _r, p) => ({ status: 200, headers: { 'Content-Type': 'application/x-tar' }, stream: once(await b.containerExport(p[0])) })],
  ['GET', /^\/containers\/([^/]+)\/stats$/, async (b, _r, p, q) => ({ status: 200, headers: { 'Content-Type': 'application/json' }, stream: await b.containerStats(p[0], { stream: bool(q.stream, true), oneShot: bool(q['one-shot']) }) })],
  ['POST', /^\/containers\/([^/]+)\/update$/, async (b, r, p) => json(await b.containerUpdate(p[0], (r.body ?? {}) as ContainerUpdateBody))],
  ['POST', /^\/commit$/, async (b, r, _p, q) => json(await b.containerCommit({
    container: q.container ?? '', repo: q.repo ?? '', tag: q.tag ?? '', comment: q.comment ?? '', author: q.author ?? '',
    pause: bool(q.pause, true), changes: q.changes ? (q.changes.startsWith('[') ? JSON.parse(q.changes) as string[] : [q.changes]) : [],
  }, (r.body ?? undefined) as ContainerConfig | undefined), 201)],
];
