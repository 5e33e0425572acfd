// The shell program: argument handling (`sh -c CMD [NAME ARGS]`, `sh SCRIPT`,
// `sh -s`), the non-interactive loop that reads and runs one line at a time,
// and the interactive loop with prompt, job control and line editing.

import { isSysError, SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, S_IFMT, S_IFDIR, X_OK } from '@dockersim/kernel';
import type { ProcessContext, Program } from '@dockersim/kernel';
import { Shell, EV_EXIT } from './shell.ts';
import type { ShellMode } from './shell.ts';
import { ShellExit, ShellError, ShellInterrupt } from './errors.ts';
import { Parser, ParseError } from './parser.ts';
import type { Node } from './ast.ts';
import { readLineFd } from './input.ts';
import { LineEditor } from './lineedit.ts';
import { builtins } from './builtins.ts';
import { readPasswd } from '../libc/passwd.ts';
import { readFile } from '../libc/io.ts';
import { expandString } from './expand.ts';
import { basename } from '../libc/path.ts';

export function shellProgram(mode: ShellMode): Program {
  return (p) => runShell(p, mode);
}

async function runShell(p: ProcessContext, mode: ShellMode): Promise<number> {
  const { sys, argv } = p;
  const arg0 = argv[0] ?? 'sh';
  const sh = new Shell(sys, mode, arg0.startsWith('-') ? arg0.slice(1) : arg0);
  if (mode === 'bash' || mode === 'dash') sh.arg0 = sh.arg0.includes('/') && mode === 'dash' ? sh.arg0 : sh.arg0;
  for (const kv of p.env) {
    const i = kv.indexOf('=');
    if (i > 0) sh.vars.set(kv.slice(0, i), kv.slice(i + 1), true);
  }
  sh.rootPid = sys.getpid();
  initVars(sh);

  // options
  let cmd: string | undefined;
  let readStdin = false;
  let forceInteractive = false;
  let login = arg0.startsWith('-');
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--' || a === '-') { i++; break; }
    if (!/^[-+]/.test(a) || a.length < 2) break;
    if (a === '--login') { login = true; continue; }
    if (a === '--noprofile' || a === '--norc' || a === '--posix') continue;
    const on = a[0] === '-';
    for (const c of a.slice(1)) {
      switch (c) {
        case 'c': cmd = ''; break;
        case 's': readStdin = true; break;
        case 'i': forceInteractive = true; break;
        case 'l': login = true; break;
        case 'o': {
          const name = argv[++i];
          if (name === 'pipefail') sh.opts.pipefail = on;
          else if (name === 'errexit') sh.opts.e = on;
          else if (name === 'nounset') sh.opts.u = on;
          else if (name === 'xtrace') sh.opts.x = on;
          break;
        }
        case 'e': case 'u': case 'x': case 'f': case 'n': case 'v': case 'C': case 'm':
          (sh.opts as unknown as Record<string, boolean>)[c] = on; break;
        default:
          await sh.writeErr(mode === 'bash' ? `${arg0}: -${c}: invalid option\n` : `${arg0}: Illegal option -${c}\n`);
          return 2;
      }
    }
  }
  let status = 0;
  try {
    const willBeInteractive = cmd === undefined && (readStdin || i >= argv.length) && (forceInteractive || (sys.isatty(0) && sys.isatty(1)));
    if (login) await startupFiles(sh, 'login');
    if (willBeInteractive) { sh.interactive = true; await startupFiles(sh, login ? 'interactive-login' : 'interactive'); sh.interactive = false; }
    if (cmd !== undefined) {
      sh.invocation = 'c';
      cmd = argv[i++];
      if (cmd === undefined) {
        await sh.writeErr(mode === 'bash' ? `${arg0}: -c: option requires an argument\n` : `${arg0}: -c requires an argument\n`);
        return 2;
      }
      if (i < argv.length) { sh.arg0 = argv[i++]!; sh.commandName = sh.arg0; }
      sh.positional = argv.slice(i);
      if (mode === 'bash') sh.commandName = sh.commandName ?? arg0;
      // ash and bash exec the last command of the string in place of the
      // shell; Debian's dash carries a patch that turns this off, so there
      // `sh -c CMD` stays the parent of CMD (PID 1 in a shell-form container)
      status = await sh.runSource(cmd, mode === 'dash' ? 0 : EV_EXIT);
    } else if (!readStdin && i < argv.length) {
      const script = argv[i]!;
      try { sh.sys.access(script, 0); } catch (e) {
        if (!isSysError(e)) throw e;
        await sh.writeErr(mode === 'bash' ? `${arg0}: ${script}: ${sh.strerror(e.errno)}\n` : mode === 'dash' ? `${arg0}: 0: cannot open ${script}: No such file\n` : `${arg0}: can't open '${script}': ${sh.strerror(e.errno)}\n`);
        // ash raises a shell error (2); bash and dash follow POSIX's 127
        return mode === 'ash' ? 2 : 127;
      }
      status = await sh.runFile(script, argv.slice(i + 1));
    } else {
      sh.positional = argv.slice(i);
      sh.invocation = 's';
      const tty = sys.isatty(0) && sys.isatty(1);
      if (forceInteractive || (tty && sh.opts.n === false)) status = await interactive(sh);
      else status = await lineByLine(sh);
    }
  } catch (e) {
    if (e instanceof ShellExit) status = e.code;
    else if (e instanceof ShellError) { await sh.diag(e.message); status = e.status; }
    else throw e;
  }
  sh.status = status;
  await sh.runExitTrap();
  return status;
}

