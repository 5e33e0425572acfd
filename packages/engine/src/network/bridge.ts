// The bridge driver's device work (libnetwork drivers/bridge): a Linux
// bridge per network with the gateway address on it, and per endpoint a veth
// pair whose host end is a port of the bridge and whose other end becomes
// eth0/eth1 in the container's network namespace, with its MAC, address and
// (for the gateway network) the default route. dockerd does this from its own
// process: host-side calls in its namespace, container-side calls after
// setns(2) into the container's, as libnetwork's netlink handles do.

import { CLONE_NEWNET, O_CLOEXEC, O_RDONLY, isSysError, type Sys } from '@dockersim/kernel';
import { fmtIPv4 } from './ipam.ts';

/** A locally administered unicast MAC from the world's randomness (netutils.GenerateRandomMAC). */
export function randomMac(sys: Sys): string {
  const b = sys.getrandom(6);
  b[0] = (b[0] & 0xfe) | 0x02;
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/**
 * Runs fn inside the network namespace of pid, then returns to the host's.
 * The way back is init's namespace file: an open /proc/self/ns/net here
 * follows the process (it would lead back into the container), where Linux
 * pins the namespace at open.
 */
export function inNetns<T>(sys: Sys, pid: number, fn: () => T): T {
  const self = sys.open('/proc/1/ns/net', O_RDONLY | O_CLOEXEC);
  let target = -1;
  try {
    target = sys.open(`/proc/${pid}/ns/net`, O_RDONLY | O_CLOEXEC);
    sys.setns(target, CLONE_NEWNET);
    try { return fn(); } finally { sys.setns(self, CLONE_NEWNET); }
  } finally {
    if (target >= 0) sys.close(target);
    sys.close(self);
  }
}

/** Creates the bridge with its gateway address (setupDevice, setupBridgeIPv4), up. */
export function createBridge(sys: Sys, name: string, gateway: number, len: number): void {
  try { sys.netlink('link.add', { name, kind: 'bridge', mac: randomMac(sys) }); } catch (e) {
    if (!isSysError(e)) throw e;
  }
  try { sys.netlink('addr.add', { dev: name, addr: `${fmtIPv4(gateway)}/${len}` }); } catch (e) { if (!isSysError(e)) throw e; }
  sys.netlink('link.set', { name, up: true });
}

export function deleteBridge(sys: Sys, name: string): void {
  try { sys.netlink('link.del', { name }); } catch (e) { if (!isSysError(e)) throw e; }
}

export interface Attachment {
  pid: number; bridge: string; hostIf: string; ifname: string; mac: string;
  ip: number; len: number; gateway: number | null;
}

/** The veth pair of one endpoint, configured on both sides. */
export function attachEndpoint(sys: Sys, a: Attachment): void {
  sys.netlink('link.add', { name: a.hostIf, kind: 'veth', peer: a.ifname, peerNetns: { pid: a.pid } });
  try {
    sys.netlink('link.set', { name: a.hostIf, master: a.bridge, up: true });
    inNetns(sys, a.pid, () => {
      sys.netlink('link.set', { name: a.ifname, mac: a.mac, up: true });
      sys.netlink('addr.add', { dev: a.ifname, addr: `${fmtIPv4(a.ip)}/${a.len}` });
      if (a.gateway !== null) sys.netlink('route.add', { dst: 'default', gateway: fmtIPv4(a.gateway), dev: a.ifname });
    });
  } catch (e) {
    detachEndpoint(sys, a.hostIf);
    throw e;
  }
}

/** Deleting the host end takes the container's end with it. */
export function detachEndpoint(sys: Sys, hostIf: string): void {
  try { sys.netlink('link.del', { name: hostIf }); } catch (e) { if (!isSysError(e)) throw e; }
}

/** A host-side veth name: "veth" and seven hex digits, as libnetwork picks them. */
export function vethName(sys: Sys): string {
  const b = sys.getrandom(4);
  return 'veth' + [...b].map((x) => x.toString(16).padStart(2, '0')).join('').slice(0, 7);
}
