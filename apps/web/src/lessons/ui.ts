// The step panel beside the terminal: the lesson list with progress, a step's
// text, its check turning green as the world reaches the asked state, hints,
// reset, the language switch and the instructor view (solution and panels).
import { completion, markDone, readProgress, setCurrent, type Lang, type Lesson, type Progress } from '@dockersim/lessons';
import { lessons } from './content.ts';
import { renderMarkdown } from './markdown.ts';
import { mountPanels } from './panel-slot.ts';
import type { LessonsContext, LessonsUi } from './entry.ts';
import './lessons.css';

const PROGRESS_KEY = 'dockersim.lessons.progress';
/** Which lesson is open ('list': the list; empty: the panel is closed); entry.ts reads it at start. */
const OPEN_KEY = 'dockersim.lessons.open';
const LANG_KEY = 'dockersim.lessons.lang';
const INSTRUCTOR_KEY = 'dockersim.lessons.instructor';

const WORDS = {
  en: {
    lessons: 'Lessons', back: '← Lessons', step: (i: number, n: number) => `Step ${i} of ${n}`,
    waiting: 'Waiting for the world to get there…', passed: 'Done: the world is in the asked state.',
    preparing: 'Setting the step up…', hint: 'Hint', noMoreHints: 'No more hints.', reset: 'Reset step', next: 'Next step →',
    prev: '← Previous', finished: 'Lesson complete.', instructor: 'Instructor', solution: 'Solution', panels: 'Internals',
    close: 'Close', why: 'Check', failedSetup: 'The step could not be set up: ',
  },
  ko: {
    lessons: '레슨', back: '← 레슨 목록', step: (i: number, n: number) => `${n}단계 중 ${i}단계`,
    waiting: '요청한 상태가 되기를 기다리는 중…', passed: '완료: 요청한 상태가 되었습니다.',
    preparing: '단계를 준비하는 중…', hint: '힌트', noMoreHints: '힌트를 모두 보았습니다.', reset: '단계 다시 시작', next: '다음 단계 →',
    prev: '← 이전', finished: '레슨을 마쳤습니다.', instructor: '강사 모드', solution: '풀이', panels: '내부 보기',
    close: '닫기', why: '확인', failedSetup: '단계를 준비하지 못했습니다: ',
  },
};

const storage = {
  get(key: string): string | null { try { return localStorage.getItem(key); } catch { return null; } },
  set(key: string, value: string): void { try { localStorage.setItem(key, value); } catch { /* storage blocked */ } },
};

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

