// The builder: a Dockerfile and a context become an image. Each stage starts
// from its base (an image, pulled if missing, or an earlier stage); each
// instruction either changes only the config (an empty layer in the history)
// or runs in a container of the image so far (RUN) or writes into one
// (COPY/ADD/WORKDIR), whose upperdir becomes the step's layer. Every step's
// result is kept as an intermediate image under a cache key made of the
// parent's key, the instruction and the checksum of its sources, so an
// unchanged step is reused and a changed one invalidates those after it.

import { familiarString, parseNormalizedNamed, referenceString, tagNameOnly, sha256Hex, type ImageConfig, type Reference } from '@dockersim/image';
import type { ProgressMessage } from '@dockersim/engine-api';
import { ByteQueue } from '../byte-queue.ts';
import type { Daemon } from '../daemon.ts';
import type { StoredImage } from '../images.ts';
import { rfc3339Nano } from '../time.ts';
import { randomHex } from '../util.ts';
import { BuildContext } from './context.ts';
import { cloneConfig } from './config.ts';
import { DockerfileError, parseDockerfile, ShellLex, type Instruction, type Stage } from './dockerfile/index.ts';
import { Progress } from './progress.ts';
import { builderState } from './state.ts';
import { dispatch, type StageState } from './dispatch.ts';

export interface BuildRequest {
  dockerfile: string;
  tags: string[];
  buildArgs: Record<string, string | null>;
  labels: Record<string, string>;
  target: string;
  noCache: boolean;
  /** The classic builder's stream (version=1) rather than BuildKit's (version=2). */
  classic: boolean;
  pull: boolean;
  quiet: boolean;
  /** The Dockerfile's text when it came from outside the context (stdin, -f elsewhere). */
  dockerfileText?: string;
}

export class BuildError extends Error {
  constructor(message: string, readonly code = 1, readonly startLine = 0, readonly endLine = 0) { super(message); }
}

export interface Build {
  d: Daemon;
  req: BuildRequest;
  ctx: BuildContext;
  p: Progress;
  lex: ShellLex;
  states: StageState[];
  stages: Stage[];
  metaArgs: Map<string, string | undefined>;
  usedArgs: Set<string>;
  contextLoaded?: boolean;
  /** virtual ms since boot */
  now(): number;
}

export const EMPTY_CONFIG = (d: Daemon): ImageConfig => ({
  architecture: 'amd64', os: 'linux', config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
  rootfs: { type: 'layers', diff_ids: [] }, history: [], created: rfc3339Nano(d.sys.now()),
});

/** Starts a build; the stream carries its progress and ends with the result or the error. */
export function imageBuild(d: Daemon, req: BuildRequest, tar: Uint8Array): ByteQueue {
  const q = new ByteQueue();
  const send = (m: ProgressMessage) => q.push(new TextEncoder().encode(JSON.stringify(m) + '\r\n'));
  void (async () => {
    try {
      const id = await runBuild(d, req, tar, send);
      send({ aux: { ID: id } });
    } catch (e) {
      const be = e instanceof BuildError ? e : e instanceof DockerfileError ? new BuildError(e.message, 1, e.startLine, e.endLine) : new BuildError((e as Error).message ?? String(e));
      send({ errorDetail: { message: be.message, ...(be.code !== 1 ? { code: be.code } : {}) }, error: be.message, ...(be.startLine ? { aux: { location: { start: be.startLine, end: be.endLine } } } : {}) } as ProgressMessage);
    }
    q.end();
  })();
  return q;
}

/** Checks what the classic builder checks before answering (its errors become the HTTP error). */
export function prepareClassic(req: BuildRequest, tar: Uint8Array): void {
  const ctx = new BuildContext(tar);
  const text = dockerfileText(req, ctx);
  const df = parseDockerfile(text);
  if (req.target && !df.stages.some((s) => s.name === req.target.toLowerCase())) {
    throw new BuildError(`failed to reach build target ${req.target} in Dockerfile`);
  }
}

function dockerfileText(req: BuildRequest, ctx: BuildContext): string {
  if (req.dockerfileText !== undefined) return req.dockerfileText;
  const name = req.dockerfile || 'Dockerfile';
  const e = ctx.get(name);
  if (!e || e.type !== 'file') {
    if (req.classic) throw new BuildError(`Cannot locate specified Dockerfile: ${name}`);
    throw new BuildError(`failed to solve: failed to read dockerfile: open ${name}: no such file or directory`);
  }
  return new TextDecoder().decode(e.data);
}

