// getent (glibc's, musl-utils' behaves alike for these): hosts, ahosts,
// passwd and group. Exit 2 when a key is not found, 1 for an unknown database.

import type { Program } from '@dockersim/kernel';
import { isSysError } from '@dockersim/kernel';
import { readFile } from '../libc/io.ts';
import { getaddrinfo, isIPv4 } from '../libc/resolv.ts';

async function hostsEntries(sys: Parameters<Program>[0]['sys']): Promise<string[][]> {
  let s = '';
  try { s = await readFile(sys, '/etc/hosts'); } catch (e) { if (!isSysError(e)) throw e; }
  return s.split('\n').map((l) => l.replace(/#.*/, '').trim().split(/\s+/)).filter((f) => f.length >= 2);
}

export const getent: Program = async ({ sys, argv }) => {
  const db = argv[1];
  const keys = argv.slice(2);
  let out = '';
  let status = 0;
  const line = (addr: string, names: string[]) => `${addr.padEnd(15)} ${names.join(' ')}\n`;
  if (db === undefined) {
    await sys.write(2, 'Usage: getent [OPTION...] database [key ...]\nTry `getent --help\' or `getent --usage\' for more information.\n');
    return 1;
  }
  if (db === 'hosts' || db === 'ahosts' || db === 'ahostsv4') {
    const entries = await hostsEntries(sys);
    if (!keys.length && db === 'hosts') for (const f of entries) out += line(f[0]!, f.slice(1));
    for (const key of keys) {
      // gethostbyname2(AF_INET6) first, as glibc's getent hosts does; then IPv4
      let hit = db === 'hosts' ? entries.find((f) => f[0]!.includes(':') && f.slice(1).includes(key)) : undefined;
      if (!hit && isIPv4(key)) hit = entries.find((f) => f[0] === key) ?? [key];
      if (hit) { out += line(hit[0]!, hit.slice(1).length ? hit.slice(1) : [key]); continue; }
      const r = await getaddrinfo(sys, key);
      if (!r.addrs.length) { status = 2; continue; }
      const fromFile = entries.find((f) => f[0] === r.addrs[0] && f.slice(1).includes(key));
      if (db === 'hosts') for (const ad of r.addrs) out += line(ad, fromFile ? fromFile.slice(1) : [key]);
      else for (const ad of r.addrs) out += `${ad.padEnd(15)} STREAM ${key}\n${ad.padEnd(15)} DGRAM  \n${ad.padEnd(15)} RAW    \n`;
    }
  } else if (db === 'passwd' || db === 'group') {
    let s = '';
    try { s = await readFile(sys, `/etc/${db}`); } catch (e) { if (!isSysError(e)) throw e; }
    const rows = s.split('\n').filter(Boolean);
    if (!keys.length) out = rows.map((r) => `${r}\n`).join('');
    for (const key of keys) {
      const r = rows.find((row) => { const f = row.split(':'); return f[0] === key || f[2] === key; });
      if (r) out += `${r}\n`; else status = 2;
    }
  } else {
    await sys.write(2, `Unknown database: ${db}\n`);
    return 1;
  }
  if (out) await sys.write(1, out);
  return status;
};
