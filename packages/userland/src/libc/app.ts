// The process-side context every applet runs with: arguments, environment,
// buffered stdout and error reporting in its flavour's words.

import { isSysError } from '@dockersim/kernel';
import type { ProcessContext, Sys } from '@dockersim/kernel';
import { Out } from './io.ts';
import { strerror, gnuQuote } from './errors.ts';
import type { Flavour } from './errors.ts';
import { getopt, optMap } from './getopt.ts';
import type { GetoptSpec } from './getopt.ts';

export const BUSYBOX_BANNER = 'BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.';

/** Thrown by App.die/usage to end the applet with a status (caught by the dispatcher). */
export class AppExit {
  constructor(readonly code: number) {}
}

export class App {
  readonly sys: Sys;
  readonly argv: string[];
  readonly env: string[];
  /** argv without argv[0] */
  readonly args: string[];
  readonly out: Out;
  /** The name messages start with: busybox's applet name, GNU's argv[0] as invoked. */
  readonly prog: string;
  private readonly envMap = new Map<string, string>();

  constructor(p: ProcessContext, readonly name: string, readonly flavour: Flavour) {
    this.sys = p.sys;
    this.argv = p.argv;
    this.env = p.env;
    this.args = p.argv.slice(1);
    this.out = new Out(p.sys, 1);
    this.prog = flavour === 'gnu' ? (p.argv[0] || name) : name;
    for (const kv of p.env) {
      const i = kv.indexOf('=');
      if (i > 0 && !this.envMap.has(kv.slice(0, i))) this.envMap.set(kv.slice(0, i), kv.slice(i + 1));
    }
  }

  get gnu(): boolean { return this.flavour === 'gnu'; }

  getenv(k: string): string | undefined { return this.envMap.get(k); }

  strerror(errno: number): string { return strerror(this.flavour, errno); }

  /** Quotes a name the way this flavour's messages do ('x' in GNU's C locale; busybox varies per message). */
  q(s: string): string { return this.gnu ? gnuQuote(s) : `'${s}'`; }

  write(s: string): Promise<void> | void { return this.out.write(s); }

  /** "NAME: msg" on stderr (stdout is flushed first so the two interleave as on a terminal). */
  async error(msg: string): Promise<void> {
    await this.out.flush();
    await this.sys.write(2, `${this.prog}: ${msg}\n`);
  }

  /** "NAME: prefix: strerror" for a SysError; rethrows anything else. Returns 1. */
  async perror(prefix: string, e: unknown): Promise<number> {
    if (!isSysError(e)) throw e;
    await this.error(prefix ? `${prefix}: ${this.strerror(e.errno)}` : this.strerror(e.errno));
    return 1;
  }

  async die(msg: string, code = 1): Promise<never> {
    await this.error(msg);
    throw new AppExit(code);
  }

  /** Parses options; on a bad option prints the flavour's message and exits (1, GNU: `gnuCode`). */
  async opts(spec: GetoptSpec, usage?: string, gnuCode = 1): Promise<{ o: Map<string, string | true>; rest: string[]; list: Array<[string, string | undefined]> }> {
    const r = getopt(this.args, spec, this.flavour);
    if (r.error) {
      await this.error(r.error);
      if (this.gnu) await this.sys.write(2, `Try '${this.prog} --help' for more information.\n`);
      else if (usage) await this.sys.write(2, `${BUSYBOX_BANNER}\n\nUsage: ${this.name} ${usage}\n`);
      throw new AppExit(this.gnu ? gnuCode : 1);
    }
    return { o: optMap(r), rest: r.operands, list: r.opts };
  }
}
