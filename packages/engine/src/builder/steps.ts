// The steps that make layers: RUN in a container of the image so far, COPY
// and ADD written into one, WORKDIR creating its directory. The container's
// upperdir is committed as the step's layer.

import type { ContainerConfig, ImageConfig, TarEntry } from '@dockersim/image';
import { sha256Hex, tarEntry } from '@dockersim/image';
import { ByteQueue } from '../byte-queue.ts';
import type { Container } from '../container.ts';
import { OVERLAY2 } from '../layers.ts';
import { resolveUser } from '../spec.ts';
import { readText } from '../util.ts';
import { BuildError, hide, prefix, type Build } from './builder.ts';
import { commitLayer, diffEntries } from './commit.ts';
import { cloneConfig } from './config.ts';
import { cleanAbs, cleanRel } from './context.ts';
import { copyInto, type CopySource } from './copy.ts';
import { cached, historyEntry, lookup, remember, stepKey, type StageState } from './dispatch.ts';
import { goQuote, type Instruction } from './dockerfile/index.ts';

type Run = Extract<Instruction, { kind: 'run' }>;
type Copy = Extract<Instruction, { kind: 'copy' | 'add' }>;
type Workdir = Extract<Instruction, { kind: 'workdir' }>;

interface FsStep {
  key: string;
  display: string;
  createdBy: string;
  classicBy: string;
  /** Classic prints "Running in" for steps it runs a container for. */
  classicRuns: boolean;
  cmd: string[];
  env?: string[];
  /** Does the work; returns an error message to fail the step. */
  work(c: Container, merged: string, vertex: string): Promise<void>;
  /** Runs the container's command instead of mounting its rootfs. */
  start: boolean;
  /** Config changes the step's image carries (WORKDIR's WorkingDir). */
  config?(c: ContainerConfig): void;
}

/** BuildKit's step name: the instruction with variables expanded (quotes go too). */
function displayName(b: Build, st: StageState, ins: Instruction): string {
  const code = ins.original.trim();
  const i = code.search(/\s/);
  const upper = i < 0 ? code.toUpperCase() : code.slice(0, i).toUpperCase() + code.slice(i);
  try { return b.lex.processWord(upper, lookup(b, st)); } catch { return upper; }
}

function mountRootfs(b: Build, c: Container): string {
  const dir = `${OVERLAY2}/${c.layerId}`;
  const merged = `${dir}/merged`;
  b.d.sys.mount('overlay', merged, 'overlay', 0, `lowerdir=${[`${dir}-init/diff`, ...c.lowerDirs].join(':')},upperdir=${dir}/diff,workdir=${dir}/work`);
  return merged;
}

