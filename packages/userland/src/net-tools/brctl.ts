// brctl(8): bridge-utils 1.7 on the GNU flavour, busybox 1.36's on alpine.
// show [BRIDGE...], showmacs BRIDGE, addbr/delbr, addif/delif, over
// sys.netlink. Both print the same table: "bridge id" is the priority
// (8000) and the bridge's MAC without colons.

import { isSysError, EEXIST, ENODEV, EPERM, EBUSY, EINVAL, ENXIO } from '@dockersim/kernel';
import type { LinkInfo } from '@dockersim/kernel';
import type { App } from '../libc/app.ts';
import { BUSYBOX_BANNER } from '../libc/app.ts';

function bridgeId(l: LinkInfo): string { return `8000.${l.mac.replace(/:/g, '')}`; }

export function showBridges(links: LinkInfo[], names: string[] | null, busybox: boolean): string {
  let out = 'bridge name\tbridge id\t\tSTP enabled\tinterfaces\n';
  const bridges = links.filter((l) => l.kind === 'bridge' && (!names || names.includes(l.name)));
  for (const b of bridges) {
    const ports = links.filter((l) => l.master === b.name).map((l) => l.name).sort();
    out += `${b.name}\t\t${bridgeId(b)}\tno`;
    if (busybox) {
      ports.forEach((p, i) => { out += `${i ? '\t\t\t\t\t' : ''}\t\t${p}\n`; });
      if (!ports.length) out += '\n';
    } else {
      out += '\t\t';
      ports.forEach((p, i) => { out += `${i ? '\t\t\t\t\t\t\t' : ''}${p}\n`; });
      if (!ports.length) out += '\n';
    }
  }
  return out;
}

const GNU_USAGE = `Usage: brctl [commands]
commands:
	addbr     	<bridge>		add bridge
	delbr     	<bridge>		delete bridge
	addif     	<bridge> <device>	add interface to bridge
	delif     	<bridge> <device>	delete interface from bridge
	hairpin   	<bridge> <port> {on|off}	turn hairpin on/off
	setageing 	<bridge> <time>		set ageing time
	setbridgeprio	<bridge> <prio>		set bridge priority
	setfd     	<bridge> <time>		set bridge forward delay
	sethello  	<bridge> <time>		set hello time
	setmaxage 	<bridge> <time>		set max message age
	setpathcost	<bridge> <port> <cost>	set path cost
	setportprio	<bridge> <port> <prio>	set port priority
	show      	[ <bridge> ]		show a list of bridges
	showmacs  	<bridge>		show a list of mac addrs
	showstp   	<bridge>		show bridge stp info
	stp       	<bridge> {on|off}	turn stp on/off
`;

