// The network panel's view in the worker: every network namespace that has a
// process in it (the host's, each container's) with its devices as `ip -d
// link`/`ip addr` would list them (bridges, veth ends and the namespace their
// peer is in, addresses, packet counters), Docker's networks by bridge, and
// the published ports: nat/DOCKER's DNAT rules with their packet counts and
// the docker-proxy listening for each. Counters are read, never tapped, so an
// idle network costs nothing between polls.
import type { World } from '@dockersim/world';
import type { NetDevRow, NetNsRow, NetworkView, PublishedPort } from './views.ts';

type Proc = NonNullable<ReturnType<World['kernel']['proc']>>;
type NetNs = Proc['ns']['net'];
type NetDev = NetNs['devs'][number];

function devRow(d: NetDev): NetDevRow {
  const row: NetDevRow = {
    ifindex: d.ifindex, name: d.name, kind: d.kind, mac: d.mac, addrs: d.addrs.filter((a) => !a.includes(':')),
    up: d.up, rxPackets: d.rxPackets, txPackets: d.txPackets,
  };
  if (d.master) row.master = d.master.name;
  if (d.peer) row.peer = { ns: d.peer.ns.inum, name: d.peer.name, ifindex: d.peer.ifindex };
  return row;
}

/** `-flag value` pairs of docker-proxy's command line. */
function flags(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; i < argv.length - 1; i++) if (argv[i]!.startsWith('-')) out[argv[i]!.replace(/^-+/, '')] = argv[i + 1]!;
  return out;
}

export function networkView(world: World): NetworkView {
  const k = world.kernel;
  const d = world.daemon();
  const host = k.initNs.net;
  const byPid = new Map<number, { id: string; name: string }>();
  for (const c of d ? d.containers.values() : []) if (c.pid) byPid.set(c.pid, { id: c.id, name: c.name });

  const seen = new Map<NetNs, NetNsRow>();
  const proxies: { pid: number; f: Record<string, string> }[] = [];
  seen.set(host, { inum: host.inum, label: 'host', pid: 1, devs: [] });
  for (const p of k.hostPidNs.procs.values()) {
    if (!p.alive || p.state === 'Z') continue;
    if (p.comm === 'docker-proxy') proxies.push({ pid: p.pid, f: flags(p.argv) });
    const ns = p.ns.net;
    const c = byPid.get(p.pid);
    const row = seen.get(ns);
    if (!row) seen.set(ns, { inum: ns.inum, label: c?.name ?? `pid ${p.pid}`, containerId: c?.id, pid: p.pid, devs: [] });
    else if (c && !row.containerId) Object.assign(row, { label: c.name, containerId: c.id, pid: p.pid });
  }
  for (const [ns, row] of seen) row.devs = ns.devs.map(devRow);

  const networks = d ? [...d.net.store.networks.values()].filter((n) => n.bridge).map((n) => ({
    name: n.name, bridge: n.bridge, subnet: n.ipamConfig?.[0]?.Subnet ?? '', gateway: n.ipamConfig?.[0]?.Gateway ?? '',
  })) : [];

  const ports: PublishedPort[] = [];
  let rules: ReturnType<typeof k.hostNetlink<'nf.list'>> = [];
  try { rules = k.hostNetlink('nf.list', { table: 'nat', chain: 'DOCKER' }); } catch { /* no DOCKER chain (yet) */ }
  for (const chain of rules) {
    for (const r of chain.rules) {
      if (r.target !== 'DNAT' || !r.dport) continue;
      const hostPort = Number(r.dport);
      const proto = r.proto ?? 'tcp';
      const proxy = proxies.find((x) => x.f['proto'] === proto && Number(x.f['host-port']) === hostPort);
      ports.push({
        proto, hostIp: r.dst ?? '0.0.0.0', hostPort, to: r.toDestination ?? '', bridge: r.in ?? '', packets: r.packets,
        ...(proxy ? { proxyPid: proxy.pid } : {}),
      });
    }
  }
  return { namespaces: [...seen.values()], networks, ports };
}
