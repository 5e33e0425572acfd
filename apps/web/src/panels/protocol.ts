// What the internals panels ask the worker (world-side.ts answers): the
// world's processes with their namespaces and cgroups, and the hops of the
// trace since a given one, and the layers, cgroups and network views
// (side/views.ts). Plain data only: it crosses postMessage.
import type { CgroupsView, LayersRequest, LayersView, NetworkView } from './side/views.ts';

export type NsName = 'mnt' | 'uts' | 'ipc' | 'net' | 'pid' | 'cgroup' | 'user' | 'time';

export interface PanelProcess {
  pid: number;
  ppid: number;
  comm: string;
  argv: string[];
  state: string;
  /** Pids from the host's namespace down to the process's own. */
  nspid: number[];
  cgroup: string;
  /** Namespace inode numbers, as /proc/PID/ns/* shows them. */
  ns: Partial<Record<NsName, number>>;
  /** docker, dockerd, containerd, shim, runc, container, init or other. */
  layer: string;
}

export interface PanelHop { seq: number; t: number; layer: string; pid: number; text: string }

export interface InternalsRequest {
  hopsAfter?: number;
  /** false: leave out processes and hops (a panel that shows neither). */
  processes?: boolean;
  layers?: LayersRequest;
  cgroups?: boolean;
  network?: boolean;
}

export interface InternalsReply {
  uptime: number;
  processes: PanelProcess[];
  /** Hops after `hopsAfter` (all kept ones when absent), oldest first. */
  hops: PanelHop[];
  layers?: LayersView;
  cgroups?: CgroupsView;
  network?: NetworkView;
}
