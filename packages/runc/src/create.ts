// `runc create`: reads the bundle's config.json, makes the state directory
// with exec.fifo, creates the cgroup, clones the init into new namespaces,
// moves it into the cgroup, waits for it to report ready (or its error),
// then records state.json and the pid file and exits, leaving the init
// blocked on exec.fifo.

import {
  CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWCGROUP,
  AF_UNIX, SOCK_SEQPACKET, S_IFIFO, O_RDONLY, O_CLOEXEC, SIGKILL, EEXIST, ENOENT, isSysError,
} from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import type { OciSpec } from './spec.ts';
import { RuncError, readText, writeText, mkdirAll, removeAll, goErr } from './sysio.ts';
import { cgroupDir, createCgroup, joinCgroup, removeCgroup } from './cgroups.ts';
import { CREATE_CGROUPNS, containerInit, READY } from './init.ts';
import type { InitArgs, InitError } from './init.ts';
import { EXEC_FIFO, resourcesOf, saveState } from './state.ts';
import type { ContainerState } from './state.ts';
import { rfc3339Nano } from './goformat.ts';
import { checkTerminal, dialConsoleSocket, ForegroundTty } from './console.ts';

const NS_FLAGS: Record<string, number> = {
  mount: CLONE_NEWNS, uts: CLONE_NEWUTS, ipc: CLONE_NEWIPC, user: CLONE_NEWUSER, pid: CLONE_NEWPID,
  network: CLONE_NEWNET, cgroup: CLONE_NEWCGROUP,
};
/** /proc/PID/ns/<name> and libcontainer's NEWxxx keys. */
const NS_PROC: Record<string, [file: string, key: string]> = {
  mount: ['mnt', 'NEWNS'], uts: ['uts', 'NEWUTS'], ipc: ['ipc', 'NEWIPC'], user: ['user', 'NEWUSER'],
  pid: ['pid', 'NEWPID'], network: ['net', 'NEWNET'], cgroup: ['cgroup', 'NEWCGROUP'],
};

export interface CreateOptions {
  root: string;
  id: string;
  bundle: string;
  pidFile?: string;
  systemdCgroup: boolean;
  /** --console-socket: where the init sends its pty master (process.terminal). */
  consoleSocket?: string;
  /** `runc run` without --detach: runc stays, and with a terminal takes the master itself. */
  foreground?: boolean;
}

/** The init's pid, and in the foreground with a terminal the handler waiting for its master. */
export interface Created { pid: number; tty: ForegroundTty | null }

const ID_RE = /^[\w+\-.]+$/;

export function validateId(id: string): void {
  if (!ID_RE.test(id) || id === '.' || id === '..') throw new RuncError(`invalid id format: ${id}`);
}

export async function loadSpec(sys: Sys, bundle: string): Promise<OciSpec> {
  let text: string;
  try { text = await readText(sys, `${bundle}/config.json`); } catch (e) {
    if (isSysError(e, ENOENT)) throw new RuncError('JSON specification file config.json not found');
    throw new RuncError(goErr(e, 'open', `${bundle}/config.json`));
  }
  try { return JSON.parse(text) as OciSpec; } catch (e) { throw new RuncError((e as Error).message); }
}

