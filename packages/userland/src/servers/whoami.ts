// traefik/whoami: a Go HTTP server that answers with the container's host
// name, its interface addresses, the client's address and the request as
// Go's Request.Write puts it on the wire.

import { isSysError, AF_INET, SOCK_STREAM } from '@dockersim/kernel';
import type { Program } from '@dockersim/kernel';
import { SockReader, header, httpDate, readBody, readHead, writeMessage } from '../libc/http.ts';
import { strftime } from '../libc/time.ts';
import { interfaceAddrs, peerOf } from '../libc/sockname.ts';

/** Go's textproto canonical header key: "user-agent" → "User-Agent". */
const canonical = (k: string) => k.toLowerCase().replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase());

export const whoami: Program = async ({ sys, argv, env }) => {
  let port = Number(env.find((e) => e.startsWith('WHOAMI_PORT_NUMBER='))?.slice(19) ?? 80);
  let name = env.find((e) => e.startsWith('WHOAMI_NAME='))?.slice(12) ?? '';
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '-port' || argv[i] === '--port') port = Number(argv[++i]);
    else if (argv[i] === '-name' || argv[i] === '--name') name = argv[++i] ?? '';
  }
  const fd = sys.socket(AF_INET, SOCK_STREAM);
  try { sys.bind(fd, { addr: '0.0.0.0', port }); sys.listen(fd, 128); } catch (e) {
    if (!isSysError(e)) throw e;
    await sys.write(2, `${strftime('%Y/%m/%d %H:%M:%S', sys.now())} listen tcp :${port}: bind: ${e.errno === 98 ? 'address already in use' : 'permission denied'}\n`);
    return 1;
  }
  await sys.write(2, `${strftime('%Y/%m/%d %H:%M:%S', sys.now())} Starting up on port ${port}\n`);
  const serve = async (c: number) => {
    const r = new SockReader(sys, c);
    const peer = peerOf(sys, c);
    try {
      for (;;) {
        const head = await readHead(r);
        if (!head) break;
        const body = await readBody(r, head, false);
        const [method, target, version] = head.start.split(' ');
        let out = '';
        const path = (target ?? '/').split('?')[0];
        if (path === '/health') out = '';
        else if (path === '/bench') out = '1';
        else {
          if (name) out += `Name: ${name}\n`;
          out += `Hostname: ${sys.gethostname()}\n`;
          for (const a of interfaceAddrs(sys)) out += `IP: ${a.local}\n`;
          out += `RemoteAddr: ${peer.addr}:${peer.port}\n`;
          const host = header(head, 'host') ?? '';
          const ua = header(head, 'user-agent') ?? 'Go-http-client/1.1';
          const rest = head.headers.filter(([k]) => !/^(host|user-agent)$/i.test(k)).map(([k, v]) => [canonical(k), v] as [string, string]).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
          out += `${method} ${target} ${version}\r\nHost: ${host}\r\nUser-Agent: ${ua}\r\n${rest.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
          out += new TextDecoder().decode(body);
        }
        const bytes = new TextEncoder().encode(out);
        await writeMessage(sys, c, 'HTTP/1.1 200 OK', [['Content-Length', String(bytes.length)], ['Content-Type', 'text/plain; charset=utf-8'], ['Date', httpDate(sys.now())]], bytes);
        if (/close/i.test(header(head, 'connection') ?? '') || version !== 'HTTP/1.1') break;
      }
    } catch (e) { if (!isSysError(e)) throw e; }
    try { sys.close(c); } catch (e) { if (!isSysError(e)) throw e; }
  };
  for (;;) {
    let c: number;
    try { c = await sys.accept(fd); } catch (e) { if (!isSysError(e)) throw e; return 1; }
    void serve(c);
  }
};
