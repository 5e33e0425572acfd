import { describe, expect, it } from 'vitest';
import type { Sys } from '@dockersim/kernel';
import { decodeDns, dnsMessage, encodeDns, C_IN, T_A, T_AAAA, T_PTR, RCODE_SERVFAIL } from '@dockersim/userland';
import { EmbeddedDns, type NameBackend } from './resolver.ts';

let seed = 7;
const fakeSys = { getrandom: (n: number) => Uint8Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) & 0xff)) } as unknown as Sys;

const backend: NameBackend = {
  lookup: (name) => (name === 'iotd' ? ['172.18.0.2', '172.18.0.3', '172.18.0.4'] : name === 'web' ? ['172.18.0.5'] : undefined),
  reverse: (ip) => (ip === '172.18.0.5' ? 'web.appnet' : undefined),
  external: () => ({ addrs: [], hostLoopback: true }),
};

const query = (name: string, type: number) => encodeDns(dnsMessage({ id: 4242, questions: [{ name, type, class: C_IN }] }));

describe('the embedded DNS server', () => {
  const dns = new EmbeddedDns(fakeSys, backend);

  it('answers a container name with an A record of TTL 600, recursion available, not authoritative', async () => {
    const m = decodeDns((await dns.answer(query('web', T_A)))!);
    expect(m.id).toBe(4242);
    expect(m.response).toBe(true);
    expect(m.authoritative).toBe(false);
    expect(m.recursionAvailable).toBe(true);
    expect(m.answers).toEqual([{ name: 'web', type: T_A, class: C_IN, ttl: 600, data: '172.18.0.5' }]);
  });

  it('answers a shared alias with every address, in shuffled orders', async () => {
    const orders = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const m = decodeDns((await dns.answer(query('iotd', T_A)))!);
      const addrs = m.answers.map((r) => r.data as string);
      expect([...addrs].sort()).toEqual(['172.18.0.2', '172.18.0.3', '172.18.0.4']);
      orders.add(addrs.join(','));
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it('has no AAAA records for an IPv4-only container: NOERROR and no answer', async () => {
    const m = decodeDns((await dns.answer(query('web', T_AAAA)))!);
    expect(m.rcode).toBe(0);
    expect(m.answers).toEqual([]);
  });

  it('answers PTR for a container address', async () => {
    const m = decodeDns((await dns.answer(query('5.0.18.172.in-addr.arpa', T_PTR)))!);
    expect(m.answers[0]!.data).toBe('web.appnet');
  });

  it('says SERVFAIL when a name is unknown and no external server answers', async () => {
    const m = decodeDns((await dns.answer(query('example.org', T_A)))!);
    expect(m.rcode).toBe(RCODE_SERVFAIL);
    expect(m.questions[0]!.name).toBe('example.org');
  });
});
