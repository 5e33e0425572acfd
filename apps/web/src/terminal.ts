// The xterm.js face: a dark, monospace terminal that fills its pane and
// refits whenever the pane changes size.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';

const FONT_STACK = '"JetBrains Mono", "Cascadia Mono", "Fira Code", "SF Mono", Menlo, Consolas, '
  + '"DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono", monospace';

// A muted dark palette; the ANSI colours stay distinct on the background.
const THEME = {
  background: '#0f1419',
  foreground: '#d6dde6',
  cursor: '#e6edf3',
  cursorAccent: '#0f1419',
  selectionBackground: '#2f4a6b',
  black: '#1c2128', brightBlack: '#6e7681',
  red: '#f47067', brightRed: '#ff938a',
  green: '#57ab5a', brightGreen: '#6bc46d',
  yellow: '#c69026', brightYellow: '#daaa3f',
  blue: '#539bf5', brightBlue: '#6cb6ff',
  magenta: '#b083f0', brightMagenta: '#dcbdfb',
  cyan: '#39c5cf', brightCyan: '#56d4dd',
  white: '#adbac7', brightWhite: '#f0f6fc',
};

export function createTerminal(container: HTMLElement): { term: Terminal; fit: () => void } {
  const term = new Terminal({
    fontFamily: FONT_STACK,
    fontSize: 14,
    lineHeight: 1.15,
    // A blinking cursor restarts its blink on every key, which makes Chromium
    // render a frame before it delivers the worker's echo: a frame of latency.
    cursorBlink: false,
    scrollback: 5000,
    theme: THEME,
  });
  const fitAddon = new FitAddon();
  term.loadAddon(fitAddon);
  term.open(container);

  const fit = () => {
    // proposeDimensions is undefined while the pane is hidden or unlaid out.
    if (fitAddon.proposeDimensions()) fitAddon.fit();
  };
  fit();
  let queued = false;
  new ResizeObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fit(); });
  }).observe(container);
  return { term, fit };
}
