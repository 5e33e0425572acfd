// The page: a terminal on node1, wired to the world running in a Web Worker.
import { proxy, wrap, type Remote } from 'comlink';
import type { TerminalHandle, WorkerApi } from './protocol.ts';
import { installProbe, type Probe } from './probe.ts';
import { mountLessons } from './lessons/entry.ts';
import { mountFiles } from './files.ts';
import { mountDock } from './panels/dock.ts';
import { prefetchAfterPrompt } from './prefetch.ts';
import './style.css';

declare global {
  interface Window {
    __dockersim: Probe;
    /** Started by an inline script in the built index.html (build/early-start.ts). */
    __dockersimWorker?: Worker;
  }
}

// The world boots in its worker while xterm.js loads and lays out.
const worker = window.__dockersimWorker
  ?? new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'world' });
const world = wrap<WorkerApi>(worker);
performance.mark('dockersim:main-started');
// xterm.js is the bulk of the page's script: it loads while the world boots.
const { createTerminal } = await import('./terminal.ts');

const statusEl = document.getElementById('status')!;
const setStatus = (text: string, kind: '' | 'ready' | 'ended' = '') => {
  statusEl.textContent = text;
  statusEl.className = `status ${kind}`;
};

const { term } = createTerminal(document.getElementById('terminal')!);
performance.mark('dockersim:terminal-ready');
const { probe, afterOutput } = installProbe(term);
window.__dockersim = probe;

let session: Remote<TerminalHandle> | null = null;
let ended = false;
let typedEarly = '';

term.onData((data) => {
  if (ended) {
    if (data.includes('\r')) startSession();
    return;
  }
  if (session) void session.write(data);
  else typedEarly += data;
});
term.onResize(({ cols, rows }) => { void session?.resize(cols, rows); });

const lessons = mountLessons({ world, term });
mountDock({ world, term });
prefetchAfterPrompt(world);
mountFiles({ world, bar: document.querySelector<HTMLElement>('header.bar')!, say: (text) => setStatus(text, 'ready') });
const onOutput = (data: string) => term.write(data, () => { afterOutput(data); lessons.onOutput(data); });
const onExit = (code: number) => {
  session = null;
  ended = true;
  setStatus(`shell exited (${code})`, 'ended');
  term.write(`\r\n\x1b[2m[shell exited with code ${code}; press Enter for a new one]\x1b[0m\r\n`);
};

async function openSession(): Promise<void> {
  ended = false;
  setStatus('starting shell…');
  const opened = await world.openTerminal({ cols: term.cols, rows: term.rows }, proxy({ output: onOutput, exit: onExit }));
  session = opened;
  if (typedEarly) { void opened.write(typedEarly); typedEarly = ''; }
  const { bootMs, fake } = await world.ready();
  probe.bootMs = bootMs;
  probe.fakeWorld = fake;
  setStatus(fake ? 'ready (stand-in world)' : 'ready', 'ready');
}

// A worker that fails to load or throws at the top level never answers a
// call: say so instead of waiting forever.
worker.addEventListener('error', (e) => {
  setStatus('failed to start', 'ended');
  term.write(`\r\n\x1b[31mThe simulation stopped: ${e.message || 'the worker failed to load'}\x1b[0m\r\n`);
  console.error('world worker:', e.message);
});

function startSession(): void {
  openSession().catch((err: unknown) => {
    setStatus('failed to start', 'ended');
    term.write(`\r\n\x1b[31mThe simulation failed to start: ${String(err)}\x1b[0m\r\n`);
    console.error(err);
  });
}

term.focus();
startSession();
