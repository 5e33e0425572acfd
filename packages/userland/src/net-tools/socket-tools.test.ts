// ss (iproute2 6.1) and busybox netstat against their real layouts: ss's
// buffered columns (widths from the longest field, "Peer Address:PortProcess"
// when not on a terminal, users:(("comm",pid=N,fd=N))), netstat's fixed
// printf columns and "PID/argv0" cut to 19 characters.

import { describe, expect, it } from 'vitest';
import { AF_INET, SOCK_DGRAM, SOCK_STREAM } from '@dockersim/kernel';
import type { Program } from '@dockersim/kernel';
import { makeWorld } from '../testing/world.ts';
import { renderColumns, ssColumns } from './ss-render.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Listens on TCP argv[1] (and, for port 80, UDP 127.0.0.11:40000), accepts and never reads. */
const listener: Program = async ({ sys, argv }) => {
  const fd = sys.socket(AF_INET, SOCK_STREAM, 0);
  sys.bind(fd, { addr: '0.0.0.0', port: Number(argv[1]) });
  sys.listen(fd, 511);
  if (argv[1] === '80') {
    const u = sys.socket(AF_INET, SOCK_DGRAM, 0);
    sys.bind(u, { addr: '127.0.0.11', port: 40000 });
  }
  for (;;) await sys.accept(fd);
};
/** Connects to argv[1]:argv[2], sends a request line and waits. */
const client: Program = async ({ sys, argv }) => {
  const fd = sys.socket(AF_INET, SOCK_STREAM, 0);
  await sys.connect(fd, { addr: argv[1]!, port: Number(argv[2]) });
  await sys.write(fd, 'GET / HTTP/1.1\r\n\r\n');
  await sys.sleep(1e9);
  return 0;
};

async function world(flavour: 'alpine' | 'debian') {
  const w = makeWorld(flavour, hostYield, { listener, 'nginx: master process': listener, client });
  await w.sh('mount -t proc proc /proc');
  return w;
}

describe('ss', () => {
  it('-tlnp: State shown (LISTEN and UNCONN), no Netid, Process padded to the users field', async () => {
    const w = await world('debian');
    const r = await w.sh('listener 80 & sleep 1; ss -tlnp');
    expect(r.out).toBe(
      'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess                         \n'
      + 'LISTEN 0      511          0.0.0.0:80        0.0.0.0:*    users:(("listener",pid=5,fd=3))\n');
  });

  it('-tulpn adds Netid; udp UNCONN comes before tcp; -H drops the header', async () => {
    const w = await world('debian');
    const r = await w.sh('listener 80 & sleep 1; ss -tulpn; ss -tlnH');
    expect(r.out).toBe(
      'Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess                         \n'
      + 'udp   UNCONN 0      0         127.0.0.11:40000      0.0.0.0:*    users:(("listener",pid=5,fd=4))\n'
      + 'tcp   LISTEN 0      511          0.0.0.0:80         0.0.0.0:*    users:(("listener",pid=5,fd=3))\n'
      // without the header the columns are only as wide as the fields
      + 'LISTEN 0      511    0.0.0.0:80 0.0.0.0:*\n');
  });

  it('-tn lists connected sockets as ESTAB with unread bytes in Recv-Q; one state hides the State column', async () => {
    const w = await world('debian');
    const r = await w.sh('listener 80 & sleep 1; client 127.0.0.1 80 & sleep 1; ss -tn; ss -tn state established; ss -u');
    expect(r.out).toBe(
      'State Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n'
      + 'ESTAB 0      0          127.0.0.1:32768    127.0.0.1:80          \n'
      + 'ESTAB 18     0          127.0.0.1:80       127.0.0.1:32768       \n'
      + 'Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n'
      + '0      0          127.0.0.1:32768    127.0.0.1:80          \n'
      + '18     0          127.0.0.1:80       127.0.0.1:32768       \n'
      + 'Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n');
  });

  it('bad options and state names as iproute2 reports them', async () => {
    const w = await world('debian');
    const r = await w.sh('ss -z; echo rc=$?; ss state bogus; echo rc=$?');
    expect(r.out).toBe('rc=255\nrc=255\n');
    expect(r.err).toBe("ss: invalid option -- 'z'\nUsage: ss [ OPTIONS ]\n       ss [ OPTIONS ] [ FILTER ]\nss: wrong state name: bogus\n");
  });

  it('on a terminal spreads the spare width over the columns, the rightmost first', () => {
    const cols = ssColumns();
    cols[0]!.disabled = true;
    const rows = [['', 'LISTEN', '0     ', '511   ', '0.0.0.0:', '80', '0.0.0.0:', '*', '', '']];
    // widths 6+7+7+15+4+14+4+7 = 64; 16 spare over 8 columns: 2 each
    expect(renderColumns(cols, rows, 80)).toBe(
      'State   ' + ' Recv-Q  ' + ' Send-Q  ' + '   Local Address:' + 'Port  ' + '   Peer Address:' + 'Port  ' + 'Process  \n'
      + 'LISTEN  ' + ' 0       ' + ' 511     ' + '         0.0.0.0:' + '80    ' + '        0.0.0.0:' + '*     ' + '         \n');
  });
});

describe('netstat (busybox)', () => {
  it('-tlnp: fixed 23-wide address columns and PID/argv0 cut to 19 characters', async () => {
    const w = await world('alpine');
    const r = await w.sh("listener 80 & sleep 1; 'nginx: master process' 8080 & sleep 1; netstat -tlnp");
    expect(r.out).toBe('Active Internet connections (only servers)\n'
      + 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    \n'
      + 'tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      4/listener\n'
      + 'tcp        0      0 0.0.0.0:8080            0.0.0.0:*               LISTEN      6/nginx: master pro\n');
  });

  it('-an: servers and established, udp with an empty state, then unix sockets of this namespace', async () => {
    const w = await world('alpine');
    const r = await w.sh('listener 80 & sleep 1; client 127.0.0.1 80 & sleep 1; netstat -an');
    expect(r.out).toBe('Active Internet connections (servers and established)\n'
      + 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       \n'
      + 'tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      \n'
      + 'tcp        0      0 127.0.0.1:32768         127.0.0.1:80            ESTABLISHED \n'
      + 'tcp       18      0 127.0.0.1:80            127.0.0.1:32768         ESTABLISHED \n'
      + 'udp        0      0 127.0.0.11:40000        0.0.0.0:*                           \n'
      + 'Active UNIX domain sockets (servers and established)\n'
      + 'Proto RefCnt Flags       Type       State         I-Node Path\n');
  });

  it('is not installed with GNU tools (Ubuntu has no net-tools); ss is not in busybox', async () => {
    const d = await world('debian');
    const r = await d.sh('netstat -tln; echo rc=$?; ifconfig; echo rc=$?');
    expect(r.out).toBe('rc=127\nrc=127\n');
    expect(r.err).toBe('sh: 1: netstat: not found\nsh: 1: ifconfig: not found\n');
    const a = await world('alpine');
    const r2 = await a.sh('ss -tln; echo rc=$?');
    expect(r2.err).toBe('sh: ss: not found\n');
  });
});
