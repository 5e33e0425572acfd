// Instruction nodes → typed instructions and build stages (buildkit's
// instructions.Parse), with Docker's argument and flag errors.

import { BFlags } from './bflag.ts';
import { parseGoDuration } from './duration.ts';
import {
  DockerfileError, errAtLeastOneArgument, errBadHeredoc, errBlankCommandNames, errExactlyOneArgument,
  errNoDestinationArgument, errTooManyArguments,
} from './errors.ts';
import { parseHeredoc, type Heredoc, type Node } from './parser.ts';
import { withSuggestion } from './suggest.ts';

export const INSTRUCTIONS = ['add', 'arg', 'cmd', 'copy', 'entrypoint', 'env', 'expose', 'from', 'healthcheck', 'label', 'maintainer', 'onbuild', 'run', 'shell', 'stopsignal', 'user', 'volume', 'workdir'];

export interface KeyValue { key: string; value: string; noDelim: boolean }
export interface SourceContent { path: string; data: string; expand: boolean }
export interface HealthConfig { Test: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; StartInterval?: number; Retries?: number }

interface Base { name: string; original: string; startLine: number; endLine: number }
export interface ShellDependent { cmdLine: string[]; prependShell: boolean; files: Heredoc[] }

export type Instruction = Base & (
  | { kind: 'env'; pairs: KeyValue[] }
  | { kind: 'label'; pairs: KeyValue[] }
  | { kind: 'maintainer'; maintainer: string }
  | { kind: 'add'; srcs: string[]; contents: SourceContent[]; dest: string; chown: string; chmod: string; checksum: string; link: boolean; unpack?: boolean; excludes: string[] }
  | { kind: 'copy'; srcs: string[]; contents: SourceContent[]; dest: string; from: string; chown: string; chmod: string; link: boolean; parents: boolean; excludes: string[] }
  | { kind: 'onbuild'; expression: string }
  | { kind: 'workdir'; path: string }
  | ({ kind: 'run'; network: string; mounts: string[] } & ShellDependent)
  | ({ kind: 'cmd' } & ShellDependent)
  | ({ kind: 'entrypoint' } & ShellDependent)
  | { kind: 'healthcheck'; health: HealthConfig }
  | { kind: 'expose'; ports: string[] }
  | { kind: 'user'; user: string }
  | { kind: 'volume'; volumes: string[] }
  | { kind: 'stopsignal'; signal: string }
  | { kind: 'arg'; args: { key: string; value?: string }[] }
  | { kind: 'shell'; shell: string[] }
);

export interface Stage {
  baseName: string;
  /** The stage name from `AS name`, lower-cased; "" when unnamed. */
  name: string;
  platform: string;
  original: string;
  startLine: number;
  endLine: number;
  commands: Instruction[];
}

export type ParsedInstruction = Instruction | ({ kind: 'from' } & Stage);

const VALID_STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

function args(n: Node): string[] {
  return n.sub ? [n.sub.cmd, ...nodeArgs(n.sub)] : n.args;
}
function nodeArgs(n: Node): string[] { return n.sub ? [n.sub.cmd, ...nodeArgs(n.sub)] : n.args; }

function shellDependent(n: Node, emptyAsNil: boolean): ShellDependent {
  let cmdLine = n.json ? n.args : n.args.length ? [n.args.join(' ')] : [];
  if (emptyAsNil && !cmdLine.length) cmdLine = [];
  return { cmdLine, prependShell: !n.json, files: n.heredocs };
}

function kvps(a: string[], cmd: string): KeyValue[] {
  if (!a.length) throw errAtLeastOneArgument(cmd);
  if (a.length % 3 !== 0) throw errTooManyArguments(cmd);
  const out: KeyValue[] = [];
  for (let j = 0; j < a.length; j += 3) {
    if (!a[j]) throw errBlankCommandNames(cmd);
    out.push({ key: a[j], value: a[j + 1], noDelim: a[j + 2] === '' });
  }
  return out;
}

function sourcesAndDest(n: Node, cmd: string): { srcs: string[]; contents: SourceContent[]; dest: string } {
  const a = n.args;
  const dest = a[a.length - 1];
  if (parseHeredoc(dest)) throw errBadHeredoc(cmd, 'a destination');
  const byName = new Map(n.heredocs.map((h) => [h.name, h]));
  const srcs: string[] = [];
  const contents: SourceContent[] = [];
  for (const s of a.slice(0, -1)) {
    const h = parseHeredoc(s);
    if (h) {
      let data = byName.get(h.name)?.content ?? '';
      if (h.chomp) data = data.replace(/^\t+/gm, '');
      contents.push({ path: h.name, data, expand: h.expand });
    } else srcs.push(s);
  }
  return { srcs, contents, dest };
}

