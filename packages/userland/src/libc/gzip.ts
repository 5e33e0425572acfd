// gzip container (RFC 1952) over DEFLATE (RFC 1951): full inflate, and a
// deflate that emits fixed-Huffman blocks with LZ77 matches from a hash chain.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

export class GzipError { constructor(readonly message: string) {} }

interface Huff { counts: Uint16Array; symbols: Uint16Array }

function buildHuff(lengths: ArrayLike<number>, n: number): Huff {
  const counts = new Uint16Array(16);
  for (let i = 0; i < n; i++) counts[lengths[i]!]!++;
  counts[0] = 0;
  const offs = new Uint16Array(16);
  for (let i = 1; i < 16; i++) offs[i] = offs[i - 1]! + counts[i - 1]!;
  const symbols = new Uint16Array(n);
  for (let i = 0; i < n; i++) if (lengths[i]) symbols[offs[lengths[i]!]!++] = i;
  return { counts, symbols };
}

export function inflate(data: Uint8Array): Uint8Array {
  let pos = 0, bitBuf = 0, bitCnt = 0;
  let out = new Uint8Array(Math.max(1024, data.length * 4));
  let olen = 0;
  const ensure = (n: number): void => {
    if (olen + n <= out.length) return;
    let cap = out.length * 2;
    while (cap < olen + n) cap *= 2;
    const o = new Uint8Array(cap);
    o.set(out.subarray(0, olen));
    out = o;
  };
  const bits = (n: number): number => {
    while (bitCnt < n) {
      if (pos >= data.length) throw new GzipError('unexpected end of file');
      bitBuf |= data[pos++]! << bitCnt;
      bitCnt += 8;
    }
    const v = bitBuf & ((1 << n) - 1);
    bitBuf >>>= n;
    bitCnt -= n;
    return v;
  };
  const decode = (h: Huff): number => {
    let code = 0, first = 0, index = 0;
    for (let len = 1; len < 16; len++) {
      code |= bits(1);
      const count = h.counts[len]!;
      if (code - count < first) return h.symbols[index + (code - first)]!;
      index += count;
      first += count;
      first <<= 1;
      code <<= 1;
    }
    throw new GzipError('invalid compressed data--format violated');
  };
  const fixedLit = (() => { const l = new Uint8Array(288); l.fill(8, 0, 144); l.fill(9, 144, 256); l.fill(7, 256, 280); l.fill(8, 280, 288); return buildHuff(l, 288); })();
  const fixedDist = buildHuff(new Uint8Array(30).fill(5), 30);
  for (;;) {
    const last = bits(1);
    const type = bits(2);
    if (type === 0) {
      bitBuf = 0; bitCnt = 0;
      if (pos + 4 > data.length) throw new GzipError('unexpected end of file');
      const len = data[pos]! | (data[pos + 1]! << 8);
      pos += 4;
      ensure(len);
      out.set(data.subarray(pos, pos + len), olen);
      olen += len;
      pos += len;
    } else if (type === 1 || type === 2) {
      let lit = fixedLit, dist = fixedDist;
      if (type === 2) {
        const hlit = bits(5) + 257, hdist = bits(5) + 1, hclen = bits(4) + 4;
        const cl = new Uint8Array(19);
        for (let i = 0; i < hclen; i++) cl[CL_ORDER[i]!] = bits(3);
        const clh = buildHuff(cl, 19);
        const lens = new Uint8Array(hlit + hdist);
        for (let i = 0; i < hlit + hdist;) {
          const sym = decode(clh);
          if (sym < 16) lens[i++] = sym;
          else {
            let rep = 0, val = 0;
            if (sym === 16) { if (i === 0) throw new GzipError('invalid compressed data--format violated'); val = lens[i - 1]!; rep = 3 + bits(2); }
            else if (sym === 17) rep = 3 + bits(3);
            else rep = 11 + bits(7);
            while (rep--) lens[i++] = val;
          }
        }
        lit = buildHuff(lens.subarray(0, hlit), hlit);
        dist = buildHuff(lens.subarray(hlit), hdist);
      }
      for (;;) {
        const sym = decode(lit);
        if (sym < 256) { ensure(1); out[olen++] = sym; continue; }
        if (sym === 256) break;
        const li = sym - 257;
        const len = LEN_BASE[li]! + bits(LEN_EXTRA[li]!);
        const di = decode(dist);
        const d = DIST_BASE[di]! + bits(DIST_EXTRA[di]!);
        if (d > olen) throw new GzipError('invalid compressed data--format violated');
        ensure(len);
        for (let k = 0; k < len; k++) { out[olen] = out[olen - d]!; olen++; }
      }
    } else throw new GzipError('invalid compressed data--format violated');
    if (last) break;
  }
  return out.slice(0, olen);
}

