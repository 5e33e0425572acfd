// The simulation's home: a Web Worker, so a busy world never blocks typing or
// painting. The page reaches it only through comlink (see protocol.ts).
import { expose, proxy } from 'comlink';
import { createWorld, preloadCode } from '@dockersim/world';
import type { TraceEvent } from '@dockersim/world';
import type { TerminalHandle, Unsubscribe, WorkerApi } from './protocol.ts';

declare const __DOCKERSIM_FAKE_WORLD__: boolean;

/**
 * Lets queued host work run between simulation steps. A MessageChannel round
 * trip is a macrotask without setTimeout's 4 ms clamp.
 */
function messageChannelYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: Array<() => void> = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () => new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}

/** A trace event as plain data: whatever cannot cross postMessage becomes text. */
function plainTrace(ev: TraceEvent): TraceEvent {
  try {
    return structuredClone(ev);
  } catch {
    return { ...ev, data: String(ev.data) };
  }
}

const started = performance.now();
const worldReady = createWorld({
  hostYield: messageChannelYield(),
  clock: 'realtime',
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  // the clock follows the learner's time, also between timers
  wallClock: () => performance.now(),
});
const bootMs = worldReady.then(() => performance.now() - started);

const api: WorkerApi = {
  async ready() {
    return { bootMs: await bootMs, fake: __DOCKERSIM_FAKE_WORLD__ };
  },
  async openTerminal(opts, sink) {
    const world = await worldReady;
    const session = world.openTerminal(opts);
    // Output written within one task crosses as one message: a shell that
    // writes its prompt byte by byte costs one postMessage, not fifteen.
    let pending = '';
    const flush = () => {
      if (pending === '') return;
      const data = pending;
      pending = '';
      void sink.output(data);
    };
    session.onOutput((data) => {
      if (pending === '') queueMicrotask(flush);
      pending += data;
    });
    session.onExit((code) => {
      flush();
      void sink.exit(code);
    });
    const handle: TerminalHandle = {
      write: (data) => session.write(data),
      resize: (cols, rows) => session.resize(cols, rows),
    };
    return proxy(handle);
  },
  async exec(commandLine, opts) {
    return (await worldReady).exec(commandLine, opts);
  },
  async uptime() {
    return (await worldReady).uptime();
  },
  async prefetch() {
    await worldReady;
    await preloadCode();
  },
  // The lessons' side loads on first use (see lessons/worker-side.ts).
  async lessonCheck(check) {
    return (await import('./lessons/worker-side.ts')).check(await worldReady, check);
  },
  async lessonPrepare(step, mode) {
    return (await import('./lessons/worker-side.ts')).prepare(await worldReady, step, mode);
  },
  async internals(req) {
    return (await import('./panels/world-side.ts')).internals(await worldReady, req);
  },
  async onTrace(cb) {
    // Traces come in bursts (a `docker run` is hundreds of system calls):
    // they cross in batches, one message per task.
    let batch: TraceEvent[] = [];
    const sub = (await worldReady).onTrace((ev) => {
      if (batch.length === 0) queueMicrotask(() => { const b = batch; batch = []; void cb(b); });
      batch.push(plainTrace(ev));
    });
    const handle: Unsubscribe = { dispose: () => sub.dispose() };
    return proxy(handle);
  },
};

expose(api);
