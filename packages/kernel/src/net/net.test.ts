import { describe, expect, it } from 'vitest';
import { AF_INET, IPPROTO_ICMP, SOCK_DGRAM, SOCK_RAW, SOCK_STREAM, SOL_SOCKET, SO_RCVTIMEO, SO_REUSEADDR } from '../abi/flags.ts';
import { EADDRINUSE, ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, ETIMEDOUT, SysError } from '../abi/errno.ts';
import type { Sys } from '../sys.ts';
import { attach, hostBridge, netWorld, type NetWorld } from '../test/net-world.ts';

const enc = new TextEncoder(), dec = new TextDecoder();

async function errnoOf(f: () => Promise<unknown>): Promise<number> {
  try { await f(); return 0; } catch (e) { if (e instanceof SysError) return e.errno; throw e; }
}

/** An echo server on port: answers each connection's bytes upper-cased, then closes. */
async function echoOnce(sys: Sys, port: number, addr = '0.0.0.0'): Promise<void> {
  const l = sys.socket(AF_INET, SOCK_STREAM);
  sys.bind(l, { addr, port });
  sys.listen(l, 8);
  const c = await sys.accept(l);
  const b = await sys.read(c);
  const peer = sys.getpeername(c) as { addr: string };
  await sys.write(c, dec.decode(b).toUpperCase() + ' from ' + peer.addr);
  sys.close(c);
  sys.close(l);
}

async function ask(sys: Sys, addr: string, port: number, msg: string): Promise<string> {
  const s = sys.socket(AF_INET, SOCK_STREAM);
  await sys.connect(s, { addr, port });
  await sys.write(s, msg);
  let out = '';
  for (;;) { const b = await sys.read(s); if (!b.length) break; out += dec.decode(b); }
  sys.close(s);
  return out;
}

async function twoOnBridge(): Promise<{ w: NetWorld; a: number; b: number }> {
  const w = netWorld();
  await w.k.runUntilIdle({ jumpTime: false });
  hostBridge(w, 'br0', '172.18.0.1', 16);
  const a = await w.box(), b = await w.box();
  await attach(w, a, 'br0', 'vetha', '172.18.0.2', 16, '172.18.0.1');
  await attach(w, b, 'br0', 'vethb', '172.18.0.3', 16, '172.18.0.1');
  return { w, a, b };
}

describe('network namespaces', () => {
  it('start with lo only, up, 127.0.0.1/8', async () => {
    const w = netWorld();
    const a = await w.box();
    let links: string[] = [];
    await w.inNs(a, async (sys) => {
      links = sys.netlink('link.list', {}).map((l) => `${l.ifindex}:${l.name}:${l.operstate}`);
      expect(sys.netlink('addr.list', {}).map((x) => `${x.local}/${x.prefixlen}`)).toEqual(['127.0.0.1/8', '::1/128']);
      expect(sys.netlink('route.list', {})).toEqual([]);
    });
    expect(links).toEqual(['1:lo:UNKNOWN']);
  });

  it('loopback TCP works inside a namespace, and connection to a closed port is refused', async () => {
    const w = netWorld();
    const a = await w.box();
    let got = '', err = 0;
    await w.inNs(a, async (sys) => {
      const server = echoOnce(sys, 8080);
      got = await ask(sys, '127.0.0.1', 8080, 'hi');
      await server;
      err = await errnoOf(async () => { const s = sys.socket(AF_INET, SOCK_STREAM); await sys.connect(s, { addr: '127.0.0.1', port: 9 }); });
    });
    expect(got).toBe('HI from 127.0.0.1');
    expect(err).toBe(ECONNREFUSED);
  });

  it('moving a veth end into a namespace keeps its index; deleting the namespace deletes the pair', async () => {
    const w = netWorld();
    const a = await w.box();
    w.k.hostNetlink('link.add', { name: 'veth0', kind: 'veth', peer: 'eth0', peerNetns: { pid: a } });
    const host = w.k.hostNetlink('link.list', { name: 'veth0' })[0]!;
    let eth0 = { ifindex: 0, peerIfindex: 0 };
    await w.inNs(a, async (sys) => { const l = sys.netlink('link.list', { name: 'eth0' })[0]!; eth0 = { ifindex: l.ifindex, peerIfindex: l.peerIfindex! }; });
    expect(eth0.peerIfindex).toBe(host.ifindex);
    expect(host.peerIfindex).toBe(eth0.ifindex);
    w.k.kill(a, 9);
    await w.k.runUntilIdle();
    expect(() => w.k.hostNetlink('link.list', { name: 'veth0' })).toThrow(SysError);
  });
});

