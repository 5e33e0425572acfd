// The iptables rules Docker 28's bridge driver installs (libnetwork's
// iptabler, with the userland proxy on, so no hairpin NAT): the chains made
// once at start, and per network its forwarding, isolation and MASQUERADE
// rules, per published port its DNAT and ACCEPT. Everything goes through
// sys.netlink in dockerd's (the host's) network namespace.

import type { NfRule, NfTable, Sys } from '@dockersim/kernel';
import { isSysError } from '@dockersim/kernel';

type Nl = Pick<Sys, 'netlink'>;

function ensureChain(sys: Nl, table: NfTable, chain: string): void {
  try { sys.netlink('nf.newChain', { table, chain }); } catch (e) { if (!isSysError(e)) throw e; }
}

function ensureRule(sys: Nl, table: NfTable, chain: string, rule: NfRule, insert = false): void {
  if (sys.netlink('nf.check', { table, chain, rule })) return;
  if (insert) sys.netlink('nf.insert', { table, chain, rule });
  else sys.netlink('nf.append', { table, chain, rule });
}

function dropRule(sys: Nl, table: NfTable, chain: string, rule: NfRule): void {
  try { sys.netlink('nf.delete', { table, chain, rule }); } catch (e) { if (!isSysError(e)) throw e; }
}

/** The daemon's chains and jumps, made once when dockerd starts (setupIPChains). */
export function setupBaseChains(sys: Nl): void {
  for (const c of ['DOCKER', 'DOCKER-BRIDGE', 'DOCKER-CT', 'DOCKER-FORWARD', 'DOCKER-ISOLATION-STAGE-1', 'DOCKER-ISOLATION-STAGE-2', 'DOCKER-USER']) {
    ensureChain(sys, 'filter', c);
  }
  ensureChain(sys, 'nat', 'DOCKER');
  ensureRule(sys, 'filter', 'DOCKER-FORWARD', { target: 'DOCKER-CT' });
  ensureRule(sys, 'filter', 'DOCKER-FORWARD', { target: 'DOCKER-ISOLATION-STAGE-1' });
  ensureRule(sys, 'filter', 'DOCKER-FORWARD', { target: 'DOCKER-BRIDGE' });
  ensureRule(sys, 'filter', 'FORWARD', { target: 'DOCKER-FORWARD' }, true);
  ensureRule(sys, 'filter', 'FORWARD', { target: 'DOCKER-USER' }, true);
  ensureRule(sys, 'nat', 'PREROUTING', { dstType: 'LOCAL', target: 'DOCKER' });
  ensureRule(sys, 'nat', 'OUTPUT', { dst: '127.0.0.0/8', notDst: true, dstType: 'LOCAL', target: 'DOCKER' });
}

export interface NetRules { bridge: string; subnet: string; internal: boolean }

/** [table, chain, rule, inserted at the top (else appended)] as libnetwork's iptabler programs them. */
function networkRules(n: NetRules): [NfTable, string, NfRule, boolean][] {
  const br = n.bridge;
  if (n.internal) {
    return [
      ['filter', 'DOCKER-ISOLATION-STAGE-1', { src: n.subnet, notSrc: true, out: br, target: 'DROP' }, true],
      ['filter', 'DOCKER-ISOLATION-STAGE-1', { dst: n.subnet, notDst: true, in: br, target: 'DROP' }, true],
      ['filter', 'DOCKER-FORWARD', { in: br, out: br, target: 'ACCEPT' }, false],
    ];
  }
  return [
    ['filter', 'DOCKER-ISOLATION-STAGE-1', { in: br, out: br, notOut: true, target: 'DOCKER-ISOLATION-STAGE-2' }, false],
    ['filter', 'DOCKER-ISOLATION-STAGE-2', { out: br, target: 'DROP' }, true],
    ['filter', 'DOCKER-CT', { out: br, ctstate: ['RELATED', 'ESTABLISHED'], target: 'ACCEPT' }, false],
    ['filter', 'DOCKER-BRIDGE', { out: br, target: 'DOCKER' }, false],
    ['filter', 'DOCKER-FORWARD', { in: br, target: 'ACCEPT' }, false],
    ['filter', 'DOCKER', { in: br, notIn: true, out: br, target: 'DROP' }, false],
    ['nat', 'DOCKER', { in: br, target: 'RETURN' }, true],
    ['nat', 'POSTROUTING', { src: n.subnet, out: br, notOut: true, target: 'MASQUERADE' }, true],
  ];
}

/** A network's rules, when its bridge is set up. */
export function addNetworkRules(sys: Nl, n: NetRules): void {
  for (const [table, chain, rule, insert] of networkRules(n)) ensureRule(sys, table, chain, rule, insert);
}

export function removeNetworkRules(sys: Nl, n: NetRules): void {
  for (const [table, chain, rule] of networkRules(n)) dropRule(sys, table, chain, rule);
}

export interface PortRule { bridge: string; proto: 'tcp' | 'udp'; hostIp: string; hostPort: number; ctrIp: string; ctrPort: number }

function portRules(p: PortRule): [NfTable, string, NfRule][] {
  const dst = p.hostIp && p.hostIp !== '0.0.0.0' ? `${p.hostIp}/32` : undefined;
  return [
    ['nat', 'DOCKER', { ...(dst ? { dst } : {}), in: p.bridge, notIn: true, proto: p.proto, dport: String(p.hostPort), target: 'DNAT', toDestination: `${p.ctrIp}:${p.ctrPort}` }],
    ['filter', 'DOCKER', { dst: `${p.ctrIp}/32`, in: p.bridge, notIn: true, out: p.bridge, proto: p.proto, dport: String(p.ctrPort), target: 'ACCEPT' }],
  ];
}

/** DNAT and ACCEPT for one published port; the ACCEPT goes before the network's DROP. */
export function addPortRules(sys: Nl, p: PortRule): void {
  const [[t1, c1, dnat], [t2, c2, accept]] = portRules(p);
  ensureRule(sys, t1, c1, dnat);
  ensureRule(sys, t2, c2, accept, true);
}

export function removePortRules(sys: Nl, p: PortRule): void {
  for (const [table, chain, rule] of portRules(p)) dropRule(sys, table, chain, rule);
}
