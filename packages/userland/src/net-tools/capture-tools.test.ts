// tcpdump 4.99's lines, banner and counts; the pcap filter; bridge (iproute2),
// brctl (bridge-utils and busybox) and busybox ifconfig over a bridge with a
// veth pair whose MACs are set by hand.

import { describe, expect, it } from 'vitest';
import { AF_INET, SOCK_STREAM } from '@dockersim/kernel';
import type { EthFrame, Program } from '@dockersim/kernel';
import { makeWorld } from '../testing/world.ts';
import { compileFilter, FilterError } from './tcpdump-filter.ts';
import { dns } from './tcpdump-print.ts';
import { dnsMessage, encodeDns, encodeQuery, C_IN, T_A, RCODE_NXDOMAIN } from '../libc/dns.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));

const http: Program = async ({ sys }) => {
  const fd = sys.socket(AF_INET, SOCK_STREAM, 0);
  sys.bind(fd, { addr: '0.0.0.0', port: 80 });
  sys.listen(fd, 8);
  for (;;) { const c = await sys.accept(fd); await sys.read(c, 1000); await sys.write(c, 'HTTP/1.1 200 OK\r\n\r\n'); sys.close(c); }
};
const get: Program = async ({ sys }) => {
  const fd = sys.socket(AF_INET, SOCK_STREAM, 0);
  await sys.connect(fd, { addr: '127.0.0.1', port: 80 });
  await sys.write(fd, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  await sys.read(fd, 1000);
  sys.close(fd);
  return 0;
};

const BANNER = 'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n'
  + 'listening on lo, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n';

describe('tcpdump', () => {
  it('prints a TCP exchange: absolute seq on the SYNs, relative after, options, HTTP first lines', async () => {
    const w = makeWorld('debian', hostYield, { http, get });
    const r = await w.sh('mount -t proc proc /proc; http & sleep 1; tcpdump -i lo -n -c 6 & sleep 1; get; wait $!');
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^00:00:02\.000000 IP 127\.0\.0\.1\.32768 > 127\.0\.0\.1\.80: Flags \[S\], seq (\d+), win 64240, options \[mss 65495,sackOK,TS val (\d+) ecr 0,nop,wscale 7\], length 0$/);
    const isn = Number(/seq (\d+)/.exec(lines[0]!)![1]);
    expect(lines[1]).toMatch(new RegExp(`^00:00:02\\.000015 IP 127\\.0\\.0\\.1\\.80 > 127\\.0\\.0\\.1\\.32768: Flags \\[S\\.\\], seq \\d+, ack ${isn + 1}, win 64240, options \\[mss 65495,sackOK,TS val \\d+ ecr \\d+,nop,wscale 7\\], length 0$`));
    expect(lines[2]).toMatch(/^00:00:02\.000031 IP 127\.0\.0\.1\.32768 > 127\.0\.0\.1\.80: Flags \[\.\], ack 1, win 64240, options \[nop,nop,TS val \d+ ecr \d+\], length 0$/);
    expect(lines[3]).toMatch(/Flags \[P\.\], seq 1:28, ack 1, win 64240, options \[nop,nop,TS val \d+ ecr \d+\], length 27: HTTP: GET \/ HTTP\/1\.1$/);
    expect(lines[5]).toMatch(/127\.0\.0\.1\.80 > 127\.0\.0\.1\.32768: Flags \[P\.\], seq 1:20, ack 28, .*, length 19: HTTP: HTTP\/1\.1 200 OK$/);
    // each side echoes the other's last timestamp
    const val0 = /TS val (\d+)/.exec(lines[0]!)![1];
    expect(lines[1]).toContain(`ecr ${val0},`);
    expect(r.err).toBe(`${BANNER}6 packets captured\n6 packets received by filter\n0 packets dropped by kernel\n`);
  });

  it('-e shows the link header; ICMP echo lines; a filter picks packets; SIGINT prints the counts after a newline', async () => {
    const w = makeWorld('debian', hostYield);
    const r = await w.sh('tcpdump -i lo -e icmp & sleep 1; ping -c 1 127.0.0.1 >/dev/null; kill -INT $!; wait $!; echo rc=$?');
    expect(r.out).toMatch(/^00:00:01\.\d{6} 00:00:00:00:00:00 > 00:00:00:00:00:00, ethertype IPv4 \(0x0800\), length 98: 127\.0\.0\.1 > 127\.0\.0\.1: ICMP echo request, id \d+, seq 1, length 64\n/);
    expect(r.out).toMatch(/ICMP echo reply, id \d+, seq 1, length 64\nrc=0\n$/);
    expect(r.err).toBe(`${BANNER}\n2 packets captured\n2 packets received by filter\n0 packets dropped by kernel\n`);
  });

  it('needs root and an existing device; a bad filter is refused', async () => {
    const w = makeWorld('debian', hostYield);
    const r = await w.sh('tcpdump -i lo; echo rc=$?', { uid: 1000, gid: 1000 });
    expect(r.err).toBe("tcpdump: lo: You don't have permission to perform this capture on that device\n(socket: Operation not permitted)\n");
    expect(r.out).toBe('rc=1\n');
    const r2 = await w.sh('tcpdump -i eth9; tcpdump -i lo port; tcpdump -c x');
    expect(r2.err).toBe('tcpdump: eth9: No such device exists\n(No such device exists)\n'
      + "tcpdump: can't parse filter expression: syntax error\ntcpdump: invalid packet count x\n");
  });

  it('decodes DNS the way print-domain.c does without -v', () => {
    expect(dns(encodeQuery(4660, 'web', T_A), false)).toBe('4660+ A? web. (21)');
    const ans = encodeDns(dnsMessage({ id: 4660, response: true, recursionAvailable: true, questions: [{ name: 'web', type: T_A, class: C_IN }],
      answers: [{ name: 'web', type: T_A, class: C_IN, ttl: 600, data: '172.18.0.3' }, { name: 'web', type: T_A, class: C_IN, ttl: 600, data: '172.18.0.4' }] }));
    expect(dns(ans, false)).toBe(`4660 2/0/0 A 172.18.0.3, A 172.18.0.4 (${ans.length})`);
    const nx = encodeDns(dnsMessage({ id: 7, response: true, rcode: RCODE_NXDOMAIN, questions: [{ name: 'nope', type: T_A, class: C_IN }] }));
    expect(dns(nx, false)).toBe('7 NXDomain- 0/0/0 (22)');
  });
});

