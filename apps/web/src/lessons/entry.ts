// The lessons' foothold in the page: a button in the bar. Everything else
// (texts, the step panel, the worker's checks) loads when it is first used, so
// the terminal's start costs nothing more.
import type { Remote } from 'comlink';
import type { Terminal } from '@xterm/xterm';
import type { WorkerApi } from '../protocol.ts';

export interface LessonsContext {
  world: Remote<WorkerApi>;
  term: Terminal;
}

export interface LessonsUi {
  show(): void;
  toggle(): void;
  /** Told each piece of terminal output, to check again once a command is done. */
  onOutput(data: string): void;
}

/** Kept by ui.ts: which lesson is open, empty when the panel is closed. */
const OPEN_KEY = 'dockersim.lessons.open';

export function mountLessons(ctx: LessonsContext): { onOutput(data: string): void } {
  let ui: Promise<LessonsUi> | undefined;
  let loaded: LessonsUi | undefined;
  const load = () => ui ??= import('./ui.ts').then((m) => (loaded = m.createLessonsUi(ctx)));

  const button = document.createElement('button');
  button.id = 'lessons-button';
  button.className = 'bar-button';
  button.type = 'button';
  button.textContent = 'Lessons · 레슨';
  button.addEventListener('click', () => { void load().then((u) => u.toggle()); });
  const bar = document.querySelector('header.bar');
  bar?.insertBefore(button, document.getElementById('status'));

  // A learner who left a lesson open finds it again, once the world is up.
  let wasOpen = false;
  try { wasOpen = !!localStorage.getItem(OPEN_KEY); } catch { /* storage blocked */ }
  if (wasOpen) void ctx.world.ready().then(() => load()).then((u) => u.show());

  return { onOutput(data) { loaded?.onOutput(data); } };
}
