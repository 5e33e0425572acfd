// Detach keys (github.com/moby/term ascii.go and proxy.go): "ctrl-p,ctrl-q"
// names a byte sequence; on a TTY attach both the client and the daemon read
// the user's input through an escape proxy that holds back a partial match and
// stops at a full one ("read escape sequence").

/** ctrl-p, ctrl-q */
export const DEFAULT_DETACH_KEYS = [16, 17];

const CTRL = '@abcdefghijklmnopqrstuvwxyz[\\]^_';

/** term.ToBytes: "ctrl-a,x,DEL" → bytes; throws "Unknown character: 'k'". */
export function detachKeysToBytes(keys: string): number[] {
  const codes: number[] = [];
  for (const key of keys.split(',')) {
    if (key.length === 1) { codes.push(key.charCodeAt(0) & 0xff); continue; }
    const i = key.startsWith('ctrl-') && key.length === 6 ? CTRL.indexOf(key[5]) : -1;
    if (i >= 0) codes.push(i);
    else if (key === 'DEL') codes.push(127);
    else throw new Error(`Unknown character: '${key}'`);
  }
  return codes;
}

/** What an escape proxy lets through from one read, and whether the keys were typed. */
export interface EscapeRead { data: Uint8Array; escaped: boolean }

/** term.NewEscapeProxy over a stream of reads. */
export class EscapeProxy {
  private pos = 0;
  constructor(private readonly keys: number[] = DEFAULT_DETACH_KEYS) {}

  feed(chunk: Uint8Array): EscapeRead {
    const keys = this.keys;
    if (!keys.length) return { data: chunk, escaped: false };
    let buf = chunk;
    for (let i = 0; i < buf.length; i++) {
      if (buf[i] === keys[this.pos]) {
        this.pos++;
        // the bytes before the sequence still go through
        if (this.pos === keys.length) return { data: buf.slice(0, Math.max(0, i + 1 - this.pos)), escaped: true };
        continue;
      }
      // Not the sequence after all: what was held back goes out first
      // (only the part from an earlier read; this read's part is still in buf).
      if (i < this.pos) {
        const held = keys.slice(0, this.pos - i);
        const joined = new Uint8Array(held.length + buf.length);
        joined.set(held);
        joined.set(buf, held.length);
        buf = joined;
        i += held.length;
      }
      this.pos = 0;
    }
    // a partial sequence at the end waits for the next read
    const keep = Math.min(this.pos, buf.length);
    return { data: buf.slice(0, buf.length - keep), escaped: false };
  }
}
