// dockerd's client of containerd: one request per connection over
// /run/containerd/containerd.sock, and a long-lived events subscription.

import { AF_UNIX, ENOENT, SOCK_SEQPACKET, isSysError, type Sys } from '@dockersim/kernel';
import { CONTAINERD_SOCKET, daemonLog, type Envelope, type RpcResponse } from '@dockersim/containerd';
import { EngineError } from '@dockersim/engine-api';

export class ContainerdClient {
  constructor(private readonly sys: Sys, private readonly namespace = 'moby', private readonly path = CONTAINERD_SOCKET) {}

  async call<T = unknown>(service: string, method: string, req: unknown): Promise<T> {
    // events first: a task's exit must not happen before dockerd listens again
    if (!this.subscribed && this.onEvent) await this.resubscribe();
    const fd = this.sys.socket(AF_UNIX, SOCK_SEQPACKET);
    try {
      try { await this.sys.connect(fd, { path: this.path }); } catch (e) {
        // grpc's words for a containerd that is not listening
        if (isSysError(e)) throw new EngineError('System', `connection error: desc = "transport: error while dialing: dial unix://${this.path}: connect: ${e.errno === ENOENT ? 'no such file or directory' : 'connection refused'}": unavailable`);
        throw e;
      }
      this.sys.traceMarker('dockerd', `containerd ${service}.${method}`, { namespace: this.namespace, id: (req as { id?: string; containerId?: string })?.containerId ?? (req as { id?: string })?.id });
      await this.sys.sendmsg(fd, { service, method, namespace: this.namespace, req });
      const res = (await this.sys.recvmsg(fd)) as RpcResponse | null;
      if (!res) throw new EngineError('System', 'connection error: desc = "transport: error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused": unavailable');
      if (!res.ok) throw new RpcError(res.error.code, res.error.message);
      return res.res as T;
    } finally {
      try { this.sys.close(fd); } catch { /* closed */ }
    }
  }

  private onEvent?: (e: Envelope) => void;
  private subscribed = false;

  /**
   * Subscribes to containerd's events; the callback sees each envelope in order.
   * When containerd goes away the stream ends: dockerd logs it and subscribes
   * again once containerd answers (a few timed retries, then on the next call).
   */
  async subscribe(onEvent: (e: Envelope) => void): Promise<void> {
    this.onEvent = onEvent;
    const fd = this.sys.socket(AF_UNIX, SOCK_SEQPACKET);
    try {
      await this.sys.connect(fd, { path: this.path });
      await this.sys.sendmsg(fd, { service: 'events', method: 'Subscribe', namespace: this.namespace, req: {} });
      const first = (await this.sys.recvmsg(fd)) as RpcResponse | null;
      if (!first || !first.ok) throw new EngineError('System', 'failed to subscribe to containerd events');
    } catch (e) {
      try { this.sys.close(fd); } catch { /* closed */ }
      throw e;
    }
    this.subscribed = true;
    void (async () => {
      for (;;) {
        const m = (await this.sys.recvmsg(fd).catch(() => null)) as Envelope | null;
        if (m === null) break;
        onEvent(m);
      }
      try { this.sys.close(fd); } catch { /* closed */ }
      this.subscribed = false;
      const mod = { module: 'libcontainerd', namespace: this.namespace };
      await daemonLog(this.sys, 'error', 'failed to get event', { error: 'rpc error: code = Unavailable desc = error reading from server: EOF', ...mod });
      await daemonLog(this.sys, 'info', 'Waiting for containerd to be ready to restart event processing', mod);
      for (let i = 0; i < 30 && !this.subscribed; i++) {
        await this.sys.sleep(1000).catch(() => undefined);
        if (await this.resubscribe()) break;
      }
    })();
  }

  private async resubscribe(): Promise<boolean> {
    if (this.subscribed || !this.onEvent) return this.subscribed;
    try { await this.subscribe(this.onEvent); return true; } catch { return false; }
  }
}

/** An error containerd returned, with its gRPC-style code. */
export class RpcError extends Error {
  constructor(readonly code: string, message: string) { super(message); this.name = 'RpcError'; }
}
