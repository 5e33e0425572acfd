// The lessons' public surface: the format, parsing, checks, the world set-up
// of a step, the headless runner and progress.
export * from './format.ts';
export { parseLesson, parseLessonText, parseStepsFile, LessonFormatError } from './parse.ts';
export { lessonHost, type LessonHost, type WorldLike, type ExecOutcome } from './host.ts';
export { runCheck, describe, type CheckResult } from './checks.ts';
export type { NetworkMatch, AttachmentMatch, PublishMatch, HttpMatch } from './net-check.ts';
export type { HealthMatch, RestartMatch } from './health-check.ts';
export { applyStart, clearContainers, enterStep, resetTo, StartError } from './start.ts';
export { runLesson, type RunResult, type RunOptions } from './runner.ts';
export { readProgress, markDone, setCurrent, completion, type Progress, type LessonProgress } from './progress.ts';
