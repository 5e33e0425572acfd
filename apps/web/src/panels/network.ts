// The network topology, drawn from the kernel's network namespaces: the
// host's namespace on top with its bridges (docker0 and one br-<id> per user
// network) and the host ends of the veth pairs plugged into them; below, each
// container's namespace with its eth0/eth1 and addresses, a link to the
// bridge its veth peer is a port of; on the host's edge, the published ports
// (nat/DOCKER's DNAT rule and the docker-proxy listening for it). When a
// device's packet counters move between two looks, packets run along the link
// in the direction they went.
import type { LessonsContext } from '../lessons/entry.ts';
import type { NetDevRow, NetNsRow, NetworkView } from './side/views.ts';
import { el, pollView } from './poll.ts';
import './panels.css';
import './side/inside.css';

const SVG = 'http://www.w3.org/2000/svg';
const COL = 150, PAD = 10, EDGE_H = 46, BRIDGE_H = 22, BRIDGE_GAP = 42, CTR_H = 78;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

interface Link {
  /** Key of the host end: its ifindex in the host's namespace. */
  hostIf: number;
  from: [number, number];   // the container's device
  to: [number, number];     // the bridge
}

interface Picture { svg: SVGSVGElement; links: Link[]; natPaths: Map<string, [number, number][]> }

const ipOf = (addr: string): string => addr.split('/')[0]!;

