// Where internals panels mount in the instructor view. A panel is a module
// apps/web/src/panels/NAME.ts exporting `mount(el, { world, term })` that may
// return a function undoing it; a step lists the panels it wants by NAME.
// Panels not written yet show as their name.
import type { LessonsContext } from './entry.ts';

type PanelModule = { mount?: (el: HTMLElement, ctx: LessonsContext) => (() => void) | void };
const modules = import.meta.glob('../panels/*.ts') as Record<string, () => Promise<PanelModule>>;

export function mountPanels(slot: HTMLElement, names: string[], ctx: LessonsContext): () => void {
  const undo: Array<() => void> = [];
  let disposed = false;
  for (const name of names) {
    const box = document.createElement('div');
    box.className = 'lesson-panel';
    box.dataset.panel = name;
    box.textContent = name;
    slot.append(box);
    const load = modules[`../panels/${name}.ts`];
    if (!load) continue;
    void load().then((m) => {
      if (disposed || !m.mount) return;
      box.textContent = '';
      const u = m.mount(box, ctx);
      if (u) undo.push(u);
    });
  }
  return () => { disposed = true; for (const u of undo) u(); };
}
