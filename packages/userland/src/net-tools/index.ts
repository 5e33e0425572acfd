// Network tools over sys.netlink and ICMP sockets: ip (iproute2 / busybox),
// ping (iputils / busybox), iptables (iptables-nft).

import type { Applet } from '../applets/types.ts';
import { ip } from './ip.ts';
import { ping } from './ping.ts';
import { iptables } from './iptables.ts';

export const netToolApplets: Record<string, Applet> = { ip, ping, iptables };

/** Only the GNU flavour (a Debian/Ubuntu host or image with the package) has these. */
export const netToolsGnuOnly = ['iptables'];
