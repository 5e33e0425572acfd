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
