// The Engine API's network routes (api/server/router/network). They join the
// route table of routes.ts; NetworkBackend is the part of dockerd (libnetwork)
// that answers them.

import type { ApiRequest, ApiResponse } from './transport/transport.ts';
import type {
  NetworkConnectRequest, NetworkCreateRequest, NetworkCreateResponse, NetworkDisconnectRequest, NetworkInspect,
  NetworksPruneReport,
} from './network-types.ts';

type FilterMap = Record<string, string[]>;

export interface NetworkBackend {
  networkList(filters: FilterMap): NetworkInspect[];
  networkInspect(id: string, opts: { verbose: boolean; scope: string }): NetworkInspect;
  networkCreate(body: NetworkCreateRequest): Promise<NetworkCreateResponse>;
  networkRemove(id: string): Promise<void>;
  networkConnect(id: string, body: NetworkConnectRequest): Promise<void>;
  networkDisconnect(id: string, body: NetworkDisconnectRequest): Promise<void>;
  networksPrune(filters: FilterMap): Promise<NetworksPruneReport>;
}

type Handler = (b: NetworkBackend, req: ApiRequest, p: string[], q: Record<string, string>, filters: (raw?: string) => FilterMap) => Promise<ApiResponse> | ApiResponse;

const json = (body?: unknown, status = 200): ApiResponse => ({ status, body, headers: { 'Content-Type': 'application/json' } });
const bool = (v: string | undefined) => v === '1' || v === 'true' || v === 'True';

export const networkRoutes: [string, RegExp, Handler][] = [
  ['GET', /^\/networks\/?$/, (b, _r, _p, q, f) => json(b.networkList(f(q.filters)))],
  ['POST', /^\/networks\/create$/, async (b, r) => json(await b.networkCreate((r.body ?? {}) as NetworkCreateRequest), 201)],
  ['POST', /^\/networks\/prune$/, async (b, _r, _p, q, f) => json(await b.networksPrune(f(q.filters)))],
  ['GET', /^\/networks\/([^/]+)$/, (b, _r, p, q) => json(b.networkInspect(p[0], { verbose: bool(q.verbose), scope: q.scope ?? '' }))],
  ['DELETE', /^\/networks\/([^/]+)$/, async (b, _r, p) => { await b.networkRemove(p[0]); return { status: 204 }; }],
  ['POST', /^\/networks\/([^/]+)\/connect$/, async (b, r, p) => { await b.networkConnect(p[0], (r.body ?? {}) as NetworkConnectRequest); return json(); }],
  ['POST', /^\/networks\/([^/]+)\/disconnect$/, async (b, r, p) => { await b.networkDisconnect(p[0], (r.body ?? {}) as NetworkDisconnectRequest); return json(); }],
];
