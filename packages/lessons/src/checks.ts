// Evaluating a step's check against the world. Everything is read from the
// Engine API (containers, images, logs) and the kernel (processes, files), so
// any way of reaching the asked state passes, and no typed text is looked at.

import type { ContainerInspect } from '@dockersim/engine-api';
import type { ProcessInfo } from '@dockersim/kernel';
import type { Check, ContainerMatch, ProcMatch } from './format.ts';
import type { LessonHost } from './host.ts';
import { Probe } from './probe.ts';
import { containerHostPath, describeFile, fileMismatchAt } from './files.ts';
import { describeMount, mountMismatch } from './mounts.ts';
import { describeImage, imageMismatch } from './image-check.ts';
import { evaluateNet } from './net-check.ts';
import { evaluateHealth } from './health-check.ts';

export interface CheckResult {
  ok: boolean;
  /** Why it failed (or what passed), in plain words for the instructor and the CLI. */
  reason: string;
}

/** Runs a check; a check that cannot be evaluated fails with the reason. */
export async function runCheck(host: LessonHost, check: Check): Promise<CheckResult> {
  try {
    return await evaluate(new Probe(host), check);
  } catch (e) {
    return { ok: false, reason: `the check could not run: ${(e as Error)?.message ?? e}` };
  }
}

async function evaluate(probe: Probe, check: Check): Promise<CheckResult> {
  if ('all' in check) {
    for (const c of check.all) {
      const r = await evaluate(probe, c);
      if (!r.ok) return r;
    }
    return { ok: true, reason: 'all hold' };
  }
  if ('any' in check) {
    const reasons: string[] = [];
    for (const c of check.any) {
      const r = await evaluate(probe, c);
      if (r.ok) return r;
      reasons.push(r.reason);
    }
    return { ok: false, reason: reasons.join('; and ') };
  }
  if ('not' in check) {
    const r = await evaluate(probe, check.not);
    return { ok: !r.ok, reason: r.ok ? `unexpectedly: ${r.reason}` : r.reason };
  }
  if ('container' in check) {
    const found = await findContainer(probe, check.container);
    return found.match
      ? { ok: true, reason: `container ${found.match.Name.slice(1)} ${describe(check.container)}` }
      : { ok: false, reason: `no container ${describe(check.container)}${found.nearest ? ` (${found.nearest})` : ''}` };
  }
  if ('noContainer' in check) {
    const found = await findContainer(probe, check.noContainer);
    return found.match
      ? { ok: false, reason: `container ${found.match.Name.slice(1)} still ${describe(check.noContainer)}` }
      : { ok: true, reason: `no container ${describe(check.noContainer)}` };
  }
  if ('image' in check) {
    if (typeof check.image === 'string') {
      const id = await probe.imageId(check.image);
      return id ? { ok: true, reason: `image ${check.image} is present` } : { ok: false, reason: `no image ${check.image} locally` };
    }
    const why = await imageMismatch(probe, check.image);
    return why ? { ok: false, reason: why } : { ok: true, reason: `image ${describeImage(check.image)}` };
  }
  if ('volume' in check) {
    const m = check.volume;
    const v = await probe.volume(m.name);
    if (!v) return { ok: false, reason: `there is no volume ${m.name}` };
    if (m.file) {
      const rel = m.file.path.startsWith('/') ? m.file.path : `/${m.file.path}`;
      const why = fileMismatchAt(probe, v.Mountpoint.replace(/\/+$/, '') + rel, m.file);
      if (why) return { ok: false, reason: `in volume ${m.name}, ${why}` };
    }
    return { ok: true, reason: `volume ${m.name}${m.file ? ` holds ${describeFile(m.file)}` : ' exists'}` };
  }
  if ('hostFile' in check) {
    const why = fileMismatchAt(probe, check.hostFile.path, check.hostFile);
    return why ? { ok: false, reason: `on the host, ${why}` } : { ok: true, reason: `the host has ${describeFile(check.hostFile)}` };
  }
  if ('hostProcess' in check) {
    const procs = probe.processes();
    const p = procs.find((x) => procMatches(x, check.hostProcess, procs));
    return p ? { ok: true, reason: `host process ${p.pid} (${p.comm})` } : { ok: false, reason: `no process ${describeProc(check.hostProcess)} on the host` };
  }
  const other = (await evaluateNet(probe, check)) ?? (await evaluateHealth(probe, check));
  if (other) return other;
  throw new Error(`unknown check ${JSON.stringify(check)}`);
}

async function findContainer(probe: Probe, m: ContainerMatch): Promise<{ match?: ContainerInspect; nearest?: string }> {
  const all = await probe.containers();
  let nearest: string | undefined;
  for (const c of all) {
    const why = await containerMismatch(probe, c, m);
    if (!why) return { match: c };
    // Report the mismatch of the container the learner most likely meant.
    if (m.name ? c.Name === `/${m.name}` : nearest === undefined) nearest = `${c.Name.slice(1)}: ${why}`;
  }
  if (all.length === 0) nearest = 'there are no containers';
  return { nearest };
}