describe('pcap filter', () => {
  const ip = (s: string): number => s.split('.').reduce((a, b) => ((a << 8) | Number(b)) >>> 0, 0);
  const tcp = (src: string, sp: number, dst: string, dp: number): EthFrame => ({ src: 'a', dst: 'b',
    ip: { src: ip(src), dst: ip(dst), ttl: 64, id: 1, proto: 'tcp', tcp: { sport: sp, dport: dp, flags: 2, seq: 0, ack: 0, win: 0, data: null } } });
  const arp: EthFrame = { src: 'a', dst: 'ff:ff:ff:ff:ff:ff', arp: { op: 1, sha: 'a', spa: ip('172.17.0.2'), tha: '00:00:00:00:00:00', tpa: ip('172.17.0.1') } };
  const f1 = tcp('172.17.0.2', 40000, '172.17.0.3', 80);

  it('matches hosts, ports, nets and protocols with and/or/not', () => {
    expect(compileFilter(['port', '80'])(f1)).toBe(true);
    expect(compileFilter(['tcp port 80 and host 172.17.0.3'])(f1)).toBe(true);
    expect(compileFilter(['src', 'host', '172.17.0.3'])(f1)).toBe(false);
    expect(compileFilter(['udp'])(f1)).toBe(false);
    expect(compileFilter(['not', 'arp'])(arp)).toBe(false);
    expect(compileFilter(['host 172.17.0.1'])(arp)).toBe(true);
    expect(compileFilter(['net 172.17.0.0/16 and not port 22'])(f1)).toBe(true);
    expect(compileFilter(['(', 'icmp', 'or', 'arp', ')'])(arp)).toBe(true);
    expect(compileFilter(['dst port http'])(f1)).toBe(true);
  });

  it('refuses what libpcap refuses', () => {
    expect(() => compileFilter(['port'])).toThrow(FilterError);
    expect(() => compileFilter(['port', '70000'])).toThrow('illegal port number 70000 > 65535');
    expect(() => compileFilter(['host', 'web'])).toThrow("unknown host 'web'");
  });
});

