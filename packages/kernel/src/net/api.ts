// The network configuration interface (what rtnetlink, the netfilter
// sockets and /proc/sys/net are to Linux), as one typed call:
// `sys.netlink(op, args)`. It acts on the caller's network namespace. Listing
// is open to everyone; changes need euid 0 (EPERM). Failures throw
// SysError with the errno Linux's netlink answers (iproute2 prints it as
// "RTNETLINK answers: File exists"):
//   EEXIST  a link/address/route/rule/chain of that name or key exists
//   ENODEV  no such device        ESRCH  no such route / neighbour / process
//   ENOENT  no such chain, rule or table   EINVAL  malformed argument
//   EBUSY   deleting a chain still referenced or not empty (iptables -X)
//   ENOTEMPTY                                EOPNOTSUPP  not for this kind of link
//
// Addresses are dotted quads; prefixes "a.b.c.d/len"; MACs "aa:bb:cc:dd:ee:ff".

/** A network namespace named by a process in it (pid as the caller sees it) or an open /proc/PID/ns/net fd. */
export type NetnsRef = { pid: number } | { fd: number };

export type LinkKind = 'loopback' | 'veth' | 'bridge' | 'dummy';

/** IFF_* bits of LinkInfo.flags (include/uapi/linux/if.h). */
export const IFF_UP = 0x1, IFF_BROADCAST = 0x2, IFF_LOOPBACK = 0x8, IFF_RUNNING = 0x40,
  IFF_NOARP = 0x80, IFF_PROMISC = 0x100, IFF_MULTICAST = 0x1000, IFF_LOWER_UP = 0x10000;

export interface LinkStats {
  rxBytes: number; rxPackets: number; rxDropped: number;
  txBytes: number; txPackets: number; txDropped: number;
}

/** One device, as `ip -d link show` sees it. */
export interface LinkInfo {
  ifindex: number;
  name: string;
  kind: LinkKind;
  mtu: number;
  mac: string;
  /** IFF_* bits: UP as set administratively, LOWER_UP/RUNNING when the carrier is there. */
  flags: number;
  /** "UP", "DOWN", "UNKNOWN" (loopback) or "LOWERLAYERDOWN" (up, but the veth peer is down). */
  operstate: 'UP' | 'DOWN' | 'UNKNOWN' | 'LOWERLAYERDOWN';
  qdisc: 'noqueue' | 'noop';
  /** The bridge this device is a port of. */
  master?: string;
  /** veth: the peer's ifindex (iflink; "eth0@if7"). */
  peerIfindex?: number;
  /** veth: the peer is in another namespace: its id as seen from here (link-netnsid). */
  peerNetnsId?: number;
  /** Bridge ports' STP state ("forwarding"), on ports only. */
  portState?: 'forwarding' | 'disabled';
  stats: LinkStats;
}

export interface AddrInfo {
  ifindex: number;
  dev: string;
  /** "inet" only is configurable; "inet6" lists lo's ::1. */
  family: 'inet' | 'inet6';
  local: string;
  prefixlen: number;
  /** Broadcast address (inet, prefix < 31). */
  broadcast?: string;
  scope: 'host' | 'link' | 'global';
}

export interface RouteInfo {
  /** "default" or "a.b.c.d/len" ("a.b.c.d" for /32 host routes). */
  dst: string;
  gateway?: string;
  dev: string;
  /** How it came: the kernel made it for an address (proto kernel), or a program added it (boot/static). */
  proto: 'kernel' | 'boot' | 'static';
  scope: 'host' | 'link' | 'global';
  /** Preferred source ("src" in `ip route`). */
  src?: string;
  metric?: number;
  table: 'main' | 'local';
  type: 'unicast' | 'local' | 'broadcast';
  /** "linkdown" when the device has no carrier. */
  linkdown?: boolean;
}

export type NeighState = 'PERMANENT' | 'REACHABLE' | 'STALE' | 'DELAY' | 'INCOMPLETE' | 'FAILED' | 'NOARP';

export interface NeighInfo {
  dst: string;
  dev: string;
  lladdr?: string;
  state: NeighState;
}

