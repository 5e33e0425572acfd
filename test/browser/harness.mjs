// The small machinery of the browser tests: build the page when its sources
// changed, start Chromium, read the terminal, and run tests in order.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB = join(ROOT, 'apps/web');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Runs `vite build` for apps/web unless dist/ is newer than every source. */
export function buildIfNeeded() {
  const built = join(WEB, 'dist/index.html');
  const sources = [join(WEB, 'src'), join(WEB, 'index.html'), join(WEB, 'vite.config.ts'), join(ROOT, 'packages')];
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  if (builtAt > Math.max(...sources.map(newestMtime)) && process.env.DOCKERSIM_WEB_REBUILD !== '1') {
    console.log('# using the existing build in apps/web/dist');
    return;
  }
  console.log('# building apps/web');
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
}

export async function launchChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'dockersim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 960, height: 560 },
    deviceScaleFactor: 2,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The terminal's text as the page sees it (logical lines, right-trimmed). */
export function screenText(page) {
  return page.evaluate(() => window.__dockersim.screenText());
}

/** Polls the screen until `test(text)` holds; fails with the screen's tail. */
export async function waitForScreen(page, test, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  for (;;) {
    text = await screenText(page);
    if (test(text)) return text;
    if (Date.now() > deadline) {
      const tail = text.split('\n').slice(-12).map((l) => `  | ${l}`).join('\n');
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; screen ends with:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const lines = (text) => text.split('\n');
export const lastLine = (text) => lines(text).at(-1) ?? '';

/** Types a line into the terminal, as a person would, and presses Enter. */
export async function typeLine(page, line) {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Runs tests in order; prints one line per test and the closing count. */
export async function runTests(tests) {
  let passed = 0;
  let failed = 0;
  for (const [name, fn] of tests) {
    const start = performance.now();
    try {
      await fn();
      passed++;
      console.log(`ok - ${name} (${Math.round(performance.now() - start)} ms)`);
    } catch (err) {
      failed++;
      console.log(`not ok - ${name}`);
      console.log(String(err?.stack ?? err).split('\n').map((l) => `  # ${l}`).join('\n'));
    }
  }
  return { passed, failed };
}

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