async function runBuild(d: Daemon, req: BuildRequest, tar: Uint8Array, send: (m: ProgressMessage) => void): Promise<string> {
  const sys = d.sys;
  const p = new Progress(req.classic, send, () => sys.uptime());
  const ctx = new BuildContext(tar);
  const t0 = sys.uptime();
  // BuildKit's internal steps: the definition, .dockerignore (already applied by the client).
  let text: string;
  const defName = req.dockerfile || 'Dockerfile';
  const v1 = p.start(`[internal] load build definition from ${defName.split('/').pop()}`);
  try { text = dockerfileText(req, ctx); } catch (e) { p.done(v1, `[internal] load build definition from ${defName}`, t0, (e as Error).message); throw e; }
  p.status(v1, 'transferring dockerfile:', t0, { name: `transferring dockerfile: ${text.length}B`, current: text.length });
  p.done(v1, `[internal] load build definition from ${defName.split('/').pop()}`, t0);
  const df = (() => { try { return parseDockerfile(text); } catch (e) { if (e instanceof DockerfileError) throw prefixSolve(e, req.classic); throw e; } })();
  for (const w of df.warnings) p.text(`[WARNING]: ${w}\n`);
  if (df.warnings.length) p.text('[WARNING]: Empty continuation lines will become errors in a future release.\n');

  const lex = new ShellLex(df.escape);
  const b: Build = { d, req, ctx, p, lex, states: [], stages: df.stages, metaArgs: new Map(), usedArgs: new Set(), now: () => sys.uptime() };
  for (const a of df.metaArgs) for (const kv of a.args) {
    const given = req.buildArgs[kv.key];
    b.metaArgs.set(kv.key, given !== undefined && given !== null ? given : kv.value !== undefined ? lex.processWord(kv.value, (k) => b.metaArgs.get(k)) : undefined);
    if (given !== undefined) b.usedArgs.add(kv.key);
  }

  // Which stage is the target, which stages it needs.
  let targetIdx = df.stages.length - 1;
  if (req.target) {
    targetIdx = df.stages.findIndex((s) => s.name === req.target.toLowerCase());
    if (targetIdx < 0) {
      if (req.classic) throw new BuildError(`failed to reach build target ${req.target} in Dockerfile`);
      throw new BuildError(`failed to solve: target stage ${JSON.stringify(req.target)} could not be found`);
    }
  }
  const stageIndex = (ref: string): number => {
    const lower = ref.toLowerCase();
    const byName = df.stages.findIndex((s, i) => s.name === lower && i < df.stages.length);
    if (byName >= 0) return byName;
    if (/^\d+$/.test(ref)) return Number(ref);
    return -1;
  };
  const needed = new Set<number>();
  const visit = (i: number) => {
    if (needed.has(i)) return;
    needed.add(i);
    const s = df.stages[i];
    const base = stageIndex(expandMeta(b, s.baseName));
    if (base >= 0 && base < i) visit(base);
    for (const c of s.commands) if (c.kind === 'copy' && c.from) { const j = stageIndex(c.from); if (j >= 0 && j < i) visit(j); }
  };
  visit(targetIdx);
  if (req.classic) {
    // The classic builder runs every stage up to the target, in order.
    for (let i = 0; i <= targetIdx; i++) needed.add(i);
  }
  const totalSteps = req.classic ? df.stages.slice(0, targetIdx + 1).reduce((n, s) => n + 1 + s.commands.length, 0) : 0;
  let step = 0;
  const multi = df.stages.length > 1;

  if (!req.classic) {
    const t1 = b.now();
    const v = p.start('[internal] load .dockerignore');
    const ign = ctx.get('.dockerignore');
    const n = ign ? ign.size : 2;
    p.status(v, 'transferring context:', t1, { name: `transferring context: ${n}B`, current: n });
    p.done(v, '[internal] load .dockerignore', t1);
  }
  for (let i = 0; i <= targetIdx; i++) {
    if (!needed.has(i)) continue;
    const stage = df.stages[i];
    const st = await fromStage(b, stage, i, multi, stageIndex, () => ++step, totalSteps);
    b.states[i] = st;
    for (const c of st.onbuild) await dispatch(b, st, c, ++step, totalSteps, true);
    for (const c of stage.commands) await dispatch(b, st, c, ++step, totalSteps, false);
  }
  const final = b.states[targetIdx];
  // --label lands in the final image, as a last config change.
  if (Object.keys(req.labels).length) {
    const cfg = cloneConfig(final.image.config);
    cfg.config = { ...(cfg.config ?? {}), Labels: { ...(cfg.config?.Labels ?? {}), ...req.labels } };
    final.image = d.images.add(cfg, final.image.top);
  }
  const unused = Object.keys(req.buildArgs).filter((k) => !b.usedArgs.has(k) && !PREDEFINED_ARGS.has(k)).sort();
  if (unused.length && req.classic) p.text(`[Warning] One or more build-args [${unused.join(' ')}] were not consumed\n`);
  return exportImage(b, final);
}

