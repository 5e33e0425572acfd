import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { Sha256, fromHex, sha256Hex, toHex } from './sha256.ts';
import { digestOf, parseDigest, shortId } from './digest.ts';

describe('sha256', () => {
  // FIPS 180-4 / NIST CSRC examples.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ['abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1'],
    ['The quick brown fox jumps over the lazy dog',
      'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592'],
  ])('hashes %j', (input, want) => {
    expect(sha256Hex(input)).toBe(want);
  });

  it('hashes a million "a"s (NIST long message)', () => {
    const h = new Sha256();
    const chunk = new TextEncoder().encode('a'.repeat(1000));
    for (let i = 0; i < 1000; i++) h.update(chunk);
    expect(h.hex()).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('gives the same result for any split of the input, matching node:crypto', () => {
    const data = new Uint8Array(1000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31 + 7) & 0xff;
    for (const len of [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000]) {
      const want = createHash('sha256').update(data.subarray(0, len)).digest('hex');
      expect(sha256Hex(data.subarray(0, len))).toBe(want);
      for (const cut of [1, 3, 63, 64, 100]) {
        const h = new Sha256();
        for (let i = 0; i < len; i += cut) h.update(data.subarray(i, Math.min(len, i + cut)));
        expect(h.hex()).toBe(want);
      }
    }
  });

  it('refuses to be reused after digest', () => {
    const h = new Sha256().update('x');
    h.digest();
    expect(() => h.update('y')).toThrow();
  });
});

describe('hex and digests', () => {
  it('round-trips hex', () => {
    expect(toHex(fromHex('00ff7f80'))).toBe('00ff7f80');
    expect(() => fromHex('abc')).toThrow();
  });

  it('formats digests and short ids', () => {
    const d = digestOf('abc');
    expect(d).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(shortId(d)).toBe('ba7816bf8f01');
  });

  it('validates digests with go-digest\'s errors', () => {
    expect(parseDigest('sha256:' + 'a'.repeat(64))).toBe('sha256:' + 'a'.repeat(64));
    expect(() => parseDigest('sha256:abc')).toThrow('invalid checksum digest length');
    expect(() => parseDigest('sha256:' + 'A'.repeat(64))).toThrow('invalid checksum digest format');
    expect(() => parseDigest('nocolon')).toThrow('invalid checksum digest format');
    expect(() => parseDigest('md5:abc')).toThrow('unsupported digest algorithm');
  });
});