describe('bridge, routing, ARP', () => {
  it('carries TCP between two namespaces on one bridge and learns their MACs', async () => {
    const { w, a, b } = await twoOnBridge();
    const server = w.spawnIn(a, (sys) => echoOnce(sys, 80));
    let got = '';
    await w.inNs(b, async (sys) => { got = await ask(sys, '172.18.0.2', 80, 'hello'); });
    await server;
    expect(got).toBe('HELLO from 172.18.0.3');
    const fdb = w.k.hostNetlink('fdb.list', { bridge: 'br0' }).filter((e) => !e.permanent).map((e) => `${e.mac} ${e.dev}`).sort();
    expect(fdb).toEqual(['02:42:ac:12:00:02 vetha', '02:42:ac:12:00:03 vethb']);
    let neigh: string[] = [];
    await w.inNs(b, async (sys) => { neigh = sys.netlink('neigh.list', {}).map((n) => `${n.dst} ${n.lladdr} ${n.state}`); });
    expect(neigh).toEqual(['172.18.0.2 02:42:ac:12:00:02 REACHABLE']);
  });

  it('pings across the bridge with TTL 64 and a round trip of four hops', async () => {
    const { w, a } = await twoOnBridge();
    let reply: { ttl?: number; type: number; from: string; rtt: number } | null = null;
    await w.inNs(a, async (sys) => {
      const s = sys.socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
      // the first ping needs ARP; time the second
      for (let seq = 1; seq <= 2; seq++) {
        const t0 = sys.uptime();
        await sys.sendto(s, new Uint8Array([8, 0, 0, 0, 0, 0, 0, seq, 1, 2, 3]), { addr: '172.18.0.3', port: 0 });
        const r = await sys.recvfrom(s);
        reply = { ttl: r.ttl, type: r.data[0]!, from: (r.addr as { addr: string }).addr, rtt: sys.uptime() - t0 };
      }
    });
    expect(reply).toEqual({ ttl: 64, type: 0, from: '172.18.0.3', rtt: 4 / 64 });
  });

  it('routes through the host to another bridge when forwarding is on, decrementing the TTL', async () => {
    const { w, a } = await twoOnBridge();
    hostBridge(w, 'br1', '172.19.0.1', 16);
    const c = await w.box();
    await attach(w, c, 'br1', 'vethc', '172.19.0.2', 16, '172.19.0.1');
    let ttl = 0;
    await w.inNs(a, async (sys) => {
      const s = sys.socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
      await sys.sendto(s, new Uint8Array([8, 0, 0, 0, 0, 7, 0, 1]), { addr: '172.19.0.2', port: 0 });
      for (;;) { const r = await sys.recvfrom(s); if (r.data[0] === 0) { ttl = r.ttl!; break; } }
    });
    expect(ttl).toBe(63);
  });

  it('fails with ENETUNREACH without a route and EHOSTUNREACH when ARP gets no answer', async () => {
    const { w, a } = await twoOnBridge();
    let unreach = 0, noHost = 0;
    await w.inNs(a, async (sys) => {
      sys.netlink('route.del', { dst: 'default' });
      unreach = await errnoOf(async () => { const s = sys.socket(AF_INET, SOCK_STREAM); await sys.connect(s, { addr: '8.8.8.8', port: 53 }); });
      noHost = await errnoOf(async () => { const s = sys.socket(AF_INET, SOCK_STREAM); await sys.connect(s, { addr: '172.18.0.99', port: 80 }); });
    });
    expect(unreach).toBe(ENETUNREACH);
    expect(noHost).toBe(EHOSTUNREACH);
  });
});

