// What the page asks the worker about lessons (plain data both ways).
import type { Check, StepSpec } from '@dockersim/lessons';

export interface LessonCheckResult { ok: boolean; reason: string }
export interface LessonPrepareResult { ok: boolean; error?: string }

export interface LessonWorkerApi {
  /** Evaluates a step's check against the world. */
  lessonCheck(check: Check): Promise<LessonCheckResult>;
  /** 'reset': clear containers, build the step's start, run its setup; 'enter': only the setup. */
  lessonPrepare(step: Pick<StepSpec, 'start' | 'setup'>, mode: 'reset' | 'enter'): Promise<LessonPrepareResult>;
}
