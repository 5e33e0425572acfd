// Node's side of the served API: listening sockets (unix and tcp) whose
// connections each get an HttpConnection from @dockersim/engine-api. Only
// bytes cross here; what they mean is decided by the codec and by dockerd
// inside the world.

import net from 'node:net';
import { existsSync, lstatSync, unlinkSync } from 'node:fs';
import { HttpConnection, type HttpServerOptions } from '@dockersim/engine-api';
import { dockerHost, type ListenAddr } from './hosts.ts';

export interface Listener {
  /** What DOCKER_HOST should say to reach it (with the port actually bound). */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves one address; resolves once it listens. */
export async function listen(addr: ListenAddr, opts: HttpServerOptions): Promise<Listener> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.setNoDelay?.(true);
    const conn = new HttpConnection({
      write: (b) => {
        if (socket.destroyed) return;
        if (!socket.write(b)) return new Promise<void>((r) => { socket.once('drain', r); socket.once('close', r); });
      },
      end: () => { if (!socket.destroyed) socket.end(); },
    }, opts);
    socket.on('data', (d: Buffer) => conn.receive(new Uint8Array(d.buffer, d.byteOffset, d.byteLength).slice()));
    socket.on('end', () => conn.receiveEnd());
    socket.on('error', () => conn.close());
    socket.on('close', () => { sockets.delete(socket); conn.close(); });
  });
  if (addr.proto === 'unix') await removeStaleSocket(addr.path);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (addr.proto === 'unix') server.listen(addr.path, resolve);
    else server.listen(addr.port, addr.host, resolve);
  });
  let bound = addr;
  const a = server.address();
  if (addr.proto === 'tcp' && a && typeof a === 'object') bound = { ...addr, port: a.port };
  return {
    url: dockerHost(bound),
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
      if (addr.proto === 'unix') { try { unlinkSync(addr.path); } catch { /* already gone */ } }
    }),
  };
}

/**
 * A socket file left by a server that died is removed, as dockerd does; one
 * that still answers means another server owns the path.
 */
async function removeStaleSocket(path: string): Promise<void> {
  if (!existsSync(path)) return;
  if (!lstatSync(path).isSocket()) throw new Error(`listen unix ${path}: bind: address already in use`);
  const live = await new Promise<boolean>((resolve) => {
    const c = net.connect(path);
    c.once('connect', () => { c.destroy(); resolve(true); });
    c.once('error', () => resolve(false));
  });
  if (live) throw new Error(`listen unix ${path}: bind: address already in use`);
  unlinkSync(path);
}
