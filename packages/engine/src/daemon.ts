// dockerd: the Engine API backend. Containers, images, execs and events live
// here; running anything is containerd's job, reached over its socket.

import { SIGKILL, SIGTERM, lazyLibrary, signalNumber, type Sys } from '@dockersim/kernel';
import type { Envelope } from '@dockersim/containerd';
import {
  EngineError, conflict, invalidParameter, type Backend, type ByteStream, type Conn,
  type ContainerCreateBody, type ContainerCreateResponse, type ContainerInspect, type ContainerSummary,
  type ContainerTopResponse, type ContainerWaitResponse, type ExecConfig, type ExecInspect,
  type FilterMap, type ImageDeleteItem, type ImageHistoryEntry, type ImageInspect, type ImageSummary,
  type SystemInfo, type VersionResponse, type Volume, type VolumeCreateBody, type VolumeListResponse,
  type VolumesPruneReport, type DiskUsage, type ContainerPathStat,
  type BuildQuery, type ContainerUpdateBody, type CommitQuery, type ContainerConfig, type NetworkCreateRequest, type NetworkConnectRequest, type NetworkDisconnectRequest,
} from '@dockersim/engine-api';
import { ContainerdClient, RpcError } from './containerd-client.ts';
import { inspectOf, summaryOf, type Container } from './container.ts';
import { EventBus } from './events.ts';
import { ImageStore, noSuchImage, type RegistryPort } from './images.ts';
import { OVERLAY2, removeTree } from './layers.ts';
import { findContainer } from './lookup.ts';
import { randomName } from './names.ts';
import { buildSpec, resolveUser } from './spec.ts';
import { withDaemonDefaults } from './host-config.ts';
import { StdioHub, withTimestamp, type LogEntry } from './stdio.ts';
import { randomHex, readText } from './util.ts';
import { ByteQueue } from './byte-queue.ts';
import { frame } from '@dockersim/engine-api';
import * as sysinfo from './system.ts';
import { containerTop } from './top.ts';
import * as images from './image-api.ts';
import * as execs from './exec.ts';
import * as attach from './attach.ts';
import type { AttachOptions } from './attach.ts';
import { VolumeStore } from './volumes/store.ts';
import { mountsAtCreate, mountsAtExit, mountsAtRemove, mountsAtStart, verifyMounts } from './volumes/hooks.ts';
import { releaseMounts } from './volumes/register.ts';
import * as vols from './volumes/api.ts';
import * as archives from './volumes/archive.ts';
import { diskUsage } from './volumes/df.ts';
import { NetController } from './network/controller.ts';
import { netAtCreate, netAtExit, netAtRemove, netAtTaskCreated, netBeforeTask, withNetworkSettings, withNetworkSummary } from './network/hooks.ts';
import * as nets from './network/api.ts';
import { connect as netConnect, disconnect as netDisconnect } from './network/connect.ts';
import * as health from './health.ts';
import * as restart from './restart.ts';
import * as pausing from './pause.ts';
import { withInit } from './init-spec.ts';
import * as containerFs from './container-fs.ts';
import { commit as containerCommit } from './container-commit.ts';
import { update as containerUpdate } from './update.ts';
import { stats as containerStats } from './stats.ts';

export interface DaemonOptions { registry: RegistryPort; hostname: string }

interface ContainerRuntime {
  logs: LogEntry[];
  hub: StdioHub;
}

// The builder's code loads with the first build or prune (its own chunk in the web bundle).
const builder = lazyLibrary(() => import('./builder/api.ts'));

export class Daemon implements Backend {
  readonly containers = new Map<string, Container>();
  readonly names = new Map<string, string>();
  readonly runtime = new Map<string, ContainerRuntime>();
  readonly execs = new Map<string, execs.Exec>();
  readonly images: ImageStore;
  readonly bus: EventBus;
  readonly ctr: ContainerdClient;
  readonly volumes: VolumeStore;
  readonly net: NetController;
  /** The host's /etc/os-release, read at start as dockerd does for `docker info`. */
  osRelease = '';

  constructor(readonly sys: Sys, readonly opts: DaemonOptions) {
    this.images = new ImageStore(sys);
    this.bus = new EventBus(() => sys.now());
    this.ctr = new ContainerdClient(sys);
    this.volumes = new VolumeStore(sys);
    this.net = new NetController(this);
  }

