// The embedded DNS server (libnetwork's resolver.go). It runs in dockerd's
// process but listens inside the container's network namespace: dockerd
// enters the namespace with setns(2), opens a UDP socket bound to
// 127.0.0.11:53 and returns; the socket stays in the container's namespace.
// (Docker binds a random port and redirects 53 to it with iptables rules in
// the container; binding 53 directly is what a reader sees either way.)
// Names of containers, aliases and short ids on the container's user-defined
// networks are answered here, several addresses shuffled; other names go on
// to the host's resolvers from dockerd's own namespace, and when none answers
// the reply is SERVFAIL.

import { AF_INET, ECONNREFUSED, SOCK_DGRAM, isSysError, type Sys } from '@dockersim/kernel';
import {
  decodeDns, dnsMessage, encodeDns, reverseName, T_A, T_AAAA, T_PTR, C_IN, RCODE_SERVFAIL, type DnsMessage,
} from '@dockersim/userland';
import { inNetns } from './bridge.ts';

export const RESOLVER_IP = '127.0.0.11';
const RESP_TTL = 600;
const EXT_TIMEOUT_MS = 4000;

/** What the resolver asks the sandbox: addresses for a name (undefined: unknown), the name of an address. */
export interface NameBackend {
  lookup(name: string): string[] | undefined;
  reverse(ip: string): string | undefined;
  external(): { addrs: string[]; hostLoopback: boolean };
}

export class EmbeddedDns {
  private fd = -1;
  constructor(private readonly sys: Sys, private readonly backend: NameBackend) {}

  /** Binds 127.0.0.11:53 in pid's namespace and serves until stop(). */
  start(pid: number): void {
    const sys = this.sys;
    this.fd = inNetns(sys, pid, () => {
      const fd = sys.socket(AF_INET, SOCK_DGRAM);
      try { sys.bind(fd, { addr: RESOLVER_IP, port: 53 }); } catch (e) { sys.close(fd); throw e; }
      return fd;
    });
    void this.serve(this.fd);
  }

  stop(): void {
    if (this.fd < 0) return;
    try { this.sys.close(this.fd); } catch (e) { if (!isSysError(e)) throw e; }
    this.fd = -1;
  }

  private async serve(fd: number): Promise<void> {
    const sys = this.sys;
    for (;;) {
      let got;
      try { got = await sys.recvfrom(fd, 65536); } catch (e) {
        if (!isSysError(e) || this.fd !== fd) return;
        continue;
      }
      void this.answer(got.data).then((resp) => {
        if (resp && this.fd === fd) return sys.sendto(fd, resp, got.addr).catch(() => undefined);
        return undefined;
      });
    }
  }

  private reply(q: DnsMessage, m: Partial<DnsMessage>): Uint8Array {
    return encodeDns(dnsMessage({ id: q.id, response: true, opcode: q.opcode, recursionDesired: q.recursionDesired, recursionAvailable: true, questions: q.questions, ...m }));
  }

  /** One query's answer (null: a malformed query is not answered). */
  async answer(data: Uint8Array): Promise<Uint8Array | null> {
    let q: DnsMessage;
    try { q = decodeDns(data); } catch { return null; }
    const question = q.questions[0];
    if (!question) return null;
    const name = question.name.replace(/\.$/, '');
    if (question.type === T_A || question.type === T_AAAA) {
      const addrs = this.backend.lookup(name);
      if (addrs) {
        if (question.type === T_AAAA) return this.reply(q, {});
        return this.reply(q, { answers: this.shuffle(addrs).map((a) => ({ name: question.name, type: T_A, class: C_IN, ttl: RESP_TTL, data: a })) });
      }
    } else if (question.type === T_PTR) {
      const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/i.exec(name);
      const host = m ? this.backend.reverse(`${m[4]}.${m[3]}.${m[2]}.${m[1]}`) : undefined;
      if (host) return this.reply(q, { answers: [{ name: question.name, type: T_PTR, class: C_IN, ttl: RESP_TTL, data: host }] });
    }
    return (await this.forward(data)) ?? this.reply(q, { rcode: RCODE_SERVFAIL, recursionAvailable: false, questions: q.questions });
  }

  private shuffle(a: string[]): string[] {
    const out = [...a];
    for (let i = out.length - 1; i > 0; i--) {
      const b = this.sys.getrandom(2);
      const j = ((b[0] << 8) | b[1]) % (i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** Forwards to up to three external servers from dockerd's namespace (host loopback servers included). */
  private async forward(data: Uint8Array): Promise<Uint8Array | null> {
    const sys = this.sys;
    for (const server of this.backend.external().addrs.slice(0, 3)) {
      const fd = sys.socket(AF_INET, SOCK_DGRAM);
      try {
        await sys.connect(fd, { addr: server, port: 53 });
        await sys.write(fd, data);
        const r = await Promise.race([sys.read(fd, 65536), sys.sleep(EXT_TIMEOUT_MS).then(() => null, () => null)]);
        if (r && r.length) return r;
      } catch (e) {
        if (!isSysError(e)) throw e;
        if (!isSysError(e, ECONNREFUSED)) continue;
      } finally {
        try { sys.close(fd); } catch { /* closed */ }
      }
    }
    return null;
  }
}

export { reverseName };
