// This file implements demand loading of program code. A registry entry may
// be a loader (a dynamic import of a chunk the host fetches on first use)
// instead of the program itself, much as Linux maps a binary at execve and
// pages its text in on first touch. The process that runs it sleeps until the
// code is resident; meanwhile the world stands still (the run loop fires no
// timer and moves no clock until every load under way has settled), and the
// process resumes at the next round of the run loop. So what runs, and when
// in virtual time, is the same whether the code arrives within microtasks (a
// bundled import), over the network, or was loaded already by another world
// in the same host: each kernel pages a program in once, on its first use.

import type { LazyProgram, Program } from '../sys.ts';
import type { Proc } from './proc.ts';
import { WaitQueue, sleepOn } from '../sched/wait.ts';

/**
 * A registry entry whose code comes from `load` on first use, e.g.
 * `lazyProgram(() => import('./docker.ts').then((m) => m.docker))`.
 * The host loads it once; a failed load is tried again on the next use.
 */
export function lazyProgram(load: () => Promise<Program>): LazyProgram {
  let loading: Promise<Program> | undefined;
  return {
    load: () => (loading ??= load().catch((e: unknown) => { loading = undefined; throw e; })),
  };
}

/** Whether a registry entry loads its code on first use. */
export function isLazyProgram(entry: Program | LazyProgram): entry is LazyProgram {
  return typeof entry !== 'function';
}

class Load {
  readonly sleepers = new WaitQueue();
  readonly done: Promise<void>;
  program?: Program;
  error?: unknown;
  constructor(entry: LazyProgram) {
    this.done = entry.load().then(
      (prog) => { this.program = prog; },
      (e: unknown) => { this.error = e ?? new Error('program failed to load'); },
    );
  }
}

/** A kernel's resident programs and the loads under way. */
export class ProgramPager {
  private readonly _resident = new Map<LazyProgram, Program>();
  /** In the order they were first asked for. */
  private readonly _loads = new Map<LazyProgram, Load>();

  /** The program when this kernel has paged it in already. */
  resident(entry: LazyProgram): Program | undefined {
    return this._resident.get(entry);
  }

  /** Whether code is on its way (the run loop waits for it). */
  get busy(): boolean { return this._loads.size > 0; }

  /**
   * Sleeps p (uninterruptibly: it has no handlers yet) until entry's code is
   * resident. @throws what the load threw, when it failed
   */
  async pageIn(p: Proc, entry: LazyProgram): Promise<Program> {
    let load = this._loads.get(entry);
    if (!load) this._loads.set(entry, load = new Load(entry));
    await sleepOn(p, load.sleepers, false);
    const prog = this._resident.get(entry);
    if (prog) return prog;
    throw load.error;
  }

  /**
   * Waits until every load under way has settled, then wakes their
   * processes, in the order the loads were asked for. Returns how many
   * loads settled.
   */
  async settle(): Promise<number> {
    const loads = [...this._loads];
    await Promise.all(loads.map(([, l]) => l.done));
    for (const [entry, l] of loads) {
      this._loads.delete(entry);
      if (l.program) this._resident.set(entry, l.program);
      l.sleepers.wakeAll();
    }
    return loads.length;
  }
}
