// The stub resolver of the C library (getaddrinfo for IPv4): /etc/hosts
// first, then the nameservers of /etc/resolv.conf with its search domains
// and ndots, asking for A records over UDP port 53 (TCP when the kernel has
// no datagram sockets). Several A records come back in the server's order,
// which is how a name with several containers behind it round-robins.

import { isSysError, AF_INET, SOCK_DGRAM, SOCK_STREAM } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import { readFile, concat } from './io.ts';
import { decodeDns, encodeQuery, RCODE_NXDOMAIN, T_A } from './dns.ts';
import type { DnsMessage } from './dns.ts';

export const isIPv4 = (s: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(s) && s.split('.').every((o) => Number(o) < 256);

export interface ResolvConf { nameservers: string[]; search: string[]; ndots: number; timeoutMs: number; attempts: number }

export async function readResolvConf(sys: Sys): Promise<ResolvConf> {
  const rc: ResolvConf = { nameservers: [], search: [], ndots: 1, timeoutMs: 5000, attempts: 2 };
  let s = '';
  try { s = await readFile(sys, '/etc/resolv.conf'); } catch (e) { if (!isSysError(e)) throw e; }
  for (const line of s.split('\n')) {
    const f = line.replace(/[#;].*/, '').trim().split(/\s+/);
    if (f[0] === 'nameserver' && f[1] && rc.nameservers.length < 3) rc.nameservers.push(f[1]);
    else if ((f[0] === 'search' || f[0] === 'domain') && f.length > 1) rc.search = f.slice(1);
    else if (f[0] === 'options') {
      for (const o of f.slice(1)) {
        const [k, v] = o.split(':');
        if (k === 'ndots') rc.ndots = Math.min(15, Number(v) || 0);
        if (k === 'timeout') rc.timeoutMs = Math.max(1, Number(v) || 5) * 1000;
        if (k === 'attempts') rc.attempts = Math.max(1, Number(v) || 2);
      }
    }
  }
  return rc;
}

/** Addresses /etc/hosts gives a name, in file order. */
export async function hostsLookup(sys: Sys, name: string): Promise<string[]> {
  let hosts = '';
  try { hosts = await readFile(sys, '/etc/hosts'); } catch (e) { if (!isSysError(e)) throw e; }
  const out: string[] = [];
  const want = name.toLowerCase();
  for (const line of hosts.split('\n')) {
    const f = line.replace(/#.*/, '').trim().split(/\s+/);
    if (f.length >= 2 && isIPv4(f[0]!) && f.slice(1).some((n) => n.toLowerCase() === want) && !out.includes(f[0]!)) out.push(f[0]!);
  }
  return out;
}

/**
 * The transport: one query to one server, its reply or null after the
 * timeout. A connected datagram socket (write, read), as busybox and musl
 * use; DNS over TCP with its length prefix where datagrams are missing.
 */
export async function dnsExchange(sys: Sys, server: string, query: Uint8Array, timeoutMs = 5000, port = 53): Promise<Uint8Array | null> {
  let fd: number;
  let tcp = false;
  try { fd = sys.socket(AF_INET, SOCK_DGRAM); } catch (e) {
    if (!isSysError(e)) throw e;
    fd = sys.socket(AF_INET, SOCK_STREAM);
    tcp = true;
  }
  try {
    const exchange = async (): Promise<Uint8Array | null> => {
      await sys.connect(fd, { addr: server, port });
      if (!tcp) {
        await sys.write(fd, query);
        return await sys.read(fd, 65536);
      }
      await sys.write(fd, concat([new Uint8Array([query.length >> 8, query.length & 255]), query]));
      const chunks: Uint8Array[] = [];
      let got = 0;
      for (;;) {
        const b = await sys.read(fd, 65536);
        if (b.length === 0) return null;
        chunks.push(b); got += b.length;
        const all = concat(chunks);
        if (got >= 2 && got >= 2 + ((all[0]! << 8) | all[1]!)) return all.subarray(2, 2 + ((all[0]! << 8) | all[1]!));
      }
    };
    const timeout = sys.sleep(timeoutMs).then(() => null);
    return await Promise.race([exchange().catch((e: unknown) => { if (!isSysError(e)) throw e; return timeout; }), timeout]);
  } finally {
    try { sys.close(fd); } catch (e) { if (!isSysError(e)) throw e; }
  }
}

export type LookupError = 'NXDOMAIN' | 'NODATA' | 'TIMEOUT';
export interface LookupResult { addrs: string[]; error?: LookupError }

let nextId = 0x2a00;

/** Asks the configured nameservers for `type` records of one fully qualified name. */
export async function queryServers(sys: Sys, rc: ResolvConf, name: string, type: number): Promise<DnsMessage | null> {
  const servers = rc.nameservers.length ? rc.nameservers : ['127.0.0.1'];
  for (let attempt = 0; attempt < rc.attempts; attempt++) {
    for (const ns of servers) {
      const id = (nextId = (nextId * 75 + 74) % 65537) & 0xffff;
      const reply = await dnsExchange(sys, ns, encodeQuery(id, name, type), rc.timeoutMs / rc.attempts);
      if (!reply) continue;
      try {
        const m = decodeDns(reply);
        if (m.id === id && m.response) return m;
      } catch { /* a malformed reply counts as none */ }
    }
  }
  return null;
}

/** getaddrinfo(3) for AF_INET: hosts file, then DNS with the search list. */
export async function getaddrinfo(sys: Sys, name: string): Promise<LookupResult> {
  if (isIPv4(name)) return { addrs: [name] };
  const fromHosts = await hostsLookup(sys, name);
  if (fromHosts.length) return { addrs: fromHosts };
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower === 'localhost' || lower.endsWith('.localhost')) return { addrs: ['127.0.0.1'] };
  const rc = await readResolvConf(sys);
  const dots = name.split('.').length - 1;
  const candidates = name.endsWith('.') ? [name.slice(0, -1)]
    : dots >= rc.ndots ? [name, ...rc.search.map((d) => `${name}.${d}`)]
      : [...rc.search.map((d) => `${name}.${d}`), name];
  let error: LookupError = 'NXDOMAIN';
  for (const fq of candidates) {
    const m = await queryServers(sys, rc, fq, T_A);
    if (!m) { error = 'TIMEOUT'; continue; }
    if (m.rcode === RCODE_NXDOMAIN) continue;
    const addrs = m.answers.filter((r) => r.type === T_A && typeof r.data === 'string').map((r) => r.data as string);
    if (addrs.length) return { addrs };
    if (m.rcode === 0) error = 'NODATA';
  }
  return { addrs: [], error };
}

/** The first address of a name, or null: what most clients connect to. */
export async function resolveHost(sys: Sys, name: string): Promise<string | null> {
  return (await getaddrinfo(sys, name)).addrs[0] ?? null;
}
