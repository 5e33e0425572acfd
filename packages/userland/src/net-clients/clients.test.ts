import { describe, expect, it } from 'vitest';
import { AF_INET, SOCK_DGRAM, SOCK_STREAM, executable, isSysError } from '@dockersim/kernel';
import type { Program, Sys } from '@dockersim/kernel';
import { makeWorld } from '../testing/world.ts';
import { decodeDns, dnsMessage, encodeDns, T_A } from '../libc/dns.ts';
import { concat } from '../libc/io.ts';
import { progressLine, ulltoa5 } from './wget.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));

/** A tiny authoritative-less DNS server on 127.0.0.11:53: "web" has one A record, "iotd" three. */
const ZONE: Record<string, string[]> = { web: ['172.18.0.2'], iotd: ['172.18.0.5', '172.18.0.3', '172.18.0.4'] };
function answer(q: Uint8Array): Uint8Array {
  const m = decodeDns(q);
  const qq = m.questions[0]!;
  const addrs = ZONE[qq.name];
  return encodeDns(dnsMessage({
    id: m.id, response: true, recursionDesired: m.recursionDesired, recursionAvailable: true, questions: m.questions,
    rcode: addrs ? 0 : 3,
    answers: qq.type === T_A && addrs ? addrs.map((data) => ({ name: qq.name, type: T_A, class: 1, ttl: 600, data })) : [],
  }));
}
const dnsd: Program = async ({ sys }) => {
  let udp = -1;
  try { udp = sys.socket(AF_INET, SOCK_DGRAM); sys.bind(udp, { addr: '127.0.0.11', port: 53 }); } catch (e) { if (!isSysError(e)) throw e; udp = -1; }
  const tcp = sys.socket(AF_INET, SOCK_STREAM);
  sys.bind(tcp, { addr: '127.0.0.11', port: 53 });
  sys.listen(tcp, 8);
  const serveUdp = async (s: Sys) => { for (;;) { const { data, addr } = await s.recvfrom(udp); await s.sendto(udp, answer(data), addr); } };
  if (udp >= 0) void serveUdp(sys);
  for (;;) {
    const c = await sys.accept(tcp);
    let buf = new Uint8Array(0);
    while (buf.length < 2 || buf.length < 2 + ((buf[0]! << 8) | buf[1]!)) buf = concat([buf, await sys.read(c)]);
    const r = answer(buf.subarray(2));
    await sys.write(c, concat([new Uint8Array([r.length >> 8, r.length & 255]), r]));
    sys.close(c);
  }
};

function world() {
  const w = makeWorld('alpine', hostYield, { dnsd });
  w.k.fs.writeFile('/usr/bin/curl', executable('curl'), 0o755);
  w.k.fs.writeFile('/usr/bin/getent', executable('getent'), 0o755);
  w.k.fs.writeFile('/etc/resolv.conf', 'nameserver 127.0.0.11\noptions ndots:0\n');
  w.k.fs.writeFile('/etc/hosts', '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n');
  return w;
}

describe('busybox wget', () => {
  it('progress line: 20-column name, 32-star bar and smart_ulltoa5 sizes as on an 80-column stderr', () => {
    expect(progressLine('index.html', 615, 615)).toBe('index.html           100% |********************************|   615  0:00:00 ETA');
    expect(ulltoa5(123456)).toBe(' 120k');
    expect(ulltoa5(99999)).toBe('99999');
  });

  it('says what it does on stderr, and fails with busybox\'s texts', async () => {
    const w = world();
    const r = await w.sh(`cd /tmp; echo hello > /tmp/index.html
(printf 'HTTP/1.1 200 OK\\r\\nContent-Length: 6\\r\\n\\r\\n'; cat /tmp/index.html) | nc -l -p 8080 >/dev/null &
sleep 1
wget localhost:8080/x/page.html; cat page.html
wget http://localhost:9/; echo "rc=$?"
wget http://nosuch.example/; echo "rc=$?"`);
    expect(r.err).toBe([
      'Connecting to localhost:8080 (127.0.0.1:8080)',
      "saving to 'page.html'",
      'page.html            100% |********************************|     6  0:00:00 ETA',
      "'page.html' saved",
      'Connecting to localhost:9 (127.0.0.1:9)',
      "wget: can't connect to remote host (127.0.0.1): Connection refused",
      "wget: bad address 'nosuch.example'",
      '',
    ].join('\n'));
    expect(r.out).toBe('hello\nrc=1\nrc=1\n');
  });
});

