// A learner's progress as plain data: which steps of which lesson passed, and
// where they are. The page keeps it in localStorage; this file only reads and
// updates the value, so it stays testable without a browser.

export interface LessonProgress {
  /** Ids of the steps whose check has passed at least once. */
  done: string[];
  /** Index of the step the learner is on. */
  current: number;
}

export type Progress = Record<string, LessonProgress>;

/** Parses stored progress; anything unreadable is no progress. */
export function readProgress(stored: string | null | undefined): Progress {
  if (!stored) return {};
  try {
    const v = JSON.parse(stored) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: Progress = {};
    for (const [id, p] of Object.entries(v as Record<string, Partial<LessonProgress>>)) {
      if (!p || !Array.isArray(p.done)) continue;
      out[id] = { done: p.done.filter((s) => typeof s === 'string'), current: Number.isInteger(p.current) ? p.current! : 0 };
    }
    return out;
  } catch {
    return {};
  }
}

export function markDone(progress: Progress, lessonId: string, stepId: string): Progress {
  const p = progress[lessonId] ?? { done: [], current: 0 };
  if (p.done.includes(stepId)) return progress;
  return { ...progress, [lessonId]: { ...p, done: [...p.done, stepId] } };
}

export function setCurrent(progress: Progress, lessonId: string, index: number): Progress {
  const p = progress[lessonId] ?? { done: [], current: 0 };
  return { ...progress, [lessonId]: { ...p, current: index } };
}

/** Steps done out of the lesson's steps (ids no longer in the lesson do not count). */
export function completion(progress: Progress, lessonId: string, stepIds: string[]): { done: number; total: number } {
  const done = new Set(progress[lessonId]?.done ?? []);
  return { done: stepIds.filter((id) => done.has(id)).length, total: stepIds.length };
}