/** The profile and rc files a shell reads at start, as each shell does. */
async function startupFiles(sh: Shell, kind: 'login' | 'interactive' | 'interactive-login'): Promise<void> {
  const home = sh.vars.get('HOME') ?? '/';
  const files: string[] = [];
  if (kind === 'login') {
    files.push('/etc/profile');
    if (sh.mode === 'bash') {
      const first = [`${home}/.bash_profile`, `${home}/.bash_login`, `${home}/.profile`].find((f) => exists(sh, f));
      if (first) files.push(first);
    } else files.push(`${home}/.profile`);
  } else if (kind === 'interactive') {
    if (sh.mode === 'bash') files.push('/etc/bash.bashrc', `${home}/.bashrc`);
    else { const env = sh.vars.get('ENV'); if (env) files.push(env); }
  } else if (sh.mode !== 'bash') {
    const env = sh.vars.get('ENV'); if (env) files.push(env);
  }
  for (const f of files) {
    if (!exists(sh, f)) continue;
    const saved = sh.readingFile;
    sh.readingFile = true;
    try {
      const src = await readFileText(sh, f);
      if (src !== null) await sh.runSource(src);
    } catch (e) {
      if (!(e instanceof ShellError) && !(e instanceof ShellInterrupt)) throw e;
    } finally { sh.readingFile = saved; sh.skip = null; }
  }
}

function exists(sh: Shell, f: string): boolean {
  try { sh.sys.stat(f); return true; } catch (e) { if (isSysError(e)) return false; throw e; }
}

async function readFileText(sh: Shell, f: string): Promise<string | null> {
  try { return await readFile(sh.sys, f); } catch (e) { if (isSysError(e)) return null; throw e; }
}

function initVars(sh: Shell): void {
  const v = sh.vars;
  if (v.get('IFS') === undefined) v.set('IFS', ' \t\n');
  if (v.get('PS2') === undefined) v.set('PS2', '> ');
  if (v.get('PS4') === undefined) v.set('PS4', '+ ');
  if (v.get('OPTIND') === undefined) v.set('OPTIND', '1');
  v.set('PPID', String(sh.sys.getppid()));
  let cwd: string;
  try { cwd = sh.sys.getcwd(); } catch (e) { if (!isSysError(e)) throw e; cwd = '/'; }
  const pwd = v.get('PWD');
  let keep = false;
  if (pwd && pwd.startsWith('/')) {
    try { const a = sh.sys.stat(pwd), b = sh.sys.stat(cwd); keep = a.ino === b.ino && a.dev === b.dev; } catch (e) { if (!isSysError(e)) throw e; }
  }
  if (!keep) v.set('PWD', cwd, sh.mode !== 'dash');
  if (sh.mode === 'bash') { v.set('BASH', '/bin/bash'); v.set('BASH_VERSION', '5.2.21(1)-release'); v.set('HOSTNAME', sh.sys.gethostname()); v.set('UID', String(sh.sys.getuid())); }
}

