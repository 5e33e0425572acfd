// Deterministic randomness: splitmix64 over a world seed, in 32-bit halves so
// it needs no BigInt. Feeds getrandom(2), /dev/urandom and boot ids.

export class Random {
  private _hi: number;
  private _lo: number;

  constructor(seed: number) {
    this._hi = (seed / 0x100000000) >>> 0;
    this._lo = seed >>> 0;
  }

  /** Next 32 random bits (xorshift-mixed splitmix step). */
  next32(): number {
    // state += 0x9e3779b97f4a7c15
    const lo = (this._lo + 0x7f4a7c15) >>> 0;
    const carry = lo < this._lo ? 1 : 0;
    this._lo = lo;
    this._hi = (this._hi + 0x9e3779b9 + carry) >>> 0;
    let z = (this._hi ^ (this._lo >>> 1)) >>> 0;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    let w = (this._lo ^ Math.imul(this._hi, 0x27d4eb2d)) >>> 0;
    w = Math.imul(w ^ (w >>> 15), 0x2c1b3c6d);
    w = Math.imul(w ^ (w >>> 12), 0x297a2d39);
    w ^= w >>> 15;
    return (z ^ w) >>> 0;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const r = this.next32();
      out[i] = r & 0xff;
      if (i + 1 < n) out[i + 1] = (r >>> 8) & 0xff;
      if (i + 2 < n) out[i + 2] = (r >>> 16) & 0xff;
      if (i + 3 < n) out[i + 3] = r >>> 24;
    }
    return out;
  }
}
