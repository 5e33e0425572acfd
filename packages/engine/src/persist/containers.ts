// A container on disk, as moby's Container.CheckpointTo writes it:
// /var/lib/docker/containers/ID/config.v2.json (state, config, mounts,
// network attachments) and hostconfig.json, its json-file log ID-json.log,
// and the layer store's mounts/ID/{mount-id,init-id} naming its overlay2
// directories (whose `lower` file lists the image's layers).

import type { ContainerConfig, HostConfig } from '@dockersim/engine-api';
import type { Sys } from '@dockersim/kernel';
import type { Container } from '../container.ts';
import type { EndpointConfig } from '../network/controller.ts';
import type { LogEntry } from '../stdio.ts';
import type { MountPoint } from '../volumes/parse.ts';
import { OVERLAY2 } from '../layers.ts';
import { rfc3339Nano } from '../time.ts';
import { readText } from '../util.ts';
import { mkdirAll, parseTime, writeFileAtomic, writeJson, readJson } from './disk.ts';

export const CONTAINERS_ROOT = '/var/lib/docker/containers';
const MOUNTS_ROOT = '/var/lib/docker/image/overlay2/layerdb/mounts';

/** NetworkSettings.Networks entries: what the endpoint was asked for, by network name. */
interface SavedEndpoint { Aliases: string[] | null; IPAMConfig: { IPv4Address: string } | null; Links: string[] | null; DriverOpts: Record<string, string> | null; GwPriority: number; DNSNames: string[] | null }

export interface ConfigV2 {
  StreamConfig: object;
  State: {
    Running: boolean; Paused: boolean; Restarting: boolean; OOMKilled: boolean; RemovalInProgress: boolean; Dead: boolean;
    Pid: number; ExitCode: number; Error: string; StartedAt: string; FinishedAt: string; Health: null;
  };
  ID: string; Created: string; Managed: boolean; Path: string; Args: string[]; Config: ContainerConfig; Image: string;
  ImageManifest: null;
  NetworkSettings: { Networks: Record<string, SavedEndpoint> };
  LogPath: string; Name: string; Driver: string; OS: string; RestartCount: number;
  HasBeenStartedBefore: boolean; HasBeenManuallyStopped: boolean;
  MountPoints: Record<string, MountPoint>;
  SecretReferences: null; ConfigReferences: null; MountLabel: string; ProcessLabel: string; AppArmorProfile: string;
  SeccompProfile: string; NoNewPrivileges: boolean;
  HostnamePath: string; HostsPath: string; ShmPath: string; ResolvConfPath: string;
  LocalLogCacheMeta: { HaveNotifyEnabled: boolean };
}

/**
 * order: the container's place in creation order, kept in the nanoseconds of
 * Created, so containers made in the same millisecond list as they did.
 */
export function configV2(c: Container, eps: [string, EndpointConfig][], order = 0): ConfigV2 {
  const networks: Record<string, SavedEndpoint> = {};
  for (const [name, e] of eps) {
    networks[name] = { Aliases: e.aliases.length ? e.aliases : null, IPAMConfig: e.ipv4 ? { IPv4Address: e.ipv4 } : null, Links: e.links, DriverOpts: e.driverOpts, GwPriority: e.gwPriority, DNSNames: e.dnsNames };
  }
  const mounts: Record<string, MountPoint> = {};
  for (const m of c.mountPoints) mounts[m.Destination] = m;
  const running = c.state === 'running' || c.state === 'paused' || c.state === 'restarting';
  return {
    StreamConfig: {},
    State: {
      Running: running, Paused: c.state === 'paused', Restarting: c.state === 'restarting', OOMKilled: c.oomKilled,
      RemovalInProgress: c.state === 'removing', Dead: c.state === 'dead', Pid: c.pid, ExitCode: c.exitCode, Error: c.error,
      StartedAt: rfc3339Nano(c.startedAt), FinishedAt: rfc3339Nano(c.finishedAt), Health: null,
    },
    ID: c.id, Created: rfc3339Nano(c.created, order % 1_000_000), Managed: false, Path: c.path, Args: c.args, Config: c.config, Image: c.imageId,
    ImageManifest: null, NetworkSettings: { Networks: networks }, LogPath: c.logPath, Name: '/' + c.name, Driver: 'overlay2', OS: 'linux',
    RestartCount: c.restartCount, HasBeenStartedBefore: c.hasBeenStarted, HasBeenManuallyStopped: c.manualStop,
    MountPoints: mounts, SecretReferences: null, ConfigReferences: null, MountLabel: '', ProcessLabel: '', AppArmorProfile: '',
    SeccompProfile: '', NoNewPrivileges: false, HostnamePath: c.hostnamePath, HostsPath: c.hostsPath, ShmPath: '',
    ResolvConfPath: c.resolvConfPath, LocalLogCacheMeta: { HaveNotifyEnabled: false },
  };
}

