// Reading a lesson folder's files into a Lesson, with errors that name the
// file and the problem, so a lesson author sees at once what is wrong.

import { LANGS, type Check, type Lang, type Lesson, type LessonText, type StepSpec, type StepsFile } from './format.ts';
import { NET_CHECK_KEYS } from './net-check.ts';
import { HEALTH_CHECK_KEYS } from './health-check.ts';

export class LessonFormatError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'LessonFormatError';
  }
}

/** Splits a lesson text: `# Title`, an introduction, then one `## ` section per step. */
export function parseLessonText(md: string, file = 'text'): LessonText {
  const lines = md.replace(/\r\n/g, '\n').split('\n');
  let title = '';
  const intro: string[] = [];
  const steps: { title: string; body: string[] }[] = [];
  let inFence = false;
  for (const line of lines) {
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    if (!inFence && /^# /.test(line) && !title && steps.length === 0) { title = line.slice(2).trim(); continue; }
    if (!inFence && /^## /.test(line)) { steps.push({ title: line.slice(3).trim(), body: [] }); continue; }
    (steps.length ? steps[steps.length - 1]!.body : intro).push(line);
  }
  if (!title) throw new LessonFormatError(file, 'no `# Title` line');
  return {
    title,
    intro: intro.join('\n').trim(),
    steps: steps.map((s) => ({ title: s.title, body: s.body.join('\n').trim() })),
  };
}

const CHECK_KEYS = ['all', 'any', 'not', 'container', 'noContainer', 'image', 'volume', 'hostFile', 'hostProcess', ...NET_CHECK_KEYS, ...HEALTH_CHECK_KEYS];

function validateCheck(c: unknown, where: string, file: string): void {
  if (!c || typeof c !== 'object') throw new LessonFormatError(file, `${where}: a check must be an object`);
  const keys = Object.keys(c);
  if (keys.length !== 1 || !CHECK_KEYS.includes(keys[0]!)) {
    throw new LessonFormatError(file, `${where}: a check has exactly one of ${CHECK_KEYS.join(', ')} (got ${keys.join(', ') || 'nothing'})`);
  }
  const k = keys[0]!;
  const v = (c as Record<string, unknown>)[k];
  if (k === 'all' || k === 'any') {
    if (!Array.isArray(v) || v.length === 0) throw new LessonFormatError(file, `${where}.${k}: a non-empty list of checks`);
    v.forEach((x, i) => validateCheck(x, `${where}.${k}[${i}]`, file));
  } else if (k === 'not') {
    validateCheck(v, `${where}.not`, file);
  }
}

function isStringList(v: unknown): v is string[] { return Array.isArray(v) && v.every((x) => typeof x === 'string'); }

/** Parses and validates steps.json. */
export function parseStepsFile(json: string, file = 'steps.json'): StepsFile {
  let raw: unknown;
  try { raw = JSON.parse(json); } catch (e) { throw new LessonFormatError(file, (e as Error).message); }
  const o = raw as Partial<StepsFile>;
  if (!o || typeof o.id !== 'string') throw new LessonFormatError(file, 'missing "id"');
  if (!Array.isArray(o.steps) || o.steps.length === 0) throw new LessonFormatError(file, 'missing "steps"');
  const seen = new Set<string>();
  o.steps.forEach((s: Partial<StepSpec>, i) => {
    const where = `steps[${i}]`;
    if (typeof s.id !== 'string' || !s.id) throw new LessonFormatError(file, `${where}: missing "id"`);
    if (seen.has(s.id)) throw new LessonFormatError(file, `${where}: duplicate id "${s.id}"`);
    seen.add(s.id);
    validateCheck(s.check as Check, `${where}.check`, file);
    if (!isStringList(s.solution) || s.solution.length === 0) throw new LessonFormatError(file, `${where}: "solution" is a non-empty list of commands`);
    for (const lang of LANGS) {
      if (!s.hints || !isStringList(s.hints[lang]) || s.hints[lang].length === 0) throw new LessonFormatError(file, `${where}: "hints.${lang}" is a non-empty list`);
    }
    if (s.setup !== undefined && !isStringList(s.setup)) throw new LessonFormatError(file, `${where}: "setup" is a list of commands`);
    for (const key of ['alternatives', 'wrong'] as const) {
      const v = s[key];
      if (v !== undefined && !(Array.isArray(v) && v.every(isStringList))) throw new LessonFormatError(file, `${where}: "${key}" is a list of command lists`);
    }
  });
  return o as StepsFile;
}

/** Builds a Lesson from its folder's three files; the texts must have one section per step. */
export function parseLesson(files: { steps: string } & Record<Lang, string>, folder = 'lesson'): Lesson {
  const stepsFile = parseStepsFile(files.steps, `${folder}/steps.json`);
  const text = {} as Record<Lang, LessonText>;
  for (const lang of LANGS) {
    const t = parseLessonText(files[lang], `${folder}/${lang}.md`);
    if (t.steps.length !== stepsFile.steps.length) {
      throw new LessonFormatError(`${folder}/${lang}.md`, `${t.steps.length} step sections (## ...) for ${stepsFile.steps.length} steps in steps.json`);
    }
    text[lang] = t;
  }
  return { id: stepsFile.id, steps: stepsFile.steps, text };
}
