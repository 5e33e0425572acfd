// Browser tests of the guided lessons: open a lesson from the bar, type a
// step's task into the terminal, and see the step turn green only once the
// world is really in the asked state. run.mjs runs these with its page.
import assert from 'node:assert/strict';
import { lastLine, lines, screenText, typeLine, waitForScreen } from './harness.mjs';

const HOST_PROMPT = /root@node1:~# $/;

async function runOnHost(page, line) {
  const before = lines(await screenText(page)).length;
  await page.locator('.xterm').click();
  await typeLine(page, line);
  await waitForScreen(page, (t) => lines(t).length > before + 1 && HOST_PROMPT.test(lastLine(t)), `the prompt after \`${line}\``, 60_000);
}

const stepState = (page, id) => page.locator(`.lesson-step[data-step="${id}"]`).getAttribute('data-step-state');

async function waitForStepState(page, id, want, timeout = 15_000) {
  await page.waitForSelector(`.lesson-step[data-step="${id}"][data-step-state="${want}"]`, { timeout });
}

async function openLesson(page, lessonId) {
  if (await page.locator('.lesson-item').count() === 0) {
    if (await page.locator('#side').isHidden()) await page.click('#lessons-button');
    else await page.click('.lesson-head .lesson-link');
  }
  await page.click(`.lesson-item[data-lesson="${lessonId}"]`);
}

/** The first step of lessons 2, 3 and 5: what is typed wrong, then right. */
const firstSteps = [
  ['02-images-and-layers', 'pull', ['docker pull -q nginx'], ['docker pull -q nginx:alpine']],
  ['03-dockerfile-instructions', 'arg-env-workdir', ['docker build -q -t site:2.0 /root/site'], ['docker build -q --build-arg VERSION=2.0 -t site:2.0 /root/site']],
  ['05-storage', 'writable-layer', ["docker run --name scratch -v notes:/data alpine sh -c 'echo draft > /data/note.txt; echo written'"],
    ['docker rm scratch', "docker run --name scratch alpine sh -c 'mkdir /data && echo draft > /data/note.txt && echo written'"]],
];

/** Tests in run.mjs's [name, fn] form, over the page it has booted. */
export function lessonTests({ page }) {
  return [
    ['lesson 1: a wrong attempt leaves step 1 waiting; typing the task turns it green', async () => {
      await page.click('#lessons-button');
      await page.waitForSelector('.lesson-item[data-lesson="01-containers-are-processes"]', { timeout: 10_000 });
      await openLesson(page, '01-containers-are-processes');
      await waitForStepState(page, 'first-run', 'waiting');

      await runOnHost(page, 'docker run alpine echo bye');
      await page.waitForTimeout(1_700); // longer than the panel's periodic re-check
      assert.equal(await stepState(page, 'first-run'), 'waiting', 'a container that printed "bye" does not pass');

      await runOnHost(page, 'docker run alpine echo hello');
      await waitForStepState(page, 'first-run', 'passed');
      assert.equal(await page.locator('.lesson-dot.done').count(), 1);
    }],

    ['lesson 1: the language switch shows the Korean text; progress survives a reload', async () => {
      await page.click('.lesson-lang');
      assert.equal((await page.locator('.lesson-step h2').textContent())?.trim(), '첫 컨테이너 실행하기');
      await page.click('.lesson-lang');
      assert.equal((await page.locator('.lesson-step h2').textContent())?.trim(), 'Run your first container');

      await page.reload({ waitUntil: 'commit' });
      // The open lesson comes back by itself, at its step, with the step already done.
      await page.waitForSelector('.lesson-step[data-step="first-run"]', { timeout: 30_000 });
      assert.equal(await page.locator('.lesson-dot.done').count(), 1);
      await waitForScreen(page, (t) => HOST_PROMPT.test(lastLine(t)), 'the prompt after the reload');
    }],

    ['lesson 4: typing the ENTRYPOINT task turns step 1 green; instructor mode shows the solution', async () => {
      await openLesson(page, '04-cmd-entrypoint-signals');
      await waitForStepState(page, 'entrypoint-args', 'waiting');
      await runOnHost(page, 'docker build -q -t hello-ep /root/ep');
      await runOnHost(page, 'docker run hello-ep');
      await page.waitForTimeout(1_700);
      assert.equal(await stepState(page, 'entrypoint-args'), 'waiting', 'echo hello without the run argument does not pass');
      await runOnHost(page, 'docker run hello-ep world');
      await waitForStepState(page, 'entrypoint-args', 'passed');

      await page.click('.lesson-instructor input');
      assert.match(await page.locator('.lesson-instructor-box pre').textContent(), /docker run hello-ep world/);
      assert.equal(await page.locator('.lesson-panels [data-panel="trace"]').count(), 1);
      await page.click('.lesson-instructor input');
      // Close the panel: the terminal has the page to itself again.
      await page.click('#lessons-button');
      assert.ok(await page.locator('#side').isHidden());
    }],

    ...firstSteps.map(([lesson, step, wrong, right]) => [`${lesson}: a wrong attempt leaves step 1 waiting; the task turns it green`, async () => {
      if (await page.locator('#side').isHidden()) await page.click('#lessons-button');
      await openLesson(page, lesson);
      await waitForStepState(page, step, 'waiting', 30_000);
      for (const line of wrong) await runOnHost(page, line);
      await page.waitForTimeout(1_700);
      assert.equal(await stepState(page, step), 'waiting', `${wrong.join('; ')} does not pass`);
      for (const line of right) await runOnHost(page, line);
      await waitForStepState(page, step, 'passed', 30_000);
      await page.click('#lessons-button'); // leave the terminal the whole page, as the tests after expect
      assert.ok(await page.locator('#side').isHidden());
    }]),
  ];
}
