// From an HTTP request to the request object the routes take: the path with
// its version prefix, the query as a map, the body as JSON or as raw bytes.
// The same objects travel over the simulated docker.sock, so a request from
// the real docker binary and one from the in-page CLI meet the same routes.

import { EngineError } from '../errors.ts';
import type { ApiRequest } from '../transport/transport.ts';
import type { HttpRequest } from './request-parser.ts';

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

/**
 * The ApiRequest for an HTTP request, or an EngineError for a body the
 * daemon would refuse (a JSON body that does not parse, one sent as another
 * media type).
 */
export function toApiRequest(r: HttpRequest): ApiRequest {
  if (!METHODS.has(r.method)) throw new EngineError('NotFound', 'page not found');
  const q = r.target.indexOf('?');
  const path = q < 0 ? r.target : r.target.slice(0, q);
  const req: ApiRequest = { method: r.method as ApiRequest['method'], path };
  if (q >= 0) req.query = parseQuery(r.target.slice(q + 1));
  req.headers = { ...r.headers };
  if (wantsUpgrade(r.headers)) req.upgrade = true;
  if (r.body.length > 0) req.body = decodeBody(r.headers['Content-Type'] ?? '', r.body);
  return req;
}

function decodeBody(contentType: string, body: Uint8Array): unknown {
  const media = contentType.split(';')[0].trim().toLowerCase();
  if (media === 'application/json' || media.endsWith('+json')) {
    const text = new TextDecoder().decode(body);
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new EngineError('InvalidParameter', goJsonError(text, e));
    }
  }
  return body;
}

/** What Go's encoding/json says about text that is not JSON (its common texts; the exact one depends on where it failed). */
function goJsonError(text: string, e: unknown): string {
  const msg = e instanceof Error ? e.message : '';
  if (/end of (JSON )?input|Unterminated/i.test(msg)) return 'unexpected EOF';
  const at = /position (\d+)/.exec(msg);
  const tok = /Unexpected token '?(.)/.exec(msg);
  const i = at ? Number(at[1]) : tok ? text.indexOf(tok[1]) : 0;
  const before = text.slice(0, Math.max(0, i)).trimEnd();
  const context = before.endsWith('{') ? 'looking for beginning of object key string' : 'looking for beginning of value';
  return `invalid character '${text[i] ?? ''}' ${context}`;
}