export function createLessonsUi(ctx: LessonsContext): LessonsUi {
  const pane = document.getElementById('side')!;
  pane.classList.add('lesson-pane');
  let lang: Lang = storage.get(LANG_KEY) === 'en' ? 'en' : storage.get(LANG_KEY) === 'ko' ? 'ko' : (navigator.language.startsWith('ko') ? 'ko' : 'en');
  let instructor = storage.get(INSTRUCTOR_KEY) === '1';
  let progress: Progress = readProgress(storage.get(PROGRESS_KEY));
  const save = () => storage.set(PROGRESS_KEY, JSON.stringify(progress));

  let lesson: Lesson | undefined;
  let index = 0;
  let state: 'preparing' | 'waiting' | 'passed' | 'error' = 'waiting';
  let setupError = '';
  let lastReason = '';
  let hintsShown = 0;
  let generation = 0;
  let checking = false;
  let checkAgain = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let disposePanels: (() => void) | undefined;

  const w = () => WORDS[lang];

  async function runCheckNow(): Promise<void> {
    if (!lesson || state !== 'waiting') return;
    if (checking) { checkAgain = true; return; }
    checking = true;
    const gen = generation;
    try {
      const step = lesson.steps[index]!;
      const r = await ctx.world.lessonCheck(step.check);
      if (gen !== generation || state !== 'waiting') return;
      lastReason = r.reason;
      if (r.ok) {
        state = 'passed';
        progress = markDone(progress, lesson.id, step.id);
        save();
        render();
      } else if (instructor) {
        const why = pane.querySelector('.lesson-why');
        if (why) why.textContent = r.reason;
      }
    } finally {
      checking = false;
      if (checkAgain) { checkAgain = false; void runCheckNow(); }
    }
  }

  let soon: ReturnType<typeof setTimeout> | undefined;
  const checkSoon = (ms = 60) => { clearTimeout(soon); soon = setTimeout(() => void runCheckNow(), ms); };

  async function goTo(i: number, mode: 'reset' | 'enter'): Promise<void> {
    if (!lesson) return;
    const gen = ++generation;
    index = i;
    hintsShown = 0;
    lastReason = '';
    state = 'preparing';
    progress = setCurrent(progress, lesson.id, i);
    save();
    render();
    const r = await ctx.world.lessonPrepare(lesson.steps[i]!, mode);
    if (gen !== generation) return;
    if (!r.ok) { state = 'error'; setupError = r.error ?? ''; render(); return; }
    state = 'waiting';
    render();
    checkSoon(0);
  }

  function openLesson(l: Lesson): void {
    lesson = l;
    storage.set(OPEN_KEY, l.id);
    const at = Math.min(progress[l.id]?.current ?? 0, l.steps.length - 1);
    void goTo(at, 'reset');
  }

  function closeLesson(): void {
    lesson = undefined;
    generation++;
    storage.set(OPEN_KEY, 'list');
    render();
  }

  function header(title: string, onBack?: () => void): HTMLElement {
    const h = el('div', 'lesson-head');
    if (onBack) {
      const b = el('button', 'lesson-link', w().back);
      b.addEventListener('click', onBack);
      h.append(b);
    } else {
      h.append(el('strong', '', title));
    }
    const tools = el('span', 'lesson-tools');
    const langBtn = el('button', 'lesson-lang', lang === 'ko' ? 'English' : '한국어');
    langBtn.title = 'ko / en';
    langBtn.addEventListener('click', () => { lang = lang === 'ko' ? 'en' : 'ko'; storage.set(LANG_KEY, lang); render(); });
    const instr = el('label', 'lesson-instructor');
    const box = el('input');
    box.type = 'checkbox';
    box.checked = instructor;
    box.addEventListener('change', () => { instructor = box.checked; storage.set(INSTRUCTOR_KEY, instructor ? '1' : '0'); render(); });
    instr.append(box, ` ${w().instructor}`);
    const close = el('button', 'lesson-link', '×');
    close.title = w().close;
    close.addEventListener('click', () => hide());
    tools.append(langBtn, instr, close);
    h.append(tools);
    return h;
  }

  function renderList(): void {
    pane.replaceChildren(header(w().lessons));
    const list = el('ol', 'lesson-list');
    for (const l of lessons) {
      const li = el('li');
      const b = el('button', 'lesson-item');
      b.dataset.lesson = l.id;
      const c = completion(progress, l.id, l.steps.map((s) => s.id));
      b.append(el('span', 'lesson-item-title', l.text[lang].title), el('span', `lesson-count${c.done === c.total ? ' complete' : ''}`, `${c.done}/${c.total}`));
      b.addEventListener('click', () => openLesson(l));
      li.append(b);
      list.append(li);
    }
    pane.append(list);
  }

  function renderStep(l: Lesson): void {
    const text = l.text[lang];
    const step = l.steps[index]!;
    const st = text.steps[index]!;
    pane.replaceChildren(header(text.title, closeLesson));

    const nav = el('div', 'lesson-nav');
    nav.append(el('span', 'dim', w().step(index + 1, l.steps.length)));
    const dots = el('span', 'lesson-dots');
    const done = new Set(progress[l.id]?.done ?? []);
    l.steps.forEach((s, i) => {
      const d = el('button', `lesson-dot${done.has(s.id) ? ' done' : ''}${i === index ? ' current' : ''}`);
      d.title = text.steps[i]!.title;
      d.addEventListener('click', () => { if (i !== index) void goTo(i, 'reset'); });
      dots.append(d);
    });
    nav.append(dots);
    pane.append(nav);

    if (index === 0 && text.intro) pane.append(Object.assign(el('div', 'lesson-intro'), { innerHTML: renderMarkdown(text.intro) }));
    const body = el('section', `lesson-step ${state}`);
    body.dataset.step = step.id;
    body.dataset.stepState = state;
    body.append(el('h2', '', st.title));
    const md = el('div', 'lesson-md');
    md.innerHTML = renderMarkdown(st.body);
    body.append(md);
    pane.append(body);

    const status = el('div', `lesson-status ${state}`,
      state === 'passed' ? `✓ ${w().passed}` : state === 'preparing' ? w().preparing : state === 'error' ? w().failedSetup + setupError : w().waiting);
    pane.append(status);

    const hints = step.hints[lang];
    if (hintsShown) {
      const ul = el('ul', 'lesson-hints');
      for (const h of hints.slice(0, hintsShown)) ul.append(Object.assign(el('li'), { innerHTML: renderMarkdown(h).replace(/^<p>|<\/p>$/g, '') }));
      pane.append(ul);
    }

    const buttons = el('div', 'lesson-buttons');
    const hintBtn = el('button', '', hintsShown >= hints.length ? w().noMoreHints : w().hint);
    hintBtn.disabled = hintsShown >= hints.length;
    hintBtn.addEventListener('click', () => { hintsShown++; render(); });
    const reset = el('button', '', w().reset);
    reset.addEventListener('click', () => void goTo(index, 'reset'));
    buttons.append(hintBtn, reset);
    if (index + 1 < l.steps.length) {
      const next = el('button', state === 'passed' ? 'primary' : '', w().next);
      next.addEventListener('click', () => void goTo(index + 1, state === 'passed' ? 'enter' : 'reset'));
      buttons.append(next);
    } else if (state === 'passed') {
      buttons.append(el('span', 'lesson-finished', w().finished));
    }
    pane.append(buttons);

    disposePanels?.();
    disposePanels = undefined;
    if (instructor) {
      const box = el('section', 'lesson-instructor-box');
      box.append(el('h3', '', w().solution));
      box.append(Object.assign(el('pre'), { textContent: step.solution.join('\n') }));
      box.append(el('div', 'lesson-why dim', lastReason));
      if (step.panels?.length) {
        box.append(el('h3', '', w().panels));
        const slot = el('div', 'lesson-panels');
        slot.dataset.panels = step.panels.join(' ');
        box.append(slot);
        disposePanels = mountPanels(slot, step.panels, ctx);
      }
      pane.append(box);
    }
  }

  function render(): void {
    if (lesson) renderStep(lesson); else renderList();
  }

  function show(): void {
    pane.hidden = false;
    const open = storage.get(OPEN_KEY);
    if (!lesson && open && open !== 'list') {
      const l = lessons.find((x) => x.id === open);
      if (l) { openLesson(l); }
    }
    if (!lesson) { storage.set(OPEN_KEY, 'list'); render(); }
    // The world changes on its own too (a stop's grace period, a container
    // exiting): look again now and then while a step waits.
    timer ??= setInterval(() => { if (state === 'waiting') void runCheckNow(); }, 1500);
  }

  function hide(): void {
    pane.hidden = true;
    storage.set(OPEN_KEY, '');
    clearInterval(timer);
    timer = undefined;
    ctx.term.focus();
  }

  return {
    show,
    toggle() { if (pane.hidden) show(); else hide(); },
    onOutput(data) {
      // A prompt at the end of the output: a command has just finished.
      if (lesson && state === 'waiting' && /[#$] $/.test(data)) checkSoon();
    },
  };
}
