// Browser tests of the internals panels: open them beside the terminal
// (?panels=...), run a container, and see each picture change to show it;
// the screenshots go to docs/panels/. run.mjs runs these in its browser.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, lastLine, lines, screenText, typeLine, waitForScreen } from './harness.mjs';

const HOST_PROMPT = /root@node1:~# $/;

async function runOnHost(page, line) {
  const before = lines(await screenText(page)).length;
  await page.locator('.xterm').click();
  await typeLine(page, line);
  await waitForScreen(page, (t) => lines(t).length > before + 1 && HOST_PROMPT.test(lastLine(t)), `the prompt after \`${line}\``, 60_000);
}

/** Tests in run.mjs's [name, fn] form, on a page of their own in the browser's context. */
export function panelTests({ context, url }) {
  let page;
  const shot = async (view) => {
    mkdirSync(join(ROOT, 'docs/panels'), { recursive: true });
    await page.locator(`[data-view="${view}"]`).screenshot({ path: join(ROOT, `docs/panels/${view}.png`) });
  };
  return [
    ['panels: the process tree gains a shim and a boxed container when one runs', async () => {
      page = await context.newPage();
      await page.setViewportSize({ width: 1500, height: 900 });
      await page.goto(`${url}?panels=process-tree,trace,namespaces`);
      await page.waitForFunction(() => window.__dockersim?.promptAt != null, null, { timeout: 30_000 });
      const tree = page.locator('[data-view="process-tree"]');
      await tree.locator('.ip-node').first().waitFor({ timeout: 10_000 });
      assert.equal(await tree.locator('.ip-box').count(), 0, 'no container before docker run');
      await runOnHost(page, 'docker run -d --name web alpine sleep 1000');
      await tree.locator('.ip-box').first().waitFor({ timeout: 10_000 });
      const box = await tree.locator('.ip-box').first().innerText();
      assert.match(box, /container [0-9a-f]{12}/);
      assert.match(box, /sleep\s+\d+ \(pid 1 inside\)/);
      assert.equal(await tree.locator('.ip-tree .ip-shim').count(), 1, 'one shim per container');
      await shot('process-tree');
    }],
    ['panels: the trace shows the run crossing the layers down to runc and the container', async () => {
      const trace = page.locator('[data-view="trace"]');
      await trace.locator('.ip-text').first().waitFor({ timeout: 10_000 });
      const text = await trace.innerText();
      for (const hop of [/execve \/usr\/bin\/docker: docker run -d --name web alpine sleep 1000/, /handler POST \/v1\.\d+\/containers\/create/,
        /tasks\.Create \(namespace=moby\)/, /containerd\.task\.v2\.Task\/Create/, /clone\(CLONE_NEWNS\|/, /pivot_root/, /execve \/bin\/sleep: sleep 1000/]) {
        assert.match(text, hop);
      }
      await shot('trace');
    }],
    ['panels: namespaces lists the container\'s own ones, and drops them when it is removed', async () => {
      const ns = page.locator('[data-view="namespaces"]');
      await ns.locator('tr.ip-own').first().waitFor({ timeout: 10_000 });
      const own = await ns.locator('tr.ip-own').count();
      assert.ok(own >= 5, `the container's pid, mnt, net, uts and ipc namespaces (got ${own} rows)`);
      await shot('namespaces');
      await runOnHost(page, 'docker rm -f web');
      await page.waitForFunction(() => document.querySelectorAll('[data-view="namespaces"] tr.ip-own').length === 0, null, { timeout: 10_000 });
      await page.close();
    }],
  ];
}
