// The lessons' half that runs in the world's worker: checks read the world's
// state where it lives, and a step's world is set up there. Loaded on first
// use, so a page without a lesson open never fetches it.
import { enterStep, lessonHost, resetTo, runCheck, type Check, type LessonHost, type StepSpec } from '@dockersim/lessons';
import type { World } from '@dockersim/world';
import type { LessonCheckResult, LessonPrepareResult } from './protocol.ts';

const hosts = new WeakMap<World, LessonHost>();
const hostOf = (world: World) => {
  let h = hosts.get(world);
  if (!h) hosts.set(world, h = lessonHost(world));
  return h;
};

export function check(world: World, c: Check): Promise<LessonCheckResult> {
  return runCheck(hostOf(world), c);
}

export async function prepare(world: World, step: Pick<StepSpec, 'start' | 'setup'>, mode: 'reset' | 'enter'): Promise<LessonPrepareResult> {
  try {
    if (mode === 'reset') await resetTo(hostOf(world), step);
    else await enterStep(hostOf(world), step);
    return { ok: true };
  } catch (e) {
    return { ok: false, error: String((e as Error)?.message ?? e) };
  }
}
