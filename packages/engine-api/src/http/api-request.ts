// From an HTTP request to the request object the routes take: the path with
// its version prefix, the query as a map, the body as JSON or as raw bytes.
// The same objects travel over the simulated docker.sock, so a request from
// the real docker binary and one from the in-page CLI meet the same routes.

import { EngineError } from '../errors.ts';
import type { ApiRequest } from '../transport/transport.ts';
import type { HttpRequest } from './request-parser.ts';
import { decodeGoJson } from './go-json.ts';

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'HEAD']);

/** Splits "a=1&b=x%20y" as Go's url.ParseQuery does; the first value of a repeated key wins, as r.Form.Get reads it. */
export function parseQuery(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = unescapeQuery(eq < 0 ? part : part.slice(0, eq));
    const v = unescapeQuery(eq < 0 ? '' : part.slice(eq + 1));
    if (k === undefined || v === undefined) continue; // Go drops pairs it cannot unescape
    if (!(k in out)) out[k] = v;
  }
  return out;
}

function unescapeQuery(s: string): string | undefined {
  try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return undefined; }
}

/** True when the client asked to take over the connection (Connection: Upgrade, Upgrade: tcp). */
export function wantsUpgrade(h: Record<string, string>): boolean {
  const conn = (h['Connection'] ?? '').toLowerCase().split(',').map((s) => s.trim());
  return conn.includes('upgrade') && (h['Upgrade'] ?? '') !== '';
}

/** Endpoints whose body is not JSON: tar archives (build contexts, image tarballs, docker cp). */
const RAW_BODY = /^(?:\/v[0-9.]+)?\/(?:build|images\/load|images\/create|containers\/[^/]+\/archive)$/;

/** The Go type each JSON endpoint decodes its body into, for encoding/json's type errors. */
const BODY_TYPES: [RegExp, string][] = [
  [/^\/containers\/create$/, 'container.CreateRequest'],
  [/^\/containers\/[^/]+\/exec$/, 'container.ExecOptions'],
  [/^\/containers\/[^/]+\/update$/, 'container.UpdateConfig'],
  [/^\/exec\/[^/]+\/start$/, 'container.ExecStartOptions'],
  [/^\/networks\/create$/, 'network.CreateRequest'],
  [/^\/networks\/[^/]+\/connect$/, 'network.ConnectOptions'],
  [/^\/networks\/[^/]+\/disconnect$/, 'network.DisconnectOptions'],
  [/^\/volumes\/create$/, 'volume.CreateOptions'],
];

/**
 * The ApiRequest for an HTTP request, or an EngineError for a body the
 * daemon would refuse (a JSON body that does not parse, one sent as another
 * media type), with dockerd's words for it.
 */
export function toApiRequest(r: HttpRequest): ApiRequest {
  if (!METHODS.has(r.method)) throw new EngineError('NotFound', 'page not found');
  const q = r.target.indexOf('?');
  const path = q < 0 ? r.target : r.target.slice(0, q);
  const req: ApiRequest = { method: r.method as ApiRequest['method'], path };
  if (q >= 0) req.query = parseQuery(r.target.slice(q + 1));
  req.headers = { ...r.headers };
  if (wantsUpgrade(r.headers)) req.upgrade = true;
  if (RAW_BODY.test(path)) {
    if (r.body.length > 0) req.body = r.body;
    return req;
  }
  const route = path.replace(/^\/v[0-9.]+(?=\/)/, '');
  // postContainersCreate decodes its body even when there is none.
  const required = r.method === 'POST' && route === '/containers/create';
  if (r.body.length > 0 || required) req.body = decodeJsonBody(r.headers['Content-Type'] ?? '', r.body, route);
  return req;
}

/** httputils.CheckForJSON and ReadJSON (runconfig's loadJSON for a container's config). */
function decodeJsonBody(contentType: string, body: Uint8Array, route: string): unknown {
  if (body.length > 0 || contentType !== '') {
    const media = contentType.split(';')[0].trim().toLowerCase();
    if (media === '') throw new EngineError('InvalidParameter', `malformed Content-Type header (${contentType}): mime: no media type`);
    if (media !== 'application/json') throw new EngineError('InvalidParameter', `unsupported Content-Type header (${contentType}): must be 'application/json'`);
  }
  const got = decodeGoJson(new TextDecoder().decode(body));
  if (!got.ok) {
    if (got.eof) throw new EngineError('InvalidParameter', 'invalid JSON: got EOF while reading request body');
    throw new EngineError('InvalidParameter', `invalid JSON: ${got.message}`);
  }
  const type = BODY_TYPES.find(([re]) => re.test(route))?.[1];
  const v = got.value;
  if (type && v !== null && (typeof v !== 'object' || Array.isArray(v))) {
    const kind = Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v;
    throw new EngineError('InvalidParameter', `invalid JSON: json: cannot unmarshal ${kind} into Go value of type ${type}`);
  }
  if (got.more) throw new EngineError('InvalidParameter', 'unexpected content after JSON');
  return v ?? undefined;
}
