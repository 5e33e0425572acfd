// The service manager inside the host's PID 1: starts each unit's main
// process in its own cgroup (/system.slice/NAME) with stdout and stderr on a
// pipe that feeds the journal (as journald's stdout streams do), tracks the
// main PID, stops with SIGTERM to the main process only (KillMode=process),
// restarts units that die unexpectedly (Restart=always), and answers
// systemctl/journalctl on /run/systemd/private.

import {
  AF_UNIX, O_RDONLY, O_WRONLY, SIGKILL, SIGTERM, SOCK_SEQPACKET, isSysError, signalNames,
  type ExitStatus, type Sys,
} from '@dockersim/kernel';
import { readFile } from '@dockersim/userland';
import { UNITS, type UnitDef } from './systemd-units.ts';
import { SYSTEMD_SOCKET, type JournalEntry, type SystemdRequest, type SystemdResponse, type UnitStatus } from './systemd-protocol.ts';

const STOP_TIMEOUT_MS = 90_000;
const JOURNAL_MAX = 5000;

interface Unit {
  def: UnitDef;
  state: UnitStatus['activeState'];
  sub: UnitStatus['subState'];
  since: number;
  activeEnter: number;
  mainPid: number;
  exit?: ExitStatus;
  result: UnitStatus['result'];
  /** Set while a stop is under way: the exit is expected. */
  stopping: boolean;
  exited?: () => void;
  /** Resolved by sd_notify("READY=1") from the main process (Type=notify). */
  ready?: () => void;
}

export const NOTIFY_SOCKET = '/run/systemd/notify';

export class ServiceManager {
  private readonly units = new Map<string, Unit>();
  private readonly journal: JournalEntry[] = [];
  private seq = 0;
  private readonly hostname: string;

  /** `onChild` is told when the manager starts a process (the reaper has a child to wait for). */
  constructor(private readonly sys: Sys, private readonly env: string[], private readonly onChild: () => void = () => undefined) {
    for (const def of UNITS) this.units.set(def.name, { def, state: 'inactive', sub: 'dead', since: 0, activeEnter: 0, mainPid: 0, result: 'success', stopping: false });
    this.hostname = sys.gethostname();
  }

  log(ident: string, pid: number, unit: string, msg: string): void {
    this.journal.push({ t: this.sys.now(), ident, pid, unit, msg, seq: ++this.seq });
    if (this.journal.length > JOURNAL_MAX) this.journal.shift();
  }

  private note(u: Unit, msg: string): void { this.log('systemd', 1, u.def.name, msg); }

  /** Starts every unit in dependency order, each once the previous one is ready. */
  async boot(): Promise<void> {
    for (const def of UNITS) await this.start(this.units.get(def.name)!);
  }

  async start(u: Unit): Promise<void> {
    if (u.state === 'active' || u.state === 'activating') return;
    for (const dep of u.def.after) { const d = this.units.get(dep); if (d) await this.start(d); }
    const sys = this.sys;
    u.state = 'activating'; u.sub = 'start'; u.since = sys.now(); u.exit = undefined; u.result = 'success';
    this.note(u, `Starting ${u.def.name} - ${u.def.description}...`);
    const cg = `/sys/fs/cgroup/system.slice/${u.def.name}`;
    const leftovers = await this.cgroupPids(u.def.name);
    for (const pid of leftovers) {
      this.note(u, `${u.def.name}: Found left-over process ${pid} (${await this.comm(pid)}) in control group while starting unit. Ignoring.`);
      this.note(u, `${u.def.name}: This usually indicates unclean termination of a previous run, or service implementation deficiencies.`);
    }
    const [r, w] = sys.pipe();
    sys.setCloexec(r, true);
    const env = [...this.env, `NOTIFY_SOCKET=${NOTIFY_SOCKET}`];
    const path = u.def.execStart[0]!;
    const argv = u.def.execStart;
    const pid = sys.clone({
      comm: u.def.name.replace(/\.service$/, ''),
      child: async (child) => {
        try { child.mkdir(cg, 0o755); } catch { /* exists */ }
        try {
          const fd = child.open(`${cg}/cgroup.procs`, O_WRONLY);
          await child.write(fd, String(child.getpid()));
          child.close(fd);
        } catch { /* no cgroup fs */ }
        child.setsid();
        try { const nul = child.open('/dev/null', O_RDONLY); child.dup2(nul, 0); if (nul !== 0) child.close(nul); } catch { /* no /dev/null */ }
        child.dup2(w, 1); child.dup2(w, 2);
        if (w > 2) child.close(w);
        await child.execve(path, argv, env);
        return 127;
      },
    });
    sys.close(w);
    u.mainPid = pid;
    this.onChild();
    void this.pump(u, r, pid);
    // Type=notify: ready when the main process says so, or gone when it exits first
    await new Promise<void>((res) => { u.ready = res; const prev = u.exited; u.exited = () => { prev?.(); res(); }; });
    u.ready = undefined;
    if (u.mainPid !== pid || u.exit) return;
    u.state = 'active'; u.sub = 'running'; u.since = u.activeEnter = sys.now();
    this.note(u, `Started ${u.def.name} - ${u.def.description}.`);
  }