/** Writes the container's files (state while running stays "running": a crash leaves it so, as in moby). */
export async function checkpoint(sys: Sys, c: Container, eps: [string, EndpointConfig][], order = 0): Promise<void> {
  const dir = `${CONTAINERS_ROOT}/${c.id}`;
  try { sys.stat(dir); } catch { return; } // removed meanwhile
  await writeJson(sys, `${dir}/config.v2.json`, configV2(c, eps, order));
  await writeJson(sys, `${dir}/hostconfig.json`, c.hostConfig, 0o644);
  const mdir = `${MOUNTS_ROOT}/${c.id}`;
  mkdirAll(sys, mdir);
  await writeFileAtomic(sys, `${mdir}/mount-id`, c.layerId, 0o644);
  await writeFileAtomic(sys, `${mdir}/init-id`, `${c.layerId}-init`, 0o644);
  await writeFileAtomic(sys, `${OVERLAY2}/${c.layerId}/lower`, c.lowerDirs.join(':'), 0o644);
}

export function forget(sys: Sys, id: string): void {
  for (const f of ['mount-id', 'init-id']) { try { sys.unlink(`${MOUNTS_ROOT}/${id}/${f}`); } catch { /* gone */ } }
  try { sys.rmdir(`${MOUNTS_ROOT}/${id}`); } catch { /* gone */ }
}

/** The json-file driver's log: one {"log","stream","time"} object a line. */
export async function writeLog(sys: Sys, c: Container, logs: LogEntry[]): Promise<void> {
  const dec = new TextDecoder();
  let text = '';
  for (const e of logs) text += JSON.stringify({ log: dec.decode(e.line), stream: e.stream === 1 ? 'stdout' : 'stderr', time: rfc3339Nano(e.t) }) + '\n';
  try { sys.stat(`${CONTAINERS_ROOT}/${c.id}`); } catch { return; }
  await writeFileAtomic(sys, c.logPath, text, 0o640);
}

export async function readLog(sys: Sys, path: string): Promise<LogEntry[]> {
  let text = '';
  try { text = await readText(sys, path); } catch { return []; }
  const enc = new TextEncoder();
  const out: LogEntry[] = [];
  for (const l of text.split('\n')) {
    if (!l) continue;
    try {
      const e = JSON.parse(l) as { log: string; stream: string; time: string };
      out.push({ stream: e.stream === 'stderr' ? 2 : 1, t: parseTime(e.time), line: enc.encode(e.log) });
    } catch { /* a torn line */ }
  }
  return out;
}

/** A container back from its files, stopped (its task did not survive the daemon), with its network requests. */
export async function load(sys: Sys, id: string): Promise<{ c: Container; wasRunning: boolean; eps: [string, EndpointConfig][]; order: number } | undefined> {
  const dir = `${CONTAINERS_ROOT}/${id}`;
  const v2 = await readJson<ConfigV2>(sys, `${dir}/config.v2.json`);
  const hc = await readJson<HostConfig>(sys, `${dir}/hostconfig.json`);
  if (!v2 || !hc || v2.ID !== id) return undefined;
  let layerId = '';
  try { layerId = (await readText(sys, `${MOUNTS_ROOT}/${id}/mount-id`)).trim(); } catch { return undefined; }
  let lower = '';
  try { lower = (await readText(sys, `${OVERLAY2}/${layerId}/lower`)).trim(); } catch { /* no layers */ }
  const s = v2.State;
  const wasRunning = s.Running;
  const c: Container = {
    id, name: v2.Name.replace(/^\//, ''), created: parseTime(v2.Created), path: v2.Path, args: v2.Args,
    config: v2.Config, hostConfig: hc, imageId: v2.Image, imageRef: v2.Config.Image ?? v2.Image,
    state: s.Dead ? 'dead' : v2.HasBeenStartedBefore ? 'exited' : 'created',
    pid: 0, exitCode: s.ExitCode, error: s.Error, oomKilled: s.OOMKilled,
    startedAt: parseTime(s.StartedAt), finishedAt: parseTime(s.FinishedAt), restartCount: v2.RestartCount,
    layerId, lowerDirs: lower ? lower.split(':') : [],
    hostnamePath: v2.HostnamePath, hostsPath: v2.HostsPath, resolvConfPath: v2.ResolvConfPath, logPath: v2.LogPath,
    execIds: new Set(), exitWaiters: [], removeWaiters: [], hasBeenStarted: v2.HasBeenStartedBefore,
    manualStop: v2.HasBeenManuallyStopped, mountPoints: Object.values(v2.MountPoints ?? {}),
  };
  const eps: [string, EndpointConfig][] = Object.entries(v2.NetworkSettings?.Networks ?? {}).map(([name, e]) => [name, {
    aliases: e.Aliases ?? [], ipv4: e.IPAMConfig?.IPv4Address ?? '', links: e.Links, driverOpts: e.DriverOpts, gwPriority: e.GwPriority ?? 0, dnsNames: e.DNSNames,
  }]);
  const frac = /\.(\d+)Z$/.exec(v2.Created)?.[1] ?? '';
  return { c, wasRunning, eps, order: Number(frac.padEnd(9, '0').slice(3)) };
}