export async function create(sys: Sys, o: CreateOptions): Promise<Created> {
  validateId(o.id);
  const bundle = o.bundle || sys.getcwd();
  const spec = await loadSpec(sys, bundle);
  if (!spec.process) throw new RuncError('unable to setup user: process is not set');
  checkTerminal(!!spec.process.terminal, !o.foreground, o.consoleSocket);
  const namespaces = spec.linux?.namespaces ?? [];
  let flags = 0;
  const join: { type: string; path: string }[] = [];
  let pidNsPath = '';
  for (const ns of namespaces) {
    if (ns.path) { if (ns.type === 'pid') pidNsPath = ns.path; else join.push({ type: ns.type, path: ns.path }); }
    else flags |= NS_FLAGS[ns.type] ?? 0;
  }
  if (spec.hostname && !(flags & CLONE_NEWUTS)) throw new RuncError('unable to set hostname without a private UTS namespace');
  const rootfs = spec.root.path.startsWith('/') ? spec.root.path : `${bundle}/${spec.root.path}`;
  try { sys.stat(rootfs); } catch (e) { throw new RuncError(`invalid rootfs: ${goErr(e, 'stat', rootfs)}`); }

  mkdirAll(sys, o.root, 0o700);
  const dir = `${o.root}/${o.id}`;
  try { sys.mkdir(dir, 0o711); } catch (e) {
    if (isSysError(e, EEXIST)) throw new RuncError('container with given ID already exists');
    throw new RuncError(goErr(e, 'mkdir', dir));
  }
  const fifo = `${dir}/${EXEC_FIFO}`;
  const cgPath = cgroupDir(spec.linux.cgroupsPath ?? '', o.id, o.systemdCgroup);
  let child = 0;
  let consoleFd = -1;
  let tty: ForegroundTty | null = null;
  try {
    sys.mknod(fifo, S_IFIFO | 0o622);
    if (o.consoleSocket) consoleFd = await dialConsoleSocket(sys, o.consoleSocket);
    else if (spec.process.terminal) { tty = new ForegroundTty(sys); consoleFd = tty.childEnd; }
    await createCgroup(sys, cgPath, spec);
    if (pidNsPath) {
      const fd = sys.open(pidNsPath, O_RDONLY | O_CLOEXEC);
      try { sys.setns(fd, CLONE_NEWPID); } finally { sys.close(fd); }
    }
    const [p, c] = sys.socketpair(AF_UNIX, SOCK_SEQPACKET);
    sys.setCloexec(p, true);
    sys.setCloexec(c, true);
    // nsexec unshares the cgroup namespace last, once the parent has put the
    // init into its cgroup, so that cgroup becomes the namespace's root.
    const newCgroupNs = (flags & CLONE_NEWCGROUP) !== 0;
    const args: InitArgs = {
      spec, rootfs, fifo, sync: c, parentEnd: p, join,
      newMountNs: (flags & CLONE_NEWNS) !== 0, newUtsNs: (flags & CLONE_NEWUTS) !== 0, newCgroupNs, consoleSocket: consoleFd,
    };
    try {
      child = sys.clone({ flags: flags & ~CLONE_NEWCGROUP, comm: 'runc:[2:INIT]', child: (s) => containerInit(s, args) });
    } finally {
      sys.close(c);
      // only the init's copy stays open: the caller sees EOF if it dies before sending the master
      if (consoleFd >= 0 && !tty) sys.close(consoleFd);
      consoleFd = -1;
    }
    let reply: unknown;
    try {
      await joinCgroup(sys, cgPath, child);
      if (newCgroupNs) await sys.sendmsg(p, CREATE_CGROUPNS);
      reply = await sys.recvmsg(p);
    } finally { sys.close(p); }
    if (reply !== READY) {
      const msg = reply && typeof reply === 'object' ? (reply as InitError).error : 'procReady not received';
      throw new RuncError(`unable to start container process: error during container init: ${msg}`);
    }
    const nsPaths: Record<string, string> = {};
    const nsList: { type: string; path: string }[] = [];
    for (const ns of namespaces) {
      const [file, key] = NS_PROC[ns.type]!;
      const path = ns.path || `/proc/${child}/ns/${file}`;
      nsPaths[key] = path;
      nsList.push({ type: key, path: ns.path ?? '' });
    }
    const labels = [`bundle=${bundle}`];
    if (spec.annotations) for (const k of Object.keys(spec.annotations)) labels.push(`${k}=${spec.annotations[k]}`);
    const st: ContainerState = {
      id: o.id,
      init_process_pid: child,
      init_process_start: sys.uptime(),
      created: rfc3339Nano(sys.now()),
      config: { rootfs, labels, version: spec.ociVersion, cgroups_path: spec.linux.cgroupsPath ?? '', namespaces: nsList, cgroups: resourcesOf(spec.linux.resources) },
      rootless: false,
      cgroup_paths: { '': cgPath },
      namespace_paths: nsPaths,
    };
    await saveState(sys, o.root, st);
    if (o.pidFile) await writePidFile(sys, o.pidFile, child);
    return { pid: child, tty };
  } catch (e) {
    if (consoleFd >= 0 && !tty) sys.close(consoleFd);
    if (tty) await tty.close();
    if (child > 0) {
      try { sys.kill(child, SIGKILL); } catch { /* gone */ }
      try { await sys.wait4(child); } catch { /* reaped */ }
    }
    try { removeCgroup(sys, cgPath); } catch { /* best effort */ }
    removeAll(sys, dir);
    const msg = e instanceof Error && !isSysError(e) ? e.message : goErr(e);
    throw new RuncError(msg.startsWith('unable to start container process') ? msg : `unable to start container process: ${msg}`);
  }
}

/** createPidFile: written beside its name and renamed, so readers never see half of it. */
export async function writePidFile(sys: Sys, path: string, pid: number): Promise<void> {
  const i = path.lastIndexOf('/');
  const tmp = `${path.slice(0, i + 1)}.${path.slice(i + 1)}`;
  await writeText(sys, tmp, String(pid), 0o666);
  sys.rename(tmp, path);
}
