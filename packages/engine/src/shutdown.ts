// dockerd's start and stop as the service manager sees them: logrus lines on
// stderr (the journal), READY=1 once the API listens, and on SIGTERM moby's
// Daemon.Shutdown: running containers are stopped with their stop signal and
// timeout, unless "live-restore" is set in /etc/docker/daemon.json, in which
// case they keep running under their shims. The state on disk is brought up
// to date last (persist/restore.ts reads it back at the next start).

import type { Sys } from '@dockersim/kernel';
import { daemonLog } from '@dockersim/containerd';
import type { Daemon } from './daemon.ts';
import { ENGINE_COMMIT, ENGINE_VERSION } from './system.ts';
import { readText } from './util.ts';
import { saveAll, stopForShutdown } from './persist/restore.ts';

export async function logStartup(sys: Sys): Promise<void> {
  await daemonLog(sys, 'info', 'Starting up');
  await daemonLog(sys, 'info', 'Loading containers: start.');
  await daemonLog(sys, 'info', 'Loading containers: done.');
  await daemonLog(sys, 'info', 'Docker daemon', { commit: ENGINE_COMMIT, 'containerd-snapshotter': false, 'storage-driver': 'overlay2', version: ENGINE_VERSION });
  await daemonLog(sys, 'info', 'Daemon has completed initialization');
  await daemonLog(sys, 'info', 'API listen on /run/docker.sock');
}

async function liveRestore(sys: Sys): Promise<boolean> {
  try { return JSON.parse(await readText(sys, '/etc/docker/daemon.json'))?.['live-restore'] === true; } catch { return false; }
}

export async function shutdown(sys: Sys, daemon: Daemon): Promise<void> {
  await daemonLog(sys, 'info', "Processing signal 'terminated'");
  if (!(await liveRestore(sys))) {
    const running = [...daemon.containers.values()].filter((c) => c.state === 'running' || c.state === 'paused');
    await Promise.all(running.map((c) => stopForShutdown(daemon, c)));
  }
  await saveAll(daemon);
  await daemonLog(sys, 'info', 'stopping event stream following graceful shutdown', { error: '<nil>', module: 'libcontainerd', namespace: 'moby' });
  await daemonLog(sys, 'info', 'Daemon shutdown complete');
}