describe('nc', () => {
  it('-z reports an open port with -v and is silent on a refused one', async () => {
    const w = world();
    const r = await w.sh(`nc -l -p 7000 >/dev/null &
sleep 1
nc -zv 127.0.0.1 7000; echo "open=$?"
nc -zv 127.0.0.1 7001; echo "closed=$?"`);
    expect(r.err).toBe('127.0.0.1 (127.0.0.1:7000) open\n');
    expect(r.out).toBe('open=0\nclosed=1\n');
  });

  it('carries a message from client to server', async () => {
    const w = world();
    const r = await w.sh(`nc -l -p 7000 > /tmp/got &
sleep 1
echo ping | nc 127.0.0.1 7000
wait; cat /tmp/got`);
    expect(r.out).toBe('ping\n');
  });
});

describe('curl', () => {
  it('errors with its exit codes and texts', async () => {
    const w = world();
    const r = await w.sh(`curl localhost:8080; echo "rc=$?"
curl -s localhost:8080; echo "rc=$?"
curl http://nosuch.example/; echo "rc=$?"`);
    expect(r.err).toBe("curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\ncurl: (6) Could not resolve host: nosuch.example\n");
    expect(r.out).toBe('rc=7\nrc=7\nrc=6\n');
  });

  it('-f fails on 404 with code 22; -w prints the status', async () => {
    const w = world();
    const r = await w.sh(`printf 'HTTP/1.1 404 Not Found\\r\\nContent-Length: 0\\r\\n\\r\\n' | nc -l -p 8080 >/dev/null &
sleep 1
curl -sf -w '%{http_code}\\n' localhost:8080/x; echo "rc=$?"`);
    expect(r.out).toBe('rc=22\n');
    expect(r.err).toBe('');
  });
});

describe('name resolution', () => {
  it('nslookup prints busybox\'s layout, the A records in the order the server gave them', async () => {
    const w = world();
    const r = await w.sh('dnsd & sleep 1; nslookup iotd; nslookup nope; echo "rc=$?"');
    expect(r.out).toBe([
      'Server:\t\t127.0.0.11', 'Address:\t127.0.0.11:53', '',
      'Non-authoritative answer:', 'Name:\tiotd', 'Address: 172.18.0.5', 'Name:\tiotd', 'Address: 172.18.0.3', 'Name:\tiotd', 'Address: 172.18.0.4', '',
      'Non-authoritative answer:', '',
      'Server:\t\t127.0.0.11', 'Address:\t127.0.0.11:53', '',
      "** server can't find nope: NXDOMAIN", '',
      "** server can't find nope: NXDOMAIN", '',
      'rc=1', '',
    ].join('\n'));
  });

  it('getent hosts goes to /etc/hosts, then DNS', async () => {
    const w = world();
    const r = await w.sh('dnsd & sleep 1; getent hosts localhost; getent hosts web; getent hosts nope; echo "rc=$?"');
    expect(r.out).toBe('::1             localhost ip6-localhost ip6-loopback\n172.18.0.2      web\nrc=2\n');
  });

  it('clients connect to the address DNS gives', async () => {
    const w = world();
    const r = await w.sh('dnsd & sleep 1; wget -q -O- http://web:81/; echo "rc=$?"');
    // musl's strerror words
    expect(r.err).toBe("wget: can't connect to remote host (172.18.0.2): Network unreachable\n");
    expect(r.out).toBe('rc=1\n');
  });
});