/** Why a container does not match, or undefined when it does. */
async function containerMismatch(probe: Probe, c: ContainerInspect, m: ContainerMatch): Promise<string | undefined> {
  if (m.name !== undefined && c.Name !== `/${m.name}`) return `its name is ${c.Name.slice(1)}`;
  if (m.image !== undefined) {
    const id = await probe.imageId(m.image);
    if (!id || c.Image !== id) return `it runs ${c.Config.Image}, not ${m.image}`;
  }
  if (m.state !== undefined && c.State.Status !== m.state) return `it is ${c.State.Status}`;
  if (m.exitCode !== undefined) {
    if (c.State.Running || c.State.Status === 'created') return `it is ${c.State.Status}`;
    if (c.State.ExitCode !== m.exitCode) return `it exited with code ${c.State.ExitCode}`;
  }
  if (m.signal !== undefined) {
    const want = signalNumber(m.signal);
    if (!(await probe.signalsSent(c)).includes(want)) return `the daemon never sent it ${m.signal}`;
  }
  if (m.pid1 !== undefined || m.process !== undefined) {
    if (!c.State.Running) return `it is ${c.State.Status}`;
    const procs = probe.containerProcesses(c);
    if (m.pid1 !== undefined) {
      const want: ProcMatch = typeof m.pid1 === 'string' ? { comm: m.pid1 } : m.pid1;
      const init = procs[0];
      if (!init || !procMatches(init, want, procs)) return `its PID 1 is ${init ? describeTree(init, procs) : 'gone'}`;
    }
    if (m.process !== undefined && !procs.some((p) => p.comm === m.process)) {
      return `it runs ${procs.map((p) => p.comm).join(', ') || 'nothing'}`;
    }
  }
  if (m.path !== undefined && !(c.Path === m.path || (!m.path.includes('/') && c.Path.endsWith(`/${m.path}`)))) return `it ran ${c.Path}`;
  if (m.args !== undefined && JSON.stringify(c.Args ?? []) !== JSON.stringify(m.args)) return `its arguments were ${JSON.stringify(c.Args ?? [])}`;
  if (m.mount !== undefined) {
    const why = mountMismatch(probe, c, m.mount);
    if (why) return why;
  }
  if (m.file !== undefined) {
    const why = fileMismatchAt(probe, containerHostPath(probe, c, m.file.path), m.file);
    if (why) return why;
  }
  if (m.logs !== undefined || m.logLines !== undefined) {
    const logs = await probe.logs(c);
    if (m.logs !== undefined && !logs.includes(m.logs)) return `its logs do not contain "${m.logs}"`;
    const lines = logs.split('\n').length - 1;
    if (m.logLines !== undefined && lines < m.logLines) return `its logs hold ${lines} line${lines === 1 ? '' : 's'}`;
  }
  return undefined;
}

const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, TERM: 15, STOP: 19 };

function signalNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const n = SIGNALS[s.toUpperCase().replace(/^SIG/, '')];
  if (n === undefined) throw new Error(`unknown signal ${s}`);
  return n;
}

function procMatches(p: ProcessInfo, m: ProcMatch, all: ProcessInfo[]): boolean {
  if (m.comm !== undefined && p.comm !== m.comm) return false;
  if (m.argv !== undefined && !m.argv.every((w, i) => p.argv[i] === w)) return false;
  if (m.children?.length) {
    const kids = all.filter((k) => k.ppid === p.pid);
    const used = new Set<ProcessInfo>();
    for (const want of m.children) {
      const k = kids.find((x) => !used.has(x) && procMatches(x, want, all));
      if (!k) return false;
      used.add(k);
    }
  }
  return true;
}

function describeTree(p: ProcessInfo, all: ProcessInfo[]): string {
  const kids = all.filter((k) => k.ppid === p.pid).map((k) => k.comm);
  return kids.length ? `${p.comm} (children: ${kids.join(', ')})` : p.comm;
}

function describeProc(m: ProcMatch): string {
  const parts = [m.comm ?? 'any', ...(m.argv ? [`argv ${m.argv.join(' ')}`] : [])];
  const kids = m.children?.map(describeProc).join(', ');
  return kids ? `${parts.join(' ')} with children [${kids}]` : parts.join(' ');
}

/** A container match in words: "named web, from nginx, running". */
export function describe(m: ContainerMatch): string {
  const parts: string[] = [];
  if (m.name !== undefined) parts.push(`named ${m.name}`);
  if (m.image !== undefined) parts.push(`from ${m.image}`);
  if (m.state !== undefined) parts.push(m.state);
  if (m.exitCode !== undefined) parts.push(`exited with code ${m.exitCode}`);
  if (m.signal !== undefined) parts.push(`sent ${m.signal}`);
  if (m.pid1 !== undefined) parts.push(`whose PID 1 is ${typeof m.pid1 === 'string' ? m.pid1 : describeProc(m.pid1)}`);
  if (m.process !== undefined) parts.push(`running ${m.process}`);
  if (m.path !== undefined) parts.push(`running ${[m.path, ...(m.args ?? [])].join(' ')}`);
  else if (m.args !== undefined) parts.push(`with arguments ${JSON.stringify(m.args)}`);
  if (m.mount !== undefined) parts.push(`with a ${describeMount(m.mount)}`);
  if (m.file !== undefined) parts.push(`with ${describeFile(m.file)}`);
  if (m.logs !== undefined) parts.push(`logging "${m.logs}"`);
  if (m.logLines !== undefined) parts.push(`with at least ${m.logLines} log line${m.logLines === 1 ? '' : 's'}`);
  return parts.join(', ') || 'at all';
}
