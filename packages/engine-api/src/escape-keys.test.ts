import { describe, expect, it } from 'vitest';
import { EscapeProxy, detachKeysToBytes } from './escape-keys.ts';

const b = (...x: number[]) => new Uint8Array(x);
const text = (s: string) => new TextEncoder().encode(s);

describe('detach keys (moby/term ToBytes)', () => {
  it('names control keys, single characters and DEL', () => {
    expect(detachKeysToBytes('ctrl-p,ctrl-q')).toEqual([16, 17]);
    expect(detachKeysToBytes('ctrl-@,ctrl-[,ctrl-\\,ctrl-_')).toEqual([0, 27, 28, 31]);
    expect(detachKeysToBytes('a,DEL,ctrl-z')).toEqual([97, 127, 26]);
  });
  it('rejects anything else with term\'s message', () => {
    expect(() => detachKeysToBytes('foo')).toThrow("Unknown character: 'foo'");
    expect(() => detachKeysToBytes('ctrl-P')).toThrow("Unknown character: 'ctrl-P'");
    expect(() => detachKeysToBytes('ctrl-1')).toThrow("Unknown character: 'ctrl-1'");
  });
});

describe('EscapeProxy (moby/term escapeProxy)', () => {
  it('passes what comes before the sequence and stops at it', () => {
    const p = new EscapeProxy();
    expect(p.feed(text('ls'))).toEqual({ data: text('ls'), escaped: false });
    expect(p.feed(b(97, 16, 17, 98))).toEqual({ data: b(97), escaped: true });
  });
  it('holds back a partial sequence across reads', () => {
    const p = new EscapeProxy();
    expect(p.feed(b(120, 16))).toEqual({ data: b(120), escaped: false });
    expect(p.feed(b(17))).toEqual({ data: b(), escaped: true });
  });
  it('lets a held-back key through when the sequence breaks', () => {
    const p = new EscapeProxy();
    expect(p.feed(b(16)).data).toEqual(b());
    expect(p.feed(b(65, 66))).toEqual({ data: b(16, 65, 66), escaped: false });
    // a broken three-key sequence spanning reads keeps each byte once
    const q = new EscapeProxy([1, 2, 3]);
    expect(q.feed(b(1)).data).toEqual(b());
    expect(q.feed(b(2, 9))).toEqual({ data: b(1, 2, 9), escaped: false });
  });
  it('does not restart the match on the byte that broke it, as term does', () => {
    const p = new EscapeProxy();
    expect(p.feed(b(16, 16, 17))).toEqual({ data: b(16, 16, 17), escaped: false });
  });
});
