// Evaluating a step's check against the world. Everything is read from the
// Engine API (containers, images, logs) and the kernel (processes, files), so
// any way of reaching the asked state passes, and no typed text is looked at.

import { ApiError, Demuxer, type ContainerInspect } from '@dockersim/engine-api';
import type { ProcessInfo } from '@dockersim/kernel';
import type { Check, ContainerMatch, FileMatch, ProcMatch } from './format.ts';
import type { LessonHost } from './host.ts';

export interface CheckResult {
  ok: boolean;
  /** Why it failed (or what passed), in plain words for the instructor and the CLI. */
  reason: string;
}

const dec = new TextDecoder();

/** Runs a check; a check that cannot be evaluated fails with the reason. */
export async function runCheck(host: LessonHost, check: Check): Promise<CheckResult> {
  try {
    return await evaluate(new Probe(host), check);
  } catch (e) {
    return { ok: false, reason: `the check could not run: ${(e as Error)?.message ?? e}` };
  }
}

/** Caches what one evaluation reads, so `all` of several container checks asks once. */
class Probe {
  private _inspects?: Promise<ContainerInspect[]>;
  private _procs?: ProcessInfo[];
  private readonly _images = new Map<string, Promise<string | undefined>>();
  constructor(readonly host: LessonHost) {}

  containers(): Promise<ContainerInspect[]> {
    return this._inspects ??= (async () => {
      const list = await this.host.engine.containerList({ all: true });
      const out: ContainerInspect[] = [];
      for (const c of list) {
        try { out.push(await this.host.engine.containerInspect(c.Id)); } catch { /* removed meanwhile */ }
      }
      return out;
    })();
  }

  processes(): ProcessInfo[] { return this._procs ??= this.host.processes(); }

  /** The image id a reference names locally, or undefined. */
  imageId(ref: string): Promise<string | undefined> {
    let p = this._images.get(ref);
    if (!p) {
      p = this.host.engine.imageInspect(ref).then((i) => i.Id, (e) => {
        if (e instanceof ApiError && e.status === 404) return undefined;
        throw e;
      });
      this._images.set(ref, p);
    }
    return p;
  }

  async logs(c: ContainerInspect): Promise<string> {
    const stream = await this.host.engine.containerLogs(c.Id, { stdout: true, stderr: true });
    const parts: string[] = [];
    const demux = new Demuxer((_s, payload) => parts.push(dec.decode(payload)));
    for (;;) {
      const chunk = await stream.read();
      if (!chunk) break;
      if (c.Config.Tty) parts.push(dec.decode(chunk)); else demux.push(chunk);
    }
    return parts.join('');
  }

  /** The processes in a running container: those in its cgroup, PID 1 first. */
  containerProcesses(c: ContainerInspect): ProcessInfo[] {
    const procs = this.processes();
    const init = procs.find((p) => p.pid === c.State.Pid);
    if (!init) return [];
    return [init, ...procs.filter((p) => p !== init && p.cgroup === init.cgroup)];
  }

  /** The signals the daemon sent a container, from its event history. */
  async signalsSent(c: ContainerInspect): Promise<number[]> {
    const now = Date.parse((await this.host.engine.info()).SystemTime);
    const stream = await this.host.engine.events({ since: '0', until: String(Math.floor(now / 1000)), filters: { container: [c.Id], event: ['kill'] } });
    let text = '';
    for (;;) {
      const chunk = await stream.read();
      if (!chunk) break;
      text += dec.decode(chunk);
    }
    return text.split('\n').filter(Boolean).map((l) => Number((JSON.parse(l) as { Actor: { Attributes: Record<string, string> } }).Actor.Attributes.signal));
  }

  readFile(path: string): string | undefined {
    const b = this.host.readFile(path);
    return b && dec.decode(b);
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
    const id = await probe.imageId(check.image);
    return id ? { ok: true, reason: `image ${check.image} is present` } : { ok: false, reason: `no image ${check.image} locally` };
  }
  if ('hostFile' in check) {
    const why = fileMismatch(probe.readFile(check.hostFile.path), check.hostFile);
    return why ? { ok: false, reason: `on the host, ${why}` } : { ok: true, reason: `the host has ${check.hostFile.path}` };
  }
  if ('hostProcess' in check) {
    const procs = probe.processes();
    const p = procs.find((x) => procMatches(x, check.hostProcess, procs));
    return p ? { ok: true, reason: `host process ${p.pid} (${p.comm})` } : { ok: false, reason: `no process ${describeProc(check.hostProcess)} on the host` };
  }
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
  if (m.file !== undefined) {
    const why = fileMismatch(readContainerFile(probe, c, m.file.path), m.file);
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

/**
 * A file of a container's filesystem: through the overlay's merged view while
 * it runs; when stopped, its own layer first, then the image's layers.
 */
function readContainerFile(probe: Probe, c: ContainerInspect, path: string): string | undefined {
  const d = (c.GraphDriver?.Data ?? {}) as Record<string, string | undefined>;
  const rel = path.startsWith('/') ? path : `/${path}`;
  const dirs = c.State.Running && d.MergedDir ? [d.MergedDir] : [d.UpperDir, ...(d.LowerDir ?? '').split(':')];
  for (const dir of dirs) {
    if (!dir) continue;
    const s = probe.readFile(dir + rel);
    if (s !== undefined) return s;
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

function fileMismatch(content: string | undefined, m: FileMatch): string | undefined {
  if (content === undefined) return `there is no file ${m.path}`;
  if (m.contains !== undefined && !content.includes(m.contains)) return `${m.path} does not contain "${m.contains}"`;
  return undefined;
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
  if (m.file !== undefined) parts.push(`with ${m.file.path}${m.file.contains !== undefined ? ` containing "${m.file.contains}"` : ''}`);
  if (m.logs !== undefined) parts.push(`logging "${m.logs}"`);
  if (m.logLines !== undefined) parts.push(`with at least ${m.logLines} log line${m.logLines === 1 ? '' : 's'}`);
  return parts.join(', ') || 'at all';
}
