// SHA-256 (FIPS 180-4), the hash behind every content address in an image:
// blob digests, diff ids, chain ids and image ids. Written for speed on
// typed arrays: one 64-word schedule reused across blocks, no allocation per
// block, so hashing the base images' layers at start-up stays cheap.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** An incremental SHA-256: update() any number of times, then digest() once. */
export class Sha256 {
  private readonly _h = new Uint32Array(INITIAL);
  private readonly _w = new Uint32Array(64);
  private readonly _block = new Uint8Array(64);
  private _blockLen = 0;
  private _total = 0;
  private _done = false;

  update(data: Uint8Array | string): this {
    if (this._done) throw new Error('sha256: update after digest');
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    let i = 0;
    const n = bytes.length;
    this._total += n;
    if (this._blockLen > 0) {
      const take = Math.min(64 - this._blockLen, n);
      this._block.set(bytes.subarray(0, take), this._blockLen);
      this._blockLen += take;
      i = take;
      if (this._blockLen < 64) return this;
      this._compress(this._block, 0);
      this._blockLen = 0;
    }
    for (; i + 64 <= n; i += 64) this._compress(bytes, i);
    if (i < n) {
      this._block.set(bytes.subarray(i), 0);
      this._blockLen = n - i;
    }
    return this;
  }

  /** The 32-byte hash. The hasher cannot be updated afterwards. */
  digest(): Uint8Array {
    if (this._done) throw new Error('sha256: digest called twice');
    this._done = true;
    const bitLenHi = Math.floor(this._total / 0x20000000);
    const bitLenLo = (this._total * 8) >>> 0;
    const block = this._block;
    block[this._blockLen++] = 0x80;
    if (this._blockLen > 56) {
      block.fill(0, this._blockLen);
      this._compress(block, 0);
      this._blockLen = 0;
    }
    block.fill(0, this._blockLen, 56);
    writeU32(block, 56, bitLenHi);
    writeU32(block, 60, bitLenLo);
    this._compress(block, 0);
    const out = new Uint8Array(32);
    for (let j = 0; j < 8; j++) writeU32(out, j * 4, this._h[j]!);
    return out;
  }

  /** The hash as 64 lowercase hex digits. */
  hex(): string {
    return toHex(this.digest());
  }

  private _compress(b: Uint8Array, off: number): void {
    const w = this._w;
    for (let t = 0; t < 16; t++, off += 4) {
      w[t] = (b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!;
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]!, y = w[t - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
    }
    const h = this._h;
    let a = h[0]!, bb = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, hh = h[7]!;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[t]! + w[t]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & bb) ^ (a & c) ^ (bb & c);
      const t2 = (S0 + maj) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0;
      d = c; c = bb; bb = a; a = (t1 + t2) | 0;
    }
    h[0] = h[0]! + a; h[1] = h[1]! + bb; h[2] = h[2]! + c; h[3] = h[3]! + d;
    h[4] = h[4]! + e; h[5] = h[5]! + f; h[6] = h[6]! + g; h[7] = h[7]! + hh;
  }
}

function writeU32(out: Uint8Array, off: number, v: number): void {
  out[off] = v >>> 24; out[off + 1] = (v >>> 16) & 0xff; out[off + 2] = (v >>> 8) & 0xff; out[off + 3] = v & 0xff;
}

/** SHA-256 of bytes or of a string's UTF-8 encoding, as 64 lowercase hex digits. */
export function sha256Hex(data: Uint8Array | string): string {
  return new Sha256().update(data).hex();
}

/** SHA-256 of bytes or of a string's UTF-8 encoding, as 32 bytes. */
export function sha256(data: Uint8Array | string): Uint8Array {
  return new Sha256().update(data).digest();
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]!];
  return s;
}

/** Bytes of a hex string. @throws on odd length or a non-hex digit. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error(`invalid hex string: ${hex}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
