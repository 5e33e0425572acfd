// The container's terminal (runc's console handling, docs/terminals.md).
// With process.terminal the pty is made by the init itself, inside the
// container once its /dev/pts instance is mounted and it has pivoted, so the
// process's terminal is the container's /dev/pts/0 (an exec's /dev/pts/1, …).
// The init bind-mounts the slave over /dev/console, makes it its stdio and
// sends the master over the console socket (SCM_RIGHTS) to whoever asked:
// detached (create, exec -d) that is the --console-socket the caller listens
// on (the containerd shim); in the foreground runc makes a socket pair, takes
// the master itself and copies between it and its own stdio.

import {
  AF_UNIX, SOCK_STREAM, SA_RESTART, O_RDWR, O_CREAT, O_CLOEXEC, MS_BIND, SIGWINCH, ICANON, ECHO, ISIG, ICRNL, IXON, OPOST, IEXTEN,
} from '@dockersim/kernel';
import type { Sys, Termios } from '@dockersim/kernel';
import { RuncError, goErr } from './sysio.ts';

/** What the init sends with the master: the name of the file it opened (console.NewPty's /dev/ptmx). */
export const PTMX_NAME = '/dev/ptmx';

/** runner.checkTerminal: create always detaches; the console socket and a tty go together. */
export function checkTerminal(terminal: boolean, detach: boolean, consoleSocket: string | undefined): void {
  if (detach && terminal && !consoleSocket) throw new RuncError('cannot allocate tty if runc will detach without setting console socket');
  if ((!detach || !terminal) && consoleSocket) throw new RuncError('cannot use console socket if runc will not detach or allocate tty');
}

/** net.Dial("unix", path): the connected socket the init will send the master on. */
export async function dialConsoleSocket(sys: Sys, path: string): Promise<number> {
  const fd = sys.socket(AF_UNIX, SOCK_STREAM);
  sys.setCloexec(fd, true);
  try { await sys.connect(fd, { path }); } catch (e) {
    sys.close(fd);
    throw new RuncError(`dial unix ${path}: connect: ${goErr(e)}`);
  }
  return fd;
}

/**
 * setupConsole, in the init: a new pty from the devpts instance at /dev/pts,
 * sized as process.consoleSize asks; the slave bind-mounted over
 * /dev/console (when `mount`), the master sent over `socket`, and the slave
 * made fds 0, 1 and 2. The caller then takes it as its controlling terminal.
 */
export async function setupConsole(sys: Sys, socket: number, mount: boolean, size?: { height: number; width: number }): Promise<void> {
  const { master, slave, name } = sys.openpty();
  try {
    if (size && (size.height || size.width)) sys.setwinsize(master, { rows: size.height, cols: size.width });
    if (mount) {
      const old = sys.umask(0);
      try {
        sys.close(sys.open('/dev/console', O_RDWR | O_CREAT | O_CLOEXEC, 0o600));
      } catch (e) { throw new Error(goErr(e, 'open', '/dev/console')); } finally { sys.umask(old); }
      try { sys.mount(name, '/dev/console', '', MS_BIND); } catch (e) {
        throw new Error(`mount ${name}:/dev/console, flags: 0x${MS_BIND.toString(16)}: ${goErr(e)}`);
      }
    }
    await sys.sendmsg(socket, new TextEncoder().encode(PTMX_NAME), [master]);
  } finally {
    sys.close(master);
    sys.close(socket);
  }
  for (let i = 0; i < 3; i++) sys.dup2(slave, i);
  if (slave > 2) sys.close(slave);
}

/** recvtty: the master the init sent, or an error when the socket closed without one. */
export async function receiveMaster(sys: Sys, socket: number): Promise<number> {
  const got = await sys.recvmsg(socket, { fds: true }) as { msg: unknown; fds: number[] } | null;
  if (!got || got.fds.length !== 1) {
    for (const fd of got?.fds ?? []) sys.close(fd);
    throw new RuncError('recvfd: number of fds is not 1');
  }
  sys.setCloexec(got.fds[0]!, true);
  return got.fds[0]!;
}

/**
 * runc's tty handler in the foreground (run, exec -t without -d): the master
 * comes over a private socket pair; runc copies its stdin to it and it to
 * its stdout, with its own terminal raw and the pty following its size.
 */
export class ForegroundTty {
  readonly childEnd: number;
  private readonly _parent: number;
  private _master = -1;
  private _saved: Termios | null = null;
  private _out: Promise<void> = Promise.resolve();
  private _started = false;

  constructor(private readonly sys: Sys) {
    const [p, c] = sys.socketpair(AF_UNIX, SOCK_STREAM);
    sys.setCloexec(p, true);
    sys.setCloexec(c, true);
    this._parent = p;
    this.childEnd = c;
  }

  /** After the init has started: take the master and start copying. */
  async start(): Promise<void> {
    const sys = this.sys;
    this._started = true;
    sys.close(this.childEnd);
    try { this._master = await receiveMaster(sys, this._parent); } finally { sys.close(this._parent); }
    const m = this._master;
    if (sys.isatty(0)) {
      const t = sys.tcgetattr(0);
      this._saved = t;
      sys.tcsetattr(0, { ...t, cc: { ...t.cc }, iflag: t.iflag & ~(ICRNL | IXON), oflag: t.oflag & ~OPOST, lflag: t.lflag & ~(ICANON | ECHO | ISIG | IEXTEN) });
      this._resize();
      sys.sigaction(SIGWINCH, () => this._resize(), SA_RESTART);
    }
    void (async () => {
      try { for (let b = await sys.read(0); b.length; b = await sys.read(0)) await sys.write(m, b); } catch { /* closed */ }
    })();
    this._out = (async () => {
      try { for (let b = await sys.read(m); b.length; b = await sys.read(m)) await sys.write(1, b); } catch { /* EIO: the slave is gone */ }
    })();
  }

  private _resize(): void {
    try { this.sys.setwinsize(this._master, this.sys.getwinsize(0)); } catch { /* not a terminal */ }
  }

  /** Once the process has exited: drain what it wrote, give the terminal back. */
  async close(): Promise<void> {
    await this._out;
    const sys = this.sys;
    if (!this._started) { this._started = true; sys.close(this.childEnd); sys.close(this._parent); }
    if (this._saved) { try { sys.tcsetattr(0, this._saved); } catch { /* gone */ } sys.sigaction(SIGWINCH, 'default'); }
    if (this._master >= 0) { try { sys.close(this._master); } catch { /* closed */ } this._master = -1; }
  }
}
