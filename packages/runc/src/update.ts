// `runc update [--resources FILE|-] [--memory ...] ID` (runc's update.go and
// libcontainer's Container.Set with the fs2 cgroup manager): merges the new
// values into the cgroup resources runc keeps in state.json, then writes the
// whole set into the container's cgroup v2 files. A stopped container cannot
// be updated.

import type { Sys } from '@dockersim/kernel';
import { RuncError, goErr, readText } from './sysio.ts';
import { loadState, saveState, containerStatus } from './state.ts';
import type { CgroupResources } from './state.ts';
import { sharesToWeight, writeCgroupFile } from './cgroups.ts';

/** specs.LinuxResources as `--resources` reads it (the fields that matter here). */
export interface LinuxResourcesUpdate {
  memory?: { limit?: number; reservation?: number; swap?: number; checkBeforeUpdate?: boolean };
  cpu?: { shares?: number; quota?: number; period?: number; cpus?: string; mems?: string };
  blockIO?: { weight?: number };
  pids?: { limit?: number };
}

export interface UpdateFlags {
  resources?: string;
  /** The individual flags (ignored when --resources is given). */
  values: Map<string, string>;
}

/** go-units RAMInBytes: "100m", "1g", "512k", plain bytes. */
function ramInBytes(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)(i?b)?$/i.exec(s.trim());
  if (!m) throw new Error(`invalid size: '${s}'`);
  const mul = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 }[m[2]!.toLowerCase()]!;
  return Math.floor(Number(m[1]) * mul);
}

