// Figures the browser test reads through window.__dockersim: when the first
// prompt appeared, and how long each keystroke took to come back on screen.
import type { Terminal } from '@xterm/xterm';
import { bufferText } from './screen.ts';

export interface Probe {
  /** ms after navigation start when the first prompt was in the buffer. */
  promptAt: number | null;
  /** Keystroke → echoed character parsed into the buffer, ms per key. */
  echoMs: number[];
  /** Keystroke → the animation frame that paints the echo, ms per key. */
  paintMs: number[];
  bootMs: number | null;
  fakeWorld: boolean;
  screenText(): string;
}

export function installProbe(term: Terminal): {
  probe: Probe;
  afterOutput(data: string): void;
} {
  const pendingKeys: Array<{ key: string; at: number }> = [];
  const probe: Probe = {
    promptAt: null,
    echoMs: [],
    paintMs: [],
    bootMs: null,
    fakeWorld: false,
    screenText: () => bufferText(term),
  };
  // Capture phase: the timestamp is the key event's, before xterm handles it.
  term.textarea?.addEventListener('keydown', (e) => {
    if (e.key.length === 1) pendingKeys.push({ key: e.key, at: e.timeStamp });
  }, true);

  const afterOutput = (data: string) => {
    const now = performance.now();
    for (let i = 0; i < pendingKeys.length; i++) {
      const k = pendingKeys[i]!;
      if (!data.includes(k.key)) continue;
      pendingKeys.splice(i--, 1);
      probe.echoMs.push(now - k.at);
      requestAnimationFrame(() => probe.paintMs.push(performance.now() - k.at));
    }
    if (probe.promptAt === null && /[#$] $/.test(bufferText(term))) {
      probe.promptAt = now;
      performance.mark('dockersim:prompt');
    }
  };
  return { probe, afterOutput };
}
