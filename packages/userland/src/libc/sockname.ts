// Socket addresses for logs and banners: the peer of an accepted connection
// (nginx's $remote_addr, whoami's RemoteAddr) and the IPv4 addresses of this
// network namespace's interfaces.

import { isSysError, AF_INET, SOCK_STREAM } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import { resolveHost } from './resolv.ts';

export interface InetAddr { addr: string; port: number }

function inet(a: unknown): InetAddr | null {
  return a && typeof a === 'object' && 'addr' in a ? (a as InetAddr) : null;
}

/** getpeername(2) of an AF_INET socket; loopback when the kernel cannot say. */
export function peerOf(sys: Sys, fd: number): InetAddr {
  try { return inet(sys.getpeername(fd)) ?? { addr: '127.0.0.1', port: 0 }; } catch (e) {
    if (!isSysError(e) && !(e instanceof TypeError)) throw e;
    return { addr: '127.0.0.1', port: 0 };
  }
}

/** getsockname(2) of an AF_INET socket. */
export function localOf(sys: Sys, fd: number): InetAddr {
  try { return inet(sys.getsockname(fd)) ?? { addr: '127.0.0.1', port: 0 }; } catch (e) {
    if (!isSysError(e) && !(e instanceof TypeError)) throw e;
    return { addr: '127.0.0.1', port: 0 };
  }
}

/** The interfaces' addresses in link order ("inet" and "inet6"), as Go's net.InterfaceAddrs lists them. */
export function interfaceAddrs(sys: Sys): Array<{ family: 'inet' | 'inet6'; local: string }> {
  try { return sys.netlink('addr.list', {}).map((a) => ({ family: a.family, local: a.local })); } catch (e) {
    if (!isSysError(e) && !(e instanceof TypeError)) throw e;
    return [{ family: 'inet', local: '127.0.0.1' }];
  }
}

/** connect(2) to host:port after resolving the name; the fd, or the errno thrown as SysError. */
export async function tcpConnect(sys: Sys, ip: string, port: number): Promise<number> {
  const fd = sys.socket(AF_INET, SOCK_STREAM);
  try {
    await sys.connect(fd, { addr: ip, port });
    return fd;
  } catch (e) {
    sys.close(fd);
    throw e;
  }
}

export { resolveHost };