/** Non-interactive input: one line at a time; a command runs before the next line is read. */
async function lineByLine(sh: Shell): Promise<number> {
  let buf = '';
  let status = 0;
  let eof = false;
  for (;;) {
    const line = await readLineFd(sh.sys, 0);
    if (line === null) eof = true;
    else buf += line;
    if (buf === '') break;
    const nodes = parseBuffer(sh, buf, eof);
    if (nodes === 'more') continue;
    buf = '';
    if (nodes instanceof ParseError) {
      sh.lineno = nodes.line;
      await sh.diag(sh.syntaxMessage(nodes));
      throw new ShellExit(2);
    }
    for (const n of nodes) {
      status = await sh.evalTop(n);
      sh.skip = null;
    }
    if (eof) break;
  }
  return status;
}

function parseBuffer(sh: Shell, buf: string, eof: boolean): Node[] | ParseError | 'more' {
  const p = new Parser(buf, { alias: (a) => sh.aliases.get(a), bash: sh.mode === 'bash', dash: sh.mode === 'dash' });
  const nodes: Node[] = [];
  try {
    for (let n = p.parseLine(); n; n = p.parseLine()) nodes.push(n);
  } catch (e) {
    if (e instanceof ParseError) {
      if (!eof && (e.kind === 'eof' || e.kind === 'quote')) return 'more';
      return e;
    }
    throw e;
  }
  if (!eof && /\\\n?$/.test(buf) && !buf.endsWith('\\\\\n')) return 'more';
  return nodes;
}

async function interactive(sh: Shell): Promise<number> {
  const sys = sh.sys;
  sh.interactive = true;
  sh.opts.m = true;
  for (const s of [SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU]) { try { sys.sigaction(s, 'ignore'); } catch (e) { if (!isSysError(e)) throw e; } }
  // SIGINT is caught, not ignored: ^C while the shell itself runs a loop abandons the line
  sys.sigaction(SIGINT, () => { if (!sh.traps.get(SIGINT)) sh.interrupted = true; else sh.onSignal(SIGINT); });
  // job control: the shell leads its own process group and owns the terminal
  try {
    const pid = sys.getpid();
    if (sys.getpgid(0) !== pid && sys.getsid(0) !== pid) sys.setpgid(0, pid);
    sh.shellPgid = sys.getpgid(0);
    sys.tcsetpgrp(0, sh.shellPgid);
    sh.ttyFd = 0;
  } catch (e) { if (!isSysError(e)) throw e; sh.ttyFd = -1; }
  if (sh.vars.get('PS1') === undefined) {
    const root = sys.geteuid() === 0;
    sh.vars.set('PS1', sh.mode === 'bash' ? '\\u@\\h:\\w\\$ ' : sh.mode === 'dash' ? (root ? '# ' : '$ ') : '\\w \\$ ');
  }
  const ed = new LineEditor(sys, 0, 2);
  let status = 0;
  let buf = '';
  for (;;) {
    await sh.reapJobs(true);
    const prompt = buf ? sh.vars.get('PS2') ?? '> ' : await expandPrompt(sh, sh.vars.get('PS1') ?? '$ ');
    const line = await ed.readLine(prompt, (l) => complete(sh, l));
    if (line === null) {
      if (buf) { buf = ''; continue; }
      if (sh.mode === 'bash') await sh.writeErr('exit\n');
      break;
    }
    if (line === '' && buf === '') continue;
    buf += line + '\n';
    const nodes = parseBuffer(sh, buf, false);
    if (nodes === 'more') continue;
    buf = '';
    if (nodes instanceof ParseError) {
      sh.lineno = nodes.line;
      await sh.diag(sh.syntaxMessage(nodes));
      sh.status = 2;
      continue;
    }
    sh.interrupted = false;
    try {
      for (const n of nodes) {
        status = await sh.evalTop(n);
        sh.skip = null;
      }
    } catch (e) {
      if (!(e instanceof ShellInterrupt)) throw e;
      await sh.writeErr('\n');
      sh.status = status = 130;
      sh.skip = null;
    }
  }
  return status;
}