const PREDEFINED_ARGS = new Set(['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy']);

function prefixSolve(e: DockerfileError, classic: boolean): DockerfileError {
  return classic ? e : new DockerfileError(`failed to solve: ${e.message}`, e.startLine, e.endLine);
}

export function expandMeta(b: Build, word: string): string {
  return b.lex.processWord(word, (k) => b.metaArgs.get(k));
}

async function fromStage(b: Build, stage: Stage, i: number, multi: boolean, stageIndex: (r: string) => number, nextStep: () => number, total: number): Promise<StageState> {
  const { d, p } = b;
  const baseName = expandMeta(b, stage.baseName);
  if (!baseName) throw new BuildError(`base name (${stage.baseName}) should not be blank`, 1, stage.startLine, stage.endLine);
  const label = multi ? (stage.name || `stage-${i}`) : '';
  const fsSteps = stage.commands.filter((c) => c.kind === 'run' || c.kind === 'copy' || c.kind === 'add' || c.kind === 'workdir').length;
  const baseIdx = stageIndex(baseName);
  const fromStageState = baseIdx >= 0 && baseIdx < i ? b.states[baseIdx] : undefined;
  const st: StageState = {
    stage, index: i, label, total: fsSteps + (fromStageState ? 0 : 1), cmdIndex: 0,
    image: undefined as unknown as StoredImage, key: '', args: new Map(), onbuild: [],
  };
  const stepNo = nextStep();
  if (b.req.classic) p.text(`Step ${stepNo}/${total} : ${stage.original.trim()}\n`);
  if (fromStageState) {
    st.image = fromStageState.image;
    st.key = fromStageState.key;
  } else if (baseName.toLowerCase() === 'scratch') {
    st.image = d.images.add(EMPTY_CONFIG(d), undefined);
    hide(d, st.image);
    st.key = 'scratch';
    if (!b.req.classic) { /* scratch has no FROM vertex */ st.total--; }
  } else {
    let ref: Reference;
    try { ref = tagNameOnly(parseNormalizedNamed(baseName)); } catch (e) {
      throw new BuildError(`failed to parse stage name ${JSON.stringify(baseName)}: invalid reference format`, 1, stage.startLine, stage.endLine);
    }
    const full = referenceString(ref);
    const t0 = b.now();
    const meta = b.req.classic ? '' : p.start(`[internal] load metadata for ${full}`);
    let img = d.images.get(full);
    if (!img || b.req.pull) {
      const q = new ByteQueue();
      if (b.req.classic) {
        // The classic builder shows the pull as `docker pull` does.
        const pulled = d.images.pull(d.opts.registry, `${ref.domain}/${ref.path}`, ref.digest ?? ref.tag, q).catch((e: Error) => { throw e; });
        q.end();
        try { img = await pulled; } catch (e) { throw new BuildError(classicPullError(e as Error, familiarString(ref))); }
        for (let c = await q.read(); c; c = await q.read()) {
          for (const line of new TextDecoder().decode(c).split('\r\n').filter(Boolean)) {
            const m = JSON.parse(line) as ProgressMessage;
            if (m.status && (m.status.startsWith('Pulling from') || m.status === 'Pull complete' || m.status.startsWith('Digest') || m.status.startsWith('Status'))) p.text(`${m.id && !m.status.startsWith('Pulling from') ? m.id + ': ' : m.id ? m.id + ': ' : ''}${m.status}\n`);
          }
        }
      } else {
        try { img = await d.images.pull(d.opts.registry, `${ref.domain}/${ref.path}`, ref.digest ?? ref.tag, q); } catch (e) {
          p.done(meta, `[internal] load metadata for ${full}`, t0, (e as Error).message);
          throw new BuildError(`failed to solve: ${full}: failed to resolve source metadata for ${full}: ${(e as Error).message}`, 1, stage.startLine, stage.endLine);
        }
      }
    }
    if (!b.req.classic) p.done(meta, `[internal] load metadata for ${full}`, t0);
    st.image = img!;
    st.key = img!.id;
    st.fromName = `FROM ${full}`;
  }
  // ONBUILD triggers of the base run first, in the child.
  const triggers = st.image.config.config?.OnBuild ?? [];
  if (triggers.length) {
    const parsed = parseDockerfile(`FROM scratch\n${triggers.join('\n')}\n`).stages[0].commands;
    st.onbuild = parsed;
    st.total += parsed.filter((c) => c.kind === 'run' || c.kind === 'copy' || c.kind === 'add' || c.kind === 'workdir').length;
    if (b.req.classic) p.text(`# Executing ${triggers.length} build trigger${triggers.length > 1 ? 's' : ''}\n`);
  }
  if (!b.req.classic && !fromStageState && baseName.toLowerCase() !== 'scratch') {
    const name = prefix(st, st.fromName!);
    // A base seen by an earlier build is resolved from the cache.
    const seen = builderState(d).bases;
    const v = p.start(name, seen.has(st.image.id));
    if (!seen.has(st.image.id)) { p.done(v, name, b.now()); seen.add(st.image.id); }
  }
  if (b.req.classic) p.text(` ---> ${st.image.id.slice(7, 19)}\n`);
  // A stage's image starts without its base's triggers.
  if (triggers.length) {
    const cfg = cloneConfig(st.image.config);
    if (cfg.config) delete cfg.config.OnBuild;
    st.image = d.images.add(cfg, st.image.top);
    hide(d, st.image);
    st.key = sha256Hex(`${st.key}\nclear-onbuild`);
  }
  return st;
}

