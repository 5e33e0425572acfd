// docker-proxy, the userland proxy: dockerd binds the published host port
// itself and hands the listening socket over as fd 4 (-use-listen-fd); the
// proxy reports readiness on fd 3 ("0\n") and then copies each connection (or
// datagram exchange) to the container's address. It is what makes
// localhost:PORT work on the host, where the DNAT rules do not apply.

import { AF_INET, SOCK_STREAM, SOCK_DGRAM, SIGTERM, isSysError, type Program, type Sys, type SockAddr } from '@dockersim/kernel';

export const DOCKER_PROXY = '/usr/bin/docker-proxy';

function flag(argv: string[], name: string): string {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] ?? '' : '';
}

async function pump(sys: Sys, from: number, to: number): Promise<void> {
  try {
    for (;;) {
      const b = await sys.read(from);
      if (!b.length) break;
      await sys.write(to, b);
    }
  } catch (e) { if (!isSysError(e)) throw e; }
  try { sys.shutdown(to, 1); } catch (e) { if (!isSysError(e)) throw e; }
}

async function serveTcp(sys: Sys, listen: number, target: SockAddr): Promise<void> {
  for (;;) {
    let client: number;
    try { client = await sys.accept(listen); } catch (e) { if (!isSysError(e)) throw e; return; }
    void (async () => {
      const up = sys.socket(AF_INET, SOCK_STREAM);
      try { await sys.connect(up, target); } catch (e) {
        if (!isSysError(e)) throw e;
        sys.close(up); sys.close(client);
        return;
      }
      await Promise.all([pump(sys, client, up), pump(sys, up, client)]);
      sys.close(up); sys.close(client);
    })();
  }
}

async function serveUdp(sys: Sys, listen: number, target: SockAddr): Promise<void> {
  const peers = new Map<string, number>();
  for (;;) {
    let got;
    try { got = await sys.recvfrom(listen); } catch (e) { if (!isSysError(e)) throw e; return; }
    const from = got.addr as { addr: string; port: number };
    const key = `${from.addr}:${from.port}`;
    let up = peers.get(key);
    if (up === undefined) {
      const fd = sys.socket(AF_INET, SOCK_DGRAM);
      up = fd;
      peers.set(key, fd);
      await sys.connect(fd, target).catch(() => undefined);
      void (async () => {
        try {
          for (;;) { const r = await sys.recvfrom(fd); await sys.sendto(listen, r.data, from); }
        } catch (e) { if (!isSysError(e)) throw e; }
        peers.delete(key);
        try { sys.close(fd); } catch { /* closed */ }
      })();
    }
    await sys.sendto(up, got.data).catch(() => undefined);
  }
}

export const dockerProxy: Program = async ({ sys, argv }) => {
  let stop!: () => void;
  const stopped = new Promise<void>((r) => { stop = r; });
  sys.sigaction(SIGTERM, () => stop());
  const proto = flag(argv, '-proto') || 'tcp';
  const target = { addr: flag(argv, '-container-ip'), port: Number(flag(argv, '-container-port')) };
  const hasFd = argv.includes('-use-listen-fd') && sys.fds().includes(4);
  try { await sys.write(3, '0\n'); sys.close(3); } catch (e) { if (!isSysError(e)) throw e; }
  // Without a socket (an IPv6 host address on an IPv4-only host) there is nothing to copy:
  // it waits in pause(2), where SIGTERM reaches its handler (a bare promise would never see it).
  const idle = async () => { try { for (;;) await sys.pause(); } catch (e) { if (!isSysError(e)) throw e; } };
  const work = hasFd ? (proto === 'udp' ? serveUdp(sys, 4, target) : serveTcp(sys, 4, target)) : idle();
  await Promise.race([work, stopped]);
  return 0;
};
