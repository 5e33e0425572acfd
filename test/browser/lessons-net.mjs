// Browser tests of the networking and health lessons: a wrong attempt leaves
// the first step waiting, typing the task turns it green. run.mjs runs these
// with its page, after the lessons' own tests (the lesson bar is open).
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

async function waitForStepState(page, id, want, timeout = 30_000) {
  await page.waitForSelector(`.lesson-step[data-step="${id}"][data-step-state="${want}"]`, { timeout });
}

async function openLesson(page, lessonId) {
  if (await page.locator('#side').isHidden()) await page.click('#lessons-button');
  if (await page.locator('.lesson-item').count() === 0) await page.click('.lesson-head .lesson-link');
  await page.click(`.lesson-item[data-lesson="${lessonId}"]`);
}

export function netLessonTests({ page }) {
  return [
    ['lesson 6: a container on the none network leaves step 1 waiting; two on the default bridge turn it green', async () => {
      await openLesson(page, '06-networking');
      await waitForStepState(page, 'default-bridge', 'waiting', 60_000);
      await runOnHost(page, 'docker run -d --name one alpine sleep 3600');
      await runOnHost(page, 'docker run -d --name two --network none alpine sleep 3600');
      await page.waitForTimeout(1_700); // longer than the panel's periodic re-check
      assert.equal(await stepState(page, 'default-bridge'), 'waiting', 'a container without a bridge address does not pass');
      await runOnHost(page, 'docker rm -f two');
      await runOnHost(page, 'docker run -d --name two alpine sleep 3600');
      await waitForStepState(page, 'default-bridge', 'passed');
    }],

    ['lesson 7: a container without a health check leaves step 1 waiting; one with a passing probe turns green', async () => {
      await openLesson(page, '07-health-restart');
      await waitForStepState(page, 'healthy', 'waiting', 60_000);
      await runOnHost(page, 'docker run -d --name web nginx');
      await page.waitForTimeout(1_700);
      assert.equal(await stepState(page, 'healthy'), 'waiting', 'a running container with no health check does not pass');
      await runOnHost(page, 'docker rm -f web');
      await runOnHost(page, "docker run -d --name web --health-cmd 'curl -f http://localhost/ || exit 1' --health-interval 2s nginx");
      await waitForStepState(page, 'healthy', 'passed');
    }],
  ];
}
