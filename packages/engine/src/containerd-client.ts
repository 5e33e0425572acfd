// dockerd's client of containerd: one request per connection over
// /run/containerd/containerd.sock, and a long-lived events subscription.

import { AF_UNIX, SOCK_SEQPACKET, type Sys } from '@dockersim/kernel';
import { CONTAINERD_SOCKET, type Envelope, type RpcResponse } from '@dockersim/containerd';
import { EngineError } from '@dockersim/engine-api';

export class ContainerdClient {
  constructor(private readonly sys: Sys, private readonly namespace = 'moby', private readonly path = CONTAINERD_SOCKET) {}

  async call<T = unknown>(service: string, method: string, req: unknown): Promise<T> {
    const fd = this.sys.socket(AF_UNIX, SOCK_SEQPACKET);
    try {
      await this.sys.connect(fd, { path: this.path });
      await this.sys.sendmsg(fd, { service, method, namespace: this.namespace, req });
      const res = (await this.sys.recvmsg(fd)) as RpcResponse | null;
      if (!res) throw new EngineError('System', 'connection error: desc = "transport: error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused": unavailable');
      if (!res.ok) throw new RpcError(res.error.code, res.error.message);
      return res.res as T;
    } finally {
      try { this.sys.close(fd); } catch { /* closed */ }
    }
  }

  /** Subscribes to containerd's events; the callback sees each envelope in order. */
  async subscribe(onEvent: (e: Envelope) => void): Promise<void> {
    const fd = this.sys.socket(AF_UNIX, SOCK_SEQPACKET);
    await this.sys.connect(fd, { path: this.path });
    await this.sys.sendmsg(fd, { service: 'events', method: 'Subscribe', namespace: this.namespace, req: {} });
    const first = (await this.sys.recvmsg(fd)) as RpcResponse | null;
    if (!first || !first.ok) throw new EngineError('System', 'failed to subscribe to containerd events');
    void (async () => {
      for (;;) {
        const m = (await this.sys.recvmsg(fd)) as Envelope | null;
        if (m === null) return;
        onEvent(m);
      }
    })();
  }
}

/** An error containerd returned, with its gRPC-style code. */
export class RpcError extends Error {
  constructor(readonly code: string, message: string) { super(message); this.name = 'RpcError'; }
}
