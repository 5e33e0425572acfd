// DNS messages in RFC 1035 wire format: what res_mkquery builds and what a
// name server answers. The embedded DNS server of the engine and the tests'
// tiny servers use the same codec as the resolver and nslookup/dig.

export const T_A = 1, T_NS = 2, T_CNAME = 5, T_SOA = 6, T_PTR = 12, T_MX = 15, T_TXT = 16, T_AAAA = 28, T_SRV = 33;
export const C_IN = 1;
export const RCODE_NOERROR = 0, RCODE_FORMERR = 1, RCODE_SERVFAIL = 2, RCODE_NXDOMAIN = 3, RCODE_REFUSED = 5;

export interface DnsQuestion { name: string; type: number; class: number }
export interface DnsRecord {
  name: string; type: number; class: number; ttl: number;
  /** A: dotted quad; PTR/CNAME/NS: a name; other types: raw bytes. */
  data: string | Uint8Array;
}
export interface DnsMessage {
  id: number;
  /** QR bit: a response. */
  response: boolean;
  opcode: number;
  /** AA: the answer comes from an authoritative server. */
  authoritative: boolean;
  truncated: boolean;
  recursionDesired: boolean;
  recursionAvailable: boolean;
  rcode: number;
  questions: DnsQuestion[];
  answers: DnsRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
}

export function dnsMessage(m: Partial<DnsMessage>): DnsMessage {
  return {
    id: 0, response: false, opcode: 0, authoritative: false, truncated: false, recursionDesired: true,
    recursionAvailable: false, rcode: 0, questions: [], answers: [], authority: [], additional: [], ...m,
  };
}

const NAME_TYPES = new Set([T_NS, T_CNAME, T_PTR]);

function putName(out: number[], name: string): void {
  for (const label of name.replace(/\.$/, '').split('.')) {
    if (!label) continue;
    const b = new TextEncoder().encode(label);
    out.push(Math.min(b.length, 63), ...b.subarray(0, 63));
  }
  out.push(0);
}

const u16 = (out: number[], v: number) => { out.push((v >> 8) & 255, v & 255); };
const u32 = (out: number[], v: number) => { u16(out, (v >>> 16) & 0xffff); u16(out, v & 0xffff); };

function putRecord(out: number[], r: DnsRecord): void {
  putName(out, r.name);
  u16(out, r.type); u16(out, r.class); u32(out, r.ttl);
  const rd: number[] = [];
  if (r.type === T_A && typeof r.data === 'string') rd.push(...r.data.split('.').map(Number));
  else if (typeof r.data === 'string') putName(rd, r.data);
  else rd.push(...r.data);
  u16(out, rd.length);
  out.push(...rd);
}

/** Encodes a message (names uncompressed, as a valid encoder may). */
export function encodeDns(m: DnsMessage): Uint8Array {
  const out: number[] = [];
  u16(out, m.id);
  out.push((m.response ? 0x80 : 0) | ((m.opcode & 15) << 3) | (m.authoritative ? 4 : 0) | (m.truncated ? 2 : 0) | (m.recursionDesired ? 1 : 0));
  out.push((m.recursionAvailable ? 0x80 : 0) | (m.rcode & 15));
  u16(out, m.questions.length); u16(out, m.answers.length); u16(out, m.authority.length); u16(out, m.additional.length);
  for (const q of m.questions) { putName(out, q.name); u16(out, q.type); u16(out, q.class); }
  for (const r of [...m.answers, ...m.authority, ...m.additional]) putRecord(out, r);
  return new Uint8Array(out);
}

/** A query as res_mkquery builds it: one question, RD set. */
export function encodeQuery(id: number, name: string, type: number): Uint8Array {
  return encodeDns(dnsMessage({ id, questions: [{ name, type, class: C_IN }] }));
}

class Reader {
  p = 0;
  constructor(readonly b: Uint8Array) {}
  need(n: number): void { if (this.p + n > this.b.length) throw new Error('short DNS message'); }
  u8(): number { this.need(1); return this.b[this.p++]!; }
  u16(): number { this.need(2); const v = (this.b[this.p]! << 8) | this.b[this.p + 1]!; this.p += 2; return v; }
  u32(): number { return this.u16() * 65536 + this.u16(); }
  name(): string {
    const labels: string[] = [];
    let p = this.p, jumped = false, hops = 0;
    for (;;) {
      if (p >= this.b.length) throw new Error('short DNS message');
      const len = this.b[p]!;
      if ((len & 0xc0) === 0xc0) {
        if (++hops > 32) throw new Error('DNS name loop');
        const to = ((len & 0x3f) << 8) | this.b[p + 1]!;
        if (!jumped) this.p = p + 2;
        jumped = true;
        p = to;
        continue;
      }
      if (len === 0) { if (!jumped) this.p = p + 1; break; }
      labels.push(new TextDecoder().decode(this.b.subarray(p + 1, p + 1 + len)));
      p += 1 + len;
    }
    return labels.join('.');
  }
  record(): DnsRecord {
    const name = this.name(), type = this.u16(), cls = this.u16(), ttl = this.u32(), len = this.u16();
    this.need(len);
    const end = this.p + len;
    let data: string | Uint8Array;
    if (type === T_A && len === 4) data = Array.from(this.b.subarray(this.p, end)).join('.');
    else if (NAME_TYPES.has(type)) data = this.name();
    else data = this.b.slice(this.p, end);
    this.p = end;
    return { name, type, class: cls, ttl, data };
  }
}

/** Decodes a message; throws on a malformed one. */
export function decodeDns(b: Uint8Array): DnsMessage {
  const r = new Reader(b);
  const id = r.u16(), f1 = r.u8(), f2 = r.u8();
  const qd = r.u16(), an = r.u16(), ns = r.u16(), ar = r.u16();
  const m = dnsMessage({
    id, response: (f1 & 0x80) !== 0, opcode: (f1 >> 3) & 15, authoritative: (f1 & 4) !== 0, truncated: (f1 & 2) !== 0,
    recursionDesired: (f1 & 1) !== 0, recursionAvailable: (f2 & 0x80) !== 0, rcode: f2 & 15,
  });
  for (let i = 0; i < qd; i++) m.questions.push({ name: r.name(), type: r.u16(), class: r.u16() });
  for (let i = 0; i < an; i++) m.answers.push(r.record());
  for (let i = 0; i < ns; i++) m.authority.push(r.record());
  for (let i = 0; i < ar; i++) m.additional.push(r.record());
  return m;
}

/** Query type names as dig and nslookup spell them. */
export const TYPE_NAMES: Record<number, string> = {
  [T_A]: 'A', [T_NS]: 'NS', [T_CNAME]: 'CNAME', [T_SOA]: 'SOA', [T_PTR]: 'PTR', [T_MX]: 'MX', [T_TXT]: 'TXT',
  [T_AAAA]: 'AAAA', [T_SRV]: 'SRV',
};
export const RCODE_NAMES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'];

/** "4.3.2.1.in-addr.arpa" for 1.2.3.4, or null when not a dotted quad. */
export function reverseName(addr: string): string | null {
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(addr)) return null;
  return `${addr.split('.').reverse().join('.')}.in-addr.arpa`;
}