async function fsStep(b: Build, st: StageState, ins: Instruction, stepNo: number, total: number, onbuild: boolean, s: FsStep): Promise<void> {
  const { d, p } = b;
  if (b.req.classic) p.text(`Step ${stepNo}/${total} : ${ins.original.trim()}\n`);
  const name = prefix(st, (onbuild ? 'ONBUILD ' : '') + s.display);
  const hit = cached(b, s.key);
  if (hit) {
    if (b.req.classic) p.text(` ---> Using cache\n ---> ${hit.id.slice(7, 19)}\n`);
    else p.start(name, true);
    st.image = hit; st.key = s.key;
    return;
  }
  const t0 = b.now();
  const vertex = p.start(name);
  const cfg = st.image.config.config ?? {};
  const { Id } = await d.containerCreate({
    Image: st.image.id, Cmd: s.cmd, Entrypoint: [], Env: s.env ?? cfg.Env ?? [], User: cfg.User ?? '',
    WorkingDir: cfg.WorkingDir ?? '', Labels: {}, HostConfig: { NetworkMode: 'default' },
  }, '');
  const c = d.containers.get(Id)!;
  if (b.req.classic && s.classicRuns) p.text(` ---> Running in ${Id.slice(0, 12)}\n`);
  let failed: Error | undefined;
  try {
    if (s.start) await s.work(c, '', vertex);
    else {
      const merged = mountRootfs(b, c);
      try { await s.work(c, merged, vertex); } finally { d.sys.umount(merged); }
    }
  } catch (e) { failed = e as Error; }
  if (failed) {
    p.done(vertex, name, t0, failed.message.replace(/^failed to solve: /, ''));
    if (!b.req.classic || !s.start) await d.remove(c, true);
    throw failed;
  }
  const entries = (await diffEntries(d.sys, `${OVERLAY2}/${c.layerId}/diff`)).filter((e) => !MOUNTPOINTS.has(e.path) || e.size > 0);
  const layer = await withParentsOf(entries, c, b);
  const top = await commitLayer(d.sys, d.images, st.image.top, layer);
  const next: ImageConfig = cloneConfig(st.image.config);
  next.created = rfc(b);
  next.rootfs = { type: 'layers', diff_ids: [...next.rootfs.diff_ids, top.diffId] };
  next.history = [...(next.history ?? []), historyEntry(b, s.createdBy, s.classicBy, false)];
  if (s.config) { next.config ??= {}; s.config(next.config); }
  const img = d.images.add(next, top);
  hide(d, img);
  remember(b, s.key, img, s.createdBy, top.size);
  await d.remove(c, true);
  if (b.req.classic && s.classicRuns) p.text(` ---> Removed intermediate container ${Id.slice(0, 12)}\n`);
  if (b.req.classic) p.text(` ---> ${img.id.slice(7, 19)}\n`);
  p.done(vertex, name, t0);
  st.image = img; st.key = s.key;
}

// Files runc bind-mounts over: created empty in the upperdir as mount points, never content of a layer.
const MOUNTPOINTS = new Set(['etc/hosts', 'etc/hostname', 'etc/resolv.conf']);

async function withParentsOf(entries: TarEntry[], _c: Container, _b: Build): Promise<TarEntry[]> {
  // Mount points that runc made for /etc/* files stay out; an /etc left with nothing else goes too.
  const paths = new Set(entries.map((e) => e.path));
  return entries.filter((e) => !(e.type === 'dir' && e.path === 'etc' && ![...paths].some((p) => p.startsWith('etc/'))));
}

function rfc(b: Build): string {
  const ms = b.d.sys.now();
  return new Date(ms).toISOString().replace(/\.(\d+)Z$/, (_m, f: string) => (/^0+$/.test(f) ? 'Z' : `.${f.replace(/0+$/, '')}Z`));
}

/** The build args a RUN sees: this stage's ARGs with values (ENV wins). */
function runArgs(st: StageState): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of st.args) if (v !== undefined) out.push([k, v]);
  return out;
}

