// go-runc's console socket (NewTempConsoleSocket): a listening unix socket
// in a fresh /tmp/ptyNNN directory whose path the shim hands runc as
// --console-socket. runc's init connects to it from inside the container
// and sends the pty master it made there (SCM_RIGHTS); ReceiveMaster takes
// it. Close removes the socket and its directory.

import { AF_UNIX, SOCK_STREAM, EEXIST, isSysError, goStrerror } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';

export class ConsoleSocket {
  private _fd = -1;
  private constructor(private readonly sys: Sys, readonly path: string, private readonly _dir: string) {}

  /** @throws Error with Go's words ("mkdir /tmp/pty1: ...") when the socket cannot be made. */
  static open(sys: Sys): ConsoleSocket {
    const base = '/tmp';
    let dir = '';
    for (let tries = 0; ; tries++) {
      const r = sys.getrandom(4);
      const n = ((r[0]! << 24) | (r[1]! << 16) | (r[2]! << 8) | r[3]!) >>> 0;
      dir = `${base}/pty${n}`;
      try { sys.mkdir(dir, 0o700); break; } catch (e) {
        if (isSysError(e, EEXIST) && tries < 10000) continue;
        throw new Error(`mkdir ${dir}: ${isSysError(e) ? goStrerror(e.errno) : String(e)}`);
      }
    }
    const s = new ConsoleSocket(sys, `${dir}/pty.sock`, dir);
    try {
      s._fd = sys.socket(AF_UNIX, SOCK_STREAM);
      sys.setCloexec(s._fd, true);
      sys.bind(s._fd, { path: s.path });
      sys.listen(s._fd);
    } catch (e) {
      s.close();
      throw new Error(`listen unix ${s.path}: bind: ${isSysError(e) ? goStrerror(e.errno) : String(e)}`);
    }
    return s;
  }

  /** The master runc's init sent (it has connected by the time runc succeeded). */
  async receiveMaster(): Promise<number> {
    const sys = this.sys;
    const conn = await sys.accept(this._fd);
    try {
      const got = await sys.recvmsg(conn, { fds: true }) as { msg: unknown; fds: number[] } | null;
      if (!got || got.fds.length !== 1) {
        for (const fd of got?.fds ?? []) sys.close(fd);
        throw new Error('recvfd: number of fds is not 1');
      }
      sys.setCloexec(got.fds[0]!, true);
      return got.fds[0]!;
    } finally { sys.close(conn); }
  }

  close(): void {
    const sys = this.sys;
    if (this._fd >= 0) { try { sys.close(this._fd); } catch { /* closed */ } this._fd = -1; }
    try { sys.unlink(this.path); } catch { /* never bound */ }
    try { sys.rmdir(this._dir); } catch { /* gone */ }
  }
}
