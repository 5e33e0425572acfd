// dockerd's -H/--host syntax: unix:///path, tcp://host:port (host and port
// may be left out: localhost and 2375), or a bare host:port meaning tcp.
// fd:// and ssh:// have no meaning for a server started from a terminal.

export type ListenAddr =
  | { proto: 'unix'; path: string }
  | { proto: 'tcp'; host: string; port: number };

export const DEFAULT_UNIX = '/tmp/dockersim.sock';
const DEFAULT_TCP_PORT = 2375;

export class HostError extends Error {}

/** Parses one -H value as dockerd does (opts.ParseHost), with dockersim's default socket path. */
export function parseHost(value: string): ListenAddr {
  const v = value.trim();
  if (v === '') return { proto: 'unix', path: DEFAULT_UNIX };
  const m = /^([a-z]+):\/\/(.*)$/.exec(v);
  const proto = m ? m[1] : 'tcp';
  const rest = m ? m[2] : v;
  if (proto === 'unix') {
    if (rest.includes('?')) throw new HostError(`invalid bind address (${v}): unix socket paths take no query`);
    return { proto: 'unix', path: rest || DEFAULT_UNIX };
  }
  if (proto !== 'tcp') throw new HostError(`invalid bind address format: ${v}`);
  const addr = rest.replace(/\/+$/, '');
  if (addr.includes('/')) throw new HostError(`invalid bind address (${v}): should not contain a path element`);
  let host: string, port: string;
  const br = /^\[([^\]]*)\](?::(\d*))?$/.exec(addr);
  if (br) { host = br[1]; port = br[2] ?? ''; } else {
    const i = addr.lastIndexOf(':');
    host = i < 0 ? addr : addr.slice(0, i);
    port = i < 0 ? '' : addr.slice(i + 1);
  }
  if (port !== '' && !/^\d+$/.test(port)) throw new HostError(`invalid bind address (${v}): invalid port`);
  const p = port === '' ? DEFAULT_TCP_PORT : Number(port);
  if (p > 65535) throw new HostError(`invalid bind address (${v}): invalid port`);
  return { proto: 'tcp', host: host === '' || host === 'localhost' ? '127.0.0.1' : host, port: p };
}

/** 127.0.0.0/8 and ::1: the addresses nobody else on the network can reach. */
export function isLoopback(host: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '::1';
}

/** The DOCKER_HOST value that reaches an address. */
export function dockerHost(a: ListenAddr): string {
  if (a.proto === 'unix') return `unix://${a.path}`;
  return a.host.includes(':') ? `tcp://[${a.host}]:${a.port}` : `tcp://${a.host}:${a.port}`;
}
