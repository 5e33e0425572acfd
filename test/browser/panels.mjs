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

/**
 * A page of its own for the panels. A lesson left open by an earlier test
 * (kept in localStorage) would take the side pane: start with none open.
 */
async function panelPage(context) {
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.removeItem('dockersim.lessons.open'));
  return page;
}

/** Like runOnHost, for a command that may print nothing: its prompt is the next line. */
async function runQuiet(page, line) {
  const before = lines(await screenText(page)).length;
  await page.locator('.xterm').click();
  await typeLine(page, line);
  await waitForScreen(page, (t) => lines(t).length > before && HOST_PROMPT.test(lastLine(t)), `the prompt after \`${line}\``, 60_000);
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
      page = await panelPage(context);
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
    ...insidePanelTests({ context, url }),
  ];
}

/** The layers, cgroups and network panels, on a page of their own. */
function insidePanelTests({ context, url }) {
  let page;
  const shot = (view) => page.locator(`[data-view="${view}"]`).screenshot({ path: join(ROOT, `docs/panels/${view}.png`) });
  const view = (name) => page.locator(`[data-view="${name}"]`);
  return [
    ['panels: layers shows the image\'s lowerdirs and the upperdir filling as the container writes', async () => {
      page = await panelPage(context);
      await page.setViewportSize({ width: 1500, height: 1000 });
      await page.goto(`${url}?panels=layers,cgroups,network`);
      await page.waitForFunction(() => window.__dockersim?.promptAt != null, null, { timeout: 30_000 });
      await runQuiet(page, 'docker run -d --name box alpine sleep 1000');
      const layers = view('layers');
      await layers.locator('.il-layer.il-upper').waitFor({ timeout: 10_000 });
      let text = await layers.innerText();
      assert.match(text, /container box \(alpine\) · running/i);
      assert.match(text, /lowerdir\s+[0-9a-f]{12}\s+ro · [\d.]+MB\s+diff [0-9a-f]{12}/, 'the image layer with its size and diff id');
      assert.match(text, /ADD alpine-minirootfs-[\d.]+-x86_64\.tar\.gz \/ # buildkit/, 'the instruction that made it, from the history');
      assert.match(text, /merged\s+[0-9a-f]{12} → \/\s+overlay mounted/);
      assert.match(text, /overlay on …\/[0-9a-f]{12}\/merged type overlay \(rw,relatime,lowerdir=…\/[0-9a-f]{12}-init\/diff:…\/[0-9a-f]{12}\/diff,upperdir=/);
      // /etc/os-release is a symlink of alpine's one layer
      assert.match(await layers.locator('.il-image .il-probe').innerText(), /◀ \/etc\/os-release · → \.\.\/usr\/lib\/os-release/);
      assert.equal(await layers.locator('.il-upper .il-probe').count(), 0);
      const before = await layers.locator('table.il-files tr').count();
      assert.equal(await layers.locator('table.il-files', { hasText: '/root/note' }).count(), 0);
      await runQuiet(page, `docker exec box sh -c 'echo export EDITOR=vi >> /etc/profile; rm /etc/motd; echo hi > /root/note'`);
      await page.waitForFunction((n) => document.querySelectorAll('[data-view="layers"] table.il-files tr').length >= n + 3, before, { timeout: 10_000 });
      text = await layers.locator('table.il-files').innerText();
      assert.match(text, /\/etc\/profile\s+[\d.]+k?B\s+copied up from [0-9a-f]{12}/);
      assert.match(text, /\/etc\/motd\s+whiteout\s+whiteout: hides it in [0-9a-f]{12}/);
      assert.match(text, /\/root\/note\s+3B\s+new/);
      // the path box: /etc/profile now comes from the upperdir
      await layers.locator('input.il-path').fill('/etc/profile');
      await layers.locator('input.il-path').press('Enter');
      await layers.locator('.il-upper .il-probe').waitFor({ timeout: 10_000 });
      await shot('layers');
    }],
    ['panels: cgroups gauges follow memory.max and pids.max as a -m container forks and fills tmpfs', async () => {
      await runQuiet(page, 'docker run -d -m 32m --pids-limit 20 --name capped alpine sleep 1000');
      const card = view('cgroups').locator('.ic-card[data-container="capped"]');
      await card.waitFor({ timeout: 10_000 });
      let text = await card.innerText();
      assert.match(text, /\/system\.slice\/docker-[0-9a-f]{12}…\.scope/);
      assert.match(text, /memory\.max 32\.0MiB/);
      assert.match(text, /pids\.current 1 \/ pids\.max 20/);
      const frac = (g) => card.locator(`.ic-gauge[data-gauge="${g}"]`).getAttribute('data-frac').then(Number);
      const mem = await frac('memory'), pids = await frac('pids');
      await runQuiet(page, `docker exec -d capped sh -c 'sleep 900 & sleep 900 & sleep 900 & dd if=/dev/zero of=/dev/shm/fill bs=1M count=12 2>/dev/null; sleep 900'`);
      await page.waitForFunction(() => /pids\.current [5-9] /.test(document.querySelector('[data-view="cgroups"] .ic-card[data-container="capped"]')?.textContent ?? ''), null, { timeout: 10_000 });
      await page.waitForFunction((m) => Number(document.querySelector('[data-view="cgroups"] .ic-card[data-container="capped"] .ic-gauge[data-gauge="memory"]')?.getAttribute('data-frac')) > m + 0.3, mem, { timeout: 10_000 });
      assert.ok(await frac('pids') > pids, 'the pids gauge rose');
      text = await card.innerText();
      assert.match(text, /memory\.current 1\d\.\dMiB \/ memory\.max 32\.0MiB/);
      // a busy loop under --cpus 0.5 fills its cpu.max share
      await runQuiet(page, `docker run -d --cpus 0.5 --name spin alpine sh -c 'while :; do :; done'`);
      await page.waitForFunction(() => Number(document.querySelector('[data-view="cgroups"] .ic-card[data-container="spin"] .ic-gauge[data-gauge="cpu"]')?.getAttribute('data-frac')) > 0.5, null, { timeout: 15_000 });
      assert.match(await view('cgroups').locator('.ic-card[data-container="spin"]').innerText(), /cpu\.max 50000 100000/);
      await shot('cgroups');
      await runQuiet(page, 'docker rm -f spin');
    }],
    ['panels: network draws the bridges, each container\'s veth and the published port, and runs packets along them', async () => {
      await runQuiet(page, 'docker network create backend');
      await runQuiet(page, 'docker run -d -p 8080:80 --name site nginx');
      await runQuiet(page, 'docker network connect backend site');
      const net = view('network');
      await net.locator('[data-netns="site"]').waitFor({ timeout: 10_000 });
      await page.waitForFunction(() => document.querySelector('[data-view="network"] [data-netns="site"]')?.textContent?.includes('eth1'), null, { timeout: 10_000 });
      const site = await net.locator('[data-netns="site"]').textContent();
      assert.match(site, /eth0172\.17\.0\.\d+/);
      assert.match(site, /eth1172\.\d+\.0\.\d+/);
      assert.equal(await net.locator('[data-bridge="docker0"]').count(), 1);
      assert.match(await net.locator('[data-bridge^="br-"]').textContent(), /network "backend"/);
      assert.match(await net.locator('[data-port="8080"]').textContent(), /tcp 0\.0\.0\.0:8080 → 172\.17\.0\.\d+:80/);
      assert.match(await net.locator('[data-proxies]').textContent(), /^docker-proxy 0\.0\.0\.0:8080 \(pid \d+\)$/);
      const counts = () => net.locator('text[data-veth]').allTextContents();
      const before = await counts();
      await runQuiet(page, 'curl -s -o /dev/null localhost:8080');
      await page.waitForFunction(() => Number(document.querySelector('[data-view="network"]')?.dataset.packets) > 0, null, { timeout: 10_000 });
      assert.notDeepEqual(await counts(), before, 'the veth counters moved');
      await shot('network');
      await page.close();
    }],
  ];
}
