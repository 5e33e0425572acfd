// dockerd's state across restarts (moby's Daemon.restore and the checkpoints
// it takes): every container, image, volume and network change is written
// under /var/lib/docker as it happens; at start the daemon reads them back,
// containers stopped (their tasks went with the old daemon, which stopped
// them on shutdown), then starts again those whose restart policy says so
// (always; unless-stopped unless stopped by hand; on-failure after a failure)
// and removes --rm containers that had exited.

import { SIGKILL } from '@dockersim/kernel';
import { daemonLog } from '@dockersim/containerd';
import type { EventMessage } from '@dockersim/engine-api';
import type { Daemon } from '../daemon.ts';
import type { Container } from '../container.ts';
import type { EndpointConfig } from '../network/controller.ts';
import { StdioHub } from '../stdio.ts';
import * as restart from '../restart.ts';
import { CONTAINERS_ROOT, checkpoint, forget, load, readLog, writeLog } from './containers.ts';
import { loadImages, saveImages } from './images.ts';
import { loadNetworks, saveNetworks, loadVolumes, saveVolumes } from './volumes-networks.ts';
import { WriteQueue, listDir } from './disk.ts';

const queues = new WeakMap<Daemon, WriteQueue>();
function queue(d: Daemon): WriteQueue {
  let q = queues.get(d);
  if (!q) { q = new WriteQueue(); queues.set(d, q); }
  return q;
}

/** The endpoints a container asked for, by network name (ids change for the predefined networks). */
function endpointsOf(d: Daemon, c: Container): [string, EndpointConfig][] {
  const cn = d.net.per.get(c.id);
  if (!cn) return [];
  return [...cn.eps].map(([key, cfg]) => [key.startsWith('name:') ? key.slice(5) : d.net.store.networks.get(key)?.name ?? key, { ...cfg, ep: undefined }]);
}

function checkpointContainer(d: Daemon, id: string, withLog: boolean): void {
  queue(d).push(async () => {
    const c = d.containers.get(id);
    if (!c) { forget(d.sys, id); return; }
    await checkpoint(d.sys, c, endpointsOf(d, c), [...d.containers.keys()].indexOf(id) + 1);
    const rt = d.runtime.get(id);
    if (withLog && rt) await writeLog(d.sys, c, rt.logs);
  });
}

/** Writes a checkpoint after each event, in order. */
export function installCheckpoints(d: Daemon): void {
  d.bus.listeners.add((e: EventMessage) => {
    switch (e.Type) {
      case 'container': checkpointContainer(d, e.Actor.ID, e.Action === 'die' || e.Action === 'destroy'); break;
      case 'image': queue(d).push(() => saveImages(d.sys, d.images)); break;
      case 'volume': queue(d).push(() => saveVolumes(d.sys, d.volumes)); break;
      case 'network': queue(d).push(() => saveNetworks(d.sys, d.net)); break;
    }
  });
}

/** Everything, once more, then waits for the writes (the daemon's last act at shutdown). */
export async function saveAll(d: Daemon): Promise<void> {
  for (const id of d.containers.keys()) checkpointContainer(d, id, true);
  queue(d).push(() => saveImages(d.sys, d.images));
  queue(d).push(() => saveVolumes(d.sys, d.volumes));
  queue(d).push(() => saveNetworks(d.sys, d.net));
  await queue(d).drain();
}

/** Stops a container for the daemon's shutdown: not a stop by hand, so its restart policy still holds at the next start. */
export async function stopForShutdown(d: Daemon, c: Container): Promise<void> {
  const manual = c.manualStop;
  await d.stop(c).catch(() => undefined);
  c.manualStop = manual;
}

/** Reads the state back at start; then restarts what the policies ask for. */
export async function restoreDaemon(d: Daemon): Promise<void> {
  const sys = d.sys;
  await loadImages(sys, d.images);
  await loadVolumes(sys, d.volumes);
  await loadNetworks(sys, d.net);
  const found = [];
  for (const id of listDir(sys, CONTAINERS_ROOT)) {
    const r = await load(sys, id).catch(() => undefined);
    if (r) found.push(r);
  }
  // back into the daemon's map in creation order, which ties in `docker ps` follow
  found.sort((a, b) => a.c.created - b.c.created || a.order - b.order);
  const loaded: Container[] = [];
  for (const { c, wasRunning, eps } of found) {
    if (wasRunning) await reapLeftover(d, c);
    d.containers.set(c.id, c);
    d.names.set(c.name, c.id);
    const logs = await readLog(sys, c.logPath);
    d.runtime.set(c.id, { logs, hub: new StdioHub(sys, !!c.config.Tty, true, logs) });
    d.net.per.set(c.id, { eps: new Map(eps.map(([name, cfg]) => [`name:${name}`, cfg])) });
    for (const m of c.mountPoints) if (m.Type === 'volume' && m.Name) d.volumes.volumes.get(m.Name)?.refs.add(c.id);
    loaded.push(c);
  }
  installCheckpoints(d);
  for (const c of loaded) {
    if (c.hasBeenStarted && c.state === 'exited' && restart.shouldRestart(c, c.exitCode, c.manualStop, 0).restart) {
      restart.resetRestart(c);
      try { await d.start(c); } catch (e) { await daemonLog(sys, 'error', 'failed to start container', { container: c.id, error: (e as Error).message }); }
    } else if (c.hostConfig.AutoRemove && c.state !== 'created') {
      await d.remove(c, false, true).catch(() => undefined);
    }
  }
}

/** A container the old daemon left running (it crashed, or live-restore kept it): its task is ended. */
async function reapLeftover(d: Daemon, c: Container): Promise<void> {
  await d.ctr.call('tasks', 'Kill', { containerId: c.id, signal: SIGKILL, all: true }).catch(() => undefined);
  await d.ctr.call('tasks', 'Delete', { containerId: c.id }).catch(() => undefined);
  await d.ctr.call('containers', 'Delete', { id: c.id }).catch(() => undefined);
  try { d.sys.umount(`/var/lib/docker/overlay2/${c.layerId}/merged`); } catch { /* not mounted */ }
  c.state = 'exited';
  c.exitCode = 255;
  c.finishedAt = d.sys.now();
}