export function drawNetwork(v: NetworkView): Picture {
  const host = v.namespaces.find((n) => n.label === 'host') ?? v.namespaces[0]!;
  const others = v.namespaces.filter((n) => n !== host);
  const hostDevs = new Map(host.devs.map((d) => [d.ifindex, d]));
  const bridges = host.devs.filter((d) => d.kind === 'bridge');
  const width = Math.max(560, PAD * 2 + Math.max(1, others.length) * COL);
  const bridgeY = (i: number) => PAD + EDGE_H + i * BRIDGE_GAP;
  const hostBottom = bridgeY(Math.max(0, bridges.length - 1)) + BRIDGE_H + 22;
  const ctrTop = hostBottom + 46;
  const height = ctrTop + CTR_H + PAD;
  const root = svg('svg', { class: 'in-svg', viewBox: `0 0 ${width} ${height}`, width, height });
  const under = svg('g', {});   // links, below the boxes they join
  const over = svg('g', {});
  root.append(svg('rect', { class: 'in-host', x: 2, y: 2, width: width - 4, height: hostBottom, rx: 6 }), under, over);
  over.append(svg('text', { x: PAD, y: PAD + 10, class: 'in-dim' }, `host network namespace · net:[${host.inum}]`));

  // the host's own devices besides bridges and veth ends (lo, eth0 on the LAN)
  let ex = PAD;
  for (const d of host.devs.filter((x) => x.kind !== 'bridge' && x.kind !== 'veth')) {
    const label = `${d.name} ${d.addrs.join(' ')}`;
    over.append(svg('rect', { class: 'in-dev', x: ex, y: PAD + 17, width: label.length * 6.4 + 10, height: 17, rx: 3 }),
      svg('text', { x: ex + 5, y: PAD + 29 }, label));
    ex += label.length * 6.4 + 16;
  }

  const netName = new Map(v.networks.map((n) => [n.bridge, n]));
  const bridgeIndex = new Map(bridges.map((b, i) => [b.name, i]));
  bridges.forEach((b, i) => {
    const y = bridgeY(i);
    const n = netName.get(b.name);
    const g = svg('g', { 'data-bridge': b.name });
    g.append(svg('rect', { class: 'in-bridge', x: PAD, y, width: width - PAD * 2, height: BRIDGE_H, rx: 4 }),
      svg('text', { x: PAD + 6, y: y + 15 }, `${b.name} · bridge · ${b.addrs.join(' ')}${n ? ` · network "${n.name}"` : ''}`));
    over.append(g);
  });

  // containers (and any other namespace with a process), one column each
  const links: Link[] = [];
  const devAt = new Map<string, [number, number]>();
  others.forEach((ns: NetNsRow, i) => {
    const x = PAD + i * COL;
    const g = svg('g', { 'data-netns': ns.label });
    g.append(svg('rect', { class: 'in-ctr', x, y: ctrTop, width: COL - 10, height: CTR_H, rx: 6 }),
      svg('text', { x: x + 6, y: ctrTop + CTR_H - 22 }, `${ns.label} · pid ${ns.pid}`),
      svg('text', { x: x + 6, y: ctrTop + CTR_H - 9, class: 'in-dim' }, `net:[${ns.inum}]`));
    const ifs = ns.devs.filter((d) => d.kind !== 'loopback');
    if (!ifs.length) g.append(svg('text', { x: x + 6, y: ctrTop + 16, class: 'in-dim' }, 'lo only (--network none)'));
    ifs.forEach((d: NetDevRow, k) => {
      const dx = x + 8 + k * 66, dy = ctrTop + 6;
      g.append(svg('rect', { class: 'in-dev', x: dx, y: dy, width: 60, height: 30, rx: 3 }),
        svg('text', { x: dx + 4, y: dy + 12 }, d.name),
        svg('text', { x: dx + 4, y: dy + 25, class: 'in-dim', 'font-size': 9 }, d.addrs.map(ipOf).join(' ')));
      const hostEnd = d.peer && d.peer.ns === host.inum ? hostDevs.get(d.peer.ifindex) : undefined;
      const bi = hostEnd?.master !== undefined ? bridgeIndex.get(hostEnd.master) : undefined;
      if (!hostEnd || bi === undefined) return;
      const lx = dx + 30;
      const to: [number, number] = [lx, bridgeY(bi) + BRIDGE_H];
      under.append(svg('line', { class: 'in-link', x1: lx, y1: dy, x2: lx, y2: to[1] }));
      // the host end, named where it plugs into its bridge
      over.append(svg('rect', { class: 'in-dev', x: lx - 3, y: to[1], width: 6, height: 5 }),
        svg('text', { x: lx + 5, y: to[1] + 12, class: 'in-dim', 'font-size': 9, 'data-veth': hostEnd.name }, `${hostEnd.name} ↑${hostEnd.rxPackets} ↓${hostEnd.txPackets}`));
      links.push({ hostIf: hostEnd.ifindex, from: [lx, dy], to });
      for (const a of d.addrs) devAt.set(ipOf(a), [lx, dy]);
    });
    over.append(g);
  });

  // the userland proxies dockerd started, one per published port
  const proxies = v.ports.filter((p) => p.proxyPid).map((p) => `${p.hostIp}:${p.hostPort} (pid ${p.proxyPid})`);
  if (proxies.length) over.append(svg('text', { x: width - PAD, y: PAD + 10, class: 'in-dim', 'text-anchor': 'end', 'data-proxies': '' }, `docker-proxy ${proxies.join(', ')}`));

  // published ports on the host's edge: DNAT to the container's address
  const natPaths = new Map<string, [number, number][]>();
  let px = width - PAD;
  for (const p of v.ports) {
    const label = `${p.proto} ${p.hostIp}:${p.hostPort} → ${p.to}`;
    const w = label.length * 6.4 + 10;
    px -= w;
    const g = svg('g', { 'data-port': String(p.hostPort) });
    g.append(svg('rect', { class: 'in-port', x: px, y: PAD + 17, width: w, height: 17, rx: 8 }),
      svg('text', { x: px + 5, y: PAD + 29 }, label));
    g.append(svg('title', {}, `nat/DOCKER: -j DNAT --to-destination ${p.to} (${p.packets} packets)${p.proxyPid ? `\ndocker-proxy pid ${p.proxyPid} listens on ${p.hostIp}:${p.hostPort}` : ''}`));
    over.append(g);
    const target = devAt.get(p.to.split(':')[0]!);
    const bi = bridgeIndex.get(p.bridge);
    if (target && bi !== undefined) {
      const start: [number, number] = [px + w / 2, PAD + 34];
      const mid: [number, number] = [target[0] + 6, bridgeY(bi)];
      under.append(svg('polyline', { class: 'in-nat', points: `${start.join(',')} ${mid[0]},${start[1] + 8} ${mid.join(',')}` }));
      natPaths.set(`${p.proto}/${p.hostPort}`, [start, [mid[0], start[1] + 8], mid, [target[0], target[1]]]);
    }
    px -= 6;
  }
  return { svg: root, links, natPaths };
}

