// containerd's API as dockerd uses it (the moby namespace), carried as whole
// messages over /run/containerd/containerd.sock (SOCK_SEQPACKET in the
// simulated kernel) instead of gRPC. One request per connection:
//   client → {service, method, req}; server → {ok: true, res} | {ok: false, error: {code, message}}
// except Events.Subscribe, which answers {ok: true} and then sends one
// Envelope per event until the client closes.

export const CONTAINERD_SOCKET = '/run/containerd/containerd.sock';

/** gRPC status codes containerd uses for errdefs classes. */
export type RpcCode = 'NotFound' | 'AlreadyExists' | 'InvalidArgument' | 'FailedPrecondition' | 'Unavailable' | 'Unknown';

/**
 * Errors: `message` is what Go's client prints after errgrpc.FromGRPC: the
 * description and the class (": not found", ": unknown", ...). Each hop has
 * wrapped once already, so dockerd adds only its own prefix, e.g.
 *   tasks.Create → 'failed to create shim task: OCI runtime create failed: runc create failed:
 *                   unable to start container process: error during container init:
 *                   exec: "foo": executable file not found in $PATH: unknown'
 *   tasks.Start{execId} → 'OCI runtime exec failed: exec failed: unable to start container
 *                   process: exec: "foo": executable file not found in $PATH: unknown'
 *   unknown task → 'no running task found: task ID not found: not found' (NotFound)
 */
export interface RpcRequest { service: string; method: string; namespace: string; req: unknown }
export type RpcResponse = { ok: true; res?: unknown } | { ok: false; error: { code: RpcCode; message: string } };

/** The OCI runtime spec (config.json) and process (process.json), as runc reads them. */
import type { OciSpec, OciProcess } from '@dockersim/runc';
export type { OciSpec, OciProcess };

/** Where a task's stdio goes: FIFO paths in the caller's filesystem (empty = none). */
export interface TaskIO { stdin?: string; stdout?: string; stderr?: string; terminal: boolean }

// --- services and methods (namespace "moby") ---
// containers.Create   {container: {id, image, runtime: {name: 'io.containerd.runc.v2'}, spec: OciSpec, labels}} → {}
// containers.Delete   {id} → {}
// containers.Get      {id} → {container: {id, image, labels, runtime, spec, createdAt}}
// containers.List     {} → {containers: {id, image, labels, runtime, createdAt}[]}
// namespaces.List     {} → {namespaces: {name, labels}[]}
// tasks.List          {} → {tasks: {id, pid, status}[]}
// tasks.Create        {containerId, io: TaskIO, rootfs?: []} → {pid}   (starts the shim; the shim runs `runc create`)
// tasks.Start         {containerId, execId?} → {pid}                      (`runc start` / the exec's process)
// tasks.Kill          {containerId, execId?, signal, all?} → {}           (`runc kill`)
// tasks.Exec          {containerId, execId, spec: OciProcess, io: TaskIO} → {}   (`runc exec`)
// tasks.ResizePty     {containerId, execId?, width, height} → {}
// tasks.CloseIO       {containerId, execId?, stdin: true} → {}
// tasks.Pids          {containerId} → {processes: {pid}[]}               (host pids)
// tasks.Pause         {containerId} → {}                                  (`runc pause`: cgroup.freeze)
// tasks.Resume        {containerId} → {}                                  (`runc resume`)
// tasks.Update        {containerId, resources: LinuxResources} → {}       (`runc update --resources -`)
// tasks.Delete        {containerId, execId?} → {pid, exitStatus, exitedAt} (`runc delete`; the shim exits)
// tasks.Get           {containerId} → {process: {pid, status: 'created'|'running'|'stopped'|'paused', exitStatus}}
// events.Subscribe    {filters?} → stream of Envelope
export interface Envelope {
  timestamp: number;      // virtual ms since the epoch
  namespace: string;
  topic: '/tasks/create' | '/tasks/start' | '/tasks/exit' | '/tasks/delete' | '/tasks/exec-added' | '/tasks/exec-started' | '/tasks/oom' | '/tasks/paused' | '/tasks/resumed' | '/containers/create' | '/containers/delete';
  event: { containerId: string; id?: string; execId?: string; pid?: number; exitStatus?: number; exitedAt?: number };
}
