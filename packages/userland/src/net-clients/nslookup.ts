// busybox nslookup (networking/nslookup.c, the resolver-free 1.36 version):
// A and AAAA queries (PTR for an address) to the first nameserver of
// /etc/resolv.conf or the one given, printed per reply in arrival order.

import type { Applet } from '../applets/types.ts';
import { BUSYBOX_BANNER } from '../libc/app.ts';
import { decodeDns, encodeQuery, reverseName, RCODE_NAMES, T_A, T_AAAA, T_CNAME, T_MX, T_NS, T_PTR, T_SOA, T_TXT } from '../libc/dns.ts';
import type { DnsRecord } from '../libc/dns.ts';
import { dnsExchange, getaddrinfo, isIPv4, readResolvConf } from '../libc/resolv.ts';

const USAGE = '[-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]';
const QTYPES: Record<string, number> = { a: T_A, aaaa: T_AAAA, cname: T_CNAME, mx: T_MX, ns: T_NS, ptr: T_PTR, soa: T_SOA, txt: T_TXT };

/** inet_ntop for 16 bytes: the longest run of zero groups as "::". */
export function ipv6String(b: Uint8Array): string {
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((b[i]! << 8) | b[i + 1]!);
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i > 1) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(':');
  if (best < 0) return hex(g);
  return `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

function dname(d: string | Uint8Array): string { return typeof d === 'string' ? d : ''; }

function formatRecord(r: DnsRecord): string {
  switch (r.type) {
    case T_A: return `Name:\t${r.name}\nAddress: ${dname(r.data)}\n`;
    case T_AAAA: return `Name:\t${r.name}\nAddress: ${typeof r.data === 'string' ? r.data : ipv6String(r.data)}\n`;
    case T_CNAME: return `${r.name}\tcanonical name = ${dname(r.data)}\n`;
    case T_PTR: return `${r.name}\tname = ${dname(r.data)}\n`;
    case T_NS: return `${r.name}\tnameserver = ${dname(r.data)}\n`;
    case T_TXT: {
      const b = r.data as Uint8Array;
      return `${r.name}\ttext = "${new TextDecoder().decode(b.subarray(1, 1 + (b[0] ?? 0)))}"\n`;
    }
    default: return '';
  }
}

export const nslookup: Applet = async (a) => {
  const types: number[] = [];
  let port = 53, timeout = 5, retry = 2;
  const args = a.args.slice();
  while (args[0]?.startsWith('-')) {
    const [k, v = ''] = args.shift()!.slice(1).split('=');
    const key = k!.toLowerCase();
    if (['type', 'ty', 'querytype', 'query', 'qu', 'q'].includes(key)) {
      const t = QTYPES[v.toLowerCase()];
      if (!t) return a.die(`invalid query type "${v}"`);
      types.push(t);
    } else if (key === 'port' || key === 'po') port = Number(v) || 53;
    else if (key === 'timeout' || key === 't') timeout = Number(v) || 5;
    else if (key === 'retry' || key === 'ret') retry = Number(v) || 2;
  }
  if (args.length < 1 || args.length > 2) { await a.sys.write(2, `${BUSYBOX_BANNER}\n\nUsage: nslookup ${USAGE}\n`); return 1; }
  const name = args[0]!;
  const rc = await readResolvConf(a.sys);
  let servers = rc.nameservers;
  if (args[1]) {
    const ip = isIPv4(args[1]) ? args[1] : (await getaddrinfo(a.sys, args[1])).addrs[0];
    if (!ip) return a.die(`bad address '${args[1]}'`);
    servers = [ip];
  }
  if (!servers.length) servers = ['127.0.0.1'];
  // search domains as busybox reads them: search/domain lines, else the host name's domain
  let search = rc.search;
  if (!search.length) { const h = a.sys.gethostname(); if (h.includes('.')) search = [h.slice(h.indexOf('.') + 1)]; }
  if (search.length === 1 && search[0] === '.') search = [];
  const queries: Array<{ name: string; type: number }> = [];
  const add = (type: number) => {
    if (type === T_PTR || !search.length || name.includes('.')) queries.push({ name, type });
    else for (const d of search) queries.push({ name: `${name}.${d}`, type });
  };
  const ptr = reverseName(name);
  if (!types.length) { if (ptr) queries.push({ name: ptr, type: T_PTR }); else { add(T_A); add(T_AAAA); } }
  else for (const t of types) { if (t === T_PTR && ptr) queries.push({ name: ptr, type: T_PTR }); else add(t); }

  let exit = 0;
  const idBase = (a.sys.now() / 1000 + (a.sys.now() % 1000) * 1000) & 0xffff;
  for (const server of servers) {
    const pending = queries.map((q, i) => ({ ...q, id: (idBase + i) & 0xffff, done: false }));
    let replies = 0;
    for (const q of pending) {
      let reply: Uint8Array | null = null;
      for (let i = 0; i < retry && !reply; i++) reply = await dnsExchange(a.sys, server, encodeQuery(q.id, q.name, q.type), (timeout * 1000) / retry, port);
      if (!reply) continue;
      let m;
      try { m = decodeDns(reply); } catch { continue; }
      if (replies++ === 0) await a.write(`Server:\t\t${args[1] ?? server}\nAddress:\t${server}:${port}\n\n`);
      q.done = true;
      if (m.rcode !== 0) {
        await a.write(`** server can't find ${q.name}: ${RCODE_NAMES[m.rcode] ?? String(m.rcode)}\n`);
        exit = 1;
      } else {
        if (!m.authoritative) await a.write('Non-authoritative answer:\n');
        for (const r of m.answers) await a.write(formatRecord(r));
      }
      await a.write('\n');
    }
    if (replies > 0) {
      const missing = pending.filter((q) => !q.done);
      for (const q of missing) await a.write(`*** Can't find ${q.name}: No answer\n`);
      if (missing.length) await a.write('\n');
      return exit;
    }
  }
  await a.write(';; connection timed out; no servers could be reached\n\n');
  return 1;
};