export async function brctl(a: App): Promise<number> {
  const sys = a.sys;
  const [cmd, ...rest] = a.args;
  const bb = !a.gnu;
  if (!cmd || cmd === '--help' || cmd === '-h') {
    if (bb) { await sys.write(2, `${BUSYBOX_BANNER}\n\nUsage: brctl COMMAND [BRIDGE [ARGS]]\n`); return 1; }
    await a.write(GNU_USAGE);
    return cmd ? 0 : 1;
  }
  try {
    if (cmd === 'show') {
      const links = sys.netlink('link.list', {});
      if (rest.length && !bb) {
        // bridge-utils names each unknown bridge on stderr after the table
        await a.write(showBridges(links, rest, false));
        for (const n of rest) {
          if (!links.some((l) => l.name === n && l.kind === 'bridge')) { await a.out.flush(); await sys.write(2, `bridge ${n} does not exist!\n`); }
        }
        return 0;
      }
      await a.write(showBridges(links, rest.length ? rest : null, bb));
      return 0;
    }
    if (cmd === 'showmacs') {
      const br = rest[0];
      if (!br) return usageErr(a, cmd);
      const fdb = sys.netlink('fdb.list', { bridge: br });
      const ports = sys.netlink('link.list', {}).filter((l) => l.master === br);
      const portNo = (dev: string): number => Math.max(1, ports.findIndex((p) => p.name === dev) + 1);
      let out = `port no\tmac addr\t\tis local?\tageing timer\n`;
      const rows = fdb.filter((e) => e.dev !== br).sort((x, y) => (x.mac < y.mac ? -1 : x.mac > y.mac ? 1 : 0));
      for (const e of rows) {
        out += `${String(portNo(e.dev)).padStart(3)}\t${e.mac}\t${e.permanent ? 'yes' : 'no'}\t\t${(e.permanent ? 0 : e.ageing ?? 0).toFixed(2).padStart(7)}\n`;
      }
      await a.write(out);
      return 0;
    }
    if (cmd === 'addbr' || cmd === 'delbr') {
      const br = rest[0];
      if (!br) return usageErr(a, cmd);
      if (cmd === 'addbr') {
        if (sys.netlink('link.list', {}).some((l) => l.name === br)) return fail(a, `device ${br} already exists; can't create bridge with the same name`, `bridge ${br}: ${a.strerror(EEXIST)}`);
        sys.netlink('link.add', { name: br, kind: 'bridge' });
        return 0;
      }
      const l = sys.netlink('link.list', {}).find((x) => x.name === br);
      if (!l || l.kind !== 'bridge') return fail(a, `bridge ${br} doesn't exist; can't delete it`, `bridge ${br}: ${a.strerror(ENXIO)}`);
      if (l.flags & 1) return fail(a, `bridge ${br} is still up; can't delete it`, `bridge ${br}: ${a.strerror(EBUSY)}`);
      sys.netlink('link.del', { name: br });
      return 0;
    }
    if (cmd === 'addif' || cmd === 'delif') {
      const [br, dev] = rest;
      if (!br || !dev) return usageErr(a, cmd);
      const links = sys.netlink('link.list', {});
      const b = links.find((x) => x.name === br && x.kind === 'bridge');
      const d = links.find((x) => x.name === dev);
      if (!d) return fail(a, `interface ${dev} does not exist!`, `iface ${dev} not found`);
      if (!b) return fail(a, `bridge ${br} does not exist!`, `bridge ${br}: ${a.strerror(ENODEV)}`);
      if (cmd === 'delif' && d.master !== br) return fail(a, `device ${dev} is not a slave of ${br}`, `bridge ${br}: ${a.strerror(EINVAL)}`);
      if (cmd === 'addif' && d.master) return fail(a, `device ${dev} is already a member of a bridge; can't enslave it to bridge ${br}.`, `bridge ${br}: ${a.strerror(EBUSY)}`);
      sys.netlink('link.set', { name: dev, master: cmd === 'addif' ? br : null });
      return 0;
    }
  } catch (e) {
    if (!isSysError(e)) throw e;
    const br = rest[0] ?? '';
    if (e.errno === ENODEV) return fail(a, `bridge ${br} does not exist!`, `bridge ${br}: ${a.strerror(e.errno)}`);
    if (e.errno === EPERM) return fail(a, `${cmd}: ${a.strerror(e.errno)}`, `bridge ${br}: ${a.strerror(e.errno)}`);
    throw e;
  }
  if (bb) { await a.error(`invalid argument '${cmd}' to 'brctl'`); return 1; }
  await a.write(`never heard of command [${cmd}]\n${GNU_USAGE}`);
  return 1;
}

async function usageErr(a: App, cmd: string): Promise<number> {
  if (!a.gnu) { await a.sys.write(2, `${BUSYBOX_BANNER}\n\nUsage: brctl COMMAND [BRIDGE [ARGS]]\n`); return 1; }
  await a.write(`Incorrect number of arguments for command\nUsage: brctl ${cmd} <bridge>${cmd.endsWith('if') ? ' <device>' : ''}\n`);
  return 1;
}

/** bridge-utils prints bare messages; busybox "brctl: ..." */
async function fail(a: App, gnu: string, busybox: string): Promise<number> {
  await a.out.flush();
  await a.sys.write(2, a.gnu ? `${gnu}\n` : `brctl: ${busybox}\n`);
  return 1;
}
