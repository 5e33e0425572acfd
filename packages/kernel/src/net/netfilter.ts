// Netfilter's iptables tables, filter and nat, with their built-in chains
// and user chains. A traversal walks a built-in chain's rules, jumping into
// user chains and RETURNing from them, until a terminal verdict or the
// chain's policy. The nat table is consulted only for the first packet of a
// connection (conntrack remembers its answer), as in Linux.

import { EBUSY, EEXIST, EINVAL, ENOENT, ENOTEMPTY, SysError } from '../abi/errno.ts';
import type { NfChainInfo, NfRule, NfTable } from './api.ts';
import { inPrefix, parsePrefix } from './addr.ts';
import type { Ipv4Packet } from './packet.ts';
import { ports } from './packet.ts';
import type { NetNs } from './netns.ts';

interface Rule { spec: NfRule; packets: number; bytes: number; src?: [number, number]; dst?: [number, number] }
interface Chain { name: string; policy?: 'ACCEPT' | 'DROP'; rules: Rule[]; packets: number; bytes: number }

const BUILTIN: Record<NfTable, string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};
const TERMINAL = new Set(['ACCEPT', 'DROP', 'REJECT', 'MASQUERADE', 'SNAT', 'DNAT', 'RETURN']);

/** What a hook decided: accept (possibly with a NAT mapping), drop or reject. */
export interface Verdict {
  v: 'ACCEPT' | 'DROP' | 'REJECT';
  nat?: { kind: 'DNAT' | 'SNAT' | 'MASQUERADE'; to?: string };
}

export interface MatchCtx {
  ns: NetNs;
  pkt: Ipv4Packet;
  len: number;
  in?: string;
  out?: string;
  ctstate: string;
}

export class Netfilter {
  readonly tables: Record<NfTable, Map<string, Chain>>;
  constructor() {
    const mk = (t: NfTable) => new Map(BUILTIN[t].map((n) => [n, { name: n, policy: 'ACCEPT' as const, rules: [], packets: 0, bytes: 0 }]));
    this.tables = { filter: mk('filter'), nat: mk('nat') };
  }

  chain(table: NfTable, name: string): Chain {
    const t = this.tables[table];
    if (!t) throw new SysError(EINVAL);
    const c = t.get(name);
    if (!c) throw new SysError(ENOENT);
    return c;
  }

  private checkTarget(table: NfTable, r: NfRule): void {
    if (!TERMINAL.has(r.target) && r.target !== 'LOG' && !this.tables[table].has(r.target)) throw new SysError(ENOENT);
    if ((r.target === 'DNAT' || r.target === 'SNAT' || r.target === 'MASQUERADE') && table !== 'nat') throw new SysError(EINVAL);
    if (r.target === 'DNAT' && !r.toDestination) throw new SysError(EINVAL);
    if (r.target === 'SNAT' && !r.toSource) throw new SysError(EINVAL);
  }

  private compile(r: NfRule): Rule {
    const x: Rule = { spec: { ...r }, packets: 0, bytes: 0 };
    if (r.src) x.src = parsePrefix(r.src);
    if (r.dst) x.dst = parsePrefix(r.dst);
    return x;
  }

  append(table: NfTable, chain: string, r: NfRule): void {
    const c = this.chain(table, chain);
    this.checkTarget(table, r);
    c.rules.push(this.compile(r));
  }

  insert(table: NfTable, chain: string, r: NfRule, index = 1): void {
    const c = this.chain(table, chain);
    this.checkTarget(table, r);
    if (index < 1 || index > c.rules.length + 1) throw new SysError(EINVAL);
    c.rules.splice(index - 1, 0, this.compile(r));
  }

  find(table: NfTable, chain: string, r: NfRule): number {
    const c = this.chain(table, chain);
    const want = canonical(r);
    return c.rules.findIndex((x) => canonical(x.spec) === want);
  }

  delete(table: NfTable, chain: string, r?: NfRule, index?: number): void {
    const c = this.chain(table, chain);
    const i = r ? this.find(table, chain, r) : (index ?? 0) - 1;
    if (i < 0 || i >= c.rules.length) throw new SysError(ENOENT);
    c.rules.splice(i, 1);
  }

  newChain(table: NfTable, name: string): void {
    const t = this.tables[table];
    if (!t) throw new SysError(EINVAL);
    if (t.has(name)) throw new SysError(EEXIST);
    if (!name || name.length > 28 || TERMINAL.has(name)) throw new SysError(EINVAL);
    t.set(name, { name, rules: [], packets: 0, bytes: 0 });
  }

  references(table: NfTable, name: string): number {
    let n = 0;
    for (const c of this.tables[table].values()) for (const r of c.rules) if (r.spec.target === name) n++;
    return n;
  }

  deleteChain(table: NfTable, name: string): void {
    const c = this.chain(table, name);
    if (c.policy) throw new SysError(EINVAL);
    if (this.references(table, name) > 0) throw new SysError(EBUSY);
    if (c.rules.length) throw new SysError(ENOTEMPTY);
    this.tables[table].delete(name);
  }

