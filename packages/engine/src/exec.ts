// docker exec: a second process in a running container's namespaces, started
// by containerd's shim with `runc exec`.

import { conflict, notFound, type Conn, type ExecConfig, type ExecInspect } from '@dockersim/engine-api';
import { DaemonConn } from './byte-queue.ts';
import type { Daemon } from './daemon.ts';
import { readText } from './util.ts';
import { DEFAULT_PATH } from './spec.ts';
import { resolveUser } from './spec.ts';
import { StdioHub } from './stdio.ts';
import { RpcError } from './containerd-client.ts';

export interface Exec {
  id: string;
  containerId: string;
  config: ExecConfig;
  running: boolean;
  exitCode: number | null;
  pid: number;
  /** Virtual ms at which it exited (or failed to start). */
  finishedAt?: number;
  hub?: StdioHub;
  waiters: (() => void)[];
}

export async function create(d: Daemon, ref: string, config: ExecConfig): Promise<{ Id: string }> {
  const c = d.get(ref);
  if (c.state === 'paused') throw conflict(`Container ${c.id} is paused, unpause the container before exec`);
  if (c.state === 'restarting') throw conflict(`Container ${c.id} is restarting, wait until the container is running`);
  if (c.state !== 'running') throw conflict(`container ${c.id} is not running`);
  if (c.state === 'running' && !config.Cmd?.length) throw conflict('No exec command specified');
  forgetOldExecs(d);
  const id = d.randomHex(32);
  d.execs.set(id, { id, containerId: c.id, config, running: false, exitCode: null, pid: 0, waiters: [] });
  c.execIds.add(id);
  d.bus.emit('container', `exec_create: ${config.Cmd.join(' ')}`, c.id, { image: c.imageRef, name: c.name, execID: id });
  return { Id: id };
}

function get(d: Daemon, id: string): Exec {
  const e = d.execs.get(id);
  if (!e) throw notFound(`No such exec instance: ${id}`);
  return e;
}

export async function start(d: Daemon, execId: string, opts: { Detach?: boolean; Tty?: boolean; ConsoleSize?: [number, number] }): Promise<{ conn?: Conn; tty: boolean }> {
  const e = get(d, execId);
  const c = d.containers.get(e.containerId)!;
  if (e.running || e.exitCode !== null) throw conflict(`Error: Exec command ${execId} has already run`);
  if (c.state !== 'running') throw conflict(`container ${c.id} is not running`);
  const tty = !!(opts.Tty ?? e.config.Tty);
  const hub = new StdioHub(d.sys, tty, false);
  e.hub = hub;
  const merged = `/var/lib/docker/overlay2/${c.layerId}/merged`;
  const user = resolveUser(e.config.User || c.config.User || '', await readText(d.sys, `${merged}/etc/passwd`), await readText(d.sys, `${merged}/etc/group`));
  const io = hub.setup(`/var/run/docker/containerd/${c.id}`, execId, !!e.config.AttachStdin);
  let conn: DaemonConn | undefined;
  if (!opts.Detach) {
    conn = new DaemonConn((data) => hub.writeStdin(data), () => hub.closeStdin());
    hub.attach(conn.out, (e.config.AttachStdout !== false ? 1 : 0) | (e.config.AttachStderr !== false ? 2 : 0));
  }
  const env = [...(c.config.Env ?? [])];
  if (!env.some((x) => x.startsWith('PATH='))) env.unshift(DEFAULT_PATH);
  for (const x of e.config.Env ?? []) env.push(x);
  if (tty && !env.some((x) => x.startsWith('TERM='))) env.push('TERM=xterm');
  e.running = true;
  // moby logs exec_start as the start request begins, before the process runs
  d.bus.emit('container', `exec_start: ${e.config.Cmd.join(' ')}`, c.id, { image: c.imageRef, name: c.name, execID: execId });
  try {
    await d.ctr.call('tasks', 'Exec', {
      containerId: c.id, execId,
      spec: {
        terminal: tty, user: { uid: user.uid, gid: user.gid, additionalGids: user.additionalGids }, args: e.config.Cmd, env, cwd: e.config.WorkingDir || c.config.WorkingDir || '/',
        // runc sizes the exec's pty before the process runs (the CLI resizes again once attached)
        consoleSize: tty && opts.ConsoleSize && opts.ConsoleSize[0] ? { height: opts.ConsoleSize[0], width: opts.ConsoleSize[1] } : undefined,
      },
      io: { ...io, terminal: tty },
    });
    const { pid } = await d.ctr.call<{ pid: number }>('tasks', 'Start', { containerId: c.id, execId });
    e.pid = pid;
    hub.started();
  } catch (err) {
    c.execIds.delete(execId);
    e.finishedAt = d.sys.now();
    e.running = false;
    const msg = err instanceof RpcError ? err.message : (err as Error).message;
    e.exitCode = /executable file not found|no such file or directory/.test(msg) ? 127 : 126;
    const text = new TextEncoder().encode(`${msg}\r\n`);
    hub.deliver(1, text);
    hub.finish();
    return { conn, tty };
  }
  return { conn, tty };
}

export function onExit(d: Daemon, execId: string, status: number): void {
  const e = d.execs.get(execId);
  if (!e || !e.running) return;
  // The container lists only execs that have not exited; dockerd keeps the
  // exec itself a while longer so that `exec inspect` still answers.
  d.containers.get(e.containerId)?.execIds.delete(execId);
  e.finishedAt = d.sys.now();
  e.running = false;
  e.exitCode = status;
  e.hub?.finish();
  void d.ctr.call('tasks', 'Delete', { containerId: e.containerId, execId }).catch(() => undefined);
  const c = d.containers.get(e.containerId);
  if (c) d.bus.emit('container', 'exec_die', c.id, { image: c.imageRef, name: c.name, execID: execId, exitCode: String(status) });
  for (const w of e.waiters.splice(0)) w();
}

/**
 * dockerd's exec GC: every 5 minutes it marks exited execs removable, and
 * drops them at the next round. Done lazily here, so an idle daemon keeps no timer.
 */
const EXEC_GC_MS = 5 * 60_000;
function forgetOldExecs(d: Daemon): void {
  const now = d.sys.now();
  for (const [id, e] of d.execs) {
    if (e.finishedAt !== undefined && now - e.finishedAt >= EXEC_GC_MS) d.execs.delete(id);
  }
}

export function onContainerExit(d: Daemon, execId: string): void {
  const e = d.execs.get(execId);
  if (e && e.running) onExit(d, execId, 137);
}

export function inspect(d: Daemon, execId: string): ExecInspect {
  const e = get(d, execId);
  return {
    CanRemove: false, ContainerID: e.containerId, DetachKeys: '', ExitCode: e.exitCode, ID: e.id,
    OpenStderr: !!e.config.AttachStderr, OpenStdin: !!e.config.AttachStdin, OpenStdout: !!e.config.AttachStdout,
    Running: e.running, Pid: e.pid,
    ProcessConfig: { arguments: e.config.Cmd.slice(1), entrypoint: e.config.Cmd[0], privileged: !!e.config.Privileged, tty: !!e.config.Tty, user: e.config.User ?? '' },
  };
}

export async function resize(d: Daemon, execId: string, h: number, w: number): Promise<void> {
  const e = get(d, execId);
  await d.ctr.call('tasks', 'ResizePty', { containerId: e.containerId, execId, width: w, height: h }).catch(() => undefined);
}
