// The task a shim serves (runc v2's service + pkg/process): the container's
// init and its exec'd processes, each driven through the runc command line.
// The init's exit is reported once its output is drained, after an OOM
// event when the cgroup's memory.events counts an oom_kill.

import { O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, O_CLOEXEC, SIGKILL, isSysError, ESRCH } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import type { Envelope, OciProcess, TaskIO } from '../api.ts';
import { RpcFailure, notFound, alreadyExists, failedPrecondition, unknown } from '../errors.ts';
import { Reaper, exitCode } from './reaper.ts';
import { ProcessIO } from './stdio.ts';
import { runRunc, lastRuntimeError } from './runc-command.ts';
import type { RuncGlobals } from './runc-command.ts';

type Status = 'created' | 'running' | 'paused' | 'stopped';

class Proc {
  pid = 0;
  status: Status = 'created';
  exitStatus = 0;
  exitedAt = 0;
  exited: Promise<void> | null = null;
  constructor(readonly id: string, readonly io: ProcessIO, readonly spec: OciProcess | null) {}
}

export class Task {
  private readonly reaper: Reaper;
  private init: Proc | null = null;
  private readonly execs = new Map<string, Proc>();
  private globals!: RuncGlobals;
  private bundle = '';
  private cgroupDir = '';

  constructor(private readonly sys: Sys, readonly ns: string, readonly id: string, private readonly publish: (e: Envelope) => void) {
    this.reaper = new Reaper(sys);
  }

  private event(topic: Envelope['topic'], event: Envelope['event']): void {
    this.publish({ timestamp: this.sys.now(), namespace: this.ns, topic, event });
  }

  async create(bundle: string, io: TaskIO, root: string, cgroupsPath: string): Promise<{ pid: number }> {
    if (this.init) throw alreadyExists(`task ${this.id}`);
    const sys = this.sys;
    this.bundle = bundle;
    const systemd = /^[^/:]*:[^:]*:[^:]*$/.test(cgroupsPath);
    this.globals = { root, log: `${bundle}/log.json`, systemdCgroup: systemd };
    this.cgroupDir = cgroupsPath;
    let pio: ProcessIO;
    try { pio = new ProcessIO(sys, io); } catch (e) { throw unknown(`failed to create init process io: ${(e as Error).message}`); }
    let consoleSocket: string | undefined;
    try { consoleSocket = pio.consoleSocketPath(); } catch (e) {
      pio.close();
      throw unknown(`failed to create OCI runtime console socket: ${(e as Error).message}`);
    }
    const args = ['create', '--bundle', bundle, '--pid-file', `${bundle}/init.pid`];
    if (consoleSocket) args.push('--console-socket', consoleSocket);
    args.push(this.id);
    const code = await runRunc(sys, this.reaper, this.globals, args, pio.child);
    if (code !== 0) {
      pio.close();
      throw await this.runtimeError(code, 'OCI runtime create failed');
    }
    pio.releaseChildEnds();
    try { await pio.receiveConsole(); } catch (e) {
      pio.close();
      await runRunc(sys, this.reaper, this.globals, ['delete', '--force', this.id]);
      throw unknown(`failed to retrieve console master: ${(e as Error).message}`);
    }
    const p = new Proc(this.id, pio, null);
    p.pid = await this.readPid(`${bundle}/init.pid`);
    this.init = p;
    this.watch(p, true);
    this.event('/tasks/create', { containerId: this.id, pid: p.pid });
    return { pid: p.pid };
  }

  private async readPid(path: string): Promise<number> {
    const fd = this.sys.open(path, O_RDONLY | O_CLOEXEC);
    try { return Number(new TextDecoder().decode(await this.sys.read(fd, 32))); } finally { this.sys.close(fd); }
  }

  private async runtimeError(code: number, what: string): Promise<RpcFailure> {
    const msg = await lastRuntimeError(this.sys, this.globals.log);
    return unknown(msg ? `${what}: ${msg}` : `${what}: exit status ${code}`);
  }

  /** Reaps p, drains its output, and reports its exit. */
  private watch(p: Proc, isInit: boolean): void {
    p.exited = (async () => {
      const st = await this.reaper.wait(p.pid);
      await p.io.done;
      p.exitStatus = exitCode(st);
      p.exitedAt = this.sys.now();
      p.status = 'stopped';
      if (isInit) {
        if (st.signal === SIGKILL && await this.oomKilled()) this.event('/tasks/oom', { containerId: this.id });
        this.event('/tasks/exit', { containerId: this.id, id: this.id, pid: p.pid, exitStatus: p.exitStatus, exitedAt: p.exitedAt });
      } else {
        this.event('/tasks/exit', { containerId: this.id, id: p.id, execId: p.id, pid: p.pid, exitStatus: p.exitStatus, exitedAt: p.exitedAt });
      }
    })();
  }