/** DEFLATE with fixed Huffman codes and greedy LZ77 matching. */
export function deflate(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let bitBuf = 0, bitCnt = 0;
  const put = (v: number, n: number): void => {
    bitBuf |= v << bitCnt;
    bitCnt += n;
    while (bitCnt >= 8) { out.push(bitBuf & 0xff); bitBuf >>>= 8; bitCnt -= 8; }
  };
  const putRev = (code: number, len: number): void => {
    let r = 0;
    for (let i = 0; i < len; i++) { r = (r << 1) | (code & 1); code >>= 1; }
    put(r, len);
  };
  const lit = (s: number): void => {
    if (s < 144) putRev(0x30 + s, 8);
    else if (s < 256) putRev(0x190 + s - 144, 9);
    else if (s < 280) putRev(s - 256, 7);
    else putRev(0xc0 + s - 280, 8);
  };
  put(1, 1); put(1, 2); // final block, fixed Huffman
  const head = new Int32Array(1 << 15).fill(-1);
  const prev = new Int32Array(data.length);
  const hash = (i: number): number => ((data[i]! << 10) ^ (data[i + 1]! << 5) ^ data[i + 2]!) & 0x7fff;
  let i = 0;
  while (i < data.length) {
    let bestLen = 0, bestDist = 0;
    if (i + 2 < data.length) {
      const h = hash(i);
      let cand = head[h]!;
      let chain = 32;
      while (cand >= 0 && i - cand <= 32768 && chain-- > 0) {
        let l = 0;
        while (l < 258 && i + l < data.length && data[cand + l] === data[i + l]) l++;
        if (l > bestLen) { bestLen = l; bestDist = i - cand; if (l === 258) break; }
        cand = prev[cand]!;
      }
      prev[i] = head[h]!;
      head[h] = i;
    }
    if (bestLen >= 3) {
      let li = 0;
      while (li < 28 && LEN_BASE[li + 1]! <= bestLen) li++;
      lit(257 + li);
      put(bestLen - LEN_BASE[li]!, LEN_EXTRA[li]!);
      let di = 0;
      while (di < 29 && DIST_BASE[di + 1]! <= bestDist) di++;
      putRev(di, 5);
      put(bestDist - DIST_BASE[di]!, DIST_EXTRA[di]!);
      for (let k = 1; k < bestLen; k++) {
        const j = i + k;
        if (j + 2 < data.length) { const h = hash(j); prev[j] = head[h]!; head[h] = j; }
      }
      i += bestLen;
    } else { lit(data[i]!); i++; }
  }
  lit(256);
  if (bitCnt > 0) out.push(bitBuf & 0xff);
  return new Uint8Array(out);
}

export function gzip(data: Uint8Array, mtimeSec = 0): Uint8Array {
  const body = deflate(data);
  const out = new Uint8Array(10 + body.length + 8);
  out.set([0x1f, 0x8b, 8, 0, mtimeSec & 0xff, (mtimeSec >>> 8) & 0xff, (mtimeSec >>> 16) & 0xff, (mtimeSec >>> 24) & 0xff, 0, 3]);
  out.set(body, 10);
  const dv = new DataView(out.buffer);
  dv.setUint32(10 + body.length, crc32(data), true);
  dv.setUint32(14 + body.length, data.length >>> 0, true);
  return out;
}

export function gunzip(data: Uint8Array): Uint8Array {
  if (data.length < 18 || data[0] !== 0x1f || data[1] !== 0x8b) throw new GzipError('not in gzip format');
  if (data[2] !== 8) throw new GzipError('unknown method');
  const flags = data[3]!;
  let p = 10;
  if (flags & 4) p += 2 + (data[p]! | (data[p + 1]! << 8));
  if (flags & 8) { while (data[p] !== 0) p++; p++; }
  if (flags & 16) { while (data[p] !== 0) p++; p++; }
  if (flags & 2) p += 2;
  const out = inflate(data.subarray(p, data.length - 8));
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (dv.getUint32(data.length - 8, true) !== crc32(out)) throw new GzipError('invalid compressed data--crc error');
  return out;
}