function classicPullError(e: Error, name: string): string {
  return e.message.includes('pull access denied') || e.message.includes('not found') ? e.message : `${name}: ${e.message}`;
}

/** "[stage 2/5] RUN ..." as BuildKit names a step. */
export function prefix(st: StageState, text: string): string {
  st.cmdIndex++;
  const w = String(st.total).length;
  return `[${st.label ? st.label + ' ' : ''}${String(st.cmdIndex).padStart(w, ' ')}/${st.total}] ${text}`;
}

export function hide(d: Daemon, img: StoredImage): void {
  if (!img.repoTags.length && !img.repoDigests.length && !img.visible) img.intermediate = true;
}

async function exportImage(b: Build, final: StageState): Promise<string> {
  const { d, p, req } = b;
  const img = final.image;
  img.intermediate = false;
  img.visible = true;
  const t0 = b.now();
  const v = p.start('exporting to image');
  if (!req.classic) {
    p.status(v, 'exporting layers', t0, { name: 'exporting layers' });
    p.status(v, `writing image ${img.id}`, b.now(), { name: `writing image ${img.id}` });
  }
  const tagged: string[] = [];
  for (const t of req.tags) {
    const ref = tagNameOnly(parseNormalizedNamed(t));
    d.images.tag(img, ref);
    d.bus.emit('image', 'tag', img.id, { name: familiarString(ref) });
    tagged.push(referenceString(ref));
    if (!req.classic) p.status(v, `naming to ${referenceString(ref)}`, b.now(), { name: `naming to ${referenceString(ref)}` });
  }
  p.done(v, 'exporting to image', t0);
  if (req.classic) {
    p.text(`Successfully built ${img.id.slice(7, 19)}\n`);
    for (const t of req.tags) p.text(`Successfully tagged ${familiarString(tagNameOnly(parseNormalizedNamed(t)))}\n`);
  }
  void randomHex;
  return img.id;
}

export type { Instruction };