/** One bridge forwarding database entry (`bridge fdb`). */
export interface FdbInfo {
  mac: string;
  /** The port it was learnt on (or the bridge itself for its own address). */
  dev: string;
  master: string;
  /** The bridge's own addresses and configured entries: "permanent". */
  permanent: boolean;
  /** Seconds since last seen (learnt entries). */
  ageing?: number;
}

export type NfTable = 'filter' | 'nat';
/** Built-in targets; anything else names a user chain (a jump). */
export type NfTarget = 'ACCEPT' | 'DROP' | 'REJECT' | 'RETURN' | 'MASQUERADE' | 'SNAT' | 'DNAT' | 'LOG' | string;

/**
 * One iptables rule. Matches are ANDed; `not*` fields negate their match
 * ("! -i docker0"). Interface names may end in "+" (a prefix match, "br-+").
 */
export interface NfRule {
  proto?: 'tcp' | 'udp' | 'icmp';
  notProto?: boolean;
  /** "a.b.c.d/len" or "a.b.c.d". */
  src?: string; notSrc?: boolean;
  dst?: string; notDst?: boolean;
  in?: string; notIn?: boolean;
  out?: string; notOut?: boolean;
  /** "-m tcp/udp --sport/--dport": a port or "first:last". */
  sport?: string; dport?: string;
  /** "-m addrtype --dst-type LOCAL" / "--src-type LOCAL". */
  dstType?: 'LOCAL'; srcType?: 'LOCAL';
  notDstType?: boolean;
  /** "-m conntrack --ctstate RELATED,ESTABLISHED" (NEW, ESTABLISHED, RELATED, INVALID, DNAT, SNAT). */
  ctstate?: string[];
  /** "-m comment --comment ...". */
  comment?: string;
  target: NfTarget;
  /** "-g CHAIN" instead of "-j CHAIN". */
  goto?: boolean;
  /** DNAT --to-destination "ip[:port]"; SNAT --to-source "ip". */
  toDestination?: string;
  toSource?: string;
  /** REJECT --reject-with (icmp-port-unreachable by default). */
  rejectWith?: string;
  /** MASQUERADE --to-ports, DNAT/SNAT --random etc. are not modelled. */
}

export interface NfRuleInfo extends NfRule { packets: number; bytes: number }

export interface NfChainInfo {
  name: string;
  /** Built-in chains have a policy (ACCEPT or DROP); user chains have references instead. */
  policy?: 'ACCEPT' | 'DROP';
  references?: number;
  packets: number; bytes: number;
  rules: NfRuleInfo[];
}

export interface ConntrackInfo {
  proto: 'tcp' | 'udp' | 'icmp';
  /** TCP state name ("ESTABLISHED", "SYN_SENT", "TIME_WAIT", ...), empty for udp/icmp. */
  state: string;
  /** Seconds until the entry expires. */
  timeout: number;
  orig: { src: string; dst: string; sport: number; dport: number };
  reply: { src: string; dst: string; sport: number; dport: number };
  /** "[ASSURED]" once traffic went both ways; "[UNREPLIED]" before a reply. */
  assured: boolean; replied: boolean;
}

/** A socket of the namespace, for ss/netstat (inode links it to /proc/PID/fd). */
export interface SockInfo {
  proto: 'tcp' | 'udp' | 'raw';
  state: 'LISTEN' | 'ESTABLISHED' | 'SYN_SENT' | 'SYN_RECV' | 'FIN_WAIT1' | 'FIN_WAIT2' | 'TIME_WAIT'
    | 'CLOSE' | 'CLOSE_WAIT' | 'LAST_ACK' | 'CLOSING' | 'UNCONN';
  local: { addr: string; port: number };
  remote: { addr: string; port: number };
  recvQ: number; sendQ: number;
  inode: number;
  uid: number;
}

export type SysctlKey = 'net.ipv4.ip_forward' | 'net.ipv4.conf.all.forwarding' | 'net.bridge.bridge-nf-call-iptables'
  | 'net.ipv4.ip_local_port_range' | 'net.ipv4.conf.all.route_localnet' | string;