function parseInt64(opt: string, v: string, unsigned: boolean): number {
  const ok = unsigned ? /^\d+$/.test(v) : /^[+-]?\d+$/.test(v);
  if (!ok) throw new RuncError(`invalid value for ${opt}: strconv.${unsigned ? 'ParseUint' : 'ParseInt'}: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

/** The request the flags (or the resources file) stand for. */
async function readRequest(sys: Sys, f: UpdateFlags): Promise<LinuxResourcesUpdate> {
  if (f.resources) {
    let text = '';
    if (f.resources === '-') {
      const dec = new TextDecoder();
      for (let b = await sys.read(0); b.length; b = await sys.read(0)) text += dec.decode(b, { stream: true });
    } else {
      try { text = await readText(sys, f.resources); } catch (e) { throw new RuncError(goErr(e, 'open', f.resources)); }
    }
    try { return JSON.parse(text) as LinuxResourcesUpdate; } catch { throw new RuncError(text.trim() ? 'invalid character in resources' : 'EOF'); }
  }
  const v = f.values;
  const r: LinuxResourcesUpdate = { memory: {}, cpu: {}, blockIO: {}, pids: {} };
  if (v.has('blkio-weight')) { const w = parseInt64('blkio-weight', v.get('blkio-weight')!, false); if (w) r.blockIO!.weight = w; }
  if (v.get('cpuset-cpus')) r.cpu!.cpus = v.get('cpuset-cpus');
  if (v.get('cpuset-mems')) r.cpu!.mems = v.get('cpuset-mems');
  if (v.get('cpu-period')) r.cpu!.period = parseInt64('cpu-period', v.get('cpu-period')!, true);
  if (v.get('cpu-share')) r.cpu!.shares = parseInt64('cpu-share', v.get('cpu-share')!, true);
  if (v.get('cpu-quota')) r.cpu!.quota = parseInt64('cpu-quota', v.get('cpu-quota')!, false);
  for (const [opt, key] of [['memory', 'limit'], ['memory-swap', 'swap'], ['memory-reservation', 'reservation']] as const) {
    const s = v.get(opt);
    if (!s) continue;
    let n: number;
    if (s === '-1') n = -1;
    else try { n = ramInBytes(s); } catch (e) { throw new RuncError(`invalid value for ${opt}: ${(e as Error).message}`); }
    r.memory![key] = n;
  }
  r.pids!.limit = v.has('pids-limit') ? parseInt64('pids-limit', v.get('pids-limit')!, false) : 0;
  return r;
}

/** Merges the request into the kept resources, as update.go does. */
export function mergeResources(res: CgroupResources, r: LinuxResourcesUpdate): CgroupResources {
  const out = { ...res };
  const mem = r.memory ?? {};
  const cpu = r.cpu ?? {};
  if (mem.limit === -1 && mem.swap === undefined) mem.swap = 0;
  if (r.blockIO?.weight !== undefined) out.blkio_weight = r.blockIO.weight;
  // quota and period: both or neither replace both; one alone keeps the other
  const p = cpu.period ?? 0, q = cpu.quota ?? 0;
  if ((p === 0 && q === 0) || (p !== 0 && q !== 0)) { out.cpu_period = p; out.cpu_quota = q; }
  else if (p !== 0) out.cpu_period = p;
  else out.cpu_quota = q;
  if (cpu.shares !== undefined) { out.cpu_shares = cpu.shares; out.cpu_weight = sharesToWeight(cpu.shares); }
  out.cpuset_cpus = cpu.cpus ?? '';
  out.cpuset_mems = cpu.mems ?? '';
  if (mem.limit !== undefined) out.memory = mem.limit;
  if (mem.reservation !== undefined) out.memory_reservation = mem.reservation;
  if (mem.swap !== undefined) out.memory_swap = mem.swap;
  out.pids_limit = r.pids?.limit ?? 0;
  return out;
}

/** cgroups.ConvertMemorySwapToCgroupV2Value: 0 leaves it, -1 is "max". */
function swapV2(swap: number, memory: number): number {
  if (memory === -1 && swap === 0) return -1;
  if (swap === -1 || swap === 0) return swap;
  if (memory === 0 || memory === -1) throw new RuncError('unable to set swap limit without memory limit');
  if (swap < memory) throw new RuncError('memory+swap limit should be >= memory limit');
  return swap - memory;
}

const num = (n: number): string => (n === -1 ? 'max' : String(n));

/** The fs2 manager's Set: each controller's files from the whole resource set. */
export function cgroupWrites(res: CgroupResources): [string, string][] {
  const w: [string, string][] = [];
  const memory = res.memory ?? 0, swap = res.memory_swap ?? 0, reservation = res.memory_reservation ?? 0;
  if (memory !== 0 || swap !== 0 || reservation !== 0) {
    const s = swapV2(swap, memory);
    if (s !== 0) w.push(['memory.swap.max', num(s)]);
    if (memory !== 0) w.push(['memory.max', num(memory)]);
    if (reservation !== 0) w.push(['memory.low', num(reservation)]);
  }
  if (res.pids_limit) w.push(['pids.max', res.pids_limit > 0 ? String(res.pids_limit) : 'max']);
  if (res.cpu_weight) w.push(['cpu.weight', String(res.cpu_weight)]);
  if (res.cpu_quota || res.cpu_period) {
    let s = res.cpu_quota && res.cpu_quota > 0 ? String(res.cpu_quota) : 'max';
    if (res.cpu_period) s += ` ${res.cpu_period}`;
    w.push(['cpu.max', s]);
  }
  if (res.cpuset_cpus) w.push(['cpuset.cpus', res.cpuset_cpus]);
  if (res.cpuset_mems) w.push(['cpuset.mems', res.cpuset_mems]);
  return w;
}

export async function update(sys: Sys, root: string, id: string, f: UpdateFlags): Promise<void> {
  const st = await loadState(sys, root, id);
  const req = await readRequest(sys, f);
  const res = mergeResources(st.config.cgroups ?? {}, req);
  if ((await containerStatus(sys, root, st)) === 'stopped') throw new RuncError('container not running');
  const dir = st.cgroup_paths[''];
  for (const [file, value] of cgroupWrites(res)) {
    try { await writeCgroupFile(sys, `${dir}/${file}`, value); } catch (e) {
      throw new RuncError(`failed to write ${JSON.stringify(value)}: ${goErr(e, 'write', `${dir}/${file}`)}`);
    }
  }
  st.config.cgroups = res;
  await saveState(sys, root, st);
}
