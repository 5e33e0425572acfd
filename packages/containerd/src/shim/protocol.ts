// The wire between containerd and one shim: a SOCK_SEQPACKET connection that
// containerd keeps open (ttrpc in the real thing). containerd sends requests
// one after another and the shim answers them in order; the shim also pushes
// task events on the same connection, which containerd republishes.

import type { Envelope, OciProcess, RpcCode, TaskIO } from '../api.ts';

export type ShimRequest =
  | { m: 'create'; bundle: string; io: TaskIO; cgroupsPath: string }
  | { m: 'start'; execId?: string }
  | { m: 'kill'; execId?: string; signal: number; all?: boolean }
  | { m: 'exec'; execId: string; spec: OciProcess; io: TaskIO }
  | { m: 'resize'; execId?: string; width: number; height: number }
  | { m: 'closeIO'; execId?: string }
  | { m: 'pids' }
  | { m: 'pause' }
  | { m: 'resume' }
  | { m: 'update'; resources: unknown }
  | { m: 'state'; execId?: string }
  | { m: 'delete'; execId?: string }
  | { m: 'shutdown' };

/** An answer ({r}), a failure ({f}: code and message without class), or an event ({ev}). */
export type ShimMessage =
  | { r: unknown }
  | { f: { code: RpcCode; desc: string } }
  | { ev: Envelope };

export const SHIM_BINARY = '/usr/bin/containerd-shim-runc-v2';
export const RUNC_BINARY = '/usr/bin/runc';
export const TASK_ROOT = '/run/containerd/io.containerd.runtime.v2.task';
export const SOCKET_ROOT = '/run/containerd/s';
/** dockerd's runc root for the moby namespace (its runtime option Root). */
export const runcRoot = (ns: string) => (ns === 'moby' ? '/run/docker/runtime-runc/moby' : `/run/containerd/runc/${ns}`);
