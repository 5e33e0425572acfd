// docker pause / unpause (moby's daemon/pause.go, unpause.go): containerd's
// Pause and Resume reach `runc pause|resume`, which write the container
// cgroup's cgroup.freeze, so the kernel's freezer holds every process of the
// container. A paused container stays "running" (Up 3 minutes (Paused)); its
// health monitor stops. Killing or stopping a paused container sends the
// signal, then thaws it so the signal lands (killWithSignal's unpause).

import { conflict, EngineError } from '@dockersim/engine-api';
import type { Container } from './container.ts';
import type { Daemon } from './daemon.ts';
import * as health from './health.ts';
import { RpcError } from './containerd-client.ts';

const notRunning = (c: Container) => conflict(`container ${c.id} is not running`);

export async function pause(d: Daemon, c: Container): Promise<void> {
  if (c.state !== 'running' && c.state !== 'paused' && c.state !== 'restarting') throw notRunning(c);
  if (c.state === 'paused') throw conflict(`Container ${c.id} is already paused`);
  if (c.state === 'restarting') throw conflict(`Container ${c.id} is restarting, wait until the container is running`);
  try { await d.ctr.call('tasks', 'Pause', { containerId: c.id }); } catch (e) {
    throw new EngineError('System', `cannot pause container ${c.id}: ${e instanceof RpcError ? e.message : (e as Error).message}`);
  }
  c.state = 'paused';
  health.update(d, c);
  d.bus.emit('container', 'pause', c.id, { image: c.imageRef, name: c.name });
}

export async function unpause(d: Daemon, c: Container): Promise<void> {
  if (c.state !== 'paused') throw new EngineError('System', `Container ${c.id} is not paused`);
  try { await d.ctr.call('tasks', 'Resume', { containerId: c.id }); } catch (e) {
    throw new EngineError('System', `Cannot unpause container ${c.id}: ${e instanceof RpcError ? e.message : (e as Error).message}`);
  }
  resumed(d, c);
}

function resumed(d: Daemon, c: Container): void {
  if (c.state !== 'paused') return;
  c.state = 'running';
  health.update(d, c);
  d.bus.emit('container', 'unpause', c.id, { image: c.imageRef, name: c.name });
}

/** After a kill signal went to a paused container: thaw it so the signal is delivered. */
export async function thawAfterKill(d: Daemon, c: Container, wasPaused: boolean): Promise<void> {
  if (!wasPaused || c.state !== 'paused') return;
  try { await d.ctr.call('tasks', 'Resume', { containerId: c.id }); } catch { return; /* already gone */ }
  resumed(d, c);
}
