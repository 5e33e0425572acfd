// This file implements demand loading of code. A registry entry may be a
// loader (a dynamic import of a chunk the host fetches on first use) instead
// of the program itself, much as Linux maps a binary at execve and pages its
// text in on first touch; a program may likewise dlopen a library of its own
// (dockerd's builder). Code the host has loaded already runs at once, exactly
// as if it had been there from the start. Otherwise the process sleeps until
// the code arrives, and meanwhile the world stands still: the run loop fires
// no timer and moves no clock until every load under way has settled, and
// the process resumes at the next round of the run loop. So a load that takes
// a while (a chunk over the network) costs no virtual time.
//
// A headless world loads all such code before it boots (preloadCode), so its
// runs are the same whether a program was bundled eagerly or not; the page
// boots without it and fetches it once the prompt is up.

import type { Lazy, LazyProgram, Program } from '../sys.ts';
import type { Proc } from './proc.ts';
import { WaitQueue, sleepOn } from '../sched/wait.ts';

/** Every lazy entry made so far (module-level consts, in the order their modules ran). */
const made: Lazy<unknown>[] = [];

/**
 * Code a program loads on first use with sys.dlopen, e.g.
 * `lazyLibrary(() => import('./builder/api.ts'))`. The host loads it once;
 * a failed load is tried again on the next use.
 */
export function lazyLibrary<T>(load: () => Promise<T>): Lazy<T> {
  let loading: Promise<T> | undefined;
  let code: { value: T } | undefined;
  const lazy: Lazy<T> = {
    load: () => (loading ??= load().then(
      (value) => { code = { value }; return value; },
      (e: unknown) => { loading = undefined; throw e; },
    )),
    loaded: () => code,
  };
  made.push(lazy);
  return lazy;
}

/**
 * A registry entry whose code comes from `load` on first use, e.g.
 * `lazyProgram(() => import('@dockersim/cli').then((m) => m.docker))`.
 */
export function lazyProgram(load: () => Promise<Program>): LazyProgram {
  return lazyLibrary(load);
}

/** Whether a registry entry loads its code on first use. */
export function isLazyProgram(entry: Program | LazyProgram): entry is LazyProgram {
  return typeof entry !== 'function';
}

/**
 * Loads every lazy program and library made so far, and those their code
 * makes: what a headless world does before booting, and the page once its
 * prompt is up.
 */
export async function preloadCode(): Promise<void> {
  for (let done = 0; done < made.length;) {
    const batch = made.slice(done);
    done = made.length;
    await Promise.all(batch.map((l) => l.load()));
  }
}

class Load {
  readonly sleepers = new WaitQueue();
  readonly done: Promise<void>;
  error?: unknown;
  constructor(entry: Lazy<unknown>) {
    this.done = entry.load().then(
      () => {},
      (e: unknown) => { this.error = e ?? new Error('code failed to load'); },
    );
  }
}

/** A kernel's loads under way, and the processes waiting for them. */
export class CodePager {
  /** In the order they were first asked for. */
  private readonly _loads = new Map<Lazy<unknown>, Load>();

  /** Whether code is on its way (the run loop waits for it). */
  get busy(): boolean { return this._loads.size > 0; }

  /**
   * Sleeps p (uninterruptibly: it has no handlers yet) until entry's code
   * has arrived. @throws what the load threw, when it failed
   */
  async pageIn<T>(p: Proc, entry: Lazy<T>): Promise<T> {
    let load = this._loads.get(entry);
    if (!load) this._loads.set(entry, load = new Load(entry));
    await sleepOn(p, load.sleepers, false);
    const code = entry.loaded();
    if (code) return code.value;
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
      l.sleepers.wakeAll();
    }
    return loads.length;
  }
}
