// A tiny world for kernel tests: programs written inline over Sys, an
// executable for each under /bin, and an init that reaps.

import { Kernel, type KernelOptions } from '../kernel.ts';
import type { LazyProgram, Program, ProcessContext, Sys } from '../sys.ts';
import { executable } from '../exec-format.ts';
import { SysError } from '../abi/errno.ts';
import { SIGCHLD } from '../abi/signal.ts';

export const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));

const enc = new TextEncoder();
const dec = new TextDecoder();

export function text(b: Uint8Array): string { return dec.decode(b); }

/** init: reaps children forever (a SIGCHLD handler wakes its pause when there were none). */
export const initProgram: Program = async ({ sys }) => {
  sys.sigaction(SIGCHLD, () => {});
  for (;;) {
    try { await sys.wait4(-1); } catch (e) {
      if (!(e instanceof SysError)) throw e;
      if (e.errno === 10) await sys.pause().catch(() => {});
    }
  }
};

export interface TestWorld {
  k: Kernel;
  out: string[];
  /** Runs program `name` as a child of init and waits for it. */
  run(name: string, argv?: string[], env?: string[]): Promise<{ code: number | null; signal: number | null; out: string }>;
}

export function makeWorld(programs: Record<string, Program | LazyProgram>, opts: Partial<KernelOptions> = {}): TestWorld {
  const all: Record<string, Program | LazyProgram> = { init: initProgram, ...programs };
  const k = new Kernel({ programs: (n) => all[n], hostYield, onCrash: (pid, e) => console.error('crash', pid, e), devtmpfs: true, ...opts });
  k.fs.mkdirp('/bin');
  k.fs.mkdirp('/dev');
  k.fs.mkdirp('/proc');
  k.fs.mkdirp('/tmp', 0o1777);
  for (const name of Object.keys(all)) k.fs.writeFile(`/bin/${name}`, executable(name), 0o755);
  k.boot('/bin/init', ['init'], []);
  const out: string[] = [];
  return {
    k, out,
    async run(name, argv = [name], env = []) {
      let o = '';
      const pid = k.spawn({ path: `/bin/${name}`, argv, env, stdout: (b) => { o += text(b); }, stderr: (b) => { o += text(b); } });
      let st: { code: number | null; signal: number | null } | undefined;
      k.onExit(pid, (s) => { st = s; });
      await k.runUntilIdle({ until: () => st !== undefined });
      return { ...st!, out: o };
    },
  };
}

export function puts(sys: Sys, s: string): Promise<number> { return sys.write(1, enc.encode(s)); }
export type { ProcessContext };
