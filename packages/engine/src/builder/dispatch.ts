// One instruction of a stage: metadata instructions change the config and
// add an empty-layer history entry; RUN, COPY, ADD and WORKDIR make a layer.
// Either way the result is an image under the step's cache key.

import { sha256Hex, type ContainerConfig, type HistoryEntry, type ImageConfig } from '@dockersim/image';
import { signalNumber } from '@dockersim/kernel';
import type { StoredImage } from '../images.ts';
import { rfc3339Nano } from '../time.ts';
import { hide, prefix, BuildError, type Build } from './builder.ts';
import { cloneConfig, envLookup, setEnv } from './config.ts';
import { goDurationString, type Instruction, type Stage } from './dockerfile/index.ts';
import { goList, goQuoteList } from './format.ts';
import { builderState } from './state.ts';
import { runStep, copyStep, workdirStep } from './steps.ts';

export interface StageState {
  stage: Stage;
  index: number;
  /** Stage name in step labels ("build", "stage-1"), "" for a single-stage build. */
  label: string;
  total: number;
  cmdIndex: number;
  image: StoredImage;
  /** The cache key of the image so far. */
  key: string;
  /** ARGs declared in this stage, with their values. */
  args: Map<string, string | undefined>;
  onbuild: Instruction[];
  fromName?: string;
}

const COMMENT = 'buildkit.dockerfile.v0';

/** A step's history entry, as the builder in use words it. */
export function historyEntry(b: Build, createdBy: string, classicBy: string, empty: boolean): HistoryEntry {
  const created = rfc3339Nano(b.d.sys.now());
  if (b.req.classic) return { created, created_by: classicBy, ...(empty ? { empty_layer: true } : {}) };
  return { created, created_by: createdBy, comment: COMMENT, ...(empty ? { empty_layer: true } : {}) };
}

/** Looks the step up in the build cache. */
export function cached(b: Build, key: string): StoredImage | undefined {
  if (b.req.noCache) return undefined;
  const rec = builderState(b.d).cache.get(key);
  if (!rec) return undefined;
  const img = b.d.images.get(rec.imageId);
  if (img) rec.lastUsed = b.d.sys.now();
  return img;
}

export function remember(b: Build, key: string, img: StoredImage, description: string, size: number): void {
  const now = b.d.sys.now();
  builderState(b.d).cache.set(key, { key, imageId: img.id, description, created: now, lastUsed: now, size, inUse: false });
}

export function stepKey(st: StageState, text: string, extra = ''): string {
  return sha256Hex(`${st.key}\n${text}\n${extra}`);
}

/** The value lookup for variable substitution: ENV first, then this stage's ARGs. */
export function lookup(b: Build, st: StageState): (k: string) => string | undefined {
  const env = envLookup(st.image.config.config ?? {}, st.args);
  return (k) => { const v = env(k); if (v !== undefined && st.args.has(k)) b.usedArgs.add(k); return v; };
}

/** A metadata-only step: a new config over the same layers. */
async function metadata(b: Build, st: StageState, ins: Instruction, stepNo: number, total: number, createdBy: string, classicBy: string, change: (c: ContainerConfig) => void, shown = true): Promise<void> {
  const { p } = b;
  if (b.req.classic) p.text(`Step ${stepNo}/${total} : ${ins.original.trim()}\n`);
  const key = stepKey(st, createdBy);
  const hit = cached(b, key);
  if (hit) {
    if (b.req.classic) p.text(` ---> Using cache\n ---> ${hit.id.slice(7, 19)}\n`);
    st.image = hit; st.key = key;
    return;
  }
  const cfg: ImageConfig = cloneConfig(st.image.config);
  cfg.config ??= {};
  change(cfg.config);
  cfg.created = rfc3339Nano(b.d.sys.now());
  if (shown) cfg.history = [...(cfg.history ?? []), historyEntry(b, createdBy, classicBy, true)];
  if (b.req.classic) { const cid = b.d.randomHex(32).slice(0, 12); p.text(` ---> Running in ${cid}\n ---> Removed intermediate container ${cid}\n`); }
  const img = b.d.images.add(cfg, st.image.top);
  hide(b.d, img);
  remember(b, key, img, createdBy, 0);
  st.image = img; st.key = key;
  if (b.req.classic) p.text(` ---> ${img.id.slice(7, 19)}\n`);
}

