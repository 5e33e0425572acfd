// `--help` text: docker/cli's usage template (cli/cobra.go) rendered over the
// command tree, with pflag's wrapped flag usages.

import { flagUsagesWrapped } from '../flags/flagset.ts';
import type { FlagSpecs } from '../flags/types.ts';
import { nameOf, type Command, type CommandPath } from './command.ts';

/** What the daemon supports, for hiding commands and flags (hideUnsupportedFeatures). */
export interface ServerFeatures {
  experimental: boolean;
  /** The swarm node state from /_ping ("inactive", "active"), and whether it is a manager. */
  swarm?: { nodeState: string; controlAvailable: boolean };
}

const MIN_NAME_PADDING = 11;

export const helpFlag = (hasShortH: boolean) => ({
  type: 'bool' as const, usage: 'Print usage',
  ...(hasShortH ? {} : { short: 'h', shorthandDeprecated: 'use --help' }),
});

/** A command's flags as cobra shows them: its own plus the inherited --help. */
export function allFlags(c: Command, isRoot: boolean): FlagSpecs {
  const cache = isRoot ? rootFlagSets : flagSets;
  let f = cache.get(c);
  if (!f) {
    const own = c.flags ?? {};
    const hasH = Object.values(own).some((f) => f.short === 'h');
    // The inherited --help is hidden; run and create define their own (their -h is --hostname).
    f = { ...own, help: { ...helpFlag(hasH), hidden: isRoot || !hasH } };
    cache.set(c, f);
  }
  return f;
}
/** Flag sets made once per command (the command tree never changes). */
const flagSets = new WeakMap<Command, FlagSpecs>(), rootFlagSets = new WeakMap<Command, FlagSpecs>();

function visible(c: Command, f: ServerFeatures | undefined): boolean {
  if (c.hidden) return false;
  const a = c.annotations ?? {};
  if (!f) return true;
  if ('experimental' in a && !f.experimental) return false;
  if (a.swarm && f.swarm) {
    if (a.swarm === 'manager' && !f.swarm.controlAvailable) return false;
    if (a.swarm === 'active' && f.swarm.nodeState === 'inactive') return false;
  }
  return true;
}

function visibleFlags(specs: FlagSpecs, f: ServerFeatures | undefined): FlagSpecs {
  if (!f) return specs;
  const out: FlagSpecs = {};
  for (const [k, s] of Object.entries(specs)) {
    const a = s.annotations ?? {};
    const hide = ('experimental' in a && !f.experimental) ||
      (a.swarm === 'manager' && f.swarm && !f.swarm.controlAvailable) ||
      (a.swarm === 'active' && f.swarm && f.swarm.nodeState === 'inactive');
    out[k] = hide ? { ...s, hidden: true } : s;
  }
  return out;
}

function rpad(s: string, n: number): string { return s.length >= n ? s : s + ' '.repeat(n - s.length); }

/** The usage text docker prints for `--help` (and, to stderr, for a bare management command). */
export function renderHelp(cp: CommandPath, width: number, features?: ServerFeatures): string {
  const c = cp.cmd;
  const isRoot = !cp.parent;
  const subs = (c.subcommands ?? []).filter((s) => visible(s, features));
  const hasSubs = subs.length > 0;
  const flags = visibleFlags(allFlags(c, isRoot), features);
  const hasFlags = Object.values(flags).some((f) => !f.hidden);
  const padding = Math.max(MIN_NAME_PADDING, ...(c.subcommands ?? []).map((s) => nameOf(s).length));
  let out = 'Usage:';
  if (!hasSubs) out += `  ${cp.useLine}`;
  else out += `  ${cp.path}${hasFlags ? ' [OPTIONS]' : ''} COMMAND`;
  out += '\n\n' + (c.long ?? c.short).trim();
  if (c.aliasesText || c.aliases?.length) {
    let aliases = c.aliasesText;
    if (!aliases) {
      const pp = cp.parent ? cp.parent.path + ' ' : '';
      aliases = [cp.path, ...c.aliases!.map((a) => pp + a)].join(', ');
    }
    out += `\n\nAliases:\n  ${aliases}`;
  }
  if (c.example) out += `\n\nExamples:\n${c.example}`;
  const flagText = () => flagUsagesWrapped(flags, width - 1).replace(/\s+$/, '');
  if (!isRoot && hasFlags) out += `\n\nOptions:\n${flagText()}`;
  const isMgmt = (s: Command) => !!s.subcommands?.some((x) => visible(x, features));
  if (isRoot) {
    const top = subs.filter((s) => s.categoryTop !== undefined).sort((a, b) => a.categoryTop! - b.categoryTop!);
    if (top.length) {
      out += '\n\nCommon Commands:';
      for (const s of top) out += `\n  ${rpad(nameOf(s) + ' ', padding + 1)}${s.short}`;
    }
  }
  const sorted = [...subs].sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : 1));
  const inSwarm = (s: Command) => s.annotations !== undefined && 'swarm' in s.annotations;
  const mgmt = sorted.filter((s) => isMgmt(s) && !inSwarm(s));
  const swarm = sorted.filter((s) => isMgmt(s) && inSwarm(s));
  if (mgmt.length) {
    out += '\n\nManagement Commands:';
    for (const s of mgmt) out += `\n  ${rpad(nameOf(s) + ' ', padding + 1)}${s.short}`;
  }
  if (swarm.length) {
    out += '\n\nSwarm Commands:';
    for (const s of swarm) out += `\n  ${rpad(nameOf(s) + ' ', padding + 1)}${s.short}`;
  }
  const ops = sorted.filter((s) => !isMgmt(s) && !(isRoot && s.categoryTop !== undefined));
  if (ops.length) {
    out += '\n\nCommands:';
    for (const s of ops) out += `\n  ${rpad(nameOf(s), padding)} ${s.short}`;
  }
  if (isRoot && hasFlags) out += `\n\nGlobal Options:\n${flagText()}`;
  if (hasSubs) out += `\n\nRun '${cp.path} COMMAND --help' for more information on a command.`;
  if (isRoot) out += '\n\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/';
  return out + '\n';
}
