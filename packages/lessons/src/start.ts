// Setting a step's world up: images pulled, files written, commands run. The
// reset clears what earlier attempts left (containers) before that, so a step
// starts the same whichever way the learner got there.

import type { StartSpec } from './format.ts';
import type { ExecOutcome, LessonHost } from './host.ts';

export class StartError extends Error {
  constructor(readonly command: string, readonly outcome: ExecOutcome) {
    super(`setting the step up failed: \`${command}\` exited with ${outcome.exitCode}: ${outcome.stderr.trim()}`);
    this.name = 'StartError';
  }
}

async function mustRun(host: LessonHost, command: string): Promise<void> {
  const r = await host.exec(command);
  if (r.exitCode !== 0) throw new StartError(command, r);
}

/** Removes every container (running ones too), as `docker rm -f` does. */
export async function clearContainers(host: LessonHost): Promise<void> {
  await mustRun(host, 'ids=$(docker ps -aq); [ -z "$ids" ] || docker rm -f $ids >/dev/null');
}

export async function applyStart(host: LessonHost, start: StartSpec | undefined): Promise<void> {
  for (const image of start?.images ?? []) await mustRun(host, `docker pull -q ${image} >/dev/null`);
  for (const [path, content] of Object.entries(start?.files ?? {})) host.writeFile(path, content);
  for (const command of start?.run ?? []) await mustRun(host, command);
}

/** Runs what a step sets up whenever it begins. */
export async function enterStep(host: LessonHost, step: { setup?: string[] }): Promise<void> {
  for (const command of step.setup ?? []) await mustRun(host, command);
}

/** Brings a world to a step's beginning: no containers, the step's start, its setup. */
export async function resetTo(host: LessonHost, step: { start?: StartSpec; setup?: string[] }): Promise<void> {
  await clearContainers(host);
  await applyStart(host, step.start);
  await enterStep(host, step);
}