function interval(f: BFlags, name: string): number | undefined {
  const v = f.str(name);
  if (!v) return undefined;
  const d = parseGoDuration(v);
  if (d === 0) return undefined;
  if (d < 1e6) throw new Error(`Interval ${JSON.stringify(name)} cannot be less than 1ms`);
  return d;
}

/** One node → its instruction (FROM gives a stage). Errors carry Docker's text. */
export function parseInstruction(n: Node): ParsedInstruction {
  const base: Base = { name: n.cmd.toUpperCase(), original: n.original, startLine: n.startLine, endLine: n.endLine };
  const a = args(n);
  const f = new BFlags(n.flags);
  switch (n.cmd.toLowerCase()) {
    case 'env': f.parse(); return { ...base, kind: 'env', pairs: kvps(a, 'ENV') };
    case 'label': f.parse(); return { ...base, kind: 'label', pairs: kvps(a, 'LABEL') };
    case 'maintainer':
      if (a.length !== 1) throw errExactlyOneArgument('MAINTAINER');
      f.parse();
      return { ...base, kind: 'maintainer', maintainer: a[0] };
    case 'add': {
      if (a.length < 2) throw errNoDestinationArgument('ADD');
      f.add('chown', 'string').add('chmod', 'string').add('link', 'bool').add('keep-git-dir', 'bool').add('checksum', 'string').add('unpack', 'bool').add('exclude', 'strings');
      f.parse();
      const sd = sourcesAndDest(n, 'ADD');
      return { ...base, kind: 'add', ...sd, chown: f.str('chown'), chmod: f.str('chmod'), checksum: f.str('checksum'), link: f.bool('link'), ...(f.used.has('unpack') ? { unpack: f.bool('unpack') } : {}), excludes: f.strs('exclude') };
    }
    case 'copy': {
      if (a.length < 2) throw errNoDestinationArgument('COPY');
      f.add('chown', 'string').add('from', 'string').add('chmod', 'string').add('link', 'bool').add('exclude', 'strings').add('parents', 'bool');
      f.parse();
      const sd = sourcesAndDest(n, 'COPY');
      return { ...base, kind: 'copy', ...sd, from: f.str('from'), chown: f.str('chown'), chmod: f.str('chmod'), link: f.bool('link'), parents: f.bool('parents'), excludes: f.strs('exclude') };
    }
    case 'from': {
      let name = '';
      if (a.length === 3 && a[1].toLowerCase() === 'as') {
        name = a[2].toLowerCase();
        if (!VALID_STAGE_NAME.test(name)) throw new Error(`invalid name for build stage: ${JSON.stringify(a[2])}, name can't start with a number or contain symbols`);
      } else if (a.length !== 1) throw new Error('FROM requires either one or three arguments');
      f.add('platform', 'string');
      f.parse();
      return { ...base, kind: 'from', baseName: a[0], name, platform: f.str('platform'), commands: [] };
    }
    case 'onbuild': {
      if (!a.length) throw errAtLeastOneArgument('ONBUILD');
      f.parse();
      const trigger = a[0].trim().toUpperCase();
      if (trigger === 'ONBUILD') throw new Error('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
      if (trigger === 'MAINTAINER' || trigger === 'FROM') throw new Error(`${trigger} isn't allowed as an ONBUILD trigger`);
      let expression = n.original.replace(/^\s*ONBUILD\s*/i, '');
      const hs = n.sub?.heredocs ?? [];
      for (const h of hs) expression += '\n' + h.content + h.name;
      return { ...base, kind: 'onbuild', expression };
    }
    case 'workdir':
      if (a.length !== 1) throw errExactlyOneArgument('WORKDIR');
      f.parse();
      return { ...base, kind: 'workdir', path: a[0] };
    case 'run': {
      f.add('mount', 'strings').add('network', 'string').add('security', 'string').add('device', 'strings');
      f.parse();
      return { ...base, kind: 'run', ...shellDependent(n, false), network: f.str('network'), mounts: f.strs('mount') };
    }
    case 'cmd': f.parse(); return { ...base, kind: 'cmd', ...shellDependent(n, false) };
    case 'entrypoint': f.parse(); return { ...base, kind: 'entrypoint', ...shellDependent(n, true) };
    case 'healthcheck': {
      if (!a.length) throw errAtLeastOneArgument('HEALTHCHECK');
      const typ = a[0].toUpperCase();
      const rest = a.slice(1);
      if (typ === 'NONE') {
        if (rest.length) throw new Error('HEALTHCHECK NONE takes no arguments');
        return { ...base, kind: 'healthcheck', health: { Test: ['NONE'] } };
      }
      f.add('interval', 'string').add('timeout', 'string').add('start-period', 'string').add('start-interval', 'string').add('retries', 'string');
      f.parse();
      if (typ !== 'CMD') throw new Error(`Unknown type ${JSON.stringify(typ)} in HEALTHCHECK (try CMD)`);
      const cmdSlice = n.json ? rest : rest.length ? [rest.join(' ')] : [];
      if (!cmdSlice.length) throw new Error('Missing command after HEALTHCHECK CMD');
      const health: HealthConfig = { Test: [n.json ? 'CMD' : 'CMD-SHELL', ...cmdSlice] };
      const iv = interval(f, 'interval'); if (iv) health.Interval = iv;
      const to = interval(f, 'timeout'); if (to) health.Timeout = to;
      const sp = interval(f, 'start-period'); if (sp) health.StartPeriod = sp;
      const si = interval(f, 'start-interval'); if (si) health.StartInterval = si;
      const r = f.str('retries');
      if (r) {
        if (!/^[+-]?\d+$/.test(r)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(r)}: invalid syntax`);
        const n2 = parseInt(r, 10);
        if (n2 < 0) throw new Error(`--retries cannot be negative (${n2})`);
        health.Retries = n2;
      }
      return { ...base, kind: 'healthcheck', health };
    }
    case 'expose':
      if (!a.length) throw errAtLeastOneArgument('EXPOSE');
      f.parse();
      return { ...base, kind: 'expose', ports: [...a].sort() };
    case 'user':
      if (a.length !== 1) throw errExactlyOneArgument('USER');
      f.parse();
      return { ...base, kind: 'user', user: a[0] };
    case 'volume': {
      if (!a.length) throw errAtLeastOneArgument('VOLUME');
      f.parse();
      const volumes = a.map((v) => v.trim());
      if (volumes.some((v) => v === '')) throw new Error('VOLUME specified can not be an empty string');
      return { ...base, kind: 'volume', volumes };
    }
    case 'stopsignal':
      if (a.length !== 1) throw errExactlyOneArgument('STOPSIGNAL');
      return { ...base, kind: 'stopsignal', signal: a[0] };
    case 'arg': {
      if (!a.length) throw errAtLeastOneArgument('ARG');
      const out: { key: string; value?: string }[] = [];
      for (const w of a) {
        const i = w.indexOf('=');
        if (i >= 0) {
          if (i === 0) throw errBlankCommandNames('ARG');
          out.push({ key: w.slice(0, i), value: w.slice(i + 1) });
        } else out.push({ key: w });
      }
      return { ...base, kind: 'arg', args: out };
    }
    case 'shell': {
      f.parse();
      const s = n.json ? n.args : n.args.length ? [n.args.join(' ')] : [];
      if (!s.length) throw errAtLeastOneArgument('SHELL');
      if (!n.json) throw new Error(`SHELL requires the arguments to be in JSON form`);
      return { ...base, kind: 'shell', shell: s };
    }
  }
  throw new Error(withSuggestion(`unknown instruction: ${n.cmd}`, n.cmd, INSTRUCTIONS, false));
}

export interface Dockerfile { stages: Stage[]; metaArgs: Extract<Instruction, { kind: 'arg' }>[] }

/** Nodes → stages; errors are "dockerfile parse error on line N: ..." as Docker words them. */
export function parseStages(nodes: Node[]): Dockerfile {
  const stages: Stage[] = [];
  const metaArgs: Extract<Instruction, { kind: 'arg' }>[] = [];
  for (const n of nodes) {
    let ins: ParsedInstruction;
    try { ins = parseInstruction(n); } catch (e) {
      throw new DockerfileError(`dockerfile parse error on line ${n.startLine}: ${(e as Error).message}`, n.startLine, n.endLine);
    }
    if (!stages.length && ins.kind === 'arg') { metaArgs.push(ins); continue; }
    if (ins.kind === 'from') { const { kind: _k, name: _n, ...rest } = ins; void _k; void _n; stages.push({ ...rest, name: ins.name }); continue; }
    if (!stages.length) throw new DockerfileError('no build stage in current context', n.startLine, n.endLine);
    stages[stages.length - 1].commands.push(ins);
  }
  return { stages, metaArgs };
}
