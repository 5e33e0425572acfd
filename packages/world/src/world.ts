// A world: one simulated host (node1) booted with systemd, containerd and
// dockerd, a registry standing in for Docker Hub, and the faces a user gets:
// an interactive terminal, a piped shell, one-shot commands.

import { Kernel, lazyProgram, preloadCode, type HostPty, type LazyProgram, type Program } from '@dockersim/kernel';
import { programs as userlandPrograms, coreutilsApplets } from '@dockersim/userland';
import { makeDockerd, dockerProxy, type Daemon } from '@dockersim/engine';
import { containerd, containerdShim, ctr } from '@dockersim/containerd';
import type { Disposable, ExecResult, TerminalSession, TraceEvent, WorldApi, WorldOptions } from './api.ts';
import { layoutHost } from './host-layout.ts';
import { systemd } from './systemd.ts';
import { registryPort } from './registry.ts';
import { startGateway, type HostGateway } from './host-socket.ts';

// Booting needs systemd, containerd, dockerd and a shell; the docker CLI,
// runc and systemd's clients load on first use (the kernel's program-load.ts).
// Keep it so: a program the boot does not run belongs behind lazyProgram.
// A headless world loads all of it before booting, so its runs are the same
// as with everything bundled; the page loads it once the prompt is up.
const docker = lazyProgram(() => import('@dockersim/cli').then((m) => m.docker));
const runc = lazyProgram(() => import('@dockersim/runc').then((m) => m.runc));
const systemctl = lazyProgram(() => import('./systemd-systemctl.ts').then((m) => m.systemctl));
const journalctl = lazyProgram(() => import('./systemd-journalctl.ts').then((m) => m.journalctl));

const LOGIN_ENV = (hostname: string) => [
  'HOME=/root', 'USER=root', 'LOGNAME=root', 'SHELL=/bin/bash', `HOSTNAME=${hostname}`,
  'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8', 'TERM=xterm-256color',
];

export interface World extends WorldApi {
  readonly kernel: Kernel;
  /** dockerd's state, for the instructor views and tests. */
  daemon(): Daemon | undefined;
  /** Starts a host gateway process: the outside world's way to the kernel's unix sockets (dockersim serve). */
  hostGateway(): Promise<HostGateway>;
}

function markerData(args: Record<string, unknown>): Record<string, unknown> | undefined {
  const { layer: _l, what: _w, ...rest } = args;
  for (const k of Object.keys(rest)) if (rest[k] === undefined) delete rest[k];
  return Object.keys(rest).length ? rest : undefined;
}

