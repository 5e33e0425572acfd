// ping(8): busybox's on alpine ("seq=0", "round-trip min/avg/max"), iputils'
// on the GNU flavour ("icmp_seq=1", "rtt min/avg/max/mdev"). An ICMP ping
// socket; replies are timed on the virtual clock, one request a second
// (-i), -c COUNT, -W/-w timeouts; SIGINT prints the statistics.

import { isSysError, AF_INET, SOCK_DGRAM, IPPROTO_ICMP, SOL_SOCKET, SO_RCVTIMEO, SIGINT, EAGAIN, EINTR } from '@dockersim/kernel';
import type { App } from '../libc/app.ts';
import { getaddrinfo, isIPv4 } from '../libc/resolv.ts';

function fmt(ms: number): string { return ms.toFixed(3); }

export async function ping(a: App): Promise<number> {
  const sys = a.sys;
  let count = Infinity, interval = 1000, deadline = Infinity, wait = a.gnu ? 10000 : 10000, size = 56, quiet = false;
  let host = '';
  const args = a.args;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const val = (): string => { const v = w.length > 2 ? w.slice(2) : args[++i]; if (v === undefined) throw new Error('missing'); return v; };
    if (w.startsWith('-c')) count = Number(val());
    else if (w.startsWith('-i')) interval = Number(val()) * 1000;
    else if (w.startsWith('-w')) deadline = Number(val()) * 1000;
    else if (w.startsWith('-W')) wait = Number(val()) * 1000;
    else if (w.startsWith('-s')) size = Number(val());
    else if (w === '-q') quiet = true;
    else if (w === '-4' || w === '-n') continue;
    else if (w.startsWith('-')) {
      await sys.write(2, a.gnu ? `ping: invalid option -- '${w.slice(1, 2)}'\n` : `ping: unrecognized option '${w}'\n`);
      return 2;
    } else host = w;
  }
  if (!host) {
    await sys.write(2, a.gnu ? 'ping: usage error: Destination address required\n' : 'BusyBox v1.36.1 (2024-06-12 11:52:11 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n');
    return a.gnu ? 1 : 1;
  }
  let addr = host;
  if (!isIPv4(host)) {
    const r = await getaddrinfo(sys, host);
    if (!r.addrs.length) {
      await sys.write(2, a.gnu ? `ping: ${host}: ${r.error === 'TIMEOUT' ? 'Temporary failure in name resolution' : 'Name or service not known'}\n` : `ping: bad address '${host}'\n`);
      return a.gnu ? 2 : 1;
    }
    addr = r.addrs[0]!;
  }
  let fd: number;
  try { fd = sys.socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP); } catch (e) { return a.perror('socket', e); }
  await a.write(a.gnu ? `PING ${host} (${addr}) ${size}(${size + 28}) bytes of data.\n` : `PING ${host} (${addr}): ${size} data bytes\n`);
  await a.out.flush();
  const start = sys.uptime();
  const rtts: number[] = [];
  let sent = 0, errors = 0;
  let stop = false;
  sys.sigaction(SIGINT, () => { stop = true; });
  const payload = new Uint8Array(size);
  const name = addr === host || !a.gnu ? addr : `${host} (${addr})`;
  while (!stop && sent < count && sys.uptime() - start < deadline) {
    const seq = a.gnu ? sent + 1 : sent;
    const pkt = new Uint8Array(8 + size);
    pkt[0] = 8; pkt[6] = seq >> 8; pkt[7] = seq & 255;
    pkt.set(payload, 8);
    const t0 = sys.uptime();
    try {
      await sys.sendto(fd, pkt, { addr, port: 0 });
    } catch (e) {
      if (!isSysError(e)) throw e;
      if (a.gnu) { await a.out.flush(); await sys.write(2, `ping: connect: ${a.strerror(e.errno)}\n`); return 2; }
      await a.out.flush(); await sys.write(2, `ping: sendto: ${a.strerror(e.errno)}\n`); return 1;
    }
    sent++;
    const until = t0 + Math.min(sent < count ? interval : wait, deadline - (t0 - start));
    let gotIt = false;
    for (;;) {
      if (gotIt) break;
      const left = until - sys.uptime();
      if (left <= 0 || stop) break;
      sys.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, left);
      let r;
      try { r = await sys.recvfrom(fd); } catch (e) {
        if (isSysError(e) && (e.errno === EAGAIN || e.errno === EINTR)) break;
        throw e;
      }
      const d = r.data;
      const rseq = (d[6]! << 8) | d[7]!;
      if (d[0] === 0 && rseq === seq) {
        const rtt = sys.uptime() - t0;
        rtts.push(rtt);
        gotIt = true;
        if (!quiet) {
          await a.write(a.gnu ? `${d.length} bytes from ${name}: icmp_seq=${seq} ttl=${r.ttl} time=${rtt < 1 ? fmt(rtt) : rtt < 10 ? rtt.toFixed(2) : rtt < 100 ? rtt.toFixed(1) : Math.round(rtt)} ms\n`
            : `${d.length} bytes from ${addr}: seq=${seq} ttl=${r.ttl} time=${fmt(rtt)} ms\n`);
          await a.out.flush();
        }
      } else if (d[0] === 3) {
        const from = (r.addr as { addr: string }).addr;
        errors++;
        if (a.gnu) { await a.write(`From ${from} icmp_seq=${seq} Destination ${d[1] === 1 ? 'Host' : d[1] === 3 ? 'Port' : 'Net'} Unreachable\n`); await a.out.flush(); }
      }
    }
    if (sent < count && !stop) {
      const left = t0 + interval - sys.uptime();
      if (left > 0) await sys.sleep(left).catch(() => {});
    }
  }
  const got = rtts.length;
  const loss = sent ? Math.floor(((sent - got) * 100) / sent) : 0;
  if (a.gnu) {
    const time = Math.round(sys.uptime() - start);
    await a.write(`\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${got} received, ${errors ? `+${errors} errors, ` : ''}${loss}% packet loss, time ${time}ms\n`);
    if (got) {
      const min = Math.min(...rtts), max = Math.max(...rtts), avg = rtts.reduce((x, y) => x + y, 0) / got;
      const mdev = Math.sqrt(rtts.reduce((x, y) => x + y * y, 0) / got - avg * avg);
      await a.write(`rtt min/avg/max/mdev = ${fmt(min)}/${fmt(avg)}/${fmt(max)}/${fmt(mdev)} ms\n`);
    }
  } else {
    await a.write(`\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${got} packets received, ${loss}% packet loss\n`);
    if (got) {
      const min = Math.min(...rtts), max = Math.max(...rtts), avg = rtts.reduce((x, y) => x + y, 0) / got;
      await a.write(`round-trip min/avg/max = ${fmt(min)}/${fmt(avg)}/${fmt(max)} ms\n`);
    }
  }
  sys.close(fd);
  return got ? 0 : 1;
}
