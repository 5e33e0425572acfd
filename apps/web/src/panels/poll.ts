// Keeps a panel drawn from the world: asks the worker for its internals now
// and every `ms` while mounted, and redraws only when the answer changed.
import type { LessonsContext } from '../lessons/entry.ts';
import type { InternalsReply, InternalsRequest } from './protocol.ts';

export function pollInternals(ctx: LessonsContext, draw: (r: InternalsReply) => void, req: () => InternalsRequest = () => ({}), ms = 600): () => void {
  let stopped = false;
  let last = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async (): Promise<void> => {
    if (stopped) return;
    try {
      const r = await ctx.world.internals(req());
      const key = JSON.stringify(r.processes) + '|' + (r.hops.length ? r.hops[r.hops.length - 1]!.seq : 0);
      if (!stopped && key !== last) { last = key; draw(r); }
    } catch { /* the world is restarting */ }
    if (!stopped) timer = setTimeout(() => { void tick(); }, ms);
  };
  void tick();
  return () => { stopped = true; if (timer) clearTimeout(timer); };
}

export const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls = '', text = ''): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
};

export interface ViewPoll { stop(): void; /** Asks again now and redraws whatever comes. */ refresh(): void }

/**
 * Like pollInternals for a panel of its own view: asks with `req` (processes
 * left out), and calls draw when `key` of the answer changed.
 */
export function pollView(ctx: LessonsContext, req: () => InternalsRequest, key: (r: InternalsReply) => string, draw: (r: InternalsReply) => void, ms = 600): ViewPoll {
  let stopped = false;
  let last = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let round = 0;
  const tick = async (): Promise<void> => {
    const mine = ++round;
    try {
      const r = await ctx.world.internals({ ...req(), processes: false });
      const k = key(r);
      if (!stopped && mine === round && k !== last) { last = k; draw(r); }
    } catch { /* the world is restarting */ }
    if (!stopped && mine === round) timer = setTimeout(() => { void tick(); }, ms);
  };
  void tick();
  return {
    stop: () => { stopped = true; if (timer) clearTimeout(timer); },
    refresh: () => { if (stopped) return; if (timer) clearTimeout(timer); last = ''; void tick(); },
  };
}