export async function createWorld(opts: WorldOptions): Promise<World> {
  const hostname = opts.hostname ?? 'node1';
  const traceListeners = new Set<(ev: TraceEvent) => void>();
  let daemon: Daemon | undefined;
  if (opts.clock !== 'realtime') await preloadCode();
  const registry = registryPort();
  const table: Record<string, Program | LazyProgram> = {
    ...userlandPrograms,
    docker,
    dockerd: makeDockerd({ registry, hostname }, (d) => { daemon = d; }),
    'docker-proxy': dockerProxy,
    containerd,
    'containerd-shim-runc-v2': containerdShim,
    runc,
    systemd,
    systemctl,
    journalctl,
    ctr,
  };
  const kernel = new Kernel({
    programs: (name) => table[name],
    hostYield: opts.hostYield,
    seed: opts.seed ?? 1,
    bootTime: opts.bootTime,
    devtmpfs: true,
    onCrash: opts.onCrash,
    hostname,
    trace: (ev) => {
      if (!traceListeners.size) return;
      // user-space markers name their own layer; everything else is the kernel's
      const e: TraceEvent = ev.call === 'marker'
        ? { t: ev.t, layer: String(ev.args.layer), pid: ev.pid, what: String(ev.args.what), data: markerData(ev.args) }
        : { t: ev.t, layer: 'kernel', pid: ev.pid, what: ev.call, data: ev.args };
      for (const l of traceListeners) l(e);
    },
  });
  layoutHost(kernel.fs, { hostname, coreutils: coreutilsApplets });
  kernel.boot('/sbin/init', ['/sbin/init'], []);
  await kernel.runUntilIdle({ until: () => daemon !== undefined });

  const realtime = opts.clock === 'realtime';
  /** Uptime by the host's wall clock, when the world follows it. */
  // With bootTime the world's epoch is the host's (uptime = wall - boot); without
  // it, uptime runs on from where boot left it at the wall clock's pace. Either
  // way an early wake-up (a keystroke) advances time only by what really passed.
  const follow = realtime && opts.wallClock ? (() => {
    const wall = opts.wallClock!;
    if (opts.bootTime !== undefined) { const boot = kernel.clock.bootTime; return () => wall() - boot; }
    const w0 = wall(), u0 = kernel.clock.uptime();
    return () => u0 + (wall() - w0);
  })() : undefined;
  let pump: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  /** In the browser, keeps the clock following wall time while anything is pending. */
  const kick = () => {
    if (!realtime) return;
    wake?.();
    if (pump) return;
    pump = (async () => {
      for (;;) {
        if (follow) kernel.advanceTo(Math.max(kernel.clock.uptime(), follow()));
        await kernel.runUntilIdle({ jumpTime: false });
        const next = kernel.nextTimerAt();
        if (next === undefined) break;
        const delay = Math.max(0, next - (follow ? follow() : kernel.clock.uptime()));
        let woken = false;
        await Promise.race([opts.sleep!(delay), new Promise<void>((r) => { wake = () => { woken = true; r(); }; })]);
        wake = undefined;
        if (follow) continue;
        // without a wall clock, only a sleep that ran its course moves time on
        if (!woken) kernel.advanceTo(Math.min(next, kernel.clock.uptime() + delay));
      }
      pump = undefined;
    })();
  };
  const settle = () => (realtime ? (kick(), Promise.resolve()) : kernel.runUntilIdle());

  const spawnShell = (stdio: { stdin: HostPty | ReturnType<Kernel['createPipe']>; stdout: HostPty | ((b: Uint8Array) => void); stderr: HostPty | ((b: Uint8Array) => void) }, argv: string[]) =>
    kernel.spawn({ path: '/bin/bash', argv, env: LOGIN_ENV(hostname), cwd: '/root', setsid: true, ...stdio });

  const world: World = {
    kernel,
    daemon: () => daemon,
    hostGateway: () => startGateway(kernel, (name, p) => { table[name] = p; }, () => { void settle(); }),
    openTerminal({ cols, rows }): TerminalSession {
      const pty = kernel.createPty();
      pty.resize({ cols, rows });
      const pid = spawnShell({ stdin: pty, stdout: pty, stderr: pty }, ['-bash']);
      const exitListeners = new Set<(code: number) => void>();
      kernel.onExit(pid, (s) => { for (const l of exitListeners) l(s.code ?? 128 + (s.signal ?? 0)); });
      void settle();
      const dec = new TextDecoder();
      return {
        write(data) { pty.write(data); void settle(); },
        onOutput(cb) { return pty.onOutput((b) => cb(dec.decode(b, { stream: true }))); },
        resize(c, r) { pty.resize({ cols: c, rows: r }); void settle(); },
        onExit(cb) { exitListeners.add(cb); return { dispose: () => exitListeners.delete(cb) }; },
      };
    },
    openPipeShell({ onStdout, onStderr }) {
      const pipe = kernel.createPipe();
      const pid = spawnShell({ stdin: pipe, stdout: onStdout, stderr: onStderr }, ['bash']);
      const exited = new Promise<number>((r) => kernel.onExit(pid, (s) => r(s.code ?? 128 + (s.signal ?? 0))));
      return {
        write(data) { pipe.write(data); void settle(); },
        end() { pipe.end(); void settle(); },
        exited,
      };
    },
    async exec(commandLine, o = {}): Promise<ExecResult> {
      const out: string[] = [], err: string[] = [];
      const dec1 = new TextDecoder(), dec2 = new TextDecoder();
      const pipe = kernel.createPipe();
      const pid = spawnShell({ stdin: pipe, stdout: (b) => out.push(dec1.decode(b, { stream: true })), stderr: (b) => err.push(dec2.decode(b, { stream: true })) }, ['bash', '-c', commandLine]);
      if (o.stdin) pipe.write(o.stdin);
      pipe.end();
      let code = -1;
      kernel.onExit(pid, (s) => { code = s.code ?? 128 + (s.signal ?? 0); });
      await kernel.runUntilIdle({ until: () => code >= 0 });
      return { stdout: out.join(''), stderr: err.join(''), exitCode: code };
    },
    runUntilIdle: () => kernel.runUntilIdle(),
    uptime: () => kernel.clock.uptime(),
    onTrace(cb): Disposable {
      traceListeners.add(cb);
      return { dispose: () => traceListeners.delete(cb) };
    },
  };
  return world;
}