describe('netfilter', () => {
  it('DNATs a published port, MASQUERADEs egress and un-NATs the replies', async () => {
    const { w, a } = await twoOnBridge();
    const k = w.k;
    // an "outside" namespace on the host's uplink
    const out = await w.box();
    k.hostNetlink('link.add', { name: 'eth0', kind: 'veth', peer: 'eth0', peerNetns: { pid: out } });
    k.hostNetlink('addr.add', { dev: 'eth0', addr: '10.0.0.2/24' });
    k.hostNetlink('link.set', { name: 'eth0', up: true });
    await w.inNs(out, async (sys) => {
      sys.netlink('addr.add', { dev: 'eth0', addr: '10.0.0.1/24' });
      sys.netlink('link.set', { name: 'eth0', up: true });
    });
    k.hostNetlink('route.add', { dst: 'default', gateway: '10.0.0.1' });
    k.hostNetlink('nf.newChain', { table: 'nat', chain: 'DOCKER' });
    k.hostNetlink('nf.append', { table: 'nat', chain: 'PREROUTING', rule: { dstType: 'LOCAL', target: 'DOCKER' } });
    k.hostNetlink('nf.append', { table: 'nat', chain: 'POSTROUTING', rule: { src: '172.18.0.0/16', out: 'br0', notOut: true, target: 'MASQUERADE' } });
    k.hostNetlink('nf.append', { table: 'nat', chain: 'DOCKER', rule: { in: 'br0', target: 'RETURN' } });
    k.hostNetlink('nf.append', { table: 'nat', chain: 'DOCKER', rule: { in: 'br0', notIn: true, proto: 'tcp', dport: '8080', target: 'DNAT', toDestination: '172.18.0.2:80' } });

    // inbound: the outside reaches the container through the host's address
    const server = w.spawnIn(a, (sys) => echoOnce(sys, 80));
    let got = '';
    await w.inNs(out, async (sys) => { got = await ask(sys, '10.0.0.2', 8080, 'in'); });
    await server;
    expect(got).toBe('IN from 10.0.0.1');

    // outbound: the container's connection leaves with the host's address
    const outside = w.spawnIn(out, (sys) => echoOnce(sys, 7000));
    await w.inNs(a, async (sys) => { got = await ask(sys, '10.0.0.1', 7000, 'out'); });
    await outside;
    expect(got).toBe('OUT from 10.0.0.2');
    const ct = k.hostNetlink('conntrack.list', {}).map((e) => `${e.orig.src}:${e.orig.dport}->${e.reply.src}:${e.reply.sport} ${e.reply.dst}`);
    expect(ct).toContain('10.0.0.1:8080->172.18.0.2:80 10.0.0.1');
    expect(ct.some((x) => x.startsWith('172.18.0.2:7000->10.0.0.1:7000 10.0.0.2'))).toBe(true);
    const dnat = k.hostNetlink('nf.list', { table: 'nat', chain: 'DOCKER' })[0]!.rules[1]!;
    expect(dnat.packets).toBe(1);
  });

  it('drops forwarded traffic between bridges by a FORWARD rule (the isolation chains)', async () => {
    const { w, a } = await twoOnBridge();
    hostBridge(w, 'br1', '172.19.0.1', 16);
    const c = await w.box();
    await attach(w, c, 'br1', 'vethc', '172.19.0.2', 16, '172.19.0.1');
    const k = w.k;
    k.hostNetlink('nf.newChain', { table: 'filter', chain: 'DOCKER-ISOLATION-STAGE-1' });
    k.hostNetlink('nf.newChain', { table: 'filter', chain: 'DOCKER-ISOLATION-STAGE-2' });
    k.hostNetlink('nf.append', { table: 'filter', chain: 'FORWARD', rule: { target: 'DOCKER-ISOLATION-STAGE-1' } });
    for (const br of ['br0', 'br1']) {
      k.hostNetlink('nf.append', { table: 'filter', chain: 'DOCKER-ISOLATION-STAGE-1', rule: { in: br, out: br, notOut: true, target: 'DOCKER-ISOLATION-STAGE-2' } });
      k.hostNetlink('nf.append', { table: 'filter', chain: 'DOCKER-ISOLATION-STAGE-2', rule: { out: br, target: 'DROP' } });
    }
    let err = 0, took = 0;
    await w.inNs(a, async (sys) => {
      const t0 = sys.uptime();
      err = await errnoOf(async () => { const s = sys.socket(AF_INET, SOCK_STREAM); await sys.connect(s, { addr: '172.19.0.2', port: 80 }); });
      took = sys.uptime() - t0;
    });
    expect(err).toBe(ETIMEDOUT);
    expect(Math.round(took / 1000)).toBe(127);
    expect(() => k.hostNetlink('nf.deleteChain', { table: 'filter', chain: 'DOCKER-ISOLATION-STAGE-2' })).toThrow(SysError);
  });
});

