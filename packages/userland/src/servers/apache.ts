// Apache httpd 2.4 as the official image runs it (httpd -DFOREGROUND): the
// DocumentRoot and Listen port from conf/httpd.conf, "It works!", its error
// documents, the common log format on stdout, error log notices on stderr,
// SIGWINCH for a graceful stop and SIGTERM for a fast one.

import { isSysError, AF_INET, SOCK_STREAM, SIGTERM, SIGINT, SIGWINCH, SIGHUP, SA_RESTART } from '@dockersim/kernel';
import type { Program, Sys } from '@dockersim/kernel';
import { SockReader, header, httpDate, readBody, readHead, writeMessage } from '../libc/http.ts';
import { readFile } from '../libc/io.ts';
import { strftime } from '../libc/time.ts';
import { interfaceAddrs, peerOf } from '../libc/sockname.ts';
import { findFile, mimeOf } from './static.ts';

export const APACHE_VER = 'Apache/2.4.65 (Unix)';

const REASON: Record<number, [string, string]> = {
  404: ['Not Found', 'The requested URL was not found on this server.'],
  403: ['Forbidden', "You don't have permission to access this resource."],
  400: ['Bad Request', 'Your browser sent a request that this server could not understand.<br />\n'],
  405: ['Method Not Allowed', 'The requested method POST is not allowed for this URL.'],
};

function errorDoc(code: number, loc?: string): string {
  if (code === 301) return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>301 Moved Permanently</title>\n</head><body>\n<h1>Moved Permanently</h1>\n<p>The document has moved <a href="${loc}">here</a>.</p>\n</body></html>\n`;
  const [t, m] = REASON[code] ?? ['Error', ''];
  return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${code} ${t}</title>\n</head><body>\n<h1>${t}</h1>\n<p>${m}</p>\n</body></html>\n`;
}

function errTime(t: number): string {
  const ms = Math.floor(t);
  return `${strftime('%a %b %d %H:%M:%S', ms)}.${String(Math.floor((t % 1000) * 1000)).padStart(6, '0')} ${strftime('%Y', ms)}`;
}

export const apacheHttpd: Program = async ({ sys, argv }) => {
  let conf = '';
  try { conf = await readFile(sys, '/usr/local/apache2/conf/httpd.conf'); } catch (e) { if (!isSysError(e)) throw e; }
  const root = /^\s*DocumentRoot\s+"?([^"\n]+)"?/m.exec(conf)?.[1] ?? '/usr/local/apache2/htdocs';
  const port = Number(/^\s*Listen\s+(?:[\d.]+:)?(\d+)/m.exec(conf)?.[1] ?? 80);
  const serverName = /^\s*ServerName\s+(\S+)/m.exec(conf)?.[1];
  const log = (mod: string, msg: string) => sys.write(2, `[${errTime(sys.now())}] [${mod}] [pid ${sys.getpid()}:tid ${sys.getpid()}] ${msg}\n`);
  if (argv.includes('-v')) { await sys.write(1, 'Server version: Apache/2.4.65 (Unix)\nServer built:   Jul 23 2025 00:00:00\n'); return 0; }
  if (!serverName) {
    const ip = interfaceAddrs(sys).find((a) => a.family === 'inet' && !a.local.startsWith('127.'))?.local ?? '127.0.0.1';
    const msg = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message\n`;
    await sys.write(2, msg + msg);
  }
  const fd = sys.socket(AF_INET, SOCK_STREAM);
  try { sys.bind(fd, { addr: '0.0.0.0', port }); sys.listen(fd, 511); } catch (e) {
    if (!isSysError(e)) throw e;
    await sys.write(2, `(${e.errno})${e.errno === 98 ? 'Address in use' : 'Permission denied'}: AH00072: make_sock: could not bind to address 0.0.0.0:${port}\nno listening sockets available, shutting down\nAH00015: Unable to open logs\n`);
    return 1;
  }
  await log('mpm_event:notice', `AH00489: ${APACHE_VER} configured -- resuming normal operations`);
  await log('core:notice', `AH00094: Command line: '${['httpd', ...argv.slice(1).map((a) => (a === '-DFOREGROUND' ? '-D FOREGROUND' : a))].join(' ')}'`);
  let stop: (sig: number) => void = () => {};
  const stopped = new Promise<number>((r) => { stop = r; });
  for (const s of [SIGTERM, SIGINT, SIGWINCH, SIGHUP]) sys.sigaction(s, (sig) => stop(sig), SA_RESTART);
  const serve = async (c: number) => {
    const r = new SockReader(sys, c);
    const peer = peerOf(sys, c);
    try {
      for (;;) {
        const head = await readHead(r);
        if (!head) break;
        await readBody(r, head, false);
        const [method = '', target = '/', version = 'HTTP/1.0'] = head.start.split(' ');
        let code = 200, body: Uint8Array | string = '';
        const hs: Array<[string, string]> = [['Date', httpDate(sys.now())], ['Server', APACHE_VER]];
        const f = await findFile(sys, root, target, ['index.html']);
        if (method !== 'GET' && method !== 'HEAD') { code = 405; body = errorDoc(405); }
        else if (f.kind === 'file') {
          const mt = Math.floor(f.st.mtimeMs / 1000);
          hs.push(['Last-Modified', httpDate(mt * 1000)], ['ETag', `"${f.body.length.toString(16)}-${(mt * 1000000).toString(16)}"`], ['Accept-Ranges', 'bytes']);
          body = f.body;
        } else if (f.kind === 'redirect') {
          code = 301;
          const loc = `http://${header(head, 'host') ?? 'localhost'}${target.split('?')[0]}/`;
          hs.push(['Location', loc]);
          body = errorDoc(301, loc);
        } else { code = f.kind === 'missing' ? 404 : 403; body = errorDoc(code); }
        const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
        hs.push(['Content-Length', String(bytes.length)]);
        const keep = version === 'HTTP/1.1' && !/close/i.test(header(head, 'connection') ?? '');
        if (keep) hs.push(['Keep-Alive', 'timeout=5, max=100'], ['Connection', 'Keep-Alive']); else hs.push(['Connection', 'close']);
        hs.push(['Content-Type', code === 200 && f.kind === 'file' ? `${mimeOf(f.path)}${mimeOf(f.path).startsWith('text/') ? '' : ''}` : 'text/html; charset=iso-8859-1']);
        const reason = code === 200 ? 'OK' : code === 301 ? 'Moved Permanently' : REASON[code]![0];
        await writeMessage(sys, c, `HTTP/1.1 ${code} ${reason}`, hs, method === 'HEAD' ? undefined : bytes);
        await sys.write(1, `${peer.addr} - - [${strftime('%d/%b/%Y:%H:%M:%S +0000', sys.now())}] "${head.start}" ${code} ${method === 'HEAD' ? '-' : bytes.length}\n`);
        if (!keep) break;
      }
    } catch (e) { if (!isSysError(e)) throw e; }
    try { sys.close(c); } catch (e) { if (!isSysError(e)) throw e; }
  };
  void (async () => { for (;;) { let c: number; try { c = await sys.accept(fd); } catch (e) { if (!isSysError(e)) throw e; return; } void serve(c); } })();
  const sig = await stopped;
  const what: Record<number, string> = { [SIGWINCH]: 'AH00492: caught SIGWINCH, shutting down gracefully', [SIGTERM]: 'AH00491: caught SIGTERM, shutting down', [SIGINT]: 'AH00491: caught SIGTERM, shutting down', [SIGHUP]: 'AH00491: caught SIGTERM, shutting down' };
  await log('mpm_event:notice', what[sig]!);
  return 0;
};

export type { Sys };
