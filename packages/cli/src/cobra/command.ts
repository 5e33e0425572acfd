// The command tree in cobra's shape (github.com/spf13/cobra) as docker/cli
// sets it up: each command has a Use line, a Short text, flags, an argument
// check and a run function; management commands hold subcommands.

import type { FlagSpecs } from '../flags/types.ts';
import type { Opts } from '../flags/flagset.ts';
import type { Cli } from '../cli.ts';

/** Checks positional arguments; returns docker's error text or undefined. */
export type ArgsCheck = (c: CommandPath, args: string[]) => string | undefined;

export interface Command {
  /** "kill [OPTIONS] CONTAINER [CONTAINER...]": the first word is the name. */
  use: string;
  short: string;
  long?: string;
  example?: string;
  /** Other names under the same parent ("ls", "list"). */
  aliases?: string[];
  /** docker's "aliases" annotation: the full alias list shown in help. */
  aliasesText?: string;
  flags?: FlagSpecs;
  /** false for commands whose arguments after the first positional are the container's (run, exec). */
  interspersed?: boolean;
  args?: ArgsCheck;
  subcommands?: Command[];
  /** Position in "Common Commands" of `docker --help`. */
  categoryTop?: number;
  hidden?: boolean;
  /** docker's feature annotations: experimental, swarm ("manager"/"active"), version. */
  annotations?: Record<string, string>;
  run?(cli: Cli, opts: Opts, args: string[]): Promise<number | void> | number | void;
}

/** A command as reached from the root: the chain of commands that leads to it. */
export class CommandPath {
  constructor(readonly chain: Command[]) {}
  get cmd(): Command { return this.chain[this.chain.length - 1]; }
  get parent(): CommandPath | undefined { return this.chain.length > 1 ? new CommandPath(this.chain.slice(0, -1)) : undefined; }
  get name(): string { return nameOf(this.cmd); }
  /** "docker container ls" */
  get path(): string { return this.chain.map(nameOf).join(' '); }
  /** cobra's UseLine: the parent's path and this command's Use. */
  get useLine(): string {
    const p = this.parent;
    return p ? `${p.path} ${this.cmd.use}` : this.cmd.use;
  }
  child(c: Command): CommandPath { return new CommandPath([...this.chain, c]); }
  find(name: string): Command | undefined {
    return this.cmd.subcommands?.find((c) => nameOf(c) === name || c.aliases?.includes(name));
  }
}

export function nameOf(c: Command): string {
  const i = c.use.indexOf(' ');
  return i < 0 ? c.use : c.use.slice(0, i);
}

function plural(word: string, n: number): string { return n === 1 ? word : word + 's'; }
const bin = (c: CommandPath) => c.chain[0] ? nameOf(c.chain[0]) : 'docker';

/** cli.NoArgs */
export const noArgs: ArgsCheck = (c, args) => {
  if (!args.length) return undefined;
  if (c.cmd.subcommands?.length) {
    return `${bin(c)}: unknown command: ${c.path} ${args[0]}\n\nUsage:  ${c.useLine}\n\nRun '${c.path} --help' for more information`;
  }
  return `${bin(c)}: '${c.path}' accepts no arguments\n\nUsage:  ${c.useLine}\n\nRun '${c.path} --help' for more information`;
};

/** cli.RequiresMinArgs */
export const minArgs = (n: number): ArgsCheck => (c, args) => args.length >= n ? undefined :
  `${bin(c)}: '${c.path}' requires at least ${n} ${plural('argument', n)}\n\nUsage:  ${c.useLine}\n\nSee '${c.path} --help' for more information`;

/** cli.RequiresMaxArgs (docker's text really says "SRun"). */
export const maxArgs = (n: number): ArgsCheck => (c, args) => args.length <= n ? undefined :
  `${bin(c)}: '${c.path}' requires at most ${n} ${plural('argument', n)}\n\nUsage:  ${c.useLine}\n\nSRun '${c.path} --help' for more information`;

/** cli.RequiresRangeArgs */
export const rangeArgs = (min: number, max: number): ArgsCheck => (c, args) => args.length >= min && args.length <= max ? undefined :
  `${bin(c)}: '${c.path}' requires at least ${min} and at most ${max} ${plural('argument', max)}\n\nUsage:  ${c.useLine}\n\nRun '${c.path} --help' for more information`;

/** cli.ExactArgs */
export const exactArgs = (n: number): ArgsCheck => (c, args) => args.length === n ? undefined :
  `${bin(c)}: '${c.path}' requires ${n} ${plural('argument', n)}\n\nUsage:  ${c.useLine}\n\nRun '${c.path} --help' for more information`;

/** An error with the exit status docker gives it (cli.StatusError). */
export class StatusError extends Error {
  constructor(message: string, readonly status: number) { super(message); }
}
