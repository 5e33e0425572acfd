// containerd's side of a shim (runtime v2's shim manager): starting it the
// way `containerd-shim-runc-v2 start` does (a socket under /run/containerd/s
// named by sha256 of the address, namespace and id, handed over as fd 3 to
// a re-parented daemon), and one connection carrying requests in order and
// the shim's events back.

import {
  AF_UNIX, SOCK_SEQPACKET, O_RDWR, O_CLOEXEC, O_WRONLY, O_CREAT, O_TRUNC, ENOENT, isSysError,
} from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import { sha256Hex } from '@dockersim/image';
import type { Envelope } from '../api.ts';
import { CONTAINERD_SOCKET } from '../api.ts';
import { RpcFailure, unknown } from '../errors.ts';
import type { ShimMessage, ShimRequest } from '../shim/protocol.ts';
import { SHIM_BINARY, SOCKET_ROOT } from '../shim/protocol.ts';

/** The shim's socket path (shim.SocketAddress). */
export function shimSocket(ns: string, id: string, address = CONTAINERD_SOCKET): string {
  return `${SOCKET_ROOT}/${sha256Hex(`${address}/${ns}/${id}`)}`;
}

const SHIM_ENV = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];

export class ShimClient {
  private readonly _pending: { res: (v: unknown) => void; rej: (e: unknown) => void }[] = [];
  private _closed = false;
  /** Settles when the shim's connection closes (it exited, or we closed it). */
  readonly gone: Promise<void>;
  private _gone!: () => void;

  constructor(private readonly sys: Sys, private readonly fd: number, readonly address: string, private readonly onEvent: (e: Envelope) => void) {
    this.gone = new Promise((r) => { this._gone = r; });
    void this._read();
  }

  /** Starts a shim for ns/id in bundle and connects to it. */
  static async start(sys: Sys, ns: string, id: string, bundle: string, onEvent: (e: Envelope) => void): Promise<ShimClient> {
    const address = shimSocket(ns, id);
    const lfd = sys.socket(AF_UNIX, SOCK_SEQPACKET);
    try {
      try { sys.unlink(address); } catch (e) { if (!isSysError(e, ENOENT)) throw e; }
      sys.bind(lfd, { path: address });
      sys.listen(lfd, 128);
      const argv = ['/usr/bin/containerd-shim-runc-v2', '-namespace', ns, '-id', id, '-address', CONTAINERD_SOCKET];
      // `shim start`: the daemon is forked from a short-lived parent, so it is re-parented away from containerd
      const starter = sys.clone({
        comm: 'containerd-shim',
        child: (s) => {
          s.clone({
            child: (d) => {
              d.setsid();
              const nul = d.open('/dev/null', O_RDWR | O_CLOEXEC);
              d.dup2(nul, 0); d.dup2(nul, 1); d.dup2(nul, 2);
              if (lfd !== 3) { d.dup2(lfd, 3); d.close(lfd); }
              d.chdir(bundle);
              return d.execve(SHIM_BINARY, argv, SHIM_ENV);
            },
          });
          return 0;
        },
      });
      await sys.wait4(starter);
    } finally { sys.close(lfd); }
    await writeSmall(sys, `${bundle}/address`, `unix://${address}`);
    return ShimClient.connect(sys, address, onEvent);
  }

  static async connect(sys: Sys, address: string, onEvent: (e: Envelope) => void): Promise<ShimClient> {
    const fd = sys.socket(AF_UNIX, SOCK_SEQPACKET);
    sys.setCloexec(fd, true);
    try { await sys.connect(fd, { path: address }); } catch (e) { sys.close(fd); throw e; }
    return new ShimClient(sys, fd, address, onEvent);
  }

  private async _read(): Promise<void> {
    for (;;) {
      const m = (await this.sys.recvmsg(this.fd).catch(() => null)) as ShimMessage | null;
      if (m === null) break;
      if ('ev' in m) { this.onEvent(m.ev); continue; }
      const p = this._pending.shift();
      if (!p) continue;
      if ('r' in m) p.res(m.r);
      else p.rej(new RpcFailure(m.f.code, m.f.desc));
    }
    this._closed = true;
    for (const p of this._pending.splice(0)) p.rej(unknown('ttrpc: closed'));
    try { this.sys.close(this.fd); } catch { /* closed */ }
    this._gone();
  }

  /** One request; answers come back in order. */
  call<T = unknown>(req: ShimRequest): Promise<T> {
    if (this._closed) return Promise.reject(unknown('ttrpc: closed'));
    return new Promise<T>((res, rej) => {
      this._pending.push({ res: res as (v: unknown) => void, rej });
      this.sys.sendmsg(this.fd, req).catch((e) => {
        const i = this._pending.findIndex((p) => p.rej === rej);
        if (i >= 0) this._pending.splice(i, 1);
        rej(unknown(`ttrpc: ${(e as Error).message}`));
      });
    });
  }

  close(): void {
    if (this._closed) return;
    this._closed = true;
    try { this.sys.close(this.fd); } catch { /* closed */ }
  }
}

async function writeSmall(sys: Sys, path: string, data: string): Promise<void> {
  const fd = sys.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644);
  try { await sys.write(fd, data); } finally { sys.close(fd); }
}
