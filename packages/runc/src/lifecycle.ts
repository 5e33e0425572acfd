// `runc start`, `kill`, `delete`, `pause` and `resume`: each loads
// state.json, checks the status the way libcontainer does, and acts on the
// init (through exec.fifo, a signal, or the cgroup).

import { O_RDONLY, O_NONBLOCK, O_CLOEXEC, SIGKILL, ENOENT, ESRCH, isSysError, signalNumber } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import { RuncError, removeAll, goErr, writeText } from './sysio.ts';
import { EXEC_FIFO, loadState, containerStatus, initAlive } from './state.ts';
import type { ContainerState } from './state.ts';
import { removeCgroup, cgroupPids } from './cgroups.ts';
import { goQuote } from './goformat.ts';

export async function start(sys: Sys, root: string, id: string): Promise<void> {
  const st = await loadState(sys, root, id);
  const fifo = `${root}/${id}/${EXEC_FIFO}`;
  let fd: number;
  // non-blocking open, then a blocking read: it ends with the init's "0", or empty once no writer is left
  try { fd = sys.open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC); } catch (e) {
    if (!isSysError(e, ENOENT)) throw new RuncError(goErr(e, 'open', fifo));
    if (initAlive(sys, st)) throw new RuncError('cannot start an already running container');
    throw new RuncError('cannot start a container that has stopped');
  }
  let b: Uint8Array;
  try {
    sys.setNonblock(fd, false);
    b = await sys.read(fd, 1);
  } finally { sys.close(fd); }
  if (b.length === 0) throw new RuncError('cannot start a container that has stopped');
  sys.unlink(fifo);
}

/** runc's parseSignal: a number, or a name with or without SIG. */
export function parseSignal(raw: string): number {
  if (/^-?\d+$/.test(raw)) return Number(raw);
  const sig = signalNumber(raw.toUpperCase().startsWith('SIG') ? raw : 'SIG' + raw);
  if (!sig) throw new RuncError(`unknown signal ${goQuote(raw)}`);
  return sig;
}

export async function kill(sys: Sys, root: string, id: string, sigstr: string, all: boolean): Promise<void> {
  const st = await loadState(sys, root, id);
  const sig = parseSignal(sigstr);
  const privatePid = st.config.namespaces.some((n) => n.type === 'NEWPID' && !n.path);
  if (sig === SIGKILL && !privatePid || all && !privatePid) {
    const pids = await cgroupPids(sys, st.cgroup_paths['']);
    if (pids.length === 0 && !initAlive(sys, st)) { if (all) return; throw new RuncError('container not running'); }
    for (const pid of pids) try { sys.kill(pid, sig); } catch { /* raced */ }
    return;
  }
  if (!initAlive(sys, st)) { if (all) return; throw new RuncError('container not running'); }
  try { sys.kill(st.init_process_pid, sig); } catch (e) {
    if (isSysError(e, ESRCH)) { if (all) return; throw new RuncError('container not running'); }
    throw new RuncError(goErr(e));
  }
}

function destroy(sys: Sys, root: string, st: ContainerState): void {
  removeCgroup(sys, st.cgroup_paths['']);
  removeAll(sys, `${root}/${st.id}`);
}

async function killAndDestroy(sys: Sys, root: string, st: ContainerState): Promise<void> {
  try { sys.kill(st.init_process_pid, SIGKILL); } catch { /* gone */ }
  // the init is the shim's child: wait until it is reaped, as runc polls with signal 0
  for (let i = 0; i < 100 && initAlive(sys, st); i++) await sys.sleep(100);
  if (initAlive(sys, st)) throw new RuncError('container init still running');
  destroy(sys, root, st);
}

export async function del(sys: Sys, root: string, id: string, force: boolean): Promise<void> {
  let st: ContainerState;
  try { st = await loadState(sys, root, id); } catch (e) {
    removeAll(sys, `${root}/${id}`);
    if (force) return;
    throw e;
  }
  if (force) return killAndDestroy(sys, root, st);
  const s = await containerStatus(sys, root, st);
  if (s === 'stopped') return destroy(sys, root, st);
  if (s === 'created') return killAndDestroy(sys, root, st);
  throw new RuncError(`cannot delete container ${id} that is not stopped: ${s}`);
}

export async function pause(sys: Sys, root: string, id: string, freeze: boolean): Promise<void> {
  const st = await loadState(sys, root, id);
  const s = await containerStatus(sys, root, st);
  if (freeze) {
    if (s !== 'running' && s !== 'created') throw new RuncError('container not running');
  } else if (s !== 'paused') throw new RuncError('container not paused');
  try { await writeText(sys, `${st.cgroup_paths['']}/cgroup.freeze`, freeze ? '1' : '0'); } catch (e) {
    throw new RuncError(goErr(e, 'write', `${st.cgroup_paths['']}/cgroup.freeze`));
  }
}