export async function runStep(b: Build, st: StageState, ins: Run, stepNo: number, total: number, onbuild: boolean): Promise<void> {
  const cfg = st.image.config.config ?? {};
  const shell = cfg.Shell ?? ['/bin/sh', '-c'];
  let argv: string[];
  const hd = ins.files[0];
  if (ins.prependShell) {
    const line = ins.cmdLine.join(' ');
    if (hd && /^\d*<<-?\s*['"]?\w+['"]?$/.test(line.trim())) argv = [...shell, hd.content];
    else if (hd) argv = [...shell, `${line}\n${ins.files.map((f) => f.content + f.name).join('\n')}`];
    else argv = [...shell, line];
  } else argv = ins.cmdLine;
  const args = runArgs(st);
  for (const [k] of args) b.usedArgs.add(k);
  const argPrefix = args.length ? `|${args.length} ${args.map(([k, v]) => `${k}=${v}`).join(' ')} ` : '';
  const env = [...(cfg.Env ?? [])];
  for (const [k, v] of args) if (!env.some((e) => e.startsWith(k + '='))) env.push(`${k}=${v}`);
  const createdBy = `RUN ${argPrefix}${argv.join(' ')} # buildkit`;
  const classicBy = `${argPrefix}${argv.join(' ')}`;
  await fsStep(b, st, ins, stepNo, total, onbuild, {
    key: stepKey(st, createdBy, JSON.stringify(env)), display: displayName(b, st, ins), createdBy, classicBy, classicRuns: true, cmd: argv, env, start: true,
    async work(c, _m, vertex) {
      const d = b.d;
      const { result } = await d.containerWait(c.id, 'next-exit');
      try { await d.containerStart(c.id); } catch (e) {
        const msg = (e as Error).message.replace(/^failed to create task for container: /, '');
        throw new BuildError(b.req.classic ? msg : `process ${goQuote(argv.join(' '))} did not complete successfully: ${msg}`, 1);
      }
      const { StatusCode } = await result;
      const logs = d.runtime.get(c.id)?.hub.logs ?? [];
      for (const e of logs) b.p.log(vertex, e.stream, new TextDecoder().decode(e.line));
      if (StatusCode !== 0) {
        if (b.req.classic) throw new BuildError(`The command '${argv.join(' ')}' returned a non-zero code: ${StatusCode}`, StatusCode);
        throw new BuildError(`failed to solve: process ${goQuote(argv.join(' '))} did not complete successfully: exit code: ${StatusCode}`, 1, ins.startLine, ins.endLine);
      }
    },
  });
}

export async function workdirStep(b: Build, st: StageState, ins: Workdir, stepNo: number, total: number, onbuild: boolean, word: (s: string) => string): Promise<void> {
  const cur = st.image.config.config?.WorkingDir || '/';
  const raw = word(ins.path);
  const wd = cleanAbs(raw.startsWith('/') ? raw : `${cur}/${raw}`);
  const createdBy = `WORKDIR ${wd}`;
  const user = st.image.config.config?.User ?? '';
  await fsStep(b, st, ins, stepNo, total, onbuild, {
    key: stepKey(st, createdBy), display: `WORKDIR ${wd}`, createdBy, classicBy: `/bin/sh -c #(nop) WORKDIR ${wd}`, classicRuns: true, cmd: ['/bin/sh'], start: false,
    config(c) { c.WorkingDir = wd; },
    async work(_c, merged) {
      const sys = b.d.sys;
      const owner = user ? resolveUser(user, await readText(sys, `${merged}/etc/passwd`), await readText(sys, `${merged}/etc/group`)) : undefined;
      let p = '';
      for (const part of wd.split('/').filter(Boolean)) {
        p += '/' + part;
        try { sys.lstat(merged + p); } catch { sys.mkdir(merged + p, 0o755); if (owner) sys.lchown(merged + p, owner.uid, owner.gid); }
      }
    },
  });
}

function parseChmod(s: string): number {
  if (!/^[0-7]+$/.test(s)) throw new BuildError(`invalid chmod parameter: strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`);
  return parseInt(s, 8);
}

export async function copyStep(b: Build, st: StageState, ins: Copy, stepNo: number, total: number, onbuild: boolean, word: (s: string) => string, _words: (s: string) => string[]): Promise<void> {
  const d = b.d;
  const isAdd = ins.kind === 'add';
  const from = ins.kind === 'copy' ? ins.from : '';
  const cfg = st.image.config.config ?? {};
  const srcs = ins.srcs.map(word);
  let dest = word(ins.dest);
  const wd = cfg.WorkingDir || '/';
  if (!dest.startsWith('/')) dest = (wd.endsWith('/') ? wd : wd + '/') + dest;
  if (ins.srcs.length + ins.contents.length > 1 && !dest.endsWith('/')) {
    throw new BuildError(b.req.classic ? 'When using COPY with more than one source file, the destination must be a directory and end with a /' : `failed to solve: When using ${isAdd ? 'ADD' : 'COPY'} with more than one source file, the destination must be a directory and end with a /`, 1, ins.startLine, ins.endLine);
  }
  const mode = ins.chmod ? parseChmod(ins.chmod) : undefined;
  // Where the files come from: the context, an earlier stage, or an image.
  let sourceImage = undefined as undefined | typeof st.image;
  if (from) {
    const lower = from.toLowerCase();
    const j = b.stages.findIndex((s) => s.name === lower);
    const idx = j >= 0 ? j : /^\d+$/.test(from) ? Number(from) : -1;
    if (idx >= 0 && idx < st.index) sourceImage = b.states[idx]?.image;
    else if (idx >= st.index) throw new BuildError(b.req.classic ? `invalid from flag value ${from}: refers to current build stage` : `failed to solve: circular dependency detected on stage: ${from}`, 1, ins.startLine, ins.endLine);
    else {
      sourceImage = d.images.get(from);
      if (!sourceImage) {
        const q = new ByteQueue();
        try { sourceImage = await d.images.pull(d.opts.registry, from, undefined, q); } catch (e) {
          throw new BuildError(`failed to solve: ${from}: ${(e as Error).message}`, 1, ins.startLine, ins.endLine);
        }
      }
    }
  }
  const sources: CopySource[] = [];
  let checksum = '';
  if (!sourceImage && srcs.length && !b.req.classic && !b.contextLoaded) {
    b.contextLoaded = true;
    const t1 = b.now();
    const v = b.p.start('[internal] load build context');
    let n = 0;
    for (const e of b.ctx.files.values()) n += e.size;
    b.p.status(v, 'transferring context:', t1, { name: `transferring context: ${n}B`, current: n });
    b.p.done(v, '[internal] load build context', t1);
  }
  if (!sourceImage) {
    for (const raw of srcs) {
      if (/^https?:\/\//.test(raw)) {
        if (!isAdd) throw new BuildError(`failed to solve: source can't be a URL for COPY`, 1, ins.startLine, ins.endLine);
        throw new BuildError(`failed to solve: failed to load cache key: ${raw}: network access is not simulated for ADD`, 1, ins.startLine, ins.endLine);
      }
      if (b.req.classic && raw.split('/').reduce((depth, part) => (depth < 0 ? depth : part === '..' ? depth - 1 : part && part !== '.' ? depth + 1 : depth), 0) < 0) {
        throw new BuildError(`${isAdd ? 'ADD' : 'COPY'} failed: forbidden path outside the build context: ${raw} ()`);
      }
      const matches = b.ctx.match(raw);
      if (!matches.length) {
        if (/[*?[]/.test(raw)) throw new BuildError(b.req.classic ? `${isAdd ? 'ADD' : 'COPY'} failed: no source files were specified` : `failed to solve: lstat ${cleanAbs(raw)}: no such file or directory`, 1, ins.startLine, ins.endLine);
        throw new BuildError(b.req.classic
          ? `${isAdd ? 'ADD' : 'COPY'} failed: file not found in build context or excluded by .dockerignore: stat ${cleanRel(raw)}: file does not exist`
          : `failed to solve: failed to compute cache key: failed to calculate checksum of ref ${d.randomHex(16).slice(0, 25)}::${d.randomHex(16).slice(0, 25)}: ${JSON.stringify(cleanAbs(raw))}: not found`, 1, ins.startLine, ins.endLine);
      }
      for (const m of matches) {
        const isDir = b.ctx.isDir(m);
        const e = b.ctx.get(m);
        sources.push({ name: m.split('/').pop() || '', isDir, entries: isDir ? b.ctx.under(m) : [{ ...e!, path: '' }] });
        checksum += `${m}:${b.ctx.checksum(m)}\n`;
      }
    }
  } else {
    const img = sourceImage;
    const sys = d.sys;
    const dirs = d.images.layers.lowerDirs(img.top);
    const mnt = `/var/lib/docker/tmp/buildkit-mount${d.randomHex(8)}`;
    try { sys.mkdir('/var/lib/docker/tmp', 0o700); } catch { /* exists */ }
    sys.mkdir(mnt, 0o700);
    if (dirs.length) sys.mount('overlay', mnt, 'overlay', 0, `lowerdir=${dirs.join(':')}`);
    try {
      for (const raw of srcs) {
        const path = cleanAbs(raw);
        let st2;
        try { st2 = sys.lstat(mnt + path); } catch {
          throw new BuildError(b.req.classic ? `COPY failed: stat ${path}: file does not exist` : `failed to solve: failed to compute cache key: failed to calculate checksum of ref ${d.randomHex(16).slice(0, 25)}::${d.randomHex(16).slice(0, 25)}: ${JSON.stringify(path)}: not found`, 1, ins.startLine, ins.endLine);
        }
        const isDir = (st2.mode & 0o170000) === 0o040000;
        let entries: TarEntry[];
        if (isDir) entries = await diffEntries(sys, mnt + path);
        else {
          const parent = path.slice(0, path.lastIndexOf('/')) || '/';
          entries = (await diffEntries(sys, mnt + parent)).filter((e) => e.path === path.split('/').pop()).map((e) => ({ ...e, path: '' }));
        }
        sources.push({ name: path.split('/').pop() || '', isDir, entries });
        checksum += `${img.id}:${path}\n`;
      }
    } finally {
      if (dirs.length) sys.umount(mnt);
      sys.rmdir(mnt);
    }
  }
  for (const hc of ins.contents) {
    const env = lookup(b, st);
    const data = hc.expand ? hc.data.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a: string, c: string) => env(a ?? c) ?? '') : hc.data;
    sources.push({ name: hc.path, isDir: false, entries: [tarEntry({ path: '', type: 'file', data: new TextEncoder().encode(data), mode: 0o644 })] });
    checksum += `heredoc:${data}\n`;
  }
  const flags = [ins.chown ? `--chown=${ins.chown}` : '', ins.chmod ? `--chmod=${ins.chmod}` : ''].filter(Boolean);
  const srcText = [...(from ? [] : []), ...ins.srcs.map(word), ...ins.contents.map((c) => `<<${c.path}`)].join(' ');
  const createdBy = `${isAdd ? 'ADD' : 'COPY'}${flags.map((f) => ' ' + f).join('')} ${srcText} ${word(ins.dest)} # buildkit`;
  const classicBy = `/bin/sh -c #(nop) ${isAdd ? 'ADD' : 'COPY'} ${sources.length === 1 && !sources[0].isDir ? 'file' : 'dir'}:${sha256Hex(checksum)} in ${dest} `;
  await fsStep(b, st, ins, stepNo, total, onbuild, {
    key: stepKey(st, createdBy, checksum + (from ? `from:${sourceImage?.id}` : '')), display: displayName(b, st, ins), createdBy, classicBy, classicRuns: false, cmd: ['/bin/sh'], start: false,
    async work(_c, merged) {
      let owner: { uid: number; gid: number } | undefined;
      if (ins.chown) {
        try {
          const u = resolveUser(ins.chown, await readText(d.sys, `${merged}/etc/passwd`), await readText(d.sys, `${merged}/etc/group`));
          owner = { uid: u.uid, gid: ins.chown.includes(':') ? u.gid : u.gid };
        } catch (e) {
          const who = ins.chown.split(':')[0];
          throw new BuildError(b.req.classic ? `unable to convert uid/gid chown string to host mapping: ${(e as Error).message}` : `failed to solve: unable to convert uid/gid chown string to host mapping: can't find uid for user ${who}: no such user: ${who}`, 1, ins.startLine, ins.endLine);
        }
      }
      await copyInto(d.sys, merged, sources, dest, { uid: owner?.uid, gid: owner?.gid, mode, unpackArchives: isAdd });
    },
  });
}