  flush(table: NfTable, chain?: string): void {
    if (chain) { this.chain(table, chain).rules = []; return; }
    for (const c of this.tables[table].values()) c.rules = [];
  }

  policy(table: NfTable, chain: string, policy: 'ACCEPT' | 'DROP'): void {
    const c = this.chain(table, chain);
    if (!c.policy) throw new SysError(EINVAL);
    c.policy = policy;
  }

  zero(table: NfTable, chain?: string): void {
    const cs = chain ? [this.chain(table, chain)] : [...this.tables[table].values()];
    for (const c of cs) { c.packets = c.bytes = 0; for (const r of c.rules) r.packets = r.bytes = 0; }
  }

  list(table: NfTable, chain?: string): NfChainInfo[] {
    const cs = chain ? [this.chain(table, chain)] : [...this.tables[table].values()];
    return cs.map((c) => {
      const info: NfChainInfo = { name: c.name, packets: c.packets, bytes: c.bytes,
        rules: c.rules.map((r) => ({ ...r.spec, packets: r.packets, bytes: r.bytes })) };
      if (c.policy) info.policy = c.policy; else info.references = this.references(table, c.name);
      return info;
    });
  }

  /** Runs a built-in chain over a packet. */
  run(table: NfTable, chain: string, m: MatchCtx): Verdict {
    const t = this.tables[table];
    const start = t.get(chain)!;
    if (start.rules.length === 0) return { v: start.policy === 'DROP' ? 'DROP' : 'ACCEPT' };
    const stack: [Chain, number][] = [];
    let c = start, i = 0;
    walk: for (;;) {
      if (i >= c.rules.length) {
        const back = stack.pop();
        if (!back) break;
        [c, i] = back;
        continue;
      }
      const r = c.rules[i++]!;
      if (!matches(r, m)) continue;
      r.packets++;
      r.bytes += m.len;
      const tg = r.spec.target;
      switch (tg) {
        case 'ACCEPT': return { v: 'ACCEPT' };
        case 'DROP': return { v: 'DROP' };
        case 'REJECT': return { v: 'REJECT' };
        case 'RETURN': {
          const back = stack.pop();
          if (!back) break walk;
          [c, i] = back;
          break;
        }
        case 'DNAT': return { v: 'ACCEPT', nat: { kind: 'DNAT', to: r.spec.toDestination } };
        case 'SNAT': return { v: 'ACCEPT', nat: { kind: 'SNAT', to: r.spec.toSource } };
        case 'MASQUERADE': return { v: 'ACCEPT', nat: { kind: 'MASQUERADE' } };
        case 'LOG': break;
        default: {
          const next = t.get(tg);
          if (!next) break;
          if (!r.spec.goto) stack.push([c, i]);
          c = next; i = 0;
        }
      }
    }
    start.packets++;
    start.bytes += m.len;
    return { v: start.policy === 'DROP' ? 'DROP' : 'ACCEPT' };
  }
}

function ifMatch(want: string, have: string | undefined): boolean {
  if (have === undefined) return false;
  return want.endsWith('+') ? have.startsWith(want.slice(0, -1)) : have === want;
}

function portMatch(spec: string, port: number): boolean {
  const i = spec.indexOf(':');
  if (i < 0) return Number(spec) === port;
  const lo = i === 0 ? 0 : Number(spec.slice(0, i)), hi = i === spec.length - 1 ? 65535 : Number(spec.slice(i + 1));
  return port >= lo && port <= hi;
}

function matches(r: Rule, m: MatchCtx): boolean {
  const s = r.spec, p = m.pkt;
  if (s.proto && (p.proto === s.proto) === !!s.notProto) return false;
  if (r.src && inPrefix(p.src, r.src[0], r.src[1]) === !!s.notSrc) return false;
  if (r.dst && inPrefix(p.dst, r.dst[0], r.dst[1]) === !!s.notDst) return false;
  if (s.in && ifMatch(s.in, m.in) === !!s.notIn) return false;
  if (s.out && ifMatch(s.out, m.out) === !!s.notOut) return false;
  if (s.sport || s.dport) {
    if (!p.tcp && !p.udp) return false;
    const [sp, dp] = ports(p);
    if (s.sport && !portMatch(s.sport, sp)) return false;
    if (s.dport && !portMatch(s.dport, dp)) return false;
  }
  if (s.dstType === 'LOCAL' && m.ns.isLocal(p.dst) === !!s.notDstType) return false;
  if (s.srcType === 'LOCAL' && !m.ns.isLocal(p.src)) return false;
  if (s.ctstate && !s.ctstate.includes(m.ctstate)) return false;
  return true;
}

/** A rule's identity for -D/-C: its fields in a fixed order, counters aside. */
export function canonical(r: NfRule): string {
  const keys = Object.keys(r).filter((k) => k !== 'packets' && k !== 'bytes' && (r as unknown as Record<string, unknown>)[k] !== undefined
    && (r as unknown as Record<string, unknown>)[k] !== false).sort();
  return JSON.stringify(keys.map((k) => [k, (r as unknown as Record<string, unknown>)[k]]));
}