/** Sends `n` dots (at most 4) along the points, one after another. */
function run(pic: Picture, points: [number, number][], n: number): number {
  const count = Math.min(4, n);
  for (let i = 0; i < count; i++) {
    const dot = svg('circle', { class: 'in-packet', r: 3.2, cx: 0, cy: 0 });
    pic.svg.append(dot);
    const frames = points.map(([x, y]) => ({ transform: `translate(${x}px, ${y}px)` }));
    const a = dot.animate(frames, { duration: 700, delay: i * 160, easing: 'ease-in-out', fill: 'both' });
    a.onfinish = () => dot.remove();
  }
  return count;
}

export function mount(box: HTMLElement, ctx: LessonsContext): () => void {
  box.classList.add('ip');
  box.dataset.view = 'network';
  box.dataset.packets = '0';
  const title = el('h3', '', 'network');
  const holder = el('div');
  const legend = el('div', 'in-legend', 'green: veth pairs into a bridge · dashed: a published port\'s DNAT · ↑ packets from the container, ↓ to it');
  box.replaceChildren(title, holder, legend);
  let pic: Picture | undefined;
  let shape = '';
  let prev = new Map<string, number>();

  const poll = pollView(ctx, () => ({ network: true }), (r) => JSON.stringify(r.network), (r) => {
    const v = r.network;
    if (!v) return;
    // the picture is redrawn when the topology changed; counters only move dots
    const topology = JSON.stringify(v, (k, val: unknown) => (k === 'rxPackets' || k === 'txPackets' || k === 'packets' ? undefined : val));
    const host = v.namespaces.find((n) => n.label === 'host') ?? v.namespaces[0];
    const others = v.namespaces.length - 1;
    title.textContent = `network · ${others} namespace${others === 1 ? '' : 's'} besides the host's · ${v.networks.length} networks`;
    if (topology !== shape || !pic) {
      pic = drawNetwork(v);
      shape = topology;
      holder.replaceChildren(pic.svg);
    } else {
      for (const t of pic.svg.querySelectorAll<SVGTextElement>('text[data-veth]')) {
        const d = host?.devs.find((x) => x.name === t.dataset.veth);
        if (d) t.textContent = `${d.name} ↑${d.rxPackets} ↓${d.txPackets}`;
      }
    }
    const next = new Map<string, number>();
    let sent = 0;
    for (const d of host?.devs ?? []) { next.set(`rx${d.ifindex}`, d.rxPackets); next.set(`tx${d.ifindex}`, d.txPackets); }
    for (const p of v.ports) next.set(`nat${p.proto}/${p.hostPort}`, p.packets);
    if (prev.size) {
      for (const l of pic.links) {
        const up = (next.get(`rx${l.hostIf}`) ?? 0) - (prev.get(`rx${l.hostIf}`) ?? 0);
        const down = (next.get(`tx${l.hostIf}`) ?? 0) - (prev.get(`tx${l.hostIf}`) ?? 0);
        if (up > 0) sent += run(pic, [l.from, l.to], up);
        if (down > 0) sent += run(pic, [l.to, l.from], down);
      }
      for (const [key, path] of pic.natPaths) {
        const n = (next.get(`nat${key}`) ?? 0) - (prev.get(`nat${key}`) ?? 0);
        if (n > 0) sent += run(pic, path, n);
      }
    }
    prev = next;
    if (sent) box.dataset.packets = String(Number(box.dataset.packets) + sent);
  });
  return () => poll.stop();
}
