// CliIO over the simulated kernel's system calls: fds 0/1/2, termios raw mode
// (what moby/term's MakeRaw clears), TIOCGWINSZ and signal handlers.

import {
  ECHO, ICANON, ICRNL, IEXTEN, ISIG, IXON, OPOST, O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY, SA_RESTART,
  type ProcessContext,
} from '@dockersim/kernel';
import type { CliIO } from './cli.ts';

export function sysIO(p: ProcessContext): CliIO {
  const { sys } = p;
  const env: Record<string, string> = {};
  for (const kv of p.env) {
    const i = kv.indexOf('=');
    if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return {
    async write(fd, data) { await sys.write(fd, data); },
    read: () => sys.read(0),
    isatty: (fd) => { try { return sys.isatty(fd); } catch { return false; } },
    winsize(fd) {
      try { return sys.isatty(fd) ? sys.getwinsize(fd) : undefined; } catch { return undefined; }
    },
    setRaw(fd) {
      const saved = sys.tcgetattr(fd);
      sys.tcsetattr(fd, {
        ...saved,
        iflag: saved.iflag & ~(ICRNL | IXON),
        oflag: saved.oflag & ~OPOST,
        lflag: saved.lflag & ~(ECHO | ICANON | ISIG | IEXTEN),
        cc: { ...saved.cc },
      });
      return () => { try { sys.tcsetattr(fd, saved); } catch { /* terminal gone */ } };
    },
    // Go's runtime installs its handlers with SA_RESTART: a signal never fails a pending read.
    onSignal(sig, fn) {
      const prev = sys.sigaction(sig, () => fn(), SA_RESTART);
      return () => { sys.sigaction(sig, prev); };
    },
    env,
    sys,
    now: () => sys.now(),
    async readFile(path) {
      const fd = sys.open(path, O_RDONLY);
      const parts: Uint8Array[] = [];
      try {
        for (let c = await sys.read(fd); c.length; c = await sys.read(fd)) parts.push(c);
      } finally { sys.close(fd); }
      const dec = new TextDecoder();
      return parts.map((x) => dec.decode(x, { stream: true })).join('') + dec.decode();
    },
    async writeFile(path, data) {
      const fd = sys.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644);
      try { await sys.write(fd, data); } finally { sys.close(fd); }
    },
  };
}