  private async oomKilled(): Promise<boolean> {
    const dir = cgroupDirOf(this.cgroupDir, this.id);
    try {
      const fd = this.sys.open(`${dir}/memory.events`, O_RDONLY | O_CLOEXEC);
      let text: string;
      try { text = new TextDecoder().decode(await this.sys.read(fd)); } finally { this.sys.close(fd); }
      const m = /^oom_kill (\d+)$/m.exec(text);
      return !!m && Number(m[1]) > 0;
    } catch { return false; }
  }

  private proc(execId?: string): Proc {
    if (!execId) {
      if (!this.init) throw notFound(`task ${this.id} not found`);
      return this.init;
    }
    const p = this.execs.get(execId);
    if (!p) throw notFound(`process ${execId} does not exist`);
    return p;
  }

  async start(execId?: string): Promise<{ pid: number }> {
    const p = this.proc(execId);
    if (p.status !== 'created') throw failedPrecondition(`process ${p.id} has already been started`);
    if (!execId) {
      const code = await runRunc(this.sys, this.reaper, this.globals, ['start', this.id]);
      if (code !== 0) throw await this.runtimeError(code, 'OCI runtime start failed');
      // a short-lived init may have exited (and been reported) before runc start returned
      if (p.status === 'created') p.status = 'running';
      this.event('/tasks/start', { containerId: this.id, pid: p.pid });
      return { pid: p.pid };
    }
    const procFile = `${this.bundle}/${execId}-process.json`;
    await writeFile(this.sys, procFile, JSON.stringify(p.spec));
    const pidFile = `${this.bundle}/${execId}.pid`;
    const args = ['exec', '--process', procFile];
    let consoleSocket: string | undefined;
    try { consoleSocket = p.io.consoleSocketPath(); } catch (e) {
      p.io.close();
      this.execs.delete(execId);
      throw unknown(`failed to create runc console socket: ${(e as Error).message}`);
    }
    if (consoleSocket) args.push('--console-socket', consoleSocket);
    args.push('--detach', '--pid-file', pidFile, this.id);
    const code = await runRunc(this.sys, this.reaper, this.globals, args, p.io.child);
    try { this.sys.unlink(procFile); } catch { /* gone */ }
    if (code !== 0) {
      p.io.close();
      this.execs.delete(execId);
      throw await this.runtimeError(code, 'OCI runtime exec failed');
    }
    p.io.releaseChildEnds();
    try { await p.io.receiveConsole(); } catch (e) {
      p.io.close();
      throw unknown(`failed to retrieve console master: ${(e as Error).message}`);
    }
    p.pid = await this.readPid(pidFile);
    if (p.status === 'created') p.status = 'running';
    this.watch(p, false);
    this.event('/tasks/exec-started', { containerId: this.id, execId, pid: p.pid });
    return { pid: p.pid };
  }

  async kill(signal: number, all: boolean, execId?: string): Promise<void> {
    const p = this.proc(execId);
    if (p.status === 'stopped') throw notFound('process already finished');
    if (execId) {
      try { this.sys.kill(p.pid, signal); } catch (e) {
        if (isSysError(e, ESRCH)) throw notFound('process already finished');
        throw e;
      }
      return;
    }
    const args = ['kill'];
    if (all) args.push('--all');
    args.push(this.id, String(signal));
    const code = await runRunc(this.sys, this.reaper, this.globals, args);
    if (code !== 0) {
      const msg = await lastRuntimeError(this.sys, this.globals.log);
      if (/not running|process already finished/.test(msg)) throw notFound('process already finished');
      throw unknown(msg ? `OCI runtime kill failed: ${msg}` : `OCI runtime kill failed: exit status ${code}`);
    }
  }

  exec(execId: string, spec: OciProcess, io: TaskIO): void {
    if (!this.init) throw notFound(`task ${this.id} not found`);
    if (this.execs.has(execId)) throw alreadyExists(`id ${execId}`);
    if (this.init.status === 'stopped') throw failedPrecondition('container must be running to perform this operation');
    this.execs.set(execId, new Proc(execId, new ProcessIO(this.sys, io), spec));
    this.event('/tasks/exec-added', { containerId: this.id, execId });
  }

  /** Pause and Resume: `runc pause|resume` freezes or thaws the task's cgroup. */
  async pause(freeze: boolean): Promise<void> {
    const p = this.proc();
    const code = await runRunc(this.sys, this.reaper, this.globals, [freeze ? 'pause' : 'resume', this.id]);
    if (code !== 0) throw await this.runtimeError(code, freeze ? 'OCI runtime pause failed' : 'OCI runtime resume failed');
    if (p.status !== 'stopped') p.status = freeze ? 'paused' : 'running';
    this.event(freeze ? '/tasks/paused' : '/tasks/resumed', { containerId: this.id });
  }