  async init(): Promise<void> {
    for (const d of ['/var/lib/docker', OVERLAY2, `${OVERLAY2}/l`, '/var/lib/docker/containers', '/var/lib/docker/image', '/var/lib/docker/volumes', '/var/run/docker', '/var/run/docker/containerd']) {
      try { this.sys.mkdir(d, 0o710); } catch { /* exists */ }
    }
    this.osRelease = await readText(this.sys, '/etc/os-release');
    await this.net.init();
    await this.ctr.subscribe((e) => this.onContainerdEvent(e));
  }

  randomHex(bytes: number): string { return randomHex(this.sys, bytes); }

  get(ref: string): Container { return findContainer(this.containers, this.names, ref); }

  // --- system ---
  version(): VersionResponse { return sysinfo.version(this); }
  info(): SystemInfo { return sysinfo.info(this); }
  events(opts: { since?: string; until?: string; filters: FilterMap }): ByteStream { return sysinfo.events(this, opts); }

  // --- containers ---
  async containerCreate(body: ContainerCreateBody, name: string): Promise<ContainerCreateResponse> {
    const sys = this.sys;
    if (name && !/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) {
      throw invalidParameter(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    }
    if (name.startsWith('/')) name = name.slice(1);
    if (name && this.names.has(name)) {
      throw conflict(`Conflict. The container name "/${name}" is already in use by container "${this.names.get(name)}". You have to remove (or rename) that container to be able to reuse that name.`);
    }
    const imageRef = body.Image ?? '';
    const img = this.images.get(imageRef);
    if (!img) throw noSuchImage(imageRef.includes(':') || imageRef.includes('@') ? imageRef : `${imageRef}:latest`);
    const ic = img.config.config ?? {};
    const hostConfig = withDaemonDefaults(body.HostConfig ?? {});
    if (hostConfig.AutoRemove && hostConfig.RestartPolicy.Name !== 'no' && hostConfig.RestartPolicy.Name !== '') {
      throw invalidParameter("can't create 'AutoRemove' container with restart policy");
    }
    restart.validateRestartPolicy(hostConfig.RestartPolicy);
    if (hostConfig.Memory && hostConfig.Memory < 6 * 1024 * 1024) throw invalidParameter('Minimum memory limit allowed is 6MB');
    verifyMounts(sys, hostConfig);
    // Entrypoint and Cmd: a given entrypoint drops the image's Cmd too.
    let entrypoint = body.Entrypoint ?? null;
    let cmd = body.Cmd ?? null;
    if (entrypoint && entrypoint.length === 1 && entrypoint[0] === '') entrypoint = [];
    if (entrypoint === null) {
      entrypoint = ic.Entrypoint ?? [];
      if (!cmd || !cmd.length) cmd = ic.Cmd ?? [];
    } else if (!cmd) cmd = [];
    const argv = [...entrypoint, ...(cmd ?? [])];
    if (!argv.length) throw invalidParameter('no command specified');
    const env = mergeEnv(ic.Env ?? [], body.Env ?? []);
    const id = this.randomHex(32);
    if (!name) {
      for (let retry = 0; ; retry++) {
        name = randomName((n) => this.randomInt(n), retry > 2 ? 1 : 0);
        if (!this.names.has(name)) break;
      }
    }
    const config = {
      Hostname: body.Hostname || (hostConfig.NetworkMode === 'host' ? this.opts.hostname : id.slice(0, 12)), Domainname: body.Domainname ?? '', User: body.User || ic.User || '',
      AttachStdin: !!body.AttachStdin, AttachStdout: !!body.AttachStdout, AttachStderr: !!body.AttachStderr,
      ...(ic.ExposedPorts || body.ExposedPorts ? { ExposedPorts: { ...(ic.ExposedPorts ?? {}), ...(body.ExposedPorts ?? {}) } } : {}),
      Tty: !!body.Tty, OpenStdin: !!body.OpenStdin, StdinOnce: !!body.StdinOnce,
      Env: env, Cmd: cmd && cmd.length ? cmd : null,
      ...((h) => (h ? { Healthcheck: h } : {}))(health.mergeHealthcheck(body.Healthcheck, ic.Healthcheck)),
      Image: imageRef, Volumes: body.Volumes || ic.Volumes ? { ...(body.Volumes ?? {}), ...(ic.Volumes ?? {}) } : null,
      WorkingDir: body.WorkingDir || ic.WorkingDir || '', Entrypoint: entrypoint.length ? entrypoint : null,
      OnBuild: null, Labels: { ...(ic.Labels ?? {}), ...(body.Labels ?? {}) },
      ...(body.StopSignal || ic.StopSignal ? { StopSignal: body.StopSignal || ic.StopSignal } : {}),
      ...(body.StopTimeout !== undefined ? { StopTimeout: body.StopTimeout } : {}),
    };
    const layerId = this.randomHex(32);
    const layerDir = `${OVERLAY2}/${layerId}`;
    for (const d of [layerDir, `${layerDir}/diff`, `${layerDir}/work`, `${layerDir}/merged`, `${layerDir}-init`, `${layerDir}-init/diff`]) sys.mkdir(d, 0o755);
    const cdir = `/var/lib/docker/containers/${id}`;
    sys.mkdir(cdir, 0o710);
    const c: Container = {
      id, name, created: sys.now(), path: argv[0], args: argv.slice(1), config, hostConfig,
      imageId: img.id, imageRef, state: 'created', pid: 0, exitCode: 0, error: '', oomKilled: false,
      startedAt: 0, finishedAt: 0, restartCount: 0, layerId,
      lowerDirs: this.images.layers.lowerDirs(img.top),
      hostnamePath: `${cdir}/hostname`, hostsPath: `${cdir}/hosts`, resolvConfPath: `${cdir}/resolv.conf`,
      logPath: `${cdir}/${id}-json.log`, execIds: new Set(), exitWaiters: [], removeWaiters: [],
      hasBeenStarted: false, manualStop: false, mountPoints: [],
    };
    await writeText(sys, c.hostnamePath, `${config.Hostname}\n`);
    await writeText(sys, c.hostsPath, `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n`);
    await writeText(sys, c.resolvConfPath, `# Generated by Docker Engine.\n# This file can be edited; Docker Engine will not make further changes once it\n# has been modified.\n\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n`);
    let warnings: string[] = [];
    try { warnings = netAtCreate(this.net, c, body.NetworkingConfig?.EndpointsConfig); await mountsAtCreate(this, c, hostConfig); } catch (e) {
      releaseMounts(this, c, true);
      for (const d of [layerDir, `${layerDir}-init`, cdir]) removeTree(sys, d);
      throw e;
    }
    this.containers.set(id, c);
    this.names.set(name, id);
    const logs: LogEntry[] = [];
    this.runtime.set(id, { logs, hub: new StdioHub(sys, !!config.Tty, true, logs) });
    this.bus.emit('container', 'create', id, { image: imageRef, name });
    return { Id: id, Warnings: warnings };
  }

  randomInt(n: number): number {
    const b = this.sys.getrandom(4);
    return (((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0) % n;
  }

  hub(c: Container): StdioHub { return this.runtime.get(c.id)!.hub; }

  async containerStart(ref: string): Promise<void> {
    const c = this.get(ref);
    if (c.state === 'paused') throw conflict('cannot start a paused container, try unpause instead');
    if (c.state === 'running' || c.state === 'restarting') throw new EngineError('NotModified', 'container already started');
    restart.resetRestart(c);
    await this.start(c);
  }

  async start(c: Container): Promise<void> {
    const sys = this.sys;
    const rt = this.runtime.get(c.id)!;
    if (rt.hub.closed) rt.hub = new StdioHub(sys, !!c.config.Tty, true, rt.logs);
    const hub = rt.hub;
    const layerDir = `${OVERLAY2}/${c.layerId}`;
    const merged = `${layerDir}/merged`;
    const lower = [`${layerDir}-init/diff`, ...c.lowerDirs].join(':');
    sys.mount('overlay', merged, 'overlay', 0, `lowerdir=${lower},upperdir=${layerDir}/diff,workdir=${layerDir}/work`);
    // SetupWorkingDirectory: a missing WorkingDir is made (root-owned, 0755).
    if (c.config.WorkingDir) mkdirAll(sys, merged + c.config.WorkingDir);
    let user;
    try {
      user = resolveUser(c.config.User ?? '', await readText(sys, `${merged}/etc/passwd`), await readText(sys, `${merged}/etc/group`));
    } catch (e) {
      sys.umount(merged);
      throw new EngineError('InvalidParameter', (e as Error).message);
    }
    try { mountsAtStart(this, c); } catch (e) { sys.umount(merged); throw e; }
    try { await netBeforeTask(this.net, c); } catch (e) { sys.umount(merged); mountsAtExit(this, c); throw e; }
    const spec = withInit(c, buildSpec(c, merged, user));
    const fifoDir = `/var/run/docker/containerd/${c.id}`;
    try { sys.mkdir(fifoDir, 0o700); } catch { /* exists */ }
    const io = hub.setup(fifoDir, 'init', !!c.config.OpenStdin);
    c.starting = true;
    c.pendingExit = undefined;
    try {
      // moby names the image to containerd only when containerd stores the images (not with overlay2)
      await this.ctr.call('containers', 'Create', { container: { id: c.id, image: '', runtime: { name: 'io.containerd.runc.v2' }, spec, labels: { 'com.docker/engine.bundle.path': `/var/run/docker/containerd/${c.id}` } } });
      const { pid } = await this.ctr.call<{ pid: number }>('tasks', 'Create', { containerId: c.id, io: { ...io, terminal: !!c.config.Tty } });
      c.pid = pid;
      await netAtTaskCreated(this.net, c, pid);
      await this.ctr.call('tasks', 'Start', { containerId: c.id });
      hub.started();
    } catch (e) {
      c.starting = false;
      hub.finish();
      await this.ctr.call('tasks', 'Delete', { containerId: c.id }).catch(() => undefined);
      await this.ctr.call('containers', 'Delete', { id: c.id }).catch(() => undefined);
      try { sys.umount(merged); } catch { /* not mounted */ }
      mountsAtExit(this, c);
      await netAtExit(this.net, c);
      const msg = e instanceof RpcError ? e.message : (e as Error).message;
      c.pid = 0;
      c.exitCode = /executable file not found|no such file or directory/.test(msg) ? 127 : /permission denied/.test(msg) ? 126 : 128;
      c.error = msg;
      this.bus.emit('container', 'die', c.id, { exitCode: String(c.exitCode), image: c.imageRef, name: c.name });
      if (c.hostConfig.AutoRemove) await this.remove(c, false, true);
      throw new EngineError('System', `failed to create task for container: ${msg}`);
    }
    c.state = 'running';
    c.hasBeenStarted = true;
    c.manualStop = false;
    c.oomKilled = false;
    c.startedAt = sys.now();
    c.finishedAt = 0;
    c.exitCode = 0;
    c.error = '';
    c.starting = false;
    this.bus.emit('container', 'start', c.id, { image: c.imageRef, name: c.name });
    health.onStart(this, c);
    if (c.pendingExit !== undefined) { const st = c.pendingExit; c.pendingExit = undefined; await this.onExit(c, st); }
  }

  private onContainerdEvent(e: Envelope): void {
    const ev = e.event;
    const c = this.containers.get(ev.containerId);
    if (!c) return;
    if (e.topic === '/tasks/oom') { c.oomKilled = true; this.bus.emit('container', 'oom', c.id, { image: c.imageRef, name: c.name }); return; }
    if (e.topic !== '/tasks/exit') return;
    if (ev.execId && ev.execId !== c.id && ev.id !== c.id) { execs.onExit(this, ev.execId, ev.exitStatus ?? 0); return; }
    void this.onExit(c, ev.exitStatus ?? 0);
  }

  private async onExit(c: Container, status: number): Promise<void> {
    const sys = this.sys;
    // A short-lived process can exit before tasks.Start has answered: keep the
    // exit until start() has marked the container running.
    if (c.starting) { c.pendingExit = status; return; }
    if (c.state !== 'running' && c.state !== 'paused') return;
    this.hub(c).finish();
    const ranMs = sys.now() - c.startedAt;
    const again = restart.shouldRestart(c, status, c.manualStop, ranMs);
    if (again.restart) c.restartCount++;
    c.state = again.restart ? 'restarting' : 'exited';
    health.stopMonitor(c);
    c.exitCode = status;
    c.pid = 0;
    c.finishedAt = sys.now();
    await this.ctr.call('tasks', 'Delete', { containerId: c.id }).catch(() => undefined);
    await this.ctr.call('containers', 'Delete', { id: c.id }).catch(() => undefined);
    try { sys.umount(`${OVERLAY2}/${c.layerId}/merged`); } catch { /* not mounted */ }
    mountsAtExit(this, c);
    await netAtExit(this.net, c);
    for (const x of c.execIds) execs.onContainerExit(this, x);
    this.bus.emit('container', 'die', c.id, { execDuration: String(Math.floor(ranMs / 1000)), exitCode: String(status), image: c.imageRef, name: c.name });
    const waiters = c.exitWaiters.splice(0);
    for (const w of waiters) w(status);
    if (again.restart) { await restart.restartAfterExit(this, c, again.delay); return; }
    if (c.hostConfig.AutoRemove) await this.remove(c, false, true);
  }

  async containerStop(ref: string, opts: { signal?: string; timeout?: number }): Promise<void> {
    const c = this.get(ref);
    if (c.state !== 'running' && c.state !== 'paused' && c.state !== 'restarting') throw new EngineError('NotModified', 'container already stopped');
    await this.stop(c, opts.signal, opts.timeout);
  }

  async stop(c: Container, signal?: string, timeout?: number): Promise<void> {
    const sig = signal ? parseSignal(signal) : c.config.StopSignal ? parseSignal(c.config.StopSignal) : SIGTERM;
    restart.beforeKill(c, sig, undefined, SIGKILL);
    if (c.state === 'restarting') {
      const stopped = new Promise<void>((r) => c.exitWaiters.push(() => r()));
      restart.cancelRestart(c);
      await stopped;
      this.bus.emit('container', 'stop', c.id, { image: c.imageRef, name: c.name });
      return;
    }
    const t = timeout ?? c.config.StopTimeout ?? 10;
    const exited = new Promise<void>((r) => c.exitWaiters.push(() => r()));
    const wasPaused = c.state === 'paused';
    // Stopping is killing with the stop signal, then SIGKILL: each logs a kill event, as in moby's killWithSignal.
    await this.ctr.call('tasks', 'Kill', { containerId: c.id, signal: sig }).then(
      () => this.bus.emit('container', 'kill', c.id, { image: c.imageRef, name: c.name, signal: String(sig) }), () => undefined);
    await pausing.thawAfterKill(this, c, wasPaused);
    if (t < 0) { await exited; return; }
    let done = false;
    void exited.then(() => { done = true; });
    const timer = this.sys.sleep(t * 1000).then(() => 'timeout' as const, () => 'timeout' as const);
    const r = await Promise.race([exited.then(() => 'exited' as const), timer]);
    if (r === 'timeout' && !done) {
      await this.ctr.call('tasks', 'Kill', { containerId: c.id, signal: SIGKILL, all: true }).then(
        () => this.bus.emit('container', 'kill', c.id, { image: c.imageRef, name: c.name, signal: String(SIGKILL) }), () => undefined);
      await exited;
    }
    this.bus.emit('container', 'stop', c.id, { image: c.imageRef, name: c.name });
  }

  async containerRestart(ref: string, opts: { signal?: string; timeout?: number }): Promise<void> {
    const c = this.get(ref);
    if (c.state === 'running' || c.state === 'paused' || c.state === 'restarting') await this.stop(c, opts.signal, opts.timeout);
    restart.resetRestart(c);
    c.manualStop = false;
    await this.start(c);
    this.bus.emit('container', 'restart', c.id, { image: c.imageRef, name: c.name });
  }

  async containerKill(ref: string, signal?: string): Promise<void> {
    const c = this.get(ref);
    const sig = signal ? parseSignal(signal) : SIGKILL;
    if (c.state !== 'running' && c.state !== 'paused' && c.state !== 'restarting') {
      throw conflict(`cannot kill container: ${ref}: container ${c.id} is not running`);
    }
    restart.beforeKill(c, sig, c.config.StopSignal ? signalNumber(c.config.StopSignal) || undefined : undefined, SIGKILL);
    if (c.state === 'restarting') {
      const stopped = new Promise<void>((r) => c.exitWaiters.push(() => r()));
      restart.cancelRestart(c);
      await stopped;
      return;
    }
    const wasPaused = c.state === 'paused';
    await this.ctr.call('tasks', 'Kill', { containerId: c.id, signal: sig });
    await pausing.thawAfterKill(this, c, wasPaused);
    this.bus.emit('container', 'kill', c.id, { image: c.imageRef, name: c.name, signal: String(sig) });
  }

  async containerPause(ref: string): Promise<void> { await pausing.pause(this, this.get(ref)); }
  async containerUnpause(ref: string): Promise<void> { await pausing.unpause(this, this.get(ref)); }

  async containerRename(ref: string, newName: string): Promise<void> {
    const c = this.get(ref);
    if (!newName) throw invalidParameter('Neither old nor new names may be empty');
    if (newName.startsWith('/')) newName = newName.slice(1);
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(newName)) throw invalidParameter(`Invalid container name (${newName}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    if (newName === c.name) throw invalidParameter('Renaming a container with the same name as its current name');
    if (this.names.has(newName)) throw conflict(`Conflict. The container name "/${newName}" is already in use by container "${this.names.get(newName)}". You have to remove (or rename) that container to be able to reuse that name.`);
    this.names.delete(c.name);
    const old = c.name;
    c.name = newName;
    this.names.set(newName, c.id);
    this.bus.emit('container', 'rename', c.id, { image: c.imageRef, name: newName, oldName: '/' + old });
  }

  async containerRemove(ref: string, opts: { force: boolean; removeVolumes: boolean }): Promise<void> {
    const c = this.get(ref);
    if ((c.state === 'running' || c.state === 'paused' || c.state === 'restarting') && !opts.force) {
      throw conflict(`cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`);
    }
    await this.remove(c, opts.force, opts.removeVolumes);
  }

  async remove(c: Container, force: boolean, removeVolumes = false): Promise<void> {
    if (c.state === 'removing') return;
    if (c.state === 'running' || c.state === 'paused') {
      if (!force) return;
      const exited = new Promise<void>((r) => c.exitWaiters.push(() => r()));
      c.manualStop = true;
      await this.ctr.call('tasks', 'Kill', { containerId: c.id, signal: SIGKILL, all: true }).catch(() => undefined);
      await exited;
      if (!this.containers.has(c.id)) return;
    }
    c.state = 'removing';
    const sys = this.sys;
    mountsAtRemove(this, c, removeVolumes);
    netAtRemove(this.net, c);
    removeTree(sys, `${OVERLAY2}/${c.layerId}`);
    removeTree(sys, `${OVERLAY2}/${c.layerId}-init`);
    removeTree(sys, `/var/lib/docker/containers/${c.id}`);
    removeTree(sys, `/var/run/docker/containerd/${c.id}`);
    this.containers.delete(c.id);
    this.names.delete(c.name);
    this.runtime.delete(c.id);
    for (const x of c.execIds) this.execs.delete(x);
    this.bus.emit('container', 'destroy', c.id, { image: c.imageRef, name: c.name });
    for (const w of c.removeWaiters.splice(0)) w();
  }

  containerList(opts: { all: boolean; limit: number; size: boolean; filters: FilterMap }): ContainerSummary[] {
    const now = this.sys.now();
    health.validateHealthFilter(opts.filters.health);
    // newest first; containers created in the same instant by creation order
    let list = [...this.containers.values()].reverse().sort((a, b) => b.created - a.created);
    // before= and since= cut this order at another container, as moby's list walk does
    const rank = new Map(list.map((c, i) => [c, i]));
    if (!opts.all && opts.limit <= 0) list = list.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
    list = list.filter((c) => matchFilters(c, opts.filters, this, rank));
    if (opts.limit > 0) list = list.slice(0, opts.limit);
    return list.map((c) => withNetworkSummary(this.net, c, summaryOf(c, now, this.imageNameFor(c))));
  }

  imageNameFor(c: Container): string {
    const img = this.images.get(c.imageId);
    if (!img) return c.imageRef;
    const want = this.images.get(c.imageRef);
    if (want && want.id === c.imageId) return c.imageRef;
    return img.repoTags[0] ?? c.imageId;
  }

  containerInspect(ref: string): ContainerInspect {
    const c = this.get(ref);
    return withNetworkSettings(this.net, c, inspectOf(c));
  }

  async containerLogs(ref: string, opts: { stdout: boolean; stderr: boolean; follow: boolean; tail: string; timestamps: boolean; since?: string; until?: string }): Promise<{ stream: ByteStream; tty: boolean }> {
    const c = this.get(ref);
    if (!opts.stdout && !opts.stderr) throw invalidParameter('You must choose at least one stream');
    const rt = this.runtime.get(c.id)!;
    const tty = !!c.config.Tty;
    const mask = (opts.stdout ? 1 : 0) | (opts.stderr ? 2 : 0);
    const q = new ByteQueue();
    // since/until are "SECONDS[.NANOS]" (the client converts dates and durations)
    const since = opts.since ? Number(opts.since) * 1000 : 0;
    const until = opts.until ? Number(opts.until) * 1000 : 0;
    if (Number.isNaN(since) || Number.isNaN(until)) throw invalidParameter(`invalid value for "${Number.isNaN(since) ? 'since' : 'until'}"`);
    const all = rt.hub.logs.filter((e) => (mask & e.stream) && e.t >= since && (!until || e.t <= until));
    const n = opts.tail === 'all' || opts.tail === '' ? all.length : Math.max(0, parseInt(opts.tail, 10) || 0);
    for (const e of all.slice(all.length - Math.min(n, all.length))) {
      const line = opts.timestamps ? withTimestamp(e) : e.line;
      q.push(tty ? line : frame(e.stream, line));
    }
    if (opts.follow && !until && (c.state === 'running' || c.state === 'restarting') && !rt.hub.closed) rt.hub.follow(q, mask, opts.timestamps);
    else q.end();
    return { stream: q, tty };
  }

  async containerWait(ref: string, condition: string): Promise<{ result: Promise<ContainerWaitResponse> }> {
    const c = this.get(ref);
    if (condition === 'removed') {
      return { result: new Promise((r) => c.removeWaiters.push(() => r({ StatusCode: c.exitCode, Error: null }))) };
    }
    if (condition === 'not-running' && c.state !== 'running' && c.state !== 'restarting' && c.state !== 'paused') {
      return { result: Promise.resolve({ StatusCode: c.exitCode, Error: null }) };
    }
    return { result: new Promise((r) => c.exitWaiters.push((code) => r({ StatusCode: code, Error: null }))) };
  }

  containerAttach(ref: string, opts: AttachOptions): Promise<{ conn: Conn; tty: boolean }> { return attach.containerAttach(this, ref, opts); }

  async containerResize(ref: string, h: number, w: number): Promise<void> {
    const c = this.get(ref);
    if (c.state !== 'running') throw conflict(`container ${c.id} is not running`);
    await this.ctr.call('tasks', 'ResizePty', { containerId: c.id, width: w, height: h }).catch(() => undefined);
  }

  async containerTop(ref: string, psArgs?: string): Promise<ContainerTopResponse> {
    const c = this.get(ref);
    if (c.state !== 'running') throw conflict(`container ${c.id} is not running`);
    const { processes } = await this.ctr.call<{ processes: { pid: number }[] }>('tasks', 'Pids', { containerId: c.id });
    return containerTop(this.sys, processes.map((p) => p.pid), psArgs);
  }

  async containerPrune(filters: FilterMap): Promise<{ ContainersDeleted: string[] | null; SpaceReclaimed: number }> {
    const deleted: string[] = [];
    for (const c of [...this.containers.values()]) {
      if (c.state === 'running' || c.state === 'paused' || c.state === 'restarting') continue;
      if (!matchFilters(c, filters, this)) continue;
      await this.remove(c, false);
      deleted.push(c.id);
    }
    return { ContainersDeleted: deleted.length ? deleted : null, SpaceReclaimed: 0 };
  }

  // --- diff, export, stats, update, commit ---
  async containerChanges(ref: string) { return containerFs.changes(this.sys, this.get(ref)); }
  async containerExport(ref: string) { return containerFs.exportRootfs(this.sys, this.get(ref)); }
  async containerStats(ref: string, opts: { stream: boolean; oneShot: boolean }) { return containerStats(this, this.get(ref), opts); }
  async containerUpdate(ref: string, body: ContainerUpdateBody) { return containerUpdate(this, this.get(ref), body); }
  async containerCommit(q: CommitQuery, config: ContainerConfig | undefined) { return containerCommit(this, this.get(q.container), q, config); }

  // --- exec ---
  execCreate(id: string, config: ExecConfig) { return execs.create(this, id, config); }
  execStart(execId: string, opts: { Detach?: boolean; Tty?: boolean; ConsoleSize?: [number, number] }) { return execs.start(this, execId, opts); }
  execInspect(execId: string): ExecInspect { return execs.inspect(this, execId); }
  execResize(execId: string, h: number, w: number) { return execs.resize(this, execId, h, w); }

  // --- images ---
  imagePull(fromImage: string, tag: string | undefined): ByteStream { return images.pull(this, fromImage, tag); }
  imageList(opts: { all: boolean; filters: FilterMap; digests: boolean }): ImageSummary[] { return images.list(this, opts); }
  imageInspect(name: string): ImageInspect { return images.inspect(this, name); }
  imageHistory(name: string): ImageHistoryEntry[] { return images.history(this, name); }
  imageRemove(name: string, opts: { force: boolean; noprune: boolean }): Promise<ImageDeleteItem[]> { return images.remove(this, name, opts); }
  imageTag(source: string, repo: string, tag?: string): Promise<void> { return images.tag(this, source, repo, tag); }
  imagePrune(filters: FilterMap) { return this.sys.dlopen(builder).then((b) => b.imagePrune(this, filters)); }

  // --- build ---
  imageBuild(opts: BuildQuery, context: Uint8Array): Promise<ByteStream> { return this.sys.dlopen(builder).then((b) => b.build(this, opts, context)); }
  buildPrune(opts: { all: boolean; filters: FilterMap }) { return this.sys.dlopen(builder).then((b) => b.buildPrune(this, opts)); }

  // --- volumes, archives, disk usage ---
  // --- networks ---
  networkList(filters: FilterMap) { return nets.listNetworks(this.net, filters); }
  networkInspect(id: string) { return nets.inspectNetwork(this.net, id); }
  async networkCreate(body: NetworkCreateRequest) { return nets.createNetwork(this.net, body); }
  async networkRemove(id: string): Promise<void> { nets.removeNetwork(this.net, id); }
  networkConnect(id: string, body: NetworkConnectRequest) { return netConnect(this.net, id, body); }
  networkDisconnect(id: string, body: NetworkDisconnectRequest) { return netDisconnect(this.net, id, body.Container ?? '', !!body.Force); }
  async networksPrune(filters: FilterMap) { return nets.pruneNetworks(this.net, filters); }

  async volumeCreate(body: VolumeCreateBody): Promise<Volume> { return vols.create(this.volumes, this.bus, body); }
  volumeList(filters: FilterMap): VolumeListResponse { return vols.list(this.volumes, filters); }
  volumeInspect(name: string): Volume { return this.volumes.view(this.volumes.get(name)); }
  async volumeRemove(name: string, force: boolean): Promise<void> { vols.remove(this.volumes, this.bus, name, force); }
  async volumesPrune(filters: FilterMap): Promise<VolumesPruneReport> { return vols.prune(this.sys, this.volumes, this.bus, filters); }
  async systemDf(types: string[]): Promise<DiskUsage> { return diskUsage(this, types); }
  containerStatPath(ref: string, path: string): Promise<ContainerPathStat> { return archives.statPath(this.sys, this.get(ref), ref, path); }
  containerArchive(ref: string, path: string) { return archives.archive(this.sys, this.get(ref), ref, path); }
  containerExtract(ref: string, path: string, tar: Uint8Array, o: { noOverwriteDirNonDir: boolean; copyUIDGID: boolean }) { return archives.extractInto(this.sys, this.get(ref), ref, path, tar, o); }
}


function parseSignal(s: string): number {
  const n = signalNumber(s);
  if (!n) throw invalidParameter(`Invalid signal: ${s}`);
  return n;
}

function mergeEnv(base: string[], over: string[]): string[] {
  const out = [...base];
  for (const e of over) {
    const k = e.includes('=') ? e.slice(0, e.indexOf('=')) : e;
    const i = out.findIndex((x) => x === k || x.startsWith(k + '='));
    if (i >= 0) out[i] = e; else out.push(e);
  }
  return out;
}

function matchFilters(c: Container, f: FilterMap, d: Daemon, rank?: Map<Container, number>): boolean {
  for (const [k, vs] of Object.entries(f)) {
    if (!vs.length) continue;
    const ok = vs.some((v) => {
      switch (k) {
        case 'status': return c.state === v;
        case 'name': return new RegExp(v).test(c.name);
        case 'id': return c.id.startsWith(v);
        case 'label': {
          const [lk, lv] = v.split('=', 2);
          const labels = c.config.Labels ?? {};
          return lv === undefined ? lk in labels : labels[lk] === lv;
        }
        case 'exited': return c.state === 'exited' && String(c.exitCode) === v;
        case 'health': return health.healthStatus(c) === v;
        case 'ancestor': { const img = d.images.get(v); return c.imageRef === v || (!!img && img.id === c.imageId); }
        // a volume by name (a bind by its source) or any mount by its destination
        case 'volume': return (c.mountPoints ?? []).some((m) => m.Destination === v || (m.Name ? m.Name === v : m.Source === v));
        case 'before': return (rank?.get(c) ?? 0) > (rank?.get(d.get(v)) ?? 0);
        case 'since': return (rank?.get(c) ?? 0) < (rank?.get(d.get(v)) ?? 0);
        default: throw invalidParameter(`invalid filter '${k}'`);
      }
    });
    if (!ok) return false;
  }
  return true;
}

function mkdirAll(sys: Sys, path: string): void {
  let p = '';
  for (const part of path.split('/').filter(Boolean)) {
    p += '/' + part;
    try { sys.mkdir(p, 0o755); } catch { /* exists */ }
  }
}

export async function writeText(sys: Sys, path: string, text: string): Promise<void> {
  const fd = sys.open(path, 0o1101, 0o644);
  await sys.write(fd, text);
  sys.close(fd);
}

