// ifconfig(8) as busybox 1.36 prints it (alpine, busybox images): the
// interfaces that are up (-a: all), sorted by name as busybox's list keeps
// them, in net-tools' old layout ("Link encap:Ethernet  HWaddr ..."), and
// `ifconfig IFACE up|down`. Ubuntu does not install net-tools.

import { isSysError, ENODEV } from '@dockersim/kernel';
import type { AddrInfo, LinkInfo } from '@dockersim/kernel';
import type { App } from '../libc/app.ts';

const FLAG_ORDER: [number, string][] = [[0x1, 'UP'], [0x2, 'BROADCAST'], [0x4, 'DEBUG'], [0x8, 'LOOPBACK'], [0x10, 'POINTOPOINT'],
  [0x20, 'NOTRAILERS'], [0x40, 'RUNNING'], [0x80, 'NOARP'], [0x100, 'PROMISC'], [0x200, 'ALLMULTI'], [0x800, 'SLAVE'],
  [0x400, 'MASTER'], [0x1000, 'MULTICAST']];

function maskOf(len: number): string {
  const m = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return `${m >>> 24}.${(m >>> 16) & 255}.${(m >>> 8) & 255}.${m & 255}`;
}

/** busybox's print_bytes_scaled: "1016 (1016.0 B)", "2048 (2.0 KiB)". */
function scaled(n: number): string {
  const ext = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let i = 0, int = n, frac = 0;
  for (let k = 0; k < 4; k++) {
    if (int >= 1024) { frac = Math.floor(((int % 1024) * 10) / 1024); int = Math.floor(int / 1024); i++; }
  }
  return `${n} (${int}.${frac} ${ext[i]}B)`;
}

export function ifaceText(l: LinkInfo, addrs: AddrInfo[]): string {
  const lo = l.kind === 'loopback';
  let s = `${l.name.padEnd(9)} Link encap:${lo ? 'Local Loopback' : 'Ethernet'}  `;
  if (!lo) s += `HWaddr ${l.mac.toUpperCase()}  `;
  s += '\n';
  const v4 = addrs.find((x) => x.family === 'inet');
  if (v4) {
    s += `          inet addr:${v4.local} `;
    if (v4.broadcast) s += ` Bcast:${v4.broadcast} `;
    s += ` Mask:${maskOf(v4.prefixlen)}\n`;
  }
  for (const x of addrs) {
    if (x.family !== 'inet6') continue;
    s += `          inet6 addr: ${x.local}/${x.prefixlen} Scope:${x.scope === 'host' ? 'Host' : x.scope === 'link' ? 'Link' : 'Global'}\n`;
  }
  s += '          ';
  const flags = l.flags;
  if (!flags) s += '[NO FLAGS] ';
  for (const [bit, name] of FLAG_ORDER) if (flags & bit) s += `${name} `;
  s += ` MTU:${l.mtu}  Metric:1\n`;
  const st = l.stats;
  s += `          RX packets:${st.rxPackets} errors:0 dropped:${st.rxDropped} overruns:0 frame:0\n`;
  s += `          TX packets:${st.txPackets} errors:0 dropped:${st.txDropped} overruns:0 carrier:0\n`;
  s += `          collisions:0 txqueuelen:${lo ? 1000 : 0} \n`;
  s += `          RX bytes:${scaled(st.rxBytes)}  TX bytes:${scaled(st.txBytes)}\n\n`;
  return s;
}

export async function ifconfig(a: App): Promise<number> {
  const sys = a.sys;
  let args = a.args;
  const all = args[0] === '-a';
  if (all) args = args.slice(1);
  const links = sys.netlink('link.list', {});
  const addrs = sys.netlink('addr.list', {});
  const of = (l: LinkInfo): AddrInfo[] => addrs.filter((x) => x.ifindex === l.ifindex);
  if (!args.length) {
    const sorted = links.slice().sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    for (const l of sorted) if (all || l.flags & 1) await a.write(ifaceText(l, of(l)));
    return 0;
  }
  const name = args[0]!;
  const l = links.find((x) => x.name === name);
  if (args.length === 1) {
    if (!l) { await a.error(`${name}: error fetching interface information: Device not found`); return 1; }
    await a.write(ifaceText(l, of(l)));
    return 0;
  }
  try {
    for (const w of args.slice(1)) {
      if (w === 'up' || w === 'down') sys.netlink('link.set', { name, up: w === 'up' });
      else { await a.error(`bad address '${w}'`); return 1; }
    }
  } catch (e) {
    if (!isSysError(e)) throw e;
    if (e.errno === ENODEV) { await a.error(`SIOCGIFFLAGS: ${a.strerror(e.errno)}`); return 1; }
    await a.error(`SIOCSIFFLAGS: ${a.strerror(e.errno)}`);
    return 1;
  }
  return 0;
}
