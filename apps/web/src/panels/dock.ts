// Panels without a lesson: `?panels=process-tree,trace,namespaces` in the
// page's address opens them in the side pane beside the terminal.
import type { LessonsContext } from '../lessons/entry.ts';
import { mountPanels } from '../lessons/panel-slot.ts';

export function mountDock(ctx: LessonsContext): void {
  const names = new URLSearchParams(location.search).get('panels');
  const side = document.getElementById('side');
  if (!names || !side) return;
  side.hidden = false;
  side.classList.add('panel-dock');
  mountPanels(side, names.split(',').map((n) => n.trim()).filter(Boolean), ctx);
}
