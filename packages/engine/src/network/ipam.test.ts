import { describe, expect, it } from 'vitest';
import { EngineError } from '@dockersim/engine-api';
import { fmtCidr, fmtIPv4, overlaps, parseCidr, parseIPv4, Pool, predefinedSubnets } from './ipam.ts';

const ip = (s: string) => parseIPv4(s);

describe('IPAM', () => {
  it('parses addresses and prefixes the way netip does (no leading zeros, lengths up to 32)', () => {
    expect(parseIPv4('172.17.0.1')).toBe(0xac110001);
    expect(parseIPv4('172.017.0.1')).toBe(-1);
    expect(parseIPv4('256.0.0.1')).toBe(-1);
    expect(parseCidr('10.1.0.1/16')).toEqual({ addr: ip('10.1.0.1'), len: 16 });
    expect(parseCidr('10.1.0.0/33')).toBeUndefined();
    expect(parseCidr('banana')).toBeUndefined();
  });

  it('offers the local pools 172.17-31.0.0/16 first, then 192.168.0.0/20 upward', () => {
    const all = [...predefinedSubnets()].map(fmtCidr);
    expect(all.slice(0, 2)).toEqual(['172.17.0.0/16', '172.18.0.0/16']);
    expect(all[14]).toBe('172.31.0.0/16');
    expect(all[15]).toBe('192.168.0.0/20');
    expect(all[16]).toBe('192.168.16.0/20');
  });

  it('sees a /24 inside a /16 as overlapping', () => {
    expect(overlaps(parseCidr('10.5.0.0/16')!, parseCidr('10.5.7.0/24')!)).toBe(true);
    expect(overlaps(parseCidr('10.5.0.0/16')!, parseCidr('10.6.0.0/16')!)).toBe(false);
  });

  it('hands out the lowest free address, skipping the gateway, and reuses released ones', () => {
    const p = new Pool(parseCidr('172.18.0.0/16')!, undefined, ip('172.18.0.1'));
    expect([p.next(), p.next(), p.next()].map(fmtIPv4)).toEqual(['172.18.0.2', '172.18.0.3', '172.18.0.4']);
    p.release(ip('172.18.0.2'));
    expect(fmtIPv4(p.next())).toBe('172.18.0.2');
  });

  it('allocates from --ip-range only', () => {
    const p = new Pool(parseCidr('10.1.0.0/16')!, parseCidr('10.1.5.0/24')!, ip('10.1.0.1'));
    expect(fmtIPv4(p.next())).toBe('10.1.5.0');
  });

  it('refuses a taken address with libnetwork\'s error', () => {
    const p = new Pool(parseCidr('10.1.0.0/24')!, undefined, ip('10.1.0.1'));
    p.claim(ip('10.1.0.50'));
    let err: unknown;
    try { p.claim(ip('10.1.0.50')); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).message).toBe('Address already in use');
  });

  it('runs out of a /30 after its two hosts', () => {
    const p = new Pool(parseCidr('10.9.0.0/30')!, undefined, ip('10.9.0.1'));
    expect(fmtIPv4(p.next())).toBe('10.9.0.2');
    expect(() => p.next()).toThrow('no available addresses on this pool');
  });
});
