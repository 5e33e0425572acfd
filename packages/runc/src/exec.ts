// `runc exec`: a new process in a running container. runc joins the
// container's pid namespace (for its children), clones the process, moves it
// into the container's cgroup, and the process joins the other namespaces,
// takes the user and cwd, checks the program exists and execs. With
// --detach runc exits once it has started (the shim, a subreaper, adopts
// it); otherwise runc waits and exits with the process's status.

import { O_RDONLY, O_CLOEXEC, AF_UNIX, SOCK_SEQPACKET, SIGKILL } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import type { OciProcess } from './spec.ts';
import { RuncError, readText, goErr } from './sysio.ts';
import { loadState, containerStatus, bundleOf } from './state.ts';
import { joinCgroup } from './cgroups.ts';
import { lookPath } from './lookpath.ts';
import { goQuote } from './goformat.ts';
import { loadSpec, writePidFile } from './create.ts';
import { checkTerminal, dialConsoleSocket, setupConsole, ForegroundTty } from './console.ts';

export interface ExecOptions {
  root: string;
  id: string;
  processFile?: string;
  /** The command when no --process is given. */
  args: string[];
  env: string[];
  cwd?: string;
  user?: string;
  additionalGids: number[];
  tty: boolean;
  detach: boolean;
  pidFile?: string;
  /** --console-socket: where the process's pty master goes (with a terminal and --detach). */
  consoleSocket?: string;
}

/** Joining order of nsexec: user first, mount last. */
const JOIN_ORDER = ['NEWUSER', 'NEWIPC', 'NEWUTS', 'NEWNET', 'NEWCGROUP', 'NEWNS'];

/** Returns the exit status to exit with (0 when detached). */
export async function exec(sys: Sys, o: ExecOptions): Promise<number> {
  const st = await loadState(sys, o.root, o.id);
  const status = await containerStatus(sys, o.root, st);
  if (status === 'stopped') throw new RuncError('cannot exec in a stopped container');
  if (status === 'paused') throw new RuncError('cannot exec in a paused container');
  let proc: OciProcess;
  if (o.processFile) {
    try { proc = JSON.parse(await readText(sys, o.processFile)) as OciProcess; } catch (e) {
      throw new RuncError(goErr(e, 'open', o.processFile));
    }
  } else {
    if (o.args.length === 0) throw new RuncError('exec args cannot be empty');
    const spec = await loadSpec(sys, bundleOf(st).bundle);
    proc = { ...spec.process, args: o.args, terminal: o.tty, env: [...spec.process.env, ...o.env] };
    if (o.cwd) proc.cwd = o.cwd;
    if (o.user) {
      const [u, g] = o.user.split(':');
      proc.user = { uid: Number(u), gid: g !== undefined ? Number(g) : 0 };
    }
    if (o.additionalGids.length) proc.user = { ...proc.user, additionalGids: o.additionalGids };
  }

  try { checkTerminal(!!proc.terminal, o.detach, o.consoleSocket); } catch (e) { throw new RuncError(`exec failed: ${(e as Error).message}`, 255); }
  let consoleFd = -1;
  let fg: ForegroundTty | null = null;
  if (proc.terminal) {
    if (o.consoleSocket) {
      try { consoleFd = await dialConsoleSocket(sys, o.consoleSocket); } catch (e) { throw new RuncError(`exec failed: ${(e as Error).message}`, 255); }
    } else {
      fg = new ForegroundTty(sys);
      consoleFd = fg.childEnd;
    }
  }
  const nsFds: number[] = [];
  const paths = st.namespace_paths;
  try {
    if (paths.NEWPID) {
      const fd = sys.open(paths.NEWPID, O_RDONLY | O_CLOEXEC);
      try { sys.setns(fd, 0); } finally { sys.close(fd); }
    }
    for (const key of JOIN_ORDER) if (paths[key]) nsFds.push(sys.open(paths[key]!, O_RDONLY | O_CLOEXEC));
  } catch (e) {
    for (const fd of nsFds) sys.close(fd);
    if (consoleFd >= 0) sys.close(consoleFd);
    throw new RuncError(`exec failed: unable to start container process: ${goErr(e)}`, 255);
  }
  const [p, c] = sys.socketpair(AF_UNIX, SOCK_SEQPACKET);
  sys.setCloexec(p, true);
  sys.setCloexec(c, true);
  let child: number;
  try {
    child = sys.clone({ comm: 'runc:[2:INIT]', child: (s) => setnsInit(s, proc, nsFds, c, p, consoleFd) });
  } finally {
    sys.close(c);
    for (const fd of nsFds) sys.close(fd);
    // the foreground handler closes its child end itself once it waits for the master
    if (consoleFd >= 0 && !fg) sys.close(consoleFd);
  }
  let reply: unknown;
  try {
    await joinCgroup(sys, st.cgroup_paths[''], child);
    await sys.sendmsg(p, 'go');
    reply = await sys.recvmsg(p);
  } catch (e) {
    reply = { error: goErr(e) };
  } finally { sys.close(p); }
  if (reply !== 'ready') {
    try { sys.kill(child, SIGKILL); } catch { /* gone */ }
    await sys.wait4(child).catch(() => null);
    const msg = reply && typeof reply === 'object' ? (reply as { error: string }).error : 'procReady not received';
    if (fg) await fg.close();
    throw new RuncError(`exec failed: unable to start container process: ${msg}`, 255);
  }
  if (fg) await fg.start();
  if (o.pidFile) await writePidFile(sys, o.pidFile, child);
  if (o.detach) return 0;
  const r = await sys.wait4(child);
  if (fg) await fg.close();
  if (!r) return 0;
  return r.status.signal !== null ? 128 + r.status.signal : r.status.code ?? 0;
}

/** The exec'd process before execve (setns_init_linux.go). */
async function setnsInit(sys: Sys, proc: OciProcess, nsFds: number[], sync: number, parentEnd: number, consoleSocket: number): Promise<number> {
  sys.close(parentEnd);
  let exe: string;
  try {
    if ((await sys.recvmsg(sync)) !== 'go') return 255;
    for (const fd of nsFds) { sys.setns(fd, 0); sys.close(fd); }
    if (proc.terminal) {
      sys.setsid();
      // the pty comes from the container's devpts: the mount namespace is joined
      if (consoleSocket >= 0) await setupConsole(sys, consoleSocket, false, proc.consoleSize);
      try { sys.setctty(0); } catch (e) { throw new Error(`ioctl(setctty): ${goErr(e)}`); }
    }
    const u = proc.user;
    sys.setgroups(u.additionalGids ?? []);
    sys.setgid(u.gid);
    sys.setuid(u.uid);
    try { sys.chdir(proc.cwd || '/'); } catch (e) {
      throw new Error(`chdir to cwd (${goQuote(proc.cwd)}) set in config.json failed: ${goErr(e)}`);
    }
    exe = lookPath(sys, proc.args[0] ?? '', proc.env);
  } catch (e) {
    await sys.sendmsg(sync, { error: e instanceof Error && e.name !== 'SysError' ? e.message : goErr(e) }).catch(() => 0);
    return 255;
  }
  await sys.sendmsg(sync, 'ready');
  sys.close(sync);
  try {
    return await sys.execve(exe, proc.args, proc.env);
  } catch (e) {
    await sys.write(2, `exec ${exe}: ${goErr(e)}\n`).catch(() => 0);
    return 255;
  }
}
