// An interactive line editor in the manner of busybox's lineedit.c: raw mode
// (no ICANON/ECHO/ISIG) while a line is edited, cursor movement, kill keys,
// history, ^C cancels the line, ^D on an empty line is end of input, Tab
// completes commands and paths.

import { ICANON, ECHO, ISIG, isSysError } from '@dockersim/kernel';
import type { Sys, Termios } from '@dockersim/kernel';

export type Completer = (line: string, cursor: number) => string[];

export class LineEditor {
  history: string[] = [];
  private pending: number[] = [];
  private readonly dec = new TextDecoder();

  constructor(private readonly sys: Sys, private readonly fd = 0, private readonly out = 1) {}

  private async write(s: string): Promise<void> {
    try { await this.sys.write(this.out, s); } catch (e) { if (!isSysError(e)) throw e; }
  }

  private async byte(): Promise<number | null> {
    if (this.pending.length) return this.pending.shift()!;
    const b = await this.sys.read(this.fd, 256);
    if (b.length === 0) return null;
    for (const x of b) this.pending.push(x);
    return this.pending.shift()!;
  }

  /** Reads one line (without "\n"); null at end of input; '' after ^C. */
  async readLine(prompt: string, complete?: Completer): Promise<string | null> {
    let saved: Termios | null = null;
    try {
      saved = this.sys.tcgetattr(this.fd);
      this.sys.tcsetattr(this.fd, { ...saved, cc: { ...saved.cc }, lflag: saved.lflag & ~(ICANON | ECHO | ISIG) });
    } catch (e) { if (!isSysError(e)) throw e; }
    try {
      return await this.edit(prompt, complete);
    } finally {
      if (saved) { try { this.sys.tcsetattr(this.fd, saved); } catch (e) { if (!isSysError(e)) throw e; } }
    }
  }

  private async edit(prompt: string, complete?: Completer): Promise<string | null> {
    await this.write(prompt);
    const lastPrompt = prompt.slice(prompt.lastIndexOf('\n') + 1);
    let buf: string[] = [];
    let cur = 0;
    let hist = this.history.length;
    let draft: string[] = [];
    let tabs = 0;
    const redraw = async (): Promise<void> => {
      const tail = buf.length - cur;
      await this.write(`\r${lastPrompt}${buf.join('')}\x1b[K${tail ? `\x1b[${tail}D` : ''}`);
    };
    const setLine = async (s: string): Promise<void> => { buf = [...s]; cur = buf.length; await redraw(); };
    for (;;) {
      const c = await this.byte();
      if (c === null) return buf.length ? buf.join('') : null;
      if (c !== 9) tabs = 0;
      switch (c) {
        case 13: case 10: {
          await this.write('\n');
          const line = buf.join('');
          if (line.trim() && this.history[this.history.length - 1] !== line) this.history.push(line);
          if (this.history.length > 255) this.history.shift();
          return line;
        }
        case 3: await this.write('^C\n'); return '';
        case 4:
          if (buf.length === 0) return null;
          if (cur < buf.length) { buf.splice(cur, 1); await redraw(); }
          continue;
        case 1: cur = 0; await redraw(); continue;
        case 5: cur = buf.length; await redraw(); continue;
        case 2: if (cur > 0) { cur--; await this.write('\x1b[D'); } continue;
        case 6: if (cur < buf.length) { cur++; await this.write('\x1b[C'); } continue;
        case 21: buf.splice(0, cur); cur = 0; await redraw(); continue;
        case 11: buf.splice(cur); await redraw(); continue;
        case 23: {
          let i = cur;
          while (i > 0 && buf[i - 1] === ' ') i--;
          while (i > 0 && buf[i - 1] !== ' ') i--;
          buf.splice(i, cur - i);
          cur = i;
          await redraw();
          continue;
        }
        case 12: await this.write('\x1b[H\x1b[J' + prompt); await redraw(); continue;
        case 127: case 8:
          if (cur > 0) { buf.splice(cur - 1, 1); cur--; await redraw(); }
          continue;
        case 9: {
          if (!complete) continue;
          const line = buf.join('');
          const cands = complete(line.slice(0, cur), cur);
          if (cands.length === 0) continue;
          const word = /[^\s]*$/.exec(line.slice(0, cur))![0];
          const base = word.slice(word.lastIndexOf('/') + 1);
          let common = cands[0]!;
          for (const x of cands) { let i = 0; while (i < common.length && common[i] === x[i]) i++; common = common.slice(0, i); }
          if (cands.length === 1) common = cands[0]!.endsWith('/') ? cands[0]! : cands[0]! + ' ';
          const add = common.slice(base.length);
          if (add) {
            const atEnd = cur === buf.length;
            buf.splice(cur, 0, ...add);
            cur += [...add].length;
            if (atEnd) await this.write(add); else await redraw();
          }
          else if (++tabs >= 2) { await this.write('\n' + cands.join('  ') + '\n' + prompt); await redraw(); }
          continue;
        }
        case 27: {
          const a = await this.byte();
          if (a !== 91 && a !== 79) continue;
          let seq = '';
          for (;;) {
            const b = await this.byte();
            if (b === null) break;
            seq += String.fromCharCode(b);
            if (b >= 0x40 && b <= 0x7e) break;
          }
          if (seq === 'A' || seq === 'B') {
            if (hist === this.history.length) draft = buf.slice();
            if (seq === 'A' && hist > 0) hist--;
            else if (seq === 'B' && hist < this.history.length) hist++;
            else continue;
            await setLine(hist === this.history.length ? draft.join('') : this.history[hist]!);
          } else if (seq === 'C') { if (cur < buf.length) { cur++; await this.write('\x1b[C'); } }
          else if (seq === 'D') { if (cur > 0) { cur--; await this.write('\x1b[D'); } }
          else if (seq === 'H' || seq === '1~' || seq === '7~') { cur = 0; await redraw(); }
          else if (seq === 'F' || seq === '4~' || seq === '8~') { cur = buf.length; await redraw(); }
          else if (seq === '3~') { if (cur < buf.length) { buf.splice(cur, 1); await redraw(); } }
          continue;
        }
        default: {
          if (c < 32) continue;
          // collect a whole UTF-8 sequence
          const bytes = [c];
          const need = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
          for (let i = 0; i < need; i++) { const b = await this.byte(); if (b === null) break; bytes.push(b); }
          const ch = this.dec.decode(new Uint8Array(bytes));
          buf.splice(cur, 0, ch);
          cur++;
          if (cur === buf.length) await this.write(ch); else await redraw();
        }
      }
    }
  }
}
