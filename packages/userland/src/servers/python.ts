// python3 as far as containers usually need it without a real interpreter:
// `python -m http.server` (SimpleHTTPRequestHandler: files, directory
// listings, its error page and stderr log lines; the "Serving HTTP" banner
// goes to a block-buffered stdout, so it shows only with -u or
// PYTHONUNBUFFERED), --version, and -c / a prompt that evaluate print() of
// literals and integer arithmetic.

import { isSysError, AF_INET, SOCK_STREAM, S_IFMT, S_IFDIR } from '@dockersim/kernel';
import type { Program, Sys } from '@dockersim/kernel';
import { SockReader, httpDate, readBody, readHead, writeMessage } from '../libc/http.ts';
import { LineReader } from '../libc/io.ts';
import { strftime } from '../libc/time.ts';
import { peerOf } from '../libc/sockname.ts';
import { findFile, mimeOf } from './static.ts';

export const PYTHON_VERSION = '3.13.9';

const errorPage = (code: number, msg: string, explain: string) => `<!DOCTYPE HTML>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: ${code}</p>
        <p>Message: ${msg}.</p>
        <p>Error code explanation: ${code} - ${explain}.</p>
    </body>
</html>
`;

function listing(sys: Sys, dir: string, uri: string): string {
  const names = sys.readdir(dir).map((d) => (d.type === 'dir' ? `${d.name}/` : d.type === 'symlink' ? `${d.name}@` : d.name)).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  const title = `Directory listing for ${uri}`;
  return `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n<h1>${title}</h1>\n<hr>\n<ul>\n${names.map((n) => `<li><a href="${encodeURI(n.replace(/@$/, ''))}">${n}</a></li>\n`).join('')}</ul>\n<hr>\n</body>\n</html>\n`;
}

async function httpServer(sys: Sys, args: string[], unbuffered: boolean): Promise<number> {
  let port = 8000, bind = '0.0.0.0';
  let dir = sys.getcwd();
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--bind' || args[i] === '-b') bind = args[++i] ?? bind;
    else if (args[i] === '--directory' || args[i] === '-d') dir = args[++i] ?? dir;
    else if (/^\d+$/.test(args[i]!)) port = Number(args[i]);
  }
  const fd = sys.socket(AF_INET, SOCK_STREAM);
  try { sys.bind(fd, { addr: bind, port }); sys.listen(fd, 5); } catch (e) {
    if (!isSysError(e)) throw e;
    await sys.write(2, `Traceback (most recent call last):\n  File "<frozen runpy>", line 198, in _run_module_as_main\n  File "<frozen runpy>", line 88, in _run_code\n  File "/usr/local/lib/python3.13/http/server.py", line 1323, in <module>\n    test(\nOSError: [Errno ${e.errno}] ${e.errno === 98 ? 'Address already in use' : 'Permission denied'}\n`);
    return 1;
  }
  const banner = `Serving HTTP on ${bind} port ${port} (http://${bind}:${port}/) ...\n`;
  if (unbuffered) await sys.write(1, banner);
  const logTime = () => strftime('%d/%b/%Y %H:%M:%S', Math.floor(sys.now()));
  const serve = async (c: number) => {
    const r = new SockReader(sys, c);
    const peer = peerOf(sys, c);
    try {
      const head = await readHead(r);
      if (!head) return;
      await readBody(r, head, false);
      const [method = '', target = '/'] = head.start.split(' ');
      const log = (msg: string) => sys.write(2, `${peer.addr} - - [${logTime()}] ${msg}\n`);
      const reply = async (code: number, reason: string, headers: Array<[string, string]>, body: Uint8Array | string) => {
        const b = typeof body === 'string' ? new TextEncoder().encode(body) : body;
        await writeMessage(sys, c, `HTTP/1.0 ${code} ${reason}`, [['Server', `SimpleHTTP/0.6 Python/${PYTHON_VERSION}`], ['Date', httpDate(sys.now())], ...headers, ['Content-Length', String(b.length)]], method === 'HEAD' ? undefined : b);
        await log(`"${head.start}" ${code} -`);
      };
      const fail = async (code: number, msg: string, explain: string) => {
        await log(`code ${code}, message ${msg}`);
        await reply(code, msg, [['Connection', 'close'], ['Content-Type', 'text/html;charset=utf-8']], errorPage(code, msg, explain));
      };
      if (method !== 'GET' && method !== 'HEAD') { await fail(501, `Unsupported method ('${method}')`, 'Server does not support this operation'); return; }
      const f = await findFile(sys, dir, target, ['index.html', 'index.htm']);
      if (f.kind === 'file') await reply(200, 'OK', [['Content-type', mimeOf(f.path)], ['Last-Modified', httpDate(Math.floor(f.st.mtimeMs / 1000) * 1000)]], f.body);
      else if (f.kind === 'redirect') await reply(301, 'Moved Permanently', [['Location', `${target.split('?')[0]}/`]], '');
      else if (f.kind === 'dir' && (sys.stat(f.path).mode & S_IFMT) === S_IFDIR) await reply(200, 'OK', [['Content-type', 'text/html; charset=utf-8']], listing(sys, f.path, decodeURIComponent(target.split('?')[0]!)));
      else await fail(404, 'File not found', 'Nothing matches the given URI');
    } catch (e) { if (!isSysError(e)) throw e; } finally { try { sys.close(c); } catch (e) { if (!isSysError(e)) throw e; } }
  };
  for (;;) {
    let c: number;
    try { c = await sys.accept(fd); } catch (e) { if (!isSysError(e)) throw e; return 1; }
    await serve(c);
  }
}