  /**
   * Update: `runc update --resources - ID` with the resources as JSON on its
   * stdin (go-runc's Update); a failure reads as go-runc words it, the exit
   * status and what runc printed.
   */
  async update(resources: unknown): Promise<void> {
    const p = this.proc();
    if (p.status === 'stopped') throw unknown('cannot update a stopped container');
    const sys = this.sys;
    const [inR, inW] = sys.pipe();
    const [errR, errW] = sys.pipe();
    // only the dup2'd copies reach runc: its stdin must see EOF once we close ours
    for (const fd of [inR, inW, errR, errW]) sys.setCloexec(fd, true);
    const ran = runRunc(sys, this.reaper, this.globals, ['update', '--resources=-', this.id], [inR, -1, errW]);
    sys.close(inR);
    sys.close(errW);
    let out = '';
    try {
      await sys.write(inW, JSON.stringify(resources) + '\n').catch(() => 0);
      sys.close(inW);
      const dec = new TextDecoder();
      for (let b = await sys.read(errR); b.length; b = await sys.read(errR)) out += dec.decode(b, { stream: true });
    } finally { sys.close(errR); }
    const code = await ran;
    if (code !== 0) throw unknown(`exit status ${code}: ${out.trim()}`);
  }

  resize(width: number, height: number, execId?: string): void { this.proc(execId).io.resize(width, height); }

  closeIO(execId?: string): void { this.proc(execId).io.closeStdin(); }

  state(execId?: string): { pid: number; status: Status; exitStatus: number } {
    const p = this.proc(execId);
    return { pid: p.pid, status: p.status, exitStatus: p.exitStatus };
  }

  async pids(): Promise<{ processes: { pid: number }[] }> {
    const dir = cgroupDirOf(this.cgroupDir, this.id);
    const out: { pid: number }[] = [];
    try {
      const fd = this.sys.open(`${dir}/cgroup.procs`, O_RDONLY | O_CLOEXEC);
      let text: string;
      try { text = new TextDecoder().decode(await this.sys.read(fd)); } finally { this.sys.close(fd); }
      for (const l of text.split('\n')) if (l) out.push({ pid: Number(l) });
    } catch { /* gone */ }
    return { processes: out };
  }

  /** Returns the status and whether the whole task is gone (the shim may exit). */
  async delete(execId?: string): Promise<{ pid: number; exitStatus: number; exitedAt: number; last: boolean }> {
    const p = this.proc(execId);
    if (execId) {
      if (p.status === 'running') throw failedPrecondition(`cannot delete a running process`);
      this.execs.delete(execId);
      return { pid: p.pid, exitStatus: p.exitStatus, exitedAt: p.exitedAt, last: false };
    }
    if (p.status === 'running') throw failedPrecondition(`cannot delete a running task`);
    const code = await runRunc(this.sys, this.reaper, this.globals, p.status === 'created' ? ['delete', '--force', this.id] : ['delete', this.id]);
    if (code !== 0) throw await this.runtimeError(code, 'failed to delete task');
    if (p.status === 'created') await p.exited;
    this.init = null;
    this.event('/tasks/delete', { containerId: this.id, id: this.id, pid: p.pid, exitStatus: p.exitStatus, exitedAt: p.exitedAt });
    return { pid: p.pid, exitStatus: p.exitStatus, exitedAt: p.exitedAt, last: true };
  }
}

/** The cgroup directory runc made for cgroupsPath (systemd "slice:prefix:name" or a path). */
export function cgroupDirOf(cgroupsPath: string, id: string): string {
  const parts = cgroupsPath.split(':');
  if (parts.length === 3 && !cgroupsPath.startsWith('/')) {
    const slice = parts[0] || 'system.slice';
    let dir = '';
    const name = slice.slice(0, -'.slice'.length);
    let prefix = '';
    for (const part of name.split('-')) { dir += `/${prefix}${part}.slice`; prefix += part + '-'; }
    return `/sys/fs/cgroup${dir}/${parts[1] ? parts[1] + '-' : ''}${parts[2]}.scope`;
  }
  return `/sys/fs/cgroup${cgroupsPath ? (cgroupsPath.startsWith('/') ? cgroupsPath : '/' + cgroupsPath) : '/' + id}`;
}

async function writeFile(sys: Sys, path: string, data: string): Promise<void> {
  const fd = sys.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600);
  try { await sys.write(fd, data); } finally { sys.close(fd); }
}
