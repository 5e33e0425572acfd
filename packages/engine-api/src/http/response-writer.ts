// Writing HTTP/1.1 responses the way dockerd's Go server does: a status line,
// header fields, then a body with Content-Length, or chunked transfer coding
// for streamed bodies (logs, events, pull progress, wait), or nothing at all
// after a hijack, where the connection becomes a raw byte pipe.

const enc = new TextEncoder();

const REASONS: Record<number, string> = {
  100: 'Continue', 101: 'Switching Protocols', 200: 'OK', 201: 'Created', 204: 'No Content',
  304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 409: 'Conflict', 413: 'Request Entity Too Large',
  431: 'Request Header Fields Too Large', 500: 'Internal Server Error', 501: 'Not Implemented',
  503: 'Service Unavailable', 505: 'HTTP Version Not Supported',
};

export function reasonPhrase(status: number): string { return REASONS[status] ?? 'status code ' + status; }

/** Status line and header fields, ending with the empty line. */
export function responseHead(status: number, headers: [string, string][], reason = reasonPhrase(status)): Uint8Array {
  let s = `HTTP/1.1 ${status} ${reason}\r\n`;
  for (const [k, v] of headers) s += `${k}: ${v}\r\n`;
  return enc.encode(s + '\r\n');
}

/** One chunk of a chunked body (an empty payload would end the body, so it is skipped). */
export function chunk(payload: Uint8Array): Uint8Array {
  if (payload.length === 0) return payload;
  const size = enc.encode(payload.length.toString(16) + '\r\n');
  const out = new Uint8Array(size.length + payload.length + 2);
  out.set(size); out.set(payload, size.length);
  out[out.length - 2] = 13; out[out.length - 1] = 10;
  return out;
}

/** The last chunk: the end of a chunked body. */
export const LAST_CHUNK = enc.encode('0\r\n\r\n');

/**
 * A JSON value as Go's json.Encoder writes it: HTML-significant characters
 * and the JS line separators escaped, one trailing newline.
 */
export function encodeJson(v: unknown): Uint8Array {
  const s = JSON.stringify(v ?? null).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  return enc.encode(s + '\n');
}

/** The bytes of a (non-streamed) response body, and the Content-Type it implies when none is set. */
export function encodeBody(body: unknown): { bytes: Uint8Array; type?: string } {
  if (body === undefined) return { bytes: new Uint8Array(0) };
  if (body instanceof Uint8Array) return { bytes: body, type: 'application/octet-stream' };
  if (typeof body === 'string') return { bytes: enc.encode(body), type: 'text/plain; charset=utf-8' };
  return { bytes: encodeJson(body), type: 'application/json' };
}

/** Go's http.TimeFormat for the Date field: "Mon, 02 Jan 2006 15:04:05 GMT". */
export function httpDate(epochMs: number): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const d = new Date(epochMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} GMT`;
}