  async stop(u: Unit): Promise<void> {
    if (u.state !== 'active' && u.state !== 'activating') return;
    const sys = this.sys;
    u.stopping = true;
    u.state = 'deactivating'; u.sub = 'stop-sigterm'; u.since = sys.now();
    this.note(u, `Stopping ${u.def.name} - ${u.def.description}...`);
    const gone = new Promise<void>((res) => { u.exited = res; });
    try { sys.kill(u.mainPid, SIGTERM); } catch { /* already gone */ }
    let timedOut = false;
    await Promise.race([gone, sys.sleep(STOP_TIMEOUT_MS).then(() => { timedOut = true; }, () => undefined)]);
    if (timedOut) {
      this.note(u, `${u.def.name}: State 'stop-sigterm' timed out. Killing.`);
      try { sys.kill(u.mainPid, SIGKILL); } catch { /* gone */ }
      await gone;
    }
    for (const pid of await this.cgroupPids(u.def.name)) {
      this.note(u, `${u.def.name}: Unit process ${pid} (${await this.comm(pid)}) remains running after unit stopped.`);
    }
    const failed = u.exit && ((u.exit.code ?? 0) !== 0 && u.exit.signal === null);
    if (!failed) this.note(u, `${u.def.name}: Deactivated successfully.`);
    this.note(u, `Stopped ${u.def.name} - ${u.def.description}.`);
    u.state = failed ? 'failed' : 'inactive'; u.sub = failed ? 'failed' : 'dead'; u.since = sys.now();
    u.stopping = false;
  }

  /** Called by PID 1's reaper for every child that exits. */
  onExit(pid: number, status: ExitStatus): void {
    for (const u of this.units.values()) {
      if (u.mainPid !== pid || u.exit) continue;
      u.exit = status;
      // a process that handles SIGTERM and exits 0, or dies of the SIGTERM sent, has stopped cleanly
      const clean = u.stopping ? (status.code === 0 || status.signal === SIGTERM) : false;
      if (!clean) {
        u.result = status.signal !== null ? 'signal' : 'exit-code';
        if (status.signal !== null) this.note(u, `${u.def.name}: Main process exited, code=killed, status=${status.signal}/${signalNames[status.signal] ?? status.signal}`);
        else this.note(u, `${u.def.name}: Main process exited, code=exited, status=${status.code}/${status.code === 0 ? 'SUCCESS' : 'FAILURE'}`);
      }
      const done = u.exited;
      u.exited = undefined;
      done?.();
      if (!u.stopping) {
        this.note(u, `${u.def.name}: Failed with result '${u.result}'.`);
        u.state = 'failed'; u.sub = 'failed'; u.since = this.sys.now();
        if (u.def.restart === 'always') void this.autoRestart(u);
      }
    }
  }

  private async autoRestart(u: Unit): Promise<void> {
    u.sub = 'auto-restart';
    await this.sys.sleep(u.def.restartSec * 1000).catch(() => undefined);
    if (u.state !== 'failed') return;
    this.note(u, `${u.def.name}: Scheduled restart job, restart counter is at 1.`);
    await this.start(u);
  }

  /** Copies a service's output into the journal, one entry per line. */
  private async pump(u: Unit, fd: number, pid: number): Promise<void> {
    const dec = new TextDecoder();
    let buf = '';
    const ident = u.def.execStart[0]!.split('/').pop()!;
    for (;;) {
      let b: Uint8Array;
      try { b = await this.sys.read(fd, 65536); } catch (e) { if (isSysError(e)) continue; throw e; }
      if (!b.length) break;
      buf += dec.decode(b, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) { this.log(ident, pid, u.def.name, buf.slice(0, nl)); buf = buf.slice(nl + 1); }
    }
    if (buf) this.log(ident, pid, u.def.name, buf);
    this.sys.close(fd);
  }

