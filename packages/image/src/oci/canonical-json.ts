// Canonical JSON: object keys sorted, no insignificant whitespace, and the
// escaping Go's encoding/json applies ("<", ">", "&", U+2028, U+2029 as \u
// escapes). The same document always gives the same bytes, so its digest
// (manifest digest, image id) is stable across runs.

const enc = new TextEncoder();

/** The canonical JSON text of a value (undefined object members are omitted). */
export function canonicalJson(value: unknown): string {
  return write(value);
}

/** The canonical JSON bytes of a value. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return enc.encode(write(value));
}

function write(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string': return quote(v);
    case 'number':
      if (!Number.isFinite(v)) throw new Error(`json: unsupported value: ${v}`);
      return String(v);
    case 'boolean': return v ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : write(x))).join(',')}]`;
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort(compareUtf16AsBytes);
      return `{${keys.map((k) => `${quote(k)}:${write(obj[k])}`).join(',')}}`;
    }
    default: throw new Error(`json: unsupported type: ${typeof v}`);
  }
}

// Go sorts map keys by their UTF-8 bytes; for BMP text that is code-point order.
function compareUtf16AsBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function quote(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
