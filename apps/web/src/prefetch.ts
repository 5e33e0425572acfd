// The world boots with only what the prompt needs; the docker CLI, runc, the
// applets and the rest load on first use (the kernel's program-load.ts). Once
// the prompt is on screen and the page is idle, fetch them, so the first
// `docker run` does not wait for the network.
import type { Remote } from 'comlink';
import type { WorkerApi } from './protocol.ts';

/** After the first prompt (the probe's 'dockersim:prompt' mark), in idle time. */
export function prefetchAfterPrompt(world: Remote<WorkerApi>, delayMs = 200): void {
  const start = () => {
    const idle = window.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 0));
    // the delay keeps the fetches clear of the prompt's first paint
    setTimeout(() => idle(() => { void world.prefetch().catch(() => { /* loads again on first use */ }); }, { timeout: 1000 }), delayMs);
  };
  if (performance.getEntriesByName('dockersim:prompt', 'mark').length) { start(); return; }
  const seen = new PerformanceObserver((list) => {
    if (!list.getEntriesByName('dockersim:prompt').length) return;
    seen.disconnect();
    start();
  });
  seen.observe({ type: 'mark', buffered: true });
}