  private async cgroupPids(unit: string): Promise<number[]> {
    const out: number[] = [];
    const walk = async (dir: string): Promise<void> => {
      let text = '';
      try { text = await readFile(this.sys, `${dir}/cgroup.procs`); } catch { return; }
      for (const l of text.split('\n')) if (l) out.push(Number(l));
      let subdirs: string[] = [];
      try { subdirs = this.sys.readdir(dir).filter((e) => e.type === 'dir').map((e) => e.name); } catch { /* gone */ }
      for (const d of subdirs) await walk(`${dir}/${d}`);
    };
    await walk(`/sys/fs/cgroup/system.slice/${unit}`);
    return out.sort((a, b) => a - b);
  }

  private async comm(pid: number): Promise<string> {
    try { return (await readFile(this.sys, `/proc/${pid}/comm`)).trim(); } catch { return '?'; }
  }

  status(u: Unit): UnitStatus {
    const d = u.def;
    return {
      name: d.name, loadState: 'loaded', description: d.description, docs: d.docs, fragment: d.fragment,
      activeState: u.state, subState: u.sub, since: u.since, activeEnter: u.activeEnter, mainPid: u.mainPid, execStart: d.execStart,
      exit: u.exit ? { code: u.exit.code, signal: u.exit.signal } : undefined, result: u.result, cgroup: `/system.slice/${d.name}`,
    };
  }

  /** Receives sd_notify messages ("READY=1\nMAINPID=N") from the services. */
  async serveNotify(): Promise<void> {
    const sys = this.sys;
    const lfd = sys.socket(AF_UNIX, SOCK_SEQPACKET);
    sys.setCloexec(lfd, true);
    try { sys.mkdir('/run/systemd', 0o755); } catch { /* exists */ }
    sys.bind(lfd, { path: NOTIFY_SOCKET });
    sys.listen(lfd, 64);
    for (;;) {
      let fd: number;
      try { fd = await sys.accept(lfd); } catch (e) { if (isSysError(e)) continue; throw e; }
      void (async () => {
        const msg = await sys.recvmsg(fd).catch(() => null);
        try { sys.close(fd); } catch { /* closed */ }
        if (typeof msg !== 'string') return;
        const pid = Number(/^MAINPID=(\d+)$/m.exec(msg)?.[1] ?? 0);
        if (!/^READY=1$/m.test(msg)) return;
        for (const u of this.units.values()) if (u.mainPid === pid) u.ready?.();
      })();
    }
  }

  /** Serves systemctl and journalctl until the socket fails. */
  async serve(): Promise<void> {
    const sys = this.sys;
    const lfd = sys.socket(AF_UNIX, SOCK_SEQPACKET);
    sys.setCloexec(lfd, true);
    try { sys.mkdir('/run/systemd', 0o755); } catch { /* exists */ }
    sys.bind(lfd, { path: SYSTEMD_SOCKET });
    sys.listen(lfd, 64);
    for (;;) {
      let fd: number;
      try { fd = await sys.accept(lfd); } catch (e) { if (isSysError(e)) continue; throw e; }
      sys.setCloexec(fd, true);
      void this.answer(fd);
    }
  }

  private async answer(fd: number): Promise<void> {
    const sys = this.sys;
    const req = (await sys.recvmsg(fd).catch(() => null)) as SystemdRequest | null;
    let res: SystemdResponse;
    try { res = req ? await this.handle(req) : { ok: false, error: 'empty request' }; } catch (e) { res = { ok: false, error: String(e) }; }
    try { await sys.sendmsg(fd, res); } catch { /* client gone */ }
    try { sys.close(fd); } catch { /* closed */ }
  }

  private async handle(req: SystemdRequest): Promise<SystemdResponse> {
    if (req.op === 'list') return { ok: true, units: [...this.units.values()].map((u) => this.status(u)) };
    if (req.op === 'journal') {
      const want = new Set(req.units);
      const entries = this.journal.filter((e) => (!want.size || want.has(e.unit)) && e.seq > (req.after ?? 0));
      return { ok: true, entries };
    }
    const u = this.units.get(req.unit);
    if (!u) {
      if (req.op === 'status') return { ok: false, error: `Unit ${req.unit} could not be found.` };
      return { ok: false, error: `Unit ${req.unit} not found.` };
    }
    switch (req.op) {
      case 'status': return { ok: true, status: this.status(u) };
      case 'start': await this.start(u); break;
      case 'stop': await this.stop(u); break;
      case 'restart': await this.stop(u); await this.start(u); break;
    }
    return { ok: true, status: this.status(u) };
  }

  get host(): string { return this.hostname; }
}