/** Evaluates the tiny subset: print(...) of string/number literals and integer arithmetic; bare expressions at the prompt. */
export function evalPython(src: string, interactive: boolean): { out: string; err?: string } {
  let out = '';
  const value = (e: string): string | null => {
    const t = e.trim();
    if (/^(['"]).*\1$/s.test(t)) return t.slice(1, -1);
    if (/^[\d\s+\-*/%().]+$/.test(t) && /\d/.test(t)) {
      const toks = t.match(/\d+(?:\.\d+)?|\/\/|\*\*|[-+*/%()]/g) ?? [];
      let i = 0;
      const expr = (): number => { let v = term(); while (toks[i] === '+' || toks[i] === '-') { const op = toks[i++]; const w = term(); v = op === '+' ? v + w : v - w; } return v; };
      const term = (): number => { let v = unary(); while (['*', '/', '//', '%'].includes(toks[i] ?? '')) { const op = toks[i++]; const w = unary(); v = op === '*' ? v * w : op === '/' ? v / w : op === '//' ? Math.floor(v / w) : ((v % w) + w) % w; } return v; };
      const unary = (): number => { if (toks[i] === '-') { i++; return -unary(); } return pow(); };
      const pow = (): number => { const b = atom(); if (toks[i] === '**') { i++; return b ** unary(); } return b; };
      const atom = (): number => { const k = toks[i++]; if (k === '(') { const v = expr(); i++; return v; } return Number(k); };
      const v = expr();
      if (i !== toks.length || Number.isNaN(v)) return null;
      return t.includes('/') && !t.includes('//') ? (Number.isInteger(v) ? `${v}.0` : String(v)) : String(v);
    }
    return null;
  };
  for (const stmt of src.split(/[;\n]/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^print\((.*)\)$/s.exec(stmt);
    const v = m ? (m[1]!.trim() === '' ? '' : m[1]!.split(/,(?=(?:[^'"]*['"][^'"]*['"])*[^'"]*$)/).map(value).reduce<string | null>((acc, x) => (acc === null || x === null ? null : acc ? `${acc} ${x}` : x), '')) : interactive ? value(stmt) : null;
    if (v === null) return { out, err: `  File "<string>", line 1\n    ${stmt}\nNotImplementedError: this python runs only print() of literals and arithmetic\n` };
    if (m || v !== '') out += `${m ? v : interactive && /^['"]/.test(stmt) ? `'${v}'` : v}\n`;
  }
  return { out };
}

export const python: Program = async ({ sys, argv, env }) => {
  const args = argv.slice(1);
  let unbuffered = env.some((e) => /^PYTHONUNBUFFERED=./.test(e));
  while (args[0] === '-u' || args[0] === '-B' || args[0] === '-q') { if (args.shift() === '-u') unbuffered = true; }
  if (args[0] === '--version' || args[0] === '-V') { await sys.write(1, `Python ${PYTHON_VERSION}\n`); return 0; }
  if (args[0] === '-m' && args[1] === 'http.server') return httpServer(sys, args.slice(2), unbuffered);
  if (args[0] === '-m') { await sys.write(2, `${argv[0]}: No module named ${args[1] ?? ''}\n`); return 1; }
  if (args[0] === '-c') {
    const r = evalPython(args[1] ?? '', false);
    await sys.write(1, r.out);
    if (r.err) { await sys.write(2, r.err); return 1; }
    return 0;
  }
  if (args[0]) {
    try { sys.stat(args[0]); } catch (e) {
      if (!isSysError(e)) throw e;
      await sys.write(2, `${argv[0]}: can't open file '${args[0].startsWith('/') ? args[0] : `${sys.getcwd()}/${args[0]}`}': [Errno 2] No such file or directory\n`);
      return 2;
    }
    await sys.write(2, `${argv[0]}: running scripts is not simulated\n`);
    return 1;
  }
  const tty = sys.isatty(0);
  if (tty) await sys.write(1, `Python ${PYTHON_VERSION} (main, Oct 21 2025, 01:51:22) [GCC 12.2.0] on linux\nType "help", "copyright", "credits" or "license" for more information.\n`);
  const lines = new LineReader(sys, 0);
  for (;;) {
    if (tty) await sys.write(1, '>>> ');
    const l = await lines.line();
    if (l === null) { if (tty) await sys.write(1, '\n'); return 0; }
    const s = l.trim();
    if (s === 'exit()' || s === 'quit()' || s === 'exit') return 0;
    if (!s) continue;
    const r = evalPython(s, tty);
    await sys.write(1, r.out);
    if (r.err) await sys.write(2, r.err);
  }
};
