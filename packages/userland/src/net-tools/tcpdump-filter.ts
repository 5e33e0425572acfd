// The pcap-filter(7) expressions tcpdump users type, compiled to a predicate
// over a captured frame: [src|dst] host ADDR, [src|dst] port N, [src|dst]
// net CIDR, portrange A-B, ether host MAC, the protocols ip/arp/tcp/udp/icmp
// (and "tcp port 80"), combined with not/!/and/&&/or/|| and parentheses.
// and/or have equal precedence and group to the left, as in libpcap.

import type { EthFrame } from '@dockersim/kernel';

export type Pred = (f: EthFrame) => boolean;

export class FilterError extends Error {}

function ipNum(s: string): number | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (!m) return null;
  const p = m.slice(1).map(Number);
  if (p.some((x) => x > 255)) return null;
  return ((p[0]! << 24) | (p[1]! << 16) | (p[2]! << 8) | p[3]!) >>> 0;
}

type Dir = 'src' | 'dst' | 'either';

function hostPred(dir: Dir, a: number): Pred {
  return (f) => {
    const s = f.ip ? f.ip.src >>> 0 : f.arp ? f.arp.spa >>> 0 : null;
    const d = f.ip ? f.ip.dst >>> 0 : f.arp ? f.arp.tpa >>> 0 : null;
    if (s === null) return false;
    return dir === 'src' ? s === a : dir === 'dst' ? d === a : s === a || d === a;
  };
}

function netPred(dir: Dir, net: number, len: number): Pred {
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  const inNet = (x: number): boolean => ((x & mask) >>> 0) === ((net & mask) >>> 0);
  return (f) => {
    const s = f.ip ? f.ip.src >>> 0 : f.arp ? f.arp.spa >>> 0 : null;
    const d = f.ip ? f.ip.dst >>> 0 : f.arp ? f.arp.tpa >>> 0 : null;
    if (s === null || d === null) return false;
    return dir === 'src' ? inNet(s) : dir === 'dst' ? inNet(d) : inNet(s) || inNet(d);
  };
}

function portPred(dir: Dir, lo: number, hi: number, proto: 'tcp' | 'udp' | null): Pred {
  return (f) => {
    const t = f.ip?.tcp && proto !== 'udp' ? f.ip.tcp : f.ip?.udp && proto !== 'tcp' ? f.ip.udp : null;
    if (!t) return false;
    const inR = (p: number): boolean => p >= lo && p <= hi;
    return dir === 'src' ? inR(t.sport) : dir === 'dst' ? inR(t.dport) : inR(t.sport) || inR(t.dport);
  };
}

const PROTOS: Record<string, Pred> = {
  ip: (f) => !!f.ip,
  arp: (f) => !!f.arp,
  tcp: (f) => f.ip?.proto === 'tcp',
  udp: (f) => f.ip?.proto === 'udp',
  icmp: (f) => f.ip?.proto === 'icmp',
};

const SERVICES: Record<string, number> = { http: 80, https: 443, domain: 53, ssh: 22, 'http-alt': 8080, redis: 6379, postgresql: 5432, mysql: 3306, ftp: 21, smtp: 25 };

/** Compiles the words after tcpdump's options (joined with spaces, as tcpdump does). */
export function compileFilter(words: string[]): Pred {
  const toks = words.join(' ').replace(/([()])/g, ' $1 ').replace(/!(?!=)/g, ' ! ').split(/\s+/).filter(Boolean);
  if (!toks.length) return () => true;
  let i = 0;
  const peek = (): string | undefined => toks[i];
  const next = (): string => { const t = toks[i++]; if (t === undefined) throw new FilterError('syntax error'); return t; };

  function expr(): Pred {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t === 'and' || t === '&&') { i++; const l = left, r = unary(); left = (f) => l(f) && r(f); }
      else if (t === 'or' || t === '||') { i++; const l = left, r = unary(); left = (f) => l(f) || r(f); }
      else return left;
    }
  }
  function unary(): Pred {
    const t = peek();
    if (t === 'not' || t === '!') { i++; const p = unary(); return (f) => !p(f); }
    if (t === '(') { i++; const p = expr(); if (next() !== ')') throw new FilterError('syntax error'); return p; }
    return primitive();
  }
  function primitive(): Pred {
    let t = next();
    let proto: 'tcp' | 'udp' | null = null;
    if ((t === 'tcp' || t === 'udp') && (peek() === 'port' || peek() === 'src' || peek() === 'dst' || peek() === 'portrange')) {
      proto = t; t = next();
    }
    if (PROTOS[t] && !proto) return PROTOS[t]!;
    let dir: Dir = 'either';
    if (t === 'src' || t === 'dst') {
      dir = t;
      t = next();
      if (t === 'or' || t === 'and') t = next();
    }
    if (t === 'ether') {
      if (next() !== 'host') throw new FilterError('syntax error');
      const mac = next().toLowerCase();
      return (f) => (dir === 'src' ? f.src === mac : dir === 'dst' ? f.dst === mac : f.src === mac || f.dst === mac);
    }
    if (t === 'host') t = next();
    else if (t === 'net') {
      const v = next();
      const [n, l] = v.split('/');
      const a = ipNum(n!);
      if (a === null) throw new FilterError(`invalid ip address "${v}"`);
      return netPred(dir, a, l === undefined ? 32 : Number(l));
    } else if (t === 'port' || t === 'portrange') {
      const v = next();
      const r = /^(\w[\w-]*?)(?:-(\d+))?$/.exec(v);
      const lo = /^\d+$/.test(r?.[1] ?? '') ? Number(r![1]) : SERVICES[v];
      if (lo === undefined || lo > 65535) throw new FilterError(`illegal port number ${v} > 65535`);
      return portPred(dir, lo, t === 'portrange' && r?.[2] ? Number(r[2]) : lo, proto);
    }
    const a = ipNum(t);
    if (a === null) throw new FilterError(/^[A-Za-z][\w.-]*$/.test(t) ? `unknown host '${t}'` : 'syntax error');
    return hostPred(dir, a);
  }

  const p = expr();
  if (i < toks.length) throw new FilterError('syntax error');
  return p;
}
