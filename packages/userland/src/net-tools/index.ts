// Network tools over sys.netlink, sockets and /proc: ip (iproute2 /
// busybox), ping (iputils / busybox), iptables (iptables-nft), ss and bridge
// (iproute2), netstat and ifconfig (busybox; Ubuntu ships no net-tools),
// brctl (bridge-utils / busybox), tcpdump (over an AF_PACKET socket).

import type { Applet } from '../applets/types.ts';
import { ip } from './ip.ts';
import { ping } from './ping.ts';
import { iptables } from './iptables.ts';
import { ss } from './ss.ts';
import { netstat } from './netstat.ts';
import { bridge } from './bridge.ts';
import { brctl } from './brctl.ts';
import { ifconfig } from './ifconfig.ts';
import { tcpdump } from './tcpdump.ts';

export const netToolApplets: Record<string, Applet> = { ip, ping, iptables, ss, netstat, bridge, brctl, ifconfig, tcpdump };

/** Only the GNU flavour (a Debian/Ubuntu host or image with the package) has these. */
export const netToolsGnuOnly = ['iptables', 'ss', 'bridge', 'tcpdump'];

/** Only busybox has these: a Docker host on Ubuntu has no net-tools (`netstat: command not found`). */
export const netToolsBusyboxOnly = ['netstat', 'ifconfig'];
