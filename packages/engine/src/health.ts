// Health checks (moby's daemon/health.go): while a container with a
// HEALTHCHECK runs unpaused, a monitor sleeps for the interval, runs the
// probe as an exec in the container, and folds its result into
// State.Health: "starting" until the first success, "healthy" after one,
// "unhealthy" after Retries failures in a row (failures inside the start
// period don't count). The monitor is a chain of virtual-time sleeps, so a
// container without a health check holds no timers, and ten minutes of
// 1-second probes cost only the probes themselves.

import { SIGKILL } from '@dockersim/kernel';
import { Demuxer, invalidParameter, type ContainerState, type HealthConfig } from '@dockersim/engine-api';
import type { Daemon } from './daemon.ts';
import type { Container } from './container.ts';
import * as execs from './exec.ts';
import { rfc3339Nano } from './time.ts';
import { goDurationString } from './builder/dockerfile/duration.ts';

export type HealthView = NonNullable<ContainerState['Health']>;
type HealthStatus = HealthView['Status'];

/** State.Health as dockerd keeps it; `gen` tells a running monitor it was stopped. */
export interface HealthState {
  status: HealthStatus;
  failingStreak: number;
  log: { start: number; end: number; exitCode: number; output: string }[];
  gen: number;
  monitoring: boolean;
}

const SECOND = 1e9;
const DEFAULT_INTERVAL = 30 * SECOND;
const DEFAULT_TIMEOUT = 30 * SECOND;
const DEFAULT_START_INTERVAL = 5 * SECOND;
const DEFAULT_RETRIES = 3;
const MAX_LOG_ENTRIES = 5;
const MAX_OUTPUT = 4096;

const withDefault = (v: number | undefined, d: number) => (v ? v : d);

/**
 * The container's Healthcheck from the create request over the image's
 * (moby's merge in daemon/commit.go): an empty Test and zero durations come
 * from the image. Zero fields are left out, as Go's omitempty does.
 */
export function mergeHealthcheck(user: HealthConfig | undefined, image: HealthConfig | undefined): HealthConfig | undefined {
  if (!user) return image ? tidy(image) : undefined;
  if (!image) return tidy(user);
  const m: HealthConfig = { ...user };
  if (!m.Test?.length) m.Test = image.Test;
  if (!m.Interval) m.Interval = image.Interval;
  if (!m.Timeout) m.Timeout = image.Timeout;
  if (!m.StartPeriod) m.StartPeriod = image.StartPeriod;
  if (!m.StartInterval) m.StartInterval = image.StartInterval;
  if (!m.Retries) m.Retries = image.Retries;
  return tidy(m);
}

function tidy(h: HealthConfig): HealthConfig {
  const out: HealthConfig = {};
  if (h.Test?.length) out.Test = h.Test;
  if (h.Interval) out.Interval = h.Interval;
  if (h.Timeout) out.Timeout = h.Timeout;
  if (h.StartPeriod) out.StartPeriod = h.StartPeriod;
  if (h.StartInterval) out.StartInterval = h.StartInterval;
  if (h.Retries) out.Retries = h.Retries;
  return out;
}

/** The probe's command, or null for none (no Test, NONE, or an unknown type). */
function probeCommand(c: Container): string[] | null {
  const t = c.config.Healthcheck?.Test;
  if (!t || !t.length) return null;
  if (t[0] === 'CMD') return t.slice(1);
  if (t[0] === 'CMD-SHELL') return [...(c.config.Shell?.length ? c.config.Shell : ['/bin/sh', '-c']), ...t.slice(1)];
  return null;
}

/** State.Health for inspect (absent without a health check). */
export function healthView(c: Container): HealthView | undefined {
  const h = c.health;
  if (!h) return undefined;
  return {
    Status: h.status,
    FailingStreak: h.failingStreak,
    Log: h.log.map((r) => ({ Start: rfc3339Nano(r.start), End: rfc3339Nano(r.end), ExitCode: r.exitCode, Output: r.output })),
  };
}

/** The suffix `docker ps` shows after "Up 2 minutes". */
export function healthSuffix(c: Container): string {
  const h = c.health;
  if (!h) return '';
  return h.status === 'starting' ? ' (health: starting)' : ` (${h.status})`;
}

/** The health filter's value for a container ("none" without a health check). */
export function healthStatus(c: Container): string { return c.health ? c.health.status : 'none'; }

/** initHealthMonitor: a (re)started container begins "starting" with a fresh streak. */
export function onStart(d: Daemon, c: Container): void {
  if (!probeCommand(c)) return;
  stopMonitor(c);
  const h = c.health ??= { status: 'starting', failingStreak: 0, log: [], gen: 0, monitoring: false };
  h.status = 'starting';
  h.failingStreak = 0;
  update(d, c);
}

/** updateHealthMonitor: a monitor runs exactly while the container runs unpaused. */
export function update(d: Daemon, c: Container): void {
  const h = c.health;
  if (!h) return;
  const want = c.state === 'running' && !!probeCommand(c);
  if (want && !h.monitoring) {
    h.monitoring = true;
    void monitor(d, c, ++h.gen);
  } else if (!want) stopMonitor(c);
}

