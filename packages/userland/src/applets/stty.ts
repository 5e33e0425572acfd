// stty: terminal settings over tcgetattr/tcsetattr (size, echo, icanon, isig,
// raw, sane, -a), as the line editor and scripts use them.

import { isSysError, ICANON, ECHO, ISIG, ECHOE, ECHOK, ECHONL, IEXTEN, ICRNL, IXON, OPOST, ONLCR } from '@dockersim/kernel';
import type { Termios } from '@dockersim/kernel';
import type { Applet } from './types.ts';

const LFLAGS: Record<string, number> = { icanon: ICANON, echo: ECHO, isig: ISIG, echoe: ECHOE, echok: ECHOK, echonl: ECHONL, iexten: IEXTEN };
const IFLAGS: Record<string, number> = { icrnl: ICRNL, ixon: IXON };
const OFLAGS: Record<string, number> = { opost: OPOST, onlcr: ONLCR };

function cc(n: number): string { return n === 0 ? '<undef>' : n < 32 ? `^${String.fromCharCode(n + 64)}` : n === 127 ? '^?' : String.fromCharCode(n); }

export const stty: Applet = async (a) => {
  let fd = 0;
  const args = a.args.slice();
  const fi = args.findIndex((x) => x === '-F' || x === '--file');
  if (fi >= 0) {
    try { fd = a.sys.open(args[fi + 1] ?? '', 2); } catch (e) { return a.perror(args[fi + 1] ?? '', e); }
    args.splice(fi, 2);
  }
  let t: Termios;
  try { t = a.sys.tcgetattr(fd); } catch (e) {
    if (!isSysError(e)) throw e;
    await a.error(a.gnu ? `'standard input': ${a.strerror(e.errno)}` : `standard input: ${a.strerror(e.errno)}`);
    return 1;
  }
  if (args.length === 0 || args[0] === '-a' || args[0] === '--all') {
    let ws = { rows: 24, cols: 80 };
    try { ws = a.sys.getwinsize(fd); } catch (e) { if (!isSysError(e)) throw e; }
    const flag = (set: Record<string, number>, v: number): string => Object.entries(set).map(([n, b]) => (v & b ? n : `-${n}`)).join(' ');
    await a.write(args.length === 0
      ? `speed 38400 baud; line = 0;\n${t.lflag & ICANON ? '' : '-icanon '}${t.lflag & ECHO ? '' : '-echo'}\n`
      : `speed 38400 baud; rows ${ws.rows}; columns ${ws.cols}; line = 0;\nintr = ${cc(t.cc.intr)}; quit = ${cc(t.cc.quit)}; erase = ${cc(t.cc.erase)}; kill = ${cc(t.cc.kill)}; eof = ${cc(t.cc.eof)}; susp = ${cc(t.cc.susp)};\n${flag(IFLAGS, t.iflag)}\n${flag(OFLAGS, t.oflag)}\n${flag(LFLAGS, t.lflag)}\n`);
    return 0;
  }
  let changed = false;
  for (const arg of args) {
    if (arg === 'size') {
      try { const ws = a.sys.getwinsize(fd); await a.write(`${ws.rows} ${ws.cols}\n`); } catch (e) { return a.perror('standard input', e); }
      continue;
    }
    const off = arg.startsWith('-');
    const name = off ? arg.slice(1) : arg;
    changed = true;
    if (name === 'raw') { if (off) { t.lflag |= ICANON | ISIG | IEXTEN; t.iflag |= ICRNL | IXON; t.oflag |= OPOST; } else { t.lflag &= ~(ICANON | ISIG | IEXTEN); t.iflag &= ~(ICRNL | IXON); t.oflag &= ~OPOST; } continue; }
    if (name === 'cooked' || name === 'sane') { t.lflag |= ICANON | ISIG | IEXTEN | ECHO | ECHOE | ECHOK; t.iflag |= ICRNL | IXON; t.oflag |= OPOST | ONLCR; continue; }
    const set = LFLAGS[name] !== undefined ? 'lflag' : IFLAGS[name] !== undefined ? 'iflag' : OFLAGS[name] !== undefined ? 'oflag' : null;
    if (!set) { await a.error(a.gnu ? `invalid argument ${a.q(arg)}` : `invalid argument '${arg}'`); if (a.gnu) await a.sys.write(2, `Try '${a.prog} --help' for more information.\n`); return 1; }
    const bit = (LFLAGS[name] ?? IFLAGS[name] ?? OFLAGS[name])!;
    t[set] = off ? t[set] & ~bit : t[set] | bit;
  }
  if (changed) a.sys.tcsetattr(fd, t);
  return 0;
};
