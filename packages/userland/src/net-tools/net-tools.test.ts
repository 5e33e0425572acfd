import { describe, expect, it } from 'vitest';
import { makeWorld } from '../testing/world.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('ip', () => {
  it('busybox ip addr lists lo as alpine shows it', async () => {
    const w = makeWorld('alpine', hostYield);
    const r = await w.sh('ip addr');
    expect(r.out).toBe('1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n'
      + '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n'
      + '    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n'
      + '    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n');
  });

  it('iproute2 adds a bridge, an address and shows the kernel route; errors as RTNETLINK answers', async () => {
    const w = makeWorld('debian', hostYield);
    const r = await w.sh('ip link add br0 type bridge && ip addr add 172.18.0.1/16 dev br0 && ip link set br0 up && ip route; ip link show br0; ip addr add 172.18.0.1/16 dev br0; echo rc=$?; ip link set nosuch up');
    expect(r.out).toMatch(/^172\.18\.0\.0\/16 dev br0 proto kernel scope link src 172\.18\.0\.1 linkdown \n3?/);
    expect(r.out).toMatch(/: br0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default \n    link\/ether [0-9a-f:]{17} brd ff:ff:ff:ff:ff:ff\n/);
    expect(r.err).toBe('RTNETLINK answers: File exists\nCannot find device "nosuch"\n');
    expect(r.out).toContain('rc=2');
  });
});

describe('ping', () => {
  it('busybox: seq from 0, virtual-clock times, summary', async () => {
    const w = makeWorld('alpine', hostYield);
    const r = await w.sh('ping -c 2 127.0.0.1');
    expect(r.out).toBe('PING 127.0.0.1 (127.0.0.1): 56 data bytes\n'
      + '64 bytes from 127.0.0.1: seq=0 ttl=64 time=0.031 ms\n64 bytes from 127.0.0.1: seq=1 ttl=64 time=0.031 ms\n\n'
      + '--- 127.0.0.1 ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\n'
      + 'round-trip min/avg/max = 0.031/0.031/0.031 ms\n');
  });

  it('iputils: icmp_seq from 1, rtt with mdev; unreachable network', async () => {
    const w = makeWorld('debian', hostYield);
    const r = await w.sh('ping -c 1 127.0.0.1; ping -c 1 10.1.2.3; echo rc=$?');
    expect(r.out).toBe('PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.\n64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.031 ms\n\n'
      + '--- 127.0.0.1 ping statistics ---\n1 packets transmitted, 1 received, 0% packet loss, time 0ms\nrtt min/avg/max/mdev = 0.031/0.031/0.031/0.000 ms\n'
      + 'PING 10.1.2.3 (10.1.2.3) 56(84) bytes of data.\nrc=2\n');
    expect(r.err).toBe('ping: connect: Network is unreachable\n');
  });
});

describe('iptables', () => {
  it('-S and -L -n show Docker-style nat rules in iptables\' formats; -D removes', async () => {
    const w = makeWorld('debian', hostYield);
    const r = await w.sh(`iptables -t nat -N DOCKER
iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
iptables -t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
iptables -t nat -S
iptables -t nat -L -n
iptables -t nat -D DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
iptables -t nat -D DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80`);
    expect(r.out).toBe(`-P PREROUTING ACCEPT
-P INPUT ACCEPT
-P OUTPUT ACCEPT
-P POSTROUTING ACCEPT
-N DOCKER
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
Chain PREROUTING (policy ACCEPT)
target     prot opt source               destination         
DOCKER     all  --  0.0.0.0/0            0.0.0.0/0            ADDRTYPE match dst-type LOCAL

Chain INPUT (policy ACCEPT)
target     prot opt source               destination         

Chain OUTPUT (policy ACCEPT)
target     prot opt source               destination         

Chain POSTROUTING (policy ACCEPT)
target     prot opt source               destination         
MASQUERADE  all  --  172.17.0.0/16        0.0.0.0/0            

Chain DOCKER (1 references)
target     prot opt source               destination         
DNAT       tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:8080 to:172.17.0.2:80
`);
    expect(r.err).toBe('iptables v1.8.10 (nf_tables): Bad rule (does a matching rule exist in that chain?).\n');
  });
});