/** Every operation: its name, its argument and its result. */
export interface NetlinkOps {
  // links (ip link)
  'link.list': [{ name?: string }, LinkInfo[]];
  /** veth: both ends here unless peerNetns; bridge; dummy. ifindex is chosen unless given. */
  'link.add': [{ name: string; kind: 'veth'; peer: string; peerNetns?: NetnsRef; mtu?: number; mac?: string }
    | { name: string; kind: 'bridge' | 'dummy'; mtu?: number; mac?: string }, LinkInfo];
  /** Deleting one end of a veth deletes both; deleting a bridge releases its ports. */
  'link.del': [{ name: string }, void];
  /**
   * ip link set: any of up/down, master (a bridge name, or null for nomaster),
   * netns (moves the device: its addresses go, it comes down), name (rename; the
   * device must be down, else EBUSY), mtu, address.
   */
  'link.set': [{ name: string; up?: boolean; master?: string | null; netns?: NetnsRef; newName?: string;
    mtu?: number; mac?: string }, LinkInfo];
  // addresses (ip addr)
  'addr.list': [{ dev?: string }, AddrInfo[]];
  /** Adds the address and its prefix route (proto kernel scope link) and local route. */
  'addr.add': [{ dev: string; addr: string; broadcast?: string }, void];
  'addr.del': [{ dev: string; addr: string }, void];
  'addr.flush': [{ dev: string }, void];
  // routes (ip route)
  'route.list': [{ table?: 'main' | 'local' | 'all' }, RouteInfo[]];
  /** dst "default" or a prefix; gateway must be reachable on a link route (else ENETUNREACH); dev or gateway required. */
  'route.add': [{ dst: string; gateway?: string; dev?: string; src?: string; metric?: number; replace?: boolean }, void];
  'route.del': [{ dst: string; gateway?: string; dev?: string }, void];
  /** Which route a packet to dst takes (ip route get): the route and the source address. */
  'route.get': [{ dst: string }, RouteInfo & { src: string }];
  // neighbours (ip neigh)
  'neigh.list': [{ dev?: string }, NeighInfo[]];
  'neigh.add': [{ dst: string; lladdr: string; dev: string; replace?: boolean }, void];
  'neigh.del': [{ dst: string; dev: string }, void];
  // bridges (bridge fdb / bridge link)
  'fdb.list': [{ bridge?: string }, FdbInfo[]];
  // sysctls (sysctl -w / /proc/sys/net)
  'sysctl.get': [{ key: SysctlKey }, string];
  'sysctl.set': [{ key: SysctlKey; value: string }, void];
  // netfilter (iptables)
  'nf.list': [{ table: NfTable; chain?: string }, NfChainInfo[]];
  'nf.append': [{ table: NfTable; chain: string; rule: NfRule }, void];
  /** Inserts at 1-based position (default 1). */
  'nf.insert': [{ table: NfTable; chain: string; rule: NfRule; index?: number }, void];
  /** Deletes the first rule equal to `rule`, or the rule at 1-based `index`. ENOENT when none matches. */
  'nf.delete': [{ table: NfTable; chain: string; rule?: NfRule; index?: number }, void];
  /** iptables -C: true when an equal rule exists. */
  'nf.check': [{ table: NfTable; chain: string; rule: NfRule }, boolean];
  'nf.newChain': [{ table: NfTable; chain: string }, void];
  /** -X: EBUSY while referenced, ENOTEMPTY while it has rules. */
  'nf.deleteChain': [{ table: NfTable; chain: string }, void];
  /** -F: one chain, or every chain of the table when chain is omitted. */
  'nf.flush': [{ table: NfTable; chain?: string }, void];
  'nf.policy': [{ table: NfTable; chain: string; policy: 'ACCEPT' | 'DROP' }, void];
  'nf.zero': [{ table: NfTable; chain?: string }, void];
  // connection tracking (conntrack -L)
  'conntrack.list': [{}, ConntrackInfo[]];
  'conntrack.flush': [{}, void];
  // sockets of the namespace (ss, netstat)
  'sock.list': [{ proto?: 'tcp' | 'udp' | 'raw' }, SockInfo[]];
}

export type NetlinkOp = keyof NetlinkOps;
