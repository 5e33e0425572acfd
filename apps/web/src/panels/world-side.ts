// The panels' side in the worker: reads the world's state (the kernel's
// process table and namespaces) and turns its trace bus into hops. Loaded on
// the first panel request, so a page without panels never pays for it.

import { Journey, type Layer, type World } from '@dockersim/world';
import type { InternalsReply, InternalsRequest, NsName, PanelHop, PanelProcess } from './protocol.ts';
import { layersView } from './side/layers.ts';
import { cgroupsView } from './side/cgroups.ts';
import { networkView } from './side/network.ts';

const NS: NsName[] = ['mnt', 'uts', 'ipc', 'net', 'pid', 'cgroup', 'user', 'time'];
const COMM_LAYER: Record<string, Layer> = { dockerd: 'dockerd', containerd: 'containerd', 'containerd-shim': 'shim', runc: 'runc', docker: 'docker' };
const MAX_HOPS = 2000;

let journey: Journey | undefined;
let kept: PanelHop[] = [];
let seq = 0;

function follow(world: World): void {
  if (journey) return;
  const j = new Journey((pid) => COMM_LAYER[world.kernel.proc(pid)?.comm ?? '']);
  journey = j;
  world.onTrace((ev) => {
    const before = j.hops.length;
    j.add(ev);
    for (const h of j.hops.splice(before)) kept.push({ seq: ++seq, t: h.t, layer: h.layer, pid: h.pid, text: h.text });
    j.hops.length = 0;
    if (kept.length > MAX_HOPS) kept = kept.slice(-MAX_HOPS);
  });
}

function layerOf(comm: string, nspid: number[], cgroup: string): string {
  if (comm === 'systemd' || comm === 'init') return 'init';
  if (COMM_LAYER[comm]) return COMM_LAYER[comm]!;
  if (nspid.length > 1 || /docker-[0-9a-f]{64}\.scope/.test(cgroup)) return 'container';
  return 'other';
}

export function internals(world: World, req: InternalsRequest): InternalsReply {
  const views: Pick<InternalsReply, 'layers' | 'cgroups' | 'network'> = {};
  if (req.layers) views.layers = layersView(world, req.layers);
  if (req.cgroups) views.cgroups = cgroupsView(world);
  if (req.network) views.network = networkView(world);
  if (req.processes === false) return { uptime: world.uptime(), processes: [], hops: [], ...views };
  follow(world);
  const k = world.kernel;
  const processes: PanelProcess[] = k.processes().filter((p) => p.state !== 'Z').map((p) => {
    const proc = k.proc(p.pid);
    const ns: PanelProcess['ns'] = {};
    if (proc) for (const t of NS) { try { ns[t] = k.nsInum(proc, t); } catch { /* gone */ } }
    return { pid: p.pid, ppid: p.ppid, comm: p.comm, argv: p.argv, state: p.state, nspid: p.nspid, cgroup: p.cgroup, ns, layer: layerOf(p.comm, p.nspid, p.cgroup) };
  });
  const hops = req.hopsAfter === undefined ? kept.slice() : kept.filter((h) => h.seq > req.hopsAfter!);
  return { uptime: world.uptime(), processes, hops, ...views };
}
