import { describe, expect, it } from 'vitest';
import { gzipSync, gunzipSync } from 'node:zlib';
import { gzip, gunzip, crc32 } from './gzip.ts';
import { sha256, md5 } from './hash.ts';
import { createHash } from 'node:crypto';

const enc = new TextEncoder();
const samples = [new Uint8Array(0), enc.encode('hello'), enc.encode('abcabcabcabc'.repeat(500)), Uint8Array.from({ length: 70000 }, (_, i) => (i * 7919) % 251)];

describe('gzip against zlib', () => {
  it('zlib inflates what we deflate', () => {
    for (const s of samples) expect(new Uint8Array(gunzipSync(gzip(s)))).toEqual(s);
  });
  it('we inflate what zlib deflates (dynamic Huffman blocks)', () => {
    for (const s of samples) expect(gunzip(new Uint8Array(gzipSync(s, { level: 9 })))).toEqual(s);
  });
  it('crc32 of "123456789" is cbf43926', () => {
    expect(crc32(enc.encode('123456789')).toString(16)).toBe('cbf43926');
  });
});

describe('hashes against node:crypto', () => {
  it('sha256 and md5', () => {
    for (const s of samples) {
      expect(sha256(s)).toBe(createHash('sha256').update(s).digest('hex'));
      expect(md5(s)).toBe(createHash('md5').update(s).digest('hex'));
    }
  });
});
