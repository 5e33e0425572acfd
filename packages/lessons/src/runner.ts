// Running a lesson headless, as CI does: the reference solution step by step
// in one world (each check fails before its step and passes after), then each
// step again from its own start, with its wrong attempts (the check must stay
// failing) and its alternative right ways (the check must pass).

import type { Lang, Lesson, StepSpec } from './format.ts';
import type { LessonHost } from './host.ts';
import { runCheck } from './checks.ts';
import { applyStart, enterStep, resetTo } from './start.ts';

export interface RunResult {
  ok: boolean;
  /** "step 1: Run your first container" and, for the extra runs, what was tried. */
  name: string;
  /** Why it failed (empty when ok). */
  detail: string;
}

export interface RunOptions {
  /** A fresh world's host for each run. */
  newHost(): Promise<LessonHost>;
  lang?: Lang;
  /** Told each result as it comes. */
  onResult?(r: RunResult): void;
}

async function runCommands(host: LessonHost, commands: string[]): Promise<string> {
  const out: string[] = [];
  for (const c of commands) {
    const r = await host.exec(c);
    out.push(`$ ${c} (exit ${r.exitCode})\n${r.stdout}${r.stderr}`);
  }
  // A learner reads the output before the step is judged: a second of the
  // world's time lets what was started settle (a `docker start`ed echo exit),
  // however fast the host ran the commands.
  await host.exec('sleep 1');
  return out.join('');
}

export async function runLesson(lesson: Lesson, o: RunOptions): Promise<RunResult[]> {
  const results: RunResult[] = [];
  const lang = o.lang ?? 'en';
  const title = (i: number) => `step ${i + 1}: ${lesson.text[lang].steps[i]?.title ?? lesson.steps[i]!.id}`;
  const report = (ok: boolean, name: string, detail = '') => {
    const r = { ok, name, detail: ok ? '' : detail };
    results.push(r);
    o.onResult?.(r);
  };
  const attempt = async (what: string, fn: () => Promise<string | undefined>) => {
    try {
      const why = await fn();
      report(why === undefined, what, why);
    } catch (e) {
      report(false, what, String((e as Error)?.message ?? e));
    }
  };

  // The reference path: one world, the first step's start, then each solution.
  const host = await o.newHost();
  let broken = false;
  for (let i = 0; i < lesson.steps.length; i++) {
    const step = lesson.steps[i]!;
    if (broken) { report(false, title(i), 'an earlier step failed'); continue; }
    await attempt(title(i), async () => {
      if (i === 0) await applyStart(host, step.start);
      await enterStep(host, step);
      const before = await runCheck(host, step.check);
      if (before.ok) return `the check already passes before the solution: ${before.reason}`;
      const transcript = await runCommands(host, step.solution);
      const after = await runCheck(host, step.check);
      return after.ok ? undefined : `after the solution: ${after.reason}\n${transcript}`;
    });
    if (!results[results.length - 1]!.ok) broken = true;
  }

  // Each step from its own start: the reset, wrong attempts, other right ways.
  for (let i = 0; i < lesson.steps.length; i++) {
    const step = lesson.steps[i]!;
    if (i > 0) await attempt(`${title(i)} / from its start with the solution`, () => tryFromStart(o, step, step.solution, true));
    for (const [k, cmds] of (step.wrong ?? []).entries()) {
      await attempt(`${title(i)} / wrong attempt ${k + 1} fails (${cmds.join('; ')})`, () => tryFromStart(o, step, cmds, false));
    }
    for (const [k, cmds] of (step.alternatives ?? []).entries()) {
      await attempt(`${title(i)} / alternative ${k + 1} passes (${cmds.join('; ')})`, () => tryFromStart(o, step, cmds, true));
    }
  }
  return results;
}

/** In a fresh world at the step's start, runs commands; undefined when the check ends as wanted. */
async function tryFromStart(o: RunOptions, step: StepSpec, commands: string[], shouldPass: boolean): Promise<string | undefined> {
  const host = await o.newHost();
  await resetTo(host, step);
  const before = await runCheck(host, step.check);
  if (before.ok) return `the check passes at the step's start: ${before.reason}`;
  const transcript = await runCommands(host, commands);
  const after = await runCheck(host, step.check);
  if (after.ok === shouldPass) return undefined;
  return shouldPass ? `the check fails: ${after.reason}\n${transcript}` : `the check passes on a wrong state: ${after.reason}\n${transcript}`;
}
