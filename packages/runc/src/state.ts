// The container's state directory under --root: state.json (what runc
// remembers between invocations) and exec.fifo (present from create until
// start). The status is derived as libcontainer does: no live init →
// stopped; the fifo still there → created; a frozen cgroup → paused; else
// running.

import { ESRCH, EPERM, isSysError } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import type { OciSpec, OciStatus } from './spec.ts';
import { sharesToWeight } from './cgroups.ts';
import { RuncError, readText, writeText, exists } from './sysio.ts';

export const STATE_FILE = 'state.json';
export const EXEC_FIFO = 'exec.fifo';

/** state.json: a compact form of libcontainer's State (its field names). */
export interface ContainerState {
  id: string;
  init_process_pid: number;
  /** Start of the init (uptime ms), to tell a reused pid from ours. */
  init_process_start: number;
  created: string;
  config: {
    rootfs: string;
    /** "bundle=/path" then annotations as "key=value". */
    labels: string[];
    version: string;
    cgroups_path: string;
    namespaces: { type: string; path: string }[];
    no_new_privileges?: boolean;
    /** The cgroup resources runc applied (libcontainer's configs.Resources), which `runc update` merges into. */
    cgroups?: CgroupResources;
  };
  rootless: boolean;
  /** cgroup v2 directory of the container ({"": path} as libcontainer keeps it). */
  cgroup_paths: { '': string };
  namespace_paths: Record<string, string>;
}

/** configs.Resources, by its JSON names; 0 or '' is unset, -1 unlimited. */
export interface CgroupResources {
  memory?: number; memory_reservation?: number; memory_swap?: number;
  cpu_shares?: number; cpu_weight?: number; cpu_quota?: number; cpu_period?: number;
  cpuset_cpus?: string; cpuset_mems?: string; pids_limit?: number; blkio_weight?: number;
}

/** The spec's linux.resources as runc keeps them. */
export function resourcesOf(r: OciSpec['linux']['resources']): CgroupResources {
  const out: CgroupResources = {};
  if (!r) return out;
  if (r.memory?.limit) out.memory = r.memory.limit;
  if (r.memory?.swap) out.memory_swap = r.memory.swap;
  if (r.memory?.reservation) out.memory_reservation = r.memory.reservation;
  if (r.cpu?.shares) { out.cpu_shares = r.cpu.shares; out.cpu_weight = sharesToWeight(r.cpu.shares); }
  if (r.cpu?.quota) out.cpu_quota = r.cpu.quota;
  if (r.cpu?.period) out.cpu_period = r.cpu.period;
  if (r.cpu?.cpus) out.cpuset_cpus = r.cpu.cpus;
  if (r.pids?.limit) out.pids_limit = r.pids.limit;
  return out;
}

export function stateDir(root: string, id: string): string { return `${root}/${id}`; }

/** Loads state.json, or throws "container does not exist". */
export async function loadState(sys: Sys, root: string, id: string): Promise<ContainerState> {
  let text: string;
  try { text = await readText(sys, `${root}/${id}/${STATE_FILE}`); } catch (e) {
    if (isSysError(e)) throw new RuncError('container does not exist');
    throw e;
  }
  return JSON.parse(text) as ContainerState;
}

export async function saveState(sys: Sys, root: string, st: ContainerState): Promise<void> {
  await writeText(sys, `${root}/${st.id}/${STATE_FILE}`, JSON.stringify(st), 0o600);
}

/** True while the init process still exists (a zombie counts as gone). */
export function initAlive(sys: Sys, st: ContainerState): boolean {
  const pid = st.init_process_pid;
  if (pid <= 0) return false;
  try { sys.kill(pid, 0); } catch (e) {
    if (isSysError(e, ESRCH)) return false;
    if (!isSysError(e, EPERM)) throw e;
  }
  return true;
}

/** A zombie init (exited, not yet reaped by its parent) is stopped too: /proc/PID/stat says Z. */
async function isZombie(sys: Sys, pid: number): Promise<boolean> {
  try {
    const stat = await readText(sys, `/proc/${pid}/stat`);
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch { return false; }
}

export async function containerStatus(sys: Sys, root: string, st: ContainerState): Promise<OciStatus> {
  if (!initAlive(sys, st) || await isZombie(sys, st.init_process_pid)) return 'stopped';
  if (exists(sys, `${root}/${st.id}/${EXEC_FIFO}`)) return 'created';
  try {
    const f = await readText(sys, `${st.cgroup_paths['']}/cgroup.freeze`);
    if (f.trim() === '1') return 'paused';
  } catch { /* no freezer: running */ }
  return 'running';
}

/** bundle and annotations from the labels (libcontainer/utils.Annotations). */
export function bundleOf(st: ContainerState): { bundle: string; annotations: Record<string, string> | undefined } {
  let bundle = '';
  let annotations: Record<string, string> | undefined;
  for (const l of st.config.labels) {
    const i = l.indexOf('=');
    if (i < 0) continue;
    const k = l.slice(0, i), v = l.slice(i + 1);
    if (k === 'bundle') bundle = v;
    else (annotations ??= {})[k] = v;
  }
  return { bundle, annotations };
}