/** PS1 with the escapes busybox's fancy prompt and bash understand, then parameter expansion. */
export async function expandPrompt(sh: Shell, ps1: string): Promise<string> {
  const sys = sh.sys;
  let out = '';
  for (let i = 0; i < ps1.length; i++) {
    const c = ps1[i]!;
    if (c !== '\\' || sh.mode === 'dash') { out += c; continue; }
    const n = ps1[++i];
    switch (n) {
      case 'u': {
        const uid = sys.geteuid();
        out += (await readPasswd(sys)).find((u) => u.uid === uid)?.name ?? String(uid);
        break;
      }
      case 'h': out += sys.gethostname().split('.')[0]; break;
      case 'H': out += sys.gethostname(); break;
      case 'w': case 'W': {
        const pwd = sh.vars.get('PWD') ?? sys.getcwd();
        const home = sh.vars.get('HOME');
        let w = home && home !== '/' && (pwd === home || pwd.startsWith(home + '/')) ? '~' + pwd.slice(home.length) : pwd;
        if (n === 'W') w = w === '/' ? '/' : w === '~' ? '~' : basename(w);
        out += w;
        break;
      }
      case '$': out += sys.geteuid() === 0 ? '#' : '$'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'e': out += '\x1b'; break;
      case 'a': out += '\x07'; break;
      case 's': out += basename(sh.arg0); break;
      case 'v': out += sh.mode === 'bash' ? '5.2' : '1.36.1'; break;
      case '[': case ']': break;
      case '\\': out += '\\'; break;
      case undefined: out += '\\'; break;
      default: out += '\\' + n;
    }
  }
  if (!out.includes('$') && !out.includes('`')) return out;
  try {
    const p = new Parser(out);
    return await expandString(sh, p.word('heredoc'));
  } catch (e) {
    if (e instanceof ParseError || e instanceof ShellError) return out;
    throw e;
  }
}

/** Tab completion: command names in the first word, paths elsewhere. */
function complete(sh: Shell, line: string): string[] {
  const word = /[^\s]*$/.exec(line)![0];
  const first = line.slice(0, line.length - word.length).trim() === '';
  const sys = sh.sys;
  const out = new Set<string>();
  const list = (dir: string): string[] => {
    try { return sys.readdir(dir).map((d) => d.name); } catch (e) { if (isSysError(e)) return []; throw e; }
  };
  if (first && !word.includes('/')) {
    for (const b of Object.keys(builtins)) if (b.startsWith(word)) out.add(b);
    for (const f of sh.funcs.keys()) if (f.startsWith(word)) out.add(f);
    for (const dir of (sh.vars.get('PATH') ?? '').split(':')) {
      for (const n of list(dir || '.')) {
        if (!n.startsWith(word)) continue;
        try { sys.access(`${dir}/${n}`, X_OK); out.add(n); } catch (e) { if (!isSysError(e)) throw e; }
      }
    }
    return [...out].sort();
  }
  const slash = word.lastIndexOf('/');
  const dir = slash >= 0 ? word.slice(0, slash + 1) : '';
  const base = word.slice(slash + 1);
  const home = sh.vars.get('HOME') ?? '/';
  const real = dir.startsWith('~/') ? home + dir.slice(1) : dir;
  for (const n of list(real || '.')) {
    if (!n.startsWith(base) || (n.startsWith('.') && !base.startsWith('.'))) continue;
    let isDir = false;
    try { isDir = (sys.stat(`${real || '.'}/${n}`).mode & S_IFMT) === S_IFDIR; } catch (e) { if (!isSysError(e)) throw e; }
    out.add(n + (isDir ? '/' : ''));
  }
  return [...out].sort();
}
