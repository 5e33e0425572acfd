// Reading the terminal back as text: what the tests and the probe compare.
import type { Terminal } from '@xterm/xterm';

/** The buffer as text, one line per logical line (soft-wrapped rows joined). */
export function bufferText(term: Terminal): string {
  const buf = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buf.length; i++) {
    const row = buf.getLine(i);
    if (!row) continue;
    const text = row.translateToString(true);
    if (row.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/** The text of the row the cursor is on: where a prompt shows. */
export function cursorLineText(term: Terminal): string {
  const buf = term.buffer.active;
  return buf.getLine(buf.baseY + buf.cursorY)?.translateToString(true) ?? '';
}
