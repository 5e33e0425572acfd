// GET /version, /info and /events.

import { osReleaseField } from './util.ts';
import { API_VERSION, MIN_API_VERSION, type ByteStream, type EventMessage, type FilterMap, type SystemInfo, type VersionResponse } from '@dockersim/engine-api';
import type { Daemon } from './daemon.ts';
import { rfc3339Nano } from './time.ts';

export const ENGINE_VERSION = '28.2.2';
export const ENGINE_COMMIT = '45873be';
export const GO_VERSION = 'go1.24.3';
export const CONTAINERD_VERSION = '1.7.27';
export const CONTAINERD_COMMIT = '05044ec0a9a75232cad458027ca83437aae3f4da';
export const RUNC_VERSION = '1.2.5';
export const RUNC_COMMIT = 'v1.2.5-0-g59923ef';

export function version(d: Daemon): VersionResponse {
  const kernel = d.sys.uname().release;
  return {
    Platform: { Name: 'Docker Engine - Community' },
    Components: [
      { Name: 'Engine', Version: ENGINE_VERSION, Details: { ApiVersion: API_VERSION, Arch: 'amd64', BuildTime: '2025-05-30T12:07:26.000000000+00:00', Experimental: 'false', GitCommit: ENGINE_COMMIT, GoVersion: GO_VERSION, KernelVersion: kernel, MinAPIVersion: MIN_API_VERSION, Os: 'linux' } },
      { Name: 'containerd', Version: CONTAINERD_VERSION, Details: { GitCommit: CONTAINERD_COMMIT } },
      { Name: 'runc', Version: RUNC_VERSION, Details: { GitCommit: RUNC_COMMIT } },
      { Name: 'docker-init', Version: '0.19.0', Details: { GitCommit: 'de40ad0' } },
    ],
    Version: ENGINE_VERSION, ApiVersion: API_VERSION, MinAPIVersion: MIN_API_VERSION, GitCommit: ENGINE_COMMIT,
    GoVersion: GO_VERSION, Os: 'linux', Arch: 'amd64', KernelVersion: kernel,
    BuildTime: '2025-05-30T12:07:26.000000000+00:00',
  };
}

export function info(d: Daemon): SystemInfo {
  const cs = [...d.containers.values()];
  const running = cs.filter((c) => c.state === 'running').length;
  const paused = cs.filter((c) => c.state === 'paused').length;
  const u = d.sys.uname();
  return {
    ID: d.opts.hostname.toUpperCase().padEnd(4, 'X') + '-SIM0-0000-0000-0000-0000-0000-0000',
    Containers: cs.length, ContainersRunning: running, ContainersPaused: paused, ContainersStopped: cs.length - running - paused,
    Images: d.images.all().length, Driver: 'overlay2',
    DriverStatus: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Using metacopy', 'false'], ['Native Overlay Diff', 'true'], ['userxattr', 'false']],
    Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'], Authorization: null, Log: ['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'splunk', 'syslog'] },
    MemoryLimit: true, SwapLimit: true, CpuCfsPeriod: true, CpuCfsQuota: true, CPUShares: true, CPUSet: true, PidsLimit: true,
    IPv4Forwarding: true, Debug: false, NFd: 24 + cs.length * 4, OomKillDisable: false, NGoroutines: 40 + running * 6,
    SystemTime: rfc3339Nano(d.sys.now()), LoggingDriver: 'json-file', CgroupDriver: 'systemd', CgroupVersion: '2',
    NEventsListener: 0, KernelVersion: u.release, OperatingSystem: osReleaseField(d.osRelease, 'PRETTY_NAME') || 'Linux', OSVersion: osReleaseField(d.osRelease, 'VERSION_ID'), OSType: 'linux',
    Architecture: 'x86_64', IndexServerAddress: 'https://index.docker.io/v1/', NCPU: 2, MemTotal: 4 * 1024 * 1024 * 1024,
    DockerRootDir: '/var/lib/docker', Name: u.nodename, Labels: [], ExperimentalBuild: false, ServerVersion: ENGINE_VERSION,
    Runtimes: { 'io.containerd.runc.v2': { path: 'runc' }, runc: { path: 'runc' } }, DefaultRuntime: 'runc',
    Swarm: { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null },
    LiveRestoreEnabled: false, Isolation: '', InitBinary: 'docker-init',
    ContainerdCommit: { ID: CONTAINERD_COMMIT }, RuncCommit: { ID: RUNC_COMMIT }, InitCommit: { ID: 'de40ad0' },
    SecurityOptions: ['name=seccomp,profile=builtin', 'name=cgroupns'], Warnings: null,
    HttpProxy: '', HttpsProxy: '', NoProxy: '',
  };
}

export function events(d: Daemon, opts: { since?: string; until?: string; filters: FilterMap }): ByteStream {
  // health_status, exec_create and exec_start also match their "name: detail" actions (moby #25798)
  const fuzzy = (opts.filters.event ?? []).some((v) => v === 'health_status' || v === 'exec_create' || v === 'exec_start');
  const match = (e: EventMessage) => {
    for (const [k, vs] of Object.entries(opts.filters)) {
      if (!vs.length) continue;
      const ok = vs.some((v) => {
        switch (k) {
          case 'type': return e.Type === v;
          case 'event': return e.Action === v || (fuzzy && e.Action.startsWith(v));
          case 'container': return e.Type === 'container' && (e.Actor.ID.startsWith(v) || e.Actor.Attributes.name === v);
          case 'image': return e.Actor.Attributes.image === v;
          default: return true;
        }
      });
      if (!ok) return false;
    }
    return true;
  };
  const since = opts.since !== undefined ? Number(opts.since.split('.')[0]) : undefined;
  const until = opts.until !== undefined ? Number(opts.until.split('.')[0]) : undefined;
  return d.bus.subscribe(match, since, until);
}