export async function dispatch(b: Build, st: StageState, ins: Instruction, stepNo: number, total: number, onbuild: boolean): Promise<void> {
  const lex = b.lex;
  const word = (s: string) => { try { return lex.processWord(s, lookup(b, st)); } catch (e) { throw new BuildError((e as Error).message, 1, ins.startLine, ins.endLine); } };
  const words = (s: string) => { try { return lex.processWords(s, lookup(b, st)); } catch (e) { throw new BuildError((e as Error).message, 1, ins.startLine, ins.endLine); } };
  const nop = (s: string) => `/bin/sh -c #(nop)  ${s}`;
  switch (ins.kind) {
    case 'env': {
      const pairs = ins.pairs.map((kv) => ({ key: word(kv.key), value: word(kv.value) }));
      const text = 'ENV ' + pairs.map((kv) => `${kv.key}=${kv.value}`).join(' ');
      return metadata(b, st, ins, stepNo, total, text, nop(text), (c) => { for (const kv of pairs) setEnv(c, kv.key, kv.value); });
    }
    case 'label': {
      const pairs = ins.pairs.map((kv) => ({ key: word(kv.key), value: word(kv.value) }));
      const text = 'LABEL ' + pairs.map((kv) => `${kv.key}=${kv.value}`).join(' ');
      return metadata(b, st, ins, stepNo, total, text, nop(text), (c) => { c.Labels = { ...(c.Labels ?? {}) }; for (const kv of pairs) c.Labels[kv.key] = kv.value; });
    }
    case 'maintainer':
      return metadata(b, st, ins, stepNo, total, `MAINTAINER ${ins.maintainer}`, nop(`MAINTAINER ${ins.maintainer}`), () => {}, true).then(() => {
        st.image.config.author = ins.maintainer;
      });
    case 'cmd': case 'entrypoint': {
      const shell = st.image.config.config?.Shell ?? ['/bin/sh', '-c'];
      const args = ins.prependShell && ins.cmdLine.length ? [...shell, ins.cmdLine.join(' ')] : ins.cmdLine;
      const name = ins.kind.toUpperCase();
      const text = `${name} ${goQuoteList(args)}`;
      return metadata(b, st, ins, stepNo, total, text, nop(text), (c) => {
        if (ins.kind === 'cmd') c.Cmd = args;
        else { c.Entrypoint = args; if (!(st as { cmdSet?: boolean }).cmdSet) delete c.Cmd; }
        if (ins.prependShell) c.ArgsEscaped = true;
      }).then(() => { if (ins.kind === 'cmd') (st as { cmdSet?: boolean }).cmdSet = true; });
    }
    case 'healthcheck': {
      const h = ins.health;
      const text = h.Test[0] === 'NONE' ? 'HEALTHCHECK &{["NONE"] "0s" "0s" "0s" "0s" \'\\x00\'}'
        : `HEALTHCHECK &{${goQuoteList(h.Test)} ${JSON.stringify(goDurationString(h.Interval ?? 0))} ${JSON.stringify(goDurationString(h.Timeout ?? 0))} ${JSON.stringify(goDurationString(h.StartPeriod ?? 0))} ${JSON.stringify(goDurationString(h.StartInterval ?? 0))} '\\x${(h.Retries ?? 0).toString(16).padStart(2, '0')}'}`;
      return metadata(b, st, ins, stepNo, total, text, nop(text), (c) => { c.Healthcheck = { ...h }; });
    }
    case 'expose': {
      const ports = ins.ports.flatMap(words).map((p) => (p.includes('/') ? p.toLowerCase() : `${p}/tcp`));
      for (const p of ports) if (!/^\d+(-\d+)?\/(tcp|udp|sctp)$/.test(p)) throw new BuildError(`invalid containerPort: ${p.split('/')[0]}`, 1, ins.startLine, ins.endLine);
      const text = `EXPOSE ${goList(ports)}`;
      return metadata(b, st, ins, stepNo, total, text, nop(text), (c) => { c.ExposedPorts = { ...(c.ExposedPorts ?? {}) }; for (const p of ports) c.ExposedPorts[p] = {}; });
    }
    case 'user': {
      const u = word(ins.user);
      return metadata(b, st, ins, stepNo, total, `USER ${u}`, nop(`USER ${u}`), (c) => { c.User = u; });
    }
    case 'volume': {
      const vols = ins.volumes.flatMap((v) => (ins.original.trim().match(/^\S+\s+\[/) ? [word(v)] : words(v)));
      const text = `VOLUME ${goList(vols)}`;
      return metadata(b, st, ins, stepNo, total, text, nop(text), (c) => { c.Volumes = { ...(c.Volumes ?? {}) }; for (const v of vols) c.Volumes[v] = {}; });
    }
    case 'stopsignal': {
      const s = word(ins.signal);
      if (!signalNumber(s) && !/^\d+$/.test(s)) throw new BuildError(`Invalid signal: ${s}`, 1, ins.startLine, ins.endLine);
      return metadata(b, st, ins, stepNo, total, `STOPSIGNAL ${s}`, nop(`STOPSIGNAL ${s}`), (c) => { c.StopSignal = s; });
    }
    case 'shell': {
      const text = `SHELL ${goList(ins.shell)}`;
      return metadata(b, st, ins, stepNo, total, text, nop(text), (c) => { c.Shell = ins.shell; });
    }
    case 'onbuild':
      return metadata(b, st, ins, stepNo, total, `ONBUILD ${ins.expression}`, nop(`ONBUILD ${ins.expression}`), (c) => { c.OnBuild = [...(c.OnBuild ?? []), ins.expression]; }, !b.req.classic ? false : true);
    case 'arg': {
      const parts: string[] = [];
      for (const a of ins.args) {
        const given = b.req.buildArgs[a.key];
        let v: string | undefined;
        if (given !== undefined && given !== null) { v = given; b.usedArgs.add(a.key); }
        else if (a.value !== undefined) v = word(a.value);
        else if (b.metaArgs.has(a.key)) v = b.metaArgs.get(a.key);
        st.args.set(a.key, v);
        parts.push(v !== undefined ? `${a.key}=${v}` : a.key);
      }
      const text = `ARG ${parts.join(' ')}`;
      return metadata(b, st, ins, stepNo, total, text, nop(text), () => {}, !b.req.classic);
    }
    case 'run': return runStep(b, st, ins, stepNo, total, onbuild);
    case 'copy': case 'add': return copyStep(b, st, ins, stepNo, total, onbuild, word, words);
    case 'workdir': return workdirStep(b, st, ins, stepNo, total, onbuild, word);
  }
  void prefix;
}