/** CloseMonitorChannel: a stopped monitor leaves the status "unhealthy". */
export function stopMonitor(c: Container): void {
  const h = c.health;
  if (!h || !h.monitoring) return;
  h.monitoring = false;
  h.gen++;
  h.status = 'unhealthy';
}

async function monitor(d: Daemon, c: Container, gen: number): Promise<void> {
  const hc = c.config.Healthcheck ?? {};
  const interval = withDefault(hc.Interval, DEFAULT_INTERVAL);
  const startInterval = withDefault(hc.StartInterval, DEFAULT_START_INTERVAL);
  const startPeriod = hc.StartPeriod ?? 0;
  const started = c.startedAt;
  const live = () => c.health?.gen === gen && c.health.monitoring;
  const nextInterval = () => {
    if ((d.sys.now() - started) * 1e6 >= startPeriod) return interval;
    return c.health?.status === 'starting' ? startInterval : interval;
  };
  for (;;) {
    await d.sys.sleep(nextInterval() / 1e6);
    if (!live()) return;
    const start = d.sys.now();
    let result: { exitCode: number; output: string };
    try { result = await runProbe(d, c, live); } catch (e) { result = { exitCode: -1, output: (e as Error).message }; }
    if (!live()) return;
    record(d, c, { start, end: d.sys.now(), ...result });
  }
}

/** Runs the probe command as an exec; a probe over its timeout is killed. */
async function runProbe(d: Daemon, c: Container, live: () => boolean): Promise<{ exitCode: number; output: string }> {
  const cmd = probeCommand(c)!;
  const { Id } = await execs.create(d, c.id, { Cmd: cmd, AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: false, User: c.config.User ?? '', WorkingDir: c.config.WorkingDir ?? '' });
  const e = d.execs.get(Id)!;
  let out = new Uint8Array(0);
  let truncated = false;
  const demux = new Demuxer((_s, payload) => {
    const room = MAX_OUTPUT - out.length;
    if (payload.length > room) truncated = true;
    if (room <= 0) return;
    const keep = payload.subarray(0, room);
    const next = new Uint8Array(out.length + keep.length);
    next.set(out); next.set(keep, out.length);
    out = next;
  });
  const output = () => new TextDecoder().decode(out) + (truncated ? '...' : '');
  try {
    const { conn } = await execs.start(d, Id, { Detach: false });
    if (e.pid === 0 && e.exitCode !== null) {
      // the exec never started (runc's error): the probe fails with that error
      throw new Error(output().replace(/\r?\n$/, ''));
    }
    const drained = (async () => { if (!conn) return; for (;;) { const b = await conn.read(); if (!b) return; demux.push(b); } })();
    const exited = new Promise<void>((r) => { if (!e.running) r(); else e.waiters.push(r); });
    const timeout = withDefault(c.config.Healthcheck?.Timeout, DEFAULT_TIMEOUT);
    let timedOut = false;
    // a timer outliving the race may be cut by a signal to dockerd (EINTR): nothing to do then
    const timer = d.sys.sleep(timeout / 1e6).then(() => { timedOut = e.running; }, () => undefined);
    await Promise.race([exited, timer]);
    if (timedOut && live()) {
      await d.ctr.call('tasks', 'Kill', { containerId: c.id, execId: Id, signal: SIGKILL }).catch(() => undefined);
      await exited;
      const text = output();
      const dur = goDurationString(timeout);
      return { exitCode: -1, output: text ? `Health check exceeded timeout (${dur}): ${text}` : `Health check exceeded timeout (${dur})` };
    }
    await exited;
    await drained;
    return { exitCode: e.exitCode ?? -1, output: output() };
  } finally {
    // the container forgets a finished exec (moby deletes it from ExecCommands)
    c.execIds.delete(Id);
    d.execs.delete(Id);
  }
}

/** handleProbeResult */
function record(d: Daemon, c: Container, r: { start: number; end: number; exitCode: number; output: string }): void {
  const h = c.health!;
  const retries = withDefault(c.config.Healthcheck?.Retries, DEFAULT_RETRIES);
  const old = h.status;
  h.log.push(r);
  if (h.log.length > MAX_LOG_ENTRIES) h.log.splice(0, h.log.length - MAX_LOG_ENTRIES);
  if (r.exitCode === 0) {
    h.failingStreak = 0;
    h.status = 'healthy';
  } else {
    const startPeriod = c.config.Healthcheck?.StartPeriod ?? 0;
    const inStartPeriod = h.status === 'starting' && (r.start - c.startedAt) * 1e6 < startPeriod;
    if (!inStartPeriod) {
      h.failingStreak++;
      if (h.failingStreak >= retries) h.status = 'unhealthy';
    }
  }
  if (h.status !== old) d.bus.emit('container', `health_status: ${h.status}`, c.id, { image: c.imageRef, name: c.name });
}

const HEALTH_VALUES = ['none', 'starting', 'healthy', 'unhealthy'];

/** The list endpoint checks health filter values before matching (daemon/list.go). */
export function validateHealthFilter(values: string[] | undefined): void {
  for (const v of values ?? []) {
    if (!HEALTH_VALUES.includes(v)) throw invalidParameter(`invalid filter 'health=${v}': invalid value for health (${v}): must be one of ${HEALTH_VALUES.join(', ')}`);
  }
}