const BRIDGE_SETUP = 'ip link add br0 type bridge && ip link set br0 address 02:42:5e:00:00:01'
  + ' && ip link add veth0 type veth peer name veth1 && ip link set veth0 address 02:42:5e:00:00:02'
  + ' && ip link set veth1 address 02:42:5e:00:00:03 && ip link set veth0 master br0'
  + ' && ip link set br0 up && ip link set veth0 up && ip link set veth1 up';

describe('bridge, brctl, ifconfig', () => {
  it('bridge link and bridge fdb show as iproute2 prints them', async () => {
    const w = makeWorld('debian', hostYield);
    const r = await w.sh(`${BRIDGE_SETUP} && bridge link && bridge fdb show br br0`);
    expect(r.err).toBe('');
    expect(r.out).toBe('3: veth0@veth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2 \n'
      + '33:33:00:00:00:01 dev br0 self permanent\n01:00:5e:00:00:6a dev br0 self permanent\n'
      + '33:33:00:00:00:6a dev br0 self permanent\n01:00:5e:00:00:01 dev br0 self permanent\n'
      + '02:42:5e:00:00:01 dev br0 vlan 1 master br0 permanent\n02:42:5e:00:00:01 dev br0 master br0 permanent\n'
      + '02:42:5e:00:00:02 dev veth0 vlan 1 master br0 permanent\n02:42:5e:00:00:02 dev veth0 master br0 permanent\n'
      + '33:33:00:00:00:01 dev veth0 self permanent\n01:00:5e:00:00:01 dev veth0 self permanent\n');
    const r2 = await w.sh('bridge fdb show dev nosuch; echo rc=$?; bridge foo');
    expect(r2.err).toBe('Cannot find device "nosuch"\nObject "foo" is unknown, try "bridge help".\n');
  });

  it('brctl show: bridge-utils puts the first port after two tabs, further ports after seven', async () => {
    const w = makeWorld('debian', hostYield);
    const r = await w.sh(`${BRIDGE_SETUP} && ip link add veth2 type veth peer name veth3 && brctl addif br0 veth2 && brctl addbr br1 && brctl show; brctl addbr br1; brctl delbr br0`);
    // a bridge without ports ends its line after the tabs
    expect(r.out).toMatch(/^bridge name\tbridge id\t\tSTP enabled\tinterfaces\nbr0\t\t8000\.02425e000001\tno\t\tveth0\n\t{7}veth2\nbr1\t\t8000\.[0-9a-f]{12}\tno\t\t\n$/);
    expect(r.err).toBe("device br1 already exists; can't create bridge with the same name\nbridge br0 is still up; can't delete it\n");
  });

  it('busybox brctl show and ifconfig', async () => {
    const w = makeWorld('alpine', hostYield);
    const r = await w.sh(`${BRIDGE_SETUP} && ip link add veth2 type veth peer name veth3 && brctl addif br0 veth2 && brctl show && ip addr add 172.20.0.1/16 dev br0 && ifconfig br0; ifconfig eth7`);
    expect(r.out).toBe('bridge name\tbridge id\t\tSTP enabled\tinterfaces\n'
      + 'br0\t\t8000.02425e000001\tno\t\tveth0\n\t\t\t\t\t\t\tveth2\n'
      + 'br0       Link encap:Ethernet  HWaddr 02:42:5E:00:00:01  \n'
      + '          inet addr:172.20.0.1  Bcast:172.20.255.255  Mask:255.255.0.0\n'
      + '          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n'
      + '          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n'
      + '          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n'
      + '          collisions:0 txqueuelen:0 \n'
      + '          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n');
    expect(r.err).toBe('ifconfig: eth7: error fetching interface information: Device not found\n');
  });
});
