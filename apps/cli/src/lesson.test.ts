// The lesson checks against a real world: each fails before the state it asks
// for exists and passes after, however that state was reached.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createWorld } from '@dockersim/world';
import { lessonHost, resetTo, runCheck, type Check, type LessonHost } from '@dockersim/lessons';
import { loadLesson } from './lesson.ts';

const hostYield = () => new Promise<void>((r) => setImmediate(r));
const newHost = async () => lessonHost(await createWorld({ hostYield }));

async function sh(host: LessonHost, line: string): Promise<void> {
  const r = await host.exec(line);
  if (r.exitCode !== 0) throw new Error(`${line}: exit ${r.exitCode}: ${r.stderr}`);
}

/** The check fails now, and passes after the commands. */
async function beforeAfter(host: LessonHost, check: Check, commands: string[]): Promise<void> {
  const before = await runCheck(host, check);
  expect(before.ok, before.reason).toBe(false);
  for (const c of commands) await sh(host, c);
  const after = await runCheck(host, check);
  expect(after.ok, after.reason).toBe(true);
}

describe('lesson checks', () => {
  it('a container from an image, by any reference to it, that exited with a code and logged a line', async () => {
    const host = await newHost();
    await sh(host, 'docker pull -q alpine >/dev/null');
    const check: Check = { container: { image: 'docker.io/library/alpine:latest', exitCode: 3, logs: 'bye' } };
    await beforeAfter(host, check, ["docker run --name c1 alpine sh -c 'echo bye; exit 3' || true"]);
    expect(await runCheck(host, { container: { image: 'alpine', exitCode: 0 } })).toMatchObject({ ok: false, reason: 'no container from alpine, exited with code 0 (c1: it exited with code 3)' });
  });

  it("a container's PID 1 and its process tree, read from the kernel", async () => {
    const host = await newHost();
    const shellWithChild: Check = { container: { name: 'box', pid1: { comm: 'sh', children: [{ comm: 'sleep' }] } } };
    await beforeAfter(host, shellWithChild, ["docker run -d --name box alpine sh -c 'sleep 100; true'"]);
    expect((await runCheck(host, { container: { name: 'box', pid1: 'sleep' } })).ok).toBe(false);
    // an exec'd process counts as the container's, though it is no child of PID 1
    await beforeAfter(host, { container: { name: 'box', process: 'tail' } }, ['docker exec -d box tail -f /dev/null']);
  });

  it('a file in a container is not a file on the host', async () => {
    const host = await newHost();
    await sh(host, "docker run -d --name box alpine sleep 100 >/dev/null");
    const inBox: Check = { container: { name: 'box', file: { path: '/tmp/mark', contains: 'hi' } } };
    await sh(host, 'echo hi > /tmp/mark');
    expect((await runCheck(host, inBox)).ok).toBe(false);
    await beforeAfter(host, inBox, ["docker exec box sh -c 'echo hi > /tmp/mark'"]);
    // still readable from the container's own layer once it stopped
    await sh(host, 'docker kill box >/dev/null');
    expect((await runCheck(host, { container: { name: 'box', state: 'exited', file: { path: '/tmp/mark' } } })).ok).toBe(true);
    expect((await runCheck(host, { hostFile: { path: '/tmp/mark', contains: 'hi' } })).ok).toBe(true);
  });

  it('the signal docker stop sent, from the daemon events', async () => {
    const host = await newHost();
    await sh(host, 'docker run -d --name p1 alpine sleep 100 >/dev/null');
    const term: Check = { container: { name: 'p1', signal: 'SIGTERM' } };
    const kill: Check = { container: { name: 'p1', signal: '9' } };
    expect((await runCheck(host, term)).ok).toBe(false);
    await beforeAfter(host, { all: [term, kill, { container: { name: 'p1', exitCode: 137 } }] }, ['docker stop -t 1 p1 >/dev/null']);
  });

  it('noContainer, image, not and any', async () => {
    const host = await newHost();
    await beforeAfter(host, { image: 'alpine' }, ['docker pull -q alpine']);
    await sh(host, 'docker create --name gone alpine true >/dev/null');
    await beforeAfter(host, { noContainer: { name: 'gone' } }, ['docker rm gone']);
    expect((await runCheck(host, { not: { image: 'alpine' } })).ok).toBe(false);
    expect((await runCheck(host, { any: [{ image: 'nosuch' }, { image: 'alpine' }] })).ok).toBe(true);
  });

  it('resetting to a step removes every container and runs the start and setup', async () => {
    const host = await newHost();
    await sh(host, 'docker run -d --name old alpine sleep 100 >/dev/null');
    await resetTo(host, { start: { images: ['alpine'], files: { '/root/note': 'x' } }, setup: ['docker run -d --name fresh alpine sleep 100'] });
    expect((await runCheck(host, { all: [{ noContainer: {} }] })).ok).toBe(false);
    expect((await runCheck(host, { all: [{ noContainer: { name: 'old' } }, { container: { name: 'fresh', state: 'running' } }, { hostFile: { path: '/root/note' } }] })).ok).toBe(true);
  });
});

describe('the lessons in lessons/', () => {
  const root = fileURLToPath(new URL('../../../lessons/', import.meta.url));
  for (const folder of readdirSync(root).filter((n) => /^\d\d-/.test(n))) {
    it(`${folder} parses, with alternatives and wrong attempts`, () => {
      const l = loadLesson(join(root, folder));
      expect(l.id).toBe(folder);
      expect(l.steps.some((s) => s.wrong?.length)).toBe(true);
      expect(l.steps.some((s) => s.alternatives?.length)).toBe(true);
    });
  }
});