describe('sockets', () => {
  it('UDP: bind, sendto/recvfrom, connected peers; ECONNREFUSED from a port unreachable', async () => {
    const { w, a, b } = await twoOnBridge();
    const server = w.spawnIn(a, async (sys) => {
      const s = sys.socket(AF_INET, SOCK_DGRAM);
      sys.bind(s, { addr: '0.0.0.0', port: 53 });
      const r = await sys.recvfrom(s);
      await sys.sendto(s, enc.encode(dec.decode(r.data) + '!'), r.addr);
    });
    let got = '', name = '', err = 0;
    await w.inNs(b, async (sys) => {
      const s = sys.socket(AF_INET, SOCK_DGRAM);
      await sys.connect(s, { addr: '172.18.0.2', port: 53 });
      const me = sys.getsockname(s) as { addr: string; port: number };
      name = me.addr;
      await sys.sendto(s, 'q');
      got = dec.decode((await sys.recvfrom(s)).data);
      const t = sys.socket(AF_INET, SOCK_DGRAM);
      await sys.connect(t, { addr: '172.18.0.2', port: 54 });
      sys.setsockopt(t, SOL_SOCKET, SO_RCVTIMEO, 2000);
      await sys.sendto(t, 'x');
      err = await errnoOf(() => sys.recvfrom(t));
    });
    await server;
    expect([got, name, err]).toEqual(['q!', '172.18.0.3', ECONNREFUSED]);
  });

  it('EADDRINUSE unless both sockets set SO_REUSEADDR; 127.0.0.1 and 0.0.0.0 conflict', async () => {
    const w = netWorld();
    const a = await w.box();
    const r: number[] = [];
    await w.inNs(a, async (sys) => {
      const l = sys.socket(AF_INET, SOCK_STREAM);
      sys.bind(l, { addr: '127.0.0.1', port: 80 });
      sys.listen(l);
      const try_ = (addr: string, reuse: boolean) => {
        const s = sys.socket(AF_INET, SOCK_STREAM);
        if (reuse) sys.setsockopt(s, SOL_SOCKET, SO_REUSEADDR, 1);
        try { sys.bind(s, { addr, port: 80 }); return 0; } catch (e) { return (e as SysError).errno; }
      };
      r.push(try_('0.0.0.0', false), try_('0.0.0.0', true));
      const u1 = sys.socket(AF_INET, SOCK_DGRAM), u2 = sys.socket(AF_INET, SOCK_DGRAM);
      sys.setsockopt(u1, SOL_SOCKET, SO_REUSEADDR, 1); sys.setsockopt(u2, SOL_SOCKET, SO_REUSEADDR, 1);
      sys.bind(u1, { addr: '0.0.0.0', port: 5000 });
      r.push((() => { try { sys.bind(u2, { addr: '0.0.0.0', port: 5000 }); return 0; } catch (e) { return (e as SysError).errno; } })());
    });
    expect(r).toEqual([EADDRINUSE, EADDRINUSE, 0]);
  });

  it('a server bound to 127.0.0.1 is not reachable on the namespace\'s other address (RST)', async () => {
    const { w, a, b } = await twoOnBridge();
    const server = w.spawnIn(a, (sys) => echoOnce(sys, 8080, '127.0.0.1'));
    let err = 0;
    await w.inNs(b, async (sys) => {
      err = await errnoOf(async () => { const s = sys.socket(AF_INET, SOCK_STREAM); await sys.connect(s, { addr: '172.18.0.2', port: 8080 }); });
    });
    expect(err).toBe(ECONNREFUSED);
    await w.inNs(a, async (sys) => { await ask(sys, '127.0.0.1', 8080, 'x'); });
    await server;
  });

  it('lists sockets for ss with their states', async () => {
    const w = netWorld();
    const a = await w.box();
    let socks: string[] = [];
    await w.inNs(a, async (sys) => {
      const l = sys.socket(AF_INET, SOCK_STREAM);
      sys.bind(l, { addr: '0.0.0.0', port: 80 });
      sys.listen(l, 511);
      const c = sys.socket(AF_INET, SOCK_STREAM);
      await sys.connect(c, { addr: '127.0.0.1', port: 80 });
      await sys.sleep(1);
      socks = sys.netlink('sock.list', { proto: 'tcp' }).map((s) => `${s.state} ${s.local.addr}:${s.local.port} ${s.recvQ}/${s.sendQ}`).sort();
    });
    expect(socks.length).toBe(3);
    expect(socks[2]).toBe('LISTEN 0.0.0.0:80 1/511');
  });
});
