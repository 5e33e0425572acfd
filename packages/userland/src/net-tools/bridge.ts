// bridge(8) from iproute2 6.1: `bridge fdb show [br BRIDGE] [dev DEV]` and
// `bridge link show [dev DEV]`, over sys.netlink's link and fdb lists.
// Like the kernel's fdb dump, devices come in ifindex order: a bridge's own
// multicast ("self") and local entries, then for each port what was learnt
// on it, its own address (with and without the default vlan 1) and its
// multicast addresses.

import { isSysError, ENODEV } from '@dockersim/kernel';
import type { FdbInfo, LinkInfo } from '@dockersim/kernel';
import type { App } from '../libc/app.ts';

const FLAG_NAMES: [number, string][] = [[0x8, 'LOOPBACK'], [0x2, 'BROADCAST'], [0x10, 'POINTOPOINT'], [0x1000, 'MULTICAST'],
  [0x80, 'NOARP'], [0x100, 'PROMISC'], [0x1, 'UP'], [0x10000, 'LOWER_UP']];

function flags(l: LinkInfo): string {
  const f: string[] = [];
  if (l.flags & 0x1 && !(l.flags & 0x40)) f.push('NO-CARRIER');
  for (const [bit, name] of FLAG_NAMES) if (l.flags & bit) f.push(name);
  return f.join(',');
}

/** The multicast addresses a device listens on (all-hosts; a bridge also the snoopers' groups). */
function selfEntries(l: LinkInfo): string[] {
  if (l.kind === 'loopback') return [];
  const macs = l.kind === 'bridge'
    ? ['33:33:00:00:00:01', '01:00:5e:00:00:6a', '33:33:00:00:00:6a', '01:00:5e:00:00:01']
    : ['33:33:00:00:00:01', '01:00:5e:00:00:01'];
  return macs.map((m) => `${m} dev ${l.name} self permanent\n`);
}

export function fdbLines(links: LinkInfo[], fdb: FdbInfo[], br?: string, dev?: string): string {
  let out = '';
  for (const l of links) {
    if (dev && l.name !== dev) continue;
    if (br && l.name !== br && l.master !== br) continue;
    const mine = fdb.filter((e) => e.dev === l.name);
    const devPart = dev ? '' : `dev ${l.name} `;
    if (l.kind === 'bridge') {
      for (const s of selfEntries(l)) out += dev ? s.replace(`dev ${l.name} `, '') : s;
      for (const e of mine) out += `${e.mac} ${devPart}vlan 1 master ${e.master} permanent\n${e.mac} ${devPart}master ${e.master} permanent\n`;
      continue;
    }
    for (const e of mine.filter((x) => !x.permanent)) out += `${e.mac} ${devPart}master ${e.master} \n`;
    for (const e of mine.filter((x) => x.permanent)) out += `${e.mac} ${devPart}vlan 1 master ${e.master} permanent\n${e.mac} ${devPart}master ${e.master} permanent\n`;
    for (const s of selfEntries(l)) out += dev ? s.replace(`dev ${l.name} `, '') : s;
  }
  return out;
}

export function linkLines(links: LinkInfo[]): string {
  let out = '';
  for (const l of links) {
    if (!l.master) continue;
    let name = l.name;
    if (l.peerIfindex) name += l.peerNetnsId !== undefined ? `@if${l.peerIfindex}` : `@${links.find((x) => x.ifindex === l.peerIfindex)?.name ?? 'NONE'}`;
    const state = l.portState ?? (l.flags & 0x1 && l.flags & 0x40 ? 'forwarding' : 'disabled');
    out += `${l.ifindex}: ${name}: <${flags(l)}> mtu ${l.mtu} master ${l.master} state ${state} priority 32 cost 2 \n`;
  }
  return out;
}

const USAGE = 'Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\n'
  + 'where  OBJECT := { link | fdb | mdb | vlan | vni | monitor }\n'
  + '       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |\n'
  + '                    -o[neline] | -t[imestamp] | -n[etns] name |\n'
  + '                    -com[pressvlans] -c[olor] -p[retty] -j[son] }\n';

export async function bridge(a: App): Promise<number> {
  const args = a.args.filter((x) => !/^-(s|d|c|statistics|details)$/.test(x));
  const obj = args[0];
  if (!obj) { await a.sys.write(2, USAGE); return 255; }
  const cmd = args[1] ?? 'show';
  const rest = args.slice(2);
  const val = (k: string): string | undefined => { const i = rest.indexOf(k); return i >= 0 ? rest[i + 1] : undefined; };
  const isShow = ['show', 'list', 'lst', 'sh', 's', 'ls', 'l'].includes(cmd);
  const sys = a.sys;
  try {
    if ('fdb'.startsWith(obj) && obj.length >= 1) {
      if (!isShow) { await sys.write(2, `Command "${cmd}" is unknown, try "bridge fdb help".\n`); return 255; }
      const br = val('br'), dev = val('dev') ?? (rest[0] && !['br', 'dev'].includes(rest[0]) ? rest[0] : undefined);
      if (br) sys.netlink('link.list', { name: br });
      if (dev) sys.netlink('link.list', { name: dev });
      await a.write(fdbLines(sys.netlink('link.list', {}), sys.netlink('fdb.list', {}), br, dev));
      return 0;
    }
    if ('link'.startsWith(obj)) {
      if (!isShow) { await sys.write(2, `Command "${cmd}" is unknown, try "bridge link help".\n`); return 255; }
      const dev = val('dev');
      const all = sys.netlink('link.list', {});
      const links = dev ? all.filter((l) => l.ifindex === sys.netlink('link.list', { name: dev })[0]!.ifindex) : all;
      const text = linkLines(links);
      await a.write(text);
      return 0;
    }
  } catch (e) {
    if (isSysError(e) && e.errno === ENODEV) {
      await sys.write(2, `Cannot find device "${val('dev') ?? val('br') ?? rest[0]}"\n`);
      return 1;
    }
    throw e;
  }
  await sys.write(2, `Object "${obj}" is unknown, try "bridge help".\n`);
  return 255;
}
