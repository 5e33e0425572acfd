// The shell's state and evaluator, modelled on busybox ash's eval.c part:
// evaltree with EV_EXIT (the last command of `sh -c` or of a subshell is
// exec'd in place of the shell when no trap is set) and EV_TESTED (contexts
// where `set -e` does not apply), fork via clone(2), redirections saved and
// restored around builtins, traps run between commands.

import {
  SysError, isSysError, ENOENT, ENOTDIR, EACCES, ENOEXEC, ELOOP, ENAMETOOLONG, EAGAIN, ENOMEM,
  O_RDONLY, S_IFMT, S_IFREG, S_IFDIR,
  SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, signalNames,
} from '@dockersim/kernel';
import type { Sys, ExitStatus, CloneOptions } from '@dockersim/kernel';
import type { Node, Redir, Word } from './ast.ts';
import { plainWord } from './ast.ts';
import { Vars } from './vars.ts';
import { expandWords, expandString, expandPattern } from './expand.ts';
import { Parser, ParseError } from './parser.ts';
import { ShellError, ShellExit, ShellInterrupt } from './errors.ts';
import { fnmatch } from '../libc/fnmatch.ts';
import { strerror } from '../libc/errors.ts';
import { readAll, readFile } from '../libc/io.ts';
import { readPasswd } from '../libc/passwd.ts';
import { builtins, specialBuiltins } from './builtins.ts';
import { nodeText } from './unparse.ts';
import * as jobs from './jobs.ts';
import * as redir from './redirect.ts';

export type ShellMode = 'ash' | 'dash' | 'bash';

export const EV_EXIT = 1, EV_TESTED = 2;

export interface Job { id: number; pgid: number; pids: number[]; cmd: string; state: 'Running' | 'Stopped' | 'Done'; status: number; notified: boolean; jobctl: boolean }

export interface ShellOptions { e: boolean; u: boolean; x: boolean; f: boolean; n: boolean; v: boolean; C: boolean; m: boolean; pipefail: boolean }

export class Shell {
  vars: Vars;
  funcs: Map<string, Node>;
  aliases: Map<string, string>;
  positional: string[] = [];
  opts: ShellOptions = { e: false, u: false, x: false, f: false, n: false, v: false, C: false, m: false, pipefail: false };
  status = 0;
  lastBg: number | undefined;
  traps = new Map<number, string>();
  pendingSigs: number[] = [];
  jobs: Job[] = [];
  interactive = false;
  /** $0 */
  arg0: string;
  /** the script name (or -c name) shown in messages; undefined for -c without name and stdin */
  commandName: string | undefined;
  lineno = 1;
  /** evalskip: break/continue/return unwinding */
  skip: 'break' | 'continue' | 'return' | null = null;
  skipCount = 0;
  loopDepth = 0;
  funcDepth = 0;
  steps = 0;
  /** true in a forked child (subshell, pipeline stage, $(...), background) */
  isSubshell = false;
  /** the tty fd and the shell's own process group, when job control is on */
  ttyFd = -1;
  shellPgid = 0;
  /** $(...) exit status, for assignments-only commands */
  lastSubstStatus = 0;
  /** "dot" script depth and the source file being read (for messages) */
  readingFile = false;
  getoptsInd = 1;
  getoptsOff = 0;
  /** set by the interactive shell's SIGINT handler; the evaluator abandons the line */
  interrupted = false;

  constructor(public sys: Sys, readonly mode: ShellMode, arg0: string, from?: Shell) {
    this.arg0 = arg0;
    this.vars = new Vars(from?.vars);
    this.funcs = from ? new Map(from.funcs) : new Map();
    this.aliases = from ? new Map(from.aliases) : new Map();
    if (from) {
      this.positional = from.positional.slice();
      this.opts = { ...from.opts };
      this.status = from.status;
      this.lastBg = from.lastBg;
      this.commandName = from.commandName;
      this.lineno = from.lineno;
      this.interactive = false;
      this.isSubshell = true;
      this.readingFile = from.readingFile;
      this.funcDepth = from.funcDepth;
      this.rootPid = from.rootPid;
      this.loopDepth = from.loopDepth;
      // a subshell keeps ignored signals ignored; other traps are reset
      for (const [s, a] of from.traps) if (a === '') this.traps.set(s, '');
    }
  }

  /** A copy of this shell for a forked child running on csys. */
  fork(csys: Sys): Shell {
    const c = new Shell(csys, this.mode, this.arg0, this);
    // handlers are closures over this shell: a child must not inherit them
    for (const [s, a] of this.traps) if (a !== '' && s > 0) csys.sigaction(s, 'default');
    if (this.interactive && !this.traps.has(SIGINT)) csys.sigaction(SIGINT, 'default');
    return c;
  }

  // ------------------------------------------------------------ variables

  getVar(name: string): string | undefined { return this.vars.get(name); }

  setVar(name: string, value: string, exported = false): void {
    if (!this.vars.set(name, value, exported)) throw new ShellError(this.roMessage(name), this.mode === 'bash' ? 1 : 2);
  }

  roMessage(name: string): string { return this.mode === 'bash' ? `${name}: readonly variable` : `${name}: is read only`; }

  ifs(): string { return this.vars.get('IFS') ?? ' \t\n'; }

  /** Value of a parameter by name (special, positional or variable); undefined when unset. */
  param(name: string): string | undefined {
    switch (name) {
      case '?': return String(this.status);
      case '$': return String(this.rootPid);
      case '!': return this.lastBg === undefined ? (this.mode === 'bash' ? undefined : '') : String(this.lastBg);
      case '#': return String(this.positional.length);
      case '-': return this.flagString();
      case '0': return this.arg0;
      case '@': case '*': return this.positional.join(' ');
    }
    if (/^[0-9]+$/.test(name)) return this.positional[Number(name) - 1];
    if (name === 'LINENO') return String(this.lineno);
    if (name === 'RANDOM' && this.mode !== 'dash') {
      const b = this.sys.getrandom(2);
      return String(((b[0]! << 8) | b[1]!) & 0x7fff);
    }
    return this.vars.get(name);
  }

  rootPid = 0;

  /** How the shell was started, for $-: 'c' (-c) or 's' (commands from stdin). */
  invocation: '' | 'c' | 's' = '';

  flagString(): string {
    const o = this.opts;
    // ash's optletters order: e f I i m n s c x v C a b u E
    let s = '';
    if (o.e) s += 'e';
    if (o.f) s += 'f';
    if (this.interactive) s += 'i';
    if (o.m) s += 'm';
    if (o.n) s += 'n';
    if (this.invocation === 's') s += 's';
    if (this.invocation === 'c' && this.mode !== 'bash') s += 'c';
    if (o.x) s += 'x';
    if (o.v) s += 'v';
    if (o.C) s += 'C';
    if (o.u) s += 'u';
    if (this.mode === 'bash') s += 'hB' + (this.invocation === 'c' ? 'c' : '');
    return s;
  }

  checkUnset(name: string): void {
    if (this.opts.u && name !== '@' && name !== '*') {
      throw new ShellError(this.mode === 'bash' ? `${name}: unbound variable` : `${name}: parameter not set`, this.mode === 'bash' ? 1 : 2);
    }
  }

  arithMessage(m: string, src: string): string {
    if (this.mode === 'bash') return `${src.trim()}: ${m}`;
    if (this.mode === 'dash') return `Illegal number: ${src}`;
    return m;
  }

  async userHome(user: string): Promise<string | undefined> {
    return (await readPasswd(this.sys)).find((u) => u.name === user)?.home;
  }

  // ------------------------------------------------------------- messages

  /** The prefix of an error message, as ash/dash/bash print it. */
  prefix(cmd?: string): string {
    const line = this.lineno;
    if (this.mode === 'dash') return `${this.arg0}: ${line}: ${cmd ? `${cmd}: ` : ''}`;
    if (this.mode === 'bash') {
      const where = this.interactive && !this.readingFile ? '' : `line ${line}: `;
      return `${this.commandName ?? this.arg0}: ${where}${cmd ? `${cmd}: ` : ''}`;
    }
    let s = `${this.arg0}: `;
    const cn = cmd ?? this.commandName;
    if (cn) {
      if (cn !== this.arg0) s += `${cn}: `;
      if (!this.interactive || this.readingFile) s += `line ${line}: `;
    }
    return s;
  }

  async diag(msg: string, cmd?: string): Promise<void> {
    await this.writeErr(`${this.prefix(cmd)}${msg}\n`);
  }

  /**
   * bash's time keyword: the pipeline's elapsed (virtual) time on the shell's
   * stderr in TIMEFORMAT's default shape, or POSIX's with -p. Simulated
   * programs are charged no CPU time, so user and sys are zero.
   */
  private async evalTime(body: Node | null, posix: boolean, flags: number): Promise<number> {
    const t0 = this.sys.now();
    const status = body ? await this.eval(body, flags & ~EV_EXIT) : 0;
    const secs = (this.sys.now() - t0) / 1000;
    const long = (s: number) => `${Math.floor(s / 60)}m${(s % 60).toFixed(3)}s`;
    await this.writeErr(posix
      ? `real ${secs.toFixed(2)}\nuser 0.00\nsys 0.00\n`
      : `\nreal\t${long(secs)}\nuser\t${long(0)}\nsys\t${long(0)}\n`);
    this.status = status;
    return status;
  }

  async writeErr(s: string): Promise<void> {
    try { await this.sys.write(2, s); } catch (e) { if (!isSysError(e)) throw e; }
  }

  async writeOut(s: string): Promise<number> {
    try { await this.sys.write(1, s); return 0; } catch (e) {
      if (!isSysError(e)) throw e;
      return 1;
    }
  }

  strerror(errno: number): string { return strerror(this.mode === 'ash' ? 'busybox' : 'gnu', errno); }

  syntaxMessage(e: ParseError): string {
    const kw = (t: string): string => `"${t}"`;
    if (this.mode === 'bash') {
      if (e.kind === 'quote') return `unexpected EOF while looking for matching \`${e.token}'`;
      if (e.kind === 'eof') return 'syntax error: unexpected end of file';
      return `syntax error near unexpected token \`${e.tokKind === 'nl' ? 'newline' : e.token}'`;
    }
    const tok = e.kind === 'eof' ? 'end of file' : e.tokKind === 'nl' ? 'newline' : e.tokKind === 'word' ? 'word' : e.tokKind === 'redir' ? 'redirection' : kw(e.token);
    const exp = e.expecting && e.expecting !== 'badsubst' && e.expecting !== 'bad for loop variable' ? ` (expecting ${kw(e.expecting)})` : '';
    if (e.expecting === 'badsubst') return this.mode === 'dash' ? `${e.token}` : 'syntax error: bad substitution';
    if (e.expecting === 'bad for loop variable') return this.mode === 'dash' ? `Syntax error: Bad for loop variable` : 'syntax error: bad for loop variable';
    if (this.mode === 'dash') {
      if (e.kind === 'quote') return 'Syntax error: Unterminated quoted string';
      return `Syntax error: ${tok} unexpected${exp}`;
    }
    if (e.kind === 'quote') return 'syntax error: unterminated quoted string';
    return `syntax error: unexpected ${tok}${exp}`;
  }

  // ------------------------------------------------------------- evaluation

  hasTraps(): boolean {
    for (const a of this.traps.values()) if (a !== '') return true;
    return false;
  }

  /** Runs one parsed command line; returns its status. Shell errors are reported here. */
  async evalTop(n: Node, flags = 0): Promise<number> {
    try {
      return await this.eval(n, flags);
    } catch (e) {
      if (e instanceof ShellError) {
        await this.diag(e.message);
        this.status = e.status;
        if (!this.interactive && e.fatal) throw new ShellExit(e.status);
        return e.status;
      }
      throw e;
    }
  }

  async eval(n: Node, flags: number): Promise<number> {
    if (this.interrupted) { this.interrupted = false; throw new ShellInterrupt(); }
    if (this.pendingSigs.length) await this.runTraps();
    if (++this.steps >= 1000) { this.steps = 0; await this.sys.sched_yield(); }
    let status = 0;
    switch (n.k) {
      case 'cmd': status = await this.evalCommand(n, flags); break;
      case 'list': {
        const items = n.items;
        for (let i = 0; i < items.length; i++) {
          const last = i === items.length - 1;
          status = await this.eval(items[i]!, last ? flags : flags & EV_TESTED);
          if (this.skip) break;
        }
        return status;
      }
      case 'and': case 'or': {
        status = await this.eval(n.l, flags & ~EV_EXIT | EV_TESTED);
        if (this.skip) return status;
        if ((status === 0) === (n.k === 'and')) return this.eval(n.r, flags);
        this.status = status;
        return status;
      }
      case 'pipe': status = await this.evalPipe(n, flags); break;
      case 'time': status = await this.evalTime(n.body, n.posix, flags); break;
      case 'bg': status = await this.evalBackground(n.n); break;
      case 'sub': status = await this.evalSubshell(n.body, n.redirs, flags); break;
      case 'group': status = await this.withRedirs(n.redirs, () => this.eval(n.body, n.redirs.length ? flags & EV_TESTED : flags)); break;
      case 'if': {
        status = await this.withRedirs(n.redirs, async () => {
          const c = await this.eval(n.cond, EV_TESTED);
          if (this.skip) return c;
          if (c === 0) return this.eval(n.then, n.redirs.length ? flags & EV_TESTED : flags);
          if (n.else) return this.eval(n.else, n.redirs.length ? flags & EV_TESTED : flags);
          return 0;
        });
        break;
      }
      case 'while': case 'until': status = await this.withRedirs(n.redirs, () => this.evalLoop(n, flags)); break;
      case 'for': status = await this.withRedirs(n.redirs, () => this.evalFor(n, flags)); break;
      case 'case': status = await this.withRedirs(n.redirs, () => this.evalCase(n, flags)); break;
      case 'func': this.funcs.set(n.name, n.body); status = 0; break;
    }
    this.status = status;
    // as ash's evaltree: pending traps run before a set -e or EV_EXIT exit
    if (this.pendingSigs.length) { await this.runTraps(); }
    if (status !== 0 && this.opts.e && !(flags & EV_TESTED) && !this.skip && n.k !== 'if' && n.k !== 'while' && n.k !== 'until' && n.k !== 'for' && n.k !== 'case' && n.k !== 'group') {
      throw new ShellExit(status);
    }
    if (flags & EV_EXIT && !this.skip) throw new ShellExit(status);
    return status;
  }

  private async evalLoop(n: Extract<Node, { k: 'while' | 'until' }>, flags: number): Promise<number> {
    let status = 0;
    this.loopDepth++;
    try {
      for (;;) {
        const c = await this.eval(n.cond, EV_TESTED);
        if (this.skip) { if (this.loopSkip()) break; continue; }
        if ((c === 0) !== (n.k === 'while')) break;
        status = await this.eval(n.body, flags & EV_TESTED);
        if (this.skip) { if (this.loopSkip()) break; }
      }
    } finally { this.loopDepth--; }
    return status;
  }

  /** Handles break/continue at a loop boundary; returns true to leave the loop. */
  private loopSkip(): boolean {
    if (this.skip === 'return') return true;
    if (--this.skipCount > 0) return true;
    const brk = this.skip === 'break';
    this.skip = null;
    return brk;
  }

  private async evalFor(n: Extract<Node, { k: 'for' }>, flags: number): Promise<number> {
    const items = n.words ? await expandWords(this, n.words) : this.positional.slice();
    let status = 0;
    this.loopDepth++;
    try {
      for (const it of items) {
        this.setVar(n.name, it);
        status = await this.eval(n.body, flags & EV_TESTED);
        if (this.skip && this.loopSkip()) break;
      }
    } finally { this.loopDepth--; }
    return status;
  }

  private async evalCase(n: Extract<Node, { k: 'case' }>, flags: number): Promise<number> {
    const w = await expandString(this, n.word);
    for (const it of n.items) {
      for (const p of it.pats) {
        if (fnmatch(await expandPattern(this, p), w)) {
          return it.body ? this.eval(it.body, flags) : 0;
        }
      }
    }
    return 0;
  }

  // -------------------------------------------------------------- commands

  private async evalCommand(n: Extract<Node, { k: 'cmd' }>, flags: number): Promise<number> {
    this.lineno = n.line;
    this.lastSubstStatus = 0;
    let argv: string[];
    if (this.mode === 'bash' && n.words.length && plainWord(n.words[0]!) === '[[') {
      // [[ ... ]] is syntax in bash: no field splitting or pathname expansion inside
      argv = [];
      for (const w of n.words) argv.push(await expandString(this, w));
    } else argv = n.words.length ? await expandWords(this, n.words) : [];
    const assigns: Array<[string, string]> = [];
    for (const a of n.assigns) assigns.push([a.name, await expandString(this, a.value)]);
    if (this.opts.x) await this.xtrace(assigns, argv);

    if (argv.length === 0) {
      for (const [k, v] of assigns) this.setVar(k, v);
      if (n.redirs.length) {
        // redirections alone: performed (files created) and undone
        return this.withRedirs(n.redirs, async () => this.lastSubstStatus);
      }
      return this.lastSubstStatus;
    }
    const name = argv[0]!;
    const special = specialBuiltins.has(name);
    const fn = special ? undefined : this.funcs.get(name);
    const bi = fn ? undefined : builtins[name];
    if (bi && !(this.mode === 'dash' && bashOnly.has(name)) && !(this.mode === 'ash' && (name === 'declare' || name === 'typeset' || name === 'shopt'))) {
      if (name === 'exec' && argv.length > 1) {
        // exec CMD: redirections apply to the shell process, then the program replaces it
        if (!this.findCommand(argv[1]!)) {
          await this.diag(this.mode === 'bash' ? `${argv[1]}: not found` : this.notFound(argv[1]!), this.mode === 'ash' ? undefined : 'exec');
          throw new ShellExit(127);
        }
        await this.redirect(n.redirs, null);
        for (const [k, v] of assigns) this.setVar(k, v, true);
        return this.execOrFork(argv.slice(1), [], [], true);
      }
      const saved: Array<[string, string | undefined, boolean]> = [];
      if (!special || this.mode === 'bash') {
        for (const [k, v] of assigns) { const cur = this.vars.map.get(k); saved.push([k, cur?.v, cur?.x ?? false]); this.setVar(k, v, true); }
      } else for (const [k, v] of assigns) this.setVar(k, v);
      try {
        if (name === 'exec') { await this.redirect(n.redirs, null); return 0; }
        return await this.withRedirs(n.redirs, () => bi(this, argv));
      } finally {
        for (const [k, v, x] of saved) { if (v === undefined) this.vars.unset(k); else { this.vars.set(k, v); this.vars.export(k, x); } }
      }
    }
    if (fn) {
      return this.withRedirs(n.redirs, () => this.callFunction(fn, argv, assigns));
    }
    return this.execOrFork(argv, assigns, n.redirs, !!(flags & EV_EXIT) && !this.hasTraps());
  }

  async callFunction(body: Node, argv: string[], assigns: Array<[string, string]>): Promise<number> {
    const savedPos = this.positional;
    const savedArg0 = this.arg0;
    this.positional = argv.slice(1);
    if (this.mode === 'bash') { /* $0 stays the shell's */ }
    this.vars.pushFrame();
    for (const [k, v] of assigns) { this.vars.makeLocal(k); this.setVar(k, v, true); }
    this.funcDepth++;
    try {
      const st = await this.eval(body, EV_TESTED & 0);
      if (this.skip === 'return') { this.skip = null; this.skipCount = 0; return this.status; }
      return st;
    } finally {
      this.funcDepth--;
      this.vars.popFrame();
      this.positional = savedPos;
      this.arg0 = savedArg0;
    }
  }

  private async xtrace(assigns: Array<[string, string]>, argv: string[]): Promise<void> {
    const ps4 = this.vars.get('PS4') ?? '+ ';
    const q = (s: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
    const words = [...assigns.map(([k, v]) => `${k}=${q(v)}`), ...argv.map(q)];
    await this.writeErr(`${ps4}${words.join(' ')}\n`);
  }

  /** PATH lookup as ash's find_command: the first regular file named so. */
  findCommand(name: string): string | null {
    if (name.includes('/')) return name;
    const path = this.vars.get('PATH') ?? (this.mode === 'bash' ? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' : '/sbin:/usr/sbin:/bin:/usr/bin');
    for (const dir of path.split(':')) {
      const full = `${dir === '' ? '.' : dir}/${name}`;
      try {
        const st = this.sys.stat(full);
        if ((st.mode & S_IFMT) === S_IFREG) return full;
      } catch (e) { if (!isSysError(e)) throw e; }
    }
    return null;
  }

  notFound(name: string): string {
    return this.mode === 'bash' ? `${name}: command not found` : `${name}: not found`;
  }

  /** `command NAME ARGS`: an external command, bypassing functions. */
  runCommandWords(argv: string[]): Promise<number> { return this.execOrFork(argv, [], [], false); }

  /** Runs an external command: in place (exec) when allowed, else in a forked child. */
  private async execOrFork(argv: string[], assigns: Array<[string, string]>, redirs: Redir[], inPlace: boolean): Promise<number> {
    const name = argv[0]!;
    const path = this.findCommand(name);
    if (!path) {
      if (inPlace && this.isSubshell) {
        await this.diag(this.notFound(name));
        throw new ShellExit(127);
      }
      // ash reports in the parent; redirections are still not applied
      await this.diag(this.notFound(name));
      return 127;
    }
    const env = this.envFor(assigns);
    if (inPlace) {
      await this.redirect(redirs, null);
      return this.doExec(path, argv, env);
    }
    const pid = this.forkChild({
      comm: basename(name),
      child: async (csys) => {
        const c = this.fork(csys);
        c.resetSignalsForExec();
        if (this.interactive) c.enterJob(0, true);
        try {
          await c.redirect(redirs, null);
          return await c.doExec(path, argv, env);
        } catch (e) {
          if (e instanceof ShellExit) return e.code;
          if (e instanceof ShellError) { await c.diag(e.message); return 1; }
          throw e;
        }
      },
    });
    if (this.interactive) return this.waitForeground([pid], nodeText({ k: 'cmd', assigns: [], words: argv.map((a) => [{ t: 'lit', s: a, q: false }]), redirs: [], line: 0 }));
    return this.waitPid(pid);
  }

  private envFor(assigns: Array<[string, string]>): string[] {
    if (assigns.length === 0) return this.vars.env();
    return this.vars.env(new Map(assigns));
  }

  /** execve, and on failure ash's messages and statuses (127 not found, 126 otherwise). */
  private async doExec(path: string, argv: string[], env: string[]): Promise<never> {
    try {
      await this.sys.execve(path, argv, env);
    } catch (e) {
      if (!isSysError(e)) throw e;
      if (e.errno === ENOEXEC) {
        // not a binary and no #!: run it as a shell script, as ash does
        const script = new Shell(this.sys, this.mode, path, this);
        script.isSubshell = false;
        throw new ShellExit(await script.runFile(path, argv.slice(1)));
      }
      const code = e.errno === ENOENT || e.errno === ENOTDIR || e.errno === ELOOP || e.errno === ENAMETOOLONG ? 127 : 126;
      let msg: string;
      if (this.mode === 'bash') msg = `${argv[0]}: ${this.strerror(e.errno)}`;
      else if (e.errno === ENOENT || e.errno === ENOTDIR) msg = `${argv[0]}: not found`;
      else if (this.mode === 'ash' && e.errno === EACCES && !argv[0]!.includes('/')) msg = `${argv[0]}: Permission denied`;
      else msg = `${argv[0]}: ${this.strerror(e.errno)}`;
      await this.diag(msg);
      throw new ShellExit(code);
    }
    throw new ShellExit(0);
  }

  async runFile(path: string, args: string[]): Promise<number> {
    const src = await readFile(this.sys, path);
    this.positional = args;
    this.commandName = path;
    this.arg0 = path;
    return this.runSource(src);
  }

  /** Parses and runs source text one complete command at a time. */
  async runSource(src: string, flags = 0): Promise<number> {
    const p = new Parser(src, { alias: (a) => this.aliases.get(a), bash: this.mode === 'bash', dash: this.mode === 'dash' });
    let status = 0;
    for (;;) {
      let n: Node | null;
      try { n = p.parseLine(); } catch (e) {
        if (e instanceof ParseError) {
          this.lineno = e.line;
          await this.diag(this.syntaxMessage(e));
          this.status = 2;
          if (!this.interactive) throw new ShellExit(2);
          return 2;
        }
        throw e;
      }
      if (!n) break;
      const last = (flags & EV_EXIT) !== 0 && p.atEnd();
      status = await this.evalTop(n, last ? flags : flags & ~EV_EXIT);
      if (this.skip) break;
    }
    return status;
  }

  resetSignalsForExec(): void {
    if (this.interactive || this.ttyFd >= 0) {
      for (const s of [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU]) {
        if (this.traps.get(s) !== '') this.sys.sigaction(s, 'default');
      }
    }
  }

  // -------------------------------------------------------- subshells, pipes

  /** fork(2) as the shell reports its failure (pids.max reached: EAGAIN):
   * ash raises "can't fork: ..." (forkshell), bash "fork: ...". */
  forkChild(opts: CloneOptions): number {
    try { return this.sys.clone(opts); } catch (e) {
      if (!isSysError(e) || (e.errno !== EAGAIN && e.errno !== ENOMEM)) throw e;
      throw new ShellError(`${this.mode === 'bash' ? 'fork' : "can't fork"}: ${this.strerror(e.errno)}`);
    }
  }

  /** Starts a forked child running fn on a copy of this shell; returns its pid. */
  spawnShell(fn: (c: Shell) => Promise<number>, comm?: string, jobPgid = -1, fg = true): number {
    return this.forkChild({
      comm,
      child: async (csys) => {
        const c = this.fork(csys);
        if (jobPgid >= 0) c.enterJob(jobPgid, fg);
        try {
          return await fn(c);
        } catch (e) {
          if (e instanceof ShellExit) return e.code;
          if (e instanceof ShellError) { await c.diag(e.message); return e.status; }
          throw e;
        } finally {
          // a subshell's EXIT trap runs as it ends
          if (c.traps.get(0)) await c.runExitTrap();
        }
      },
    });
  }

  /** In an interactive shell's child: its own process group, in the foreground when fg. */
  enterJob(pgid: number, fg: boolean): void {
    try {
      this.sys.setpgid(0, pgid);
      if (fg && this.ttyFd >= 0) this.sys.tcsetpgrp(this.ttyFd, this.sys.getpgid(0));
    } catch (e) { if (!isSysError(e)) throw e; }
    for (const s of [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU]) this.sys.sigaction(s, 'default');
    this.ttyFd = -1;
  }

  private async evalSubshell(body: Node, redirs: Redir[], flags: number): Promise<number> {
    if ((flags & EV_EXIT) && !this.hasTraps()) {
      await this.redirect(redirs, null);
      return this.eval(body, flags);
    }
    const pid = this.spawnShell(async (c) => {
      await c.redirect(redirs, null);
      return c.eval(body, EV_EXIT);
    }, undefined, this.interactive ? 0 : -1);
    if (this.interactive) return this.waitForeground([pid], nodeText({ k: 'sub', body, redirs }));
    return this.waitPid(pid);
  }

  private async evalPipe(n: Extract<Node, { k: 'pipe' }>, flags: number): Promise<number> {
    const pids: number[] = [];
    let prev = -1;
    let pgid = this.interactive ? 0 : -1;
    for (let i = 0; i < n.cmds.length; i++) {
      const last = i === n.cmds.length - 1;
      let fds: [number, number] | null = null;
      if (!last) fds = this.sys.pipe();
      const inFd = prev;
      const stage = n.cmds[i]!;
      const pid = this.spawnShell(async (c) => {
        if (inFd >= 0) { c.sys.dup2(inFd, 0); c.sys.close(inFd); }
        if (fds) { c.sys.close(fds[0]); if (fds[1] !== 1) { c.sys.dup2(fds[1], 1); c.sys.close(fds[1]); } }
        return c.eval(stage, EV_EXIT);
      }, stage.k === 'cmd' ? undefined : undefined, pgid);
      if (pgid === 0) pgid = pid;
      pids.push(pid);
      if (prev >= 0) this.sys.close(prev);
      if (fds) { this.sys.close(fds[1]); prev = fds[0]; }
    }
    let status: number;
    if (this.interactive) status = await this.waitForeground(pids, nodeText(n));
    else {
      let lastNonZero = 0;
      status = 0;
      for (const p of pids) {
        status = await this.waitPid(p);
        if (status !== 0) lastNonZero = status;
      }
      if (this.opts.pipefail) status = lastNonZero;
    }
    return n.bang ? (status === 0 ? 1 : 0) : status;
  }

  private async evalBackground(n: Node): Promise<number> {
    const interactive = this.interactive;
    const pid = this.spawnShell(async (c) => {
      if (!interactive) {
        c.sys.sigaction(SIGINT, 'ignore');
        c.sys.sigaction(SIGQUIT, 'ignore');
        // without job control, a background job reads /dev/null
        try {
          const fd = c.sys.open('/dev/null', O_RDONLY);
          if (fd !== 0) { c.sys.dup2(fd, 0); c.sys.close(fd); }
        } catch (e) { if (!isSysError(e)) throw e; }
      }
      return c.eval(n, EV_EXIT);
    }, undefined, interactive ? 0 : -1, false);
    if (interactive) {
      try { this.sys.setpgid(pid, pid); } catch (e) { if (!isSysError(e)) throw e; }
    }
    this.lastBg = pid;
    const job = this.addJob([pid], pid, nodeText(n));
    if (interactive) await this.writeErr(`[${job.id}] ${pid}\n`);
    return 0;
  }

  /** $(...): runs body in a child with stdout on a pipe; returns the output without trailing newlines. */
  async captureOutput(body: Node | null): Promise<string> {
    if (!body) return '';
    const [r, w] = this.sys.pipe();
    const pid = this.spawnShell(async (c) => {
      c.sys.close(r);
      if (w !== 1) { c.sys.dup2(w, 1); c.sys.close(w); }
      return c.eval(body, EV_EXIT);
    });
    this.sys.close(w);
    let out: Uint8Array;
    try { out = await readAll(this.sys, r); } finally { this.sys.close(r); }
    this.lastSubstStatus = await this.waitPid(pid);
    this.status = this.lastSubstStatus;
    return new TextDecoder().decode(out).replace(/\n+$/, '');
  }

  // ------------------------------------------------ delegated to jobs.ts, redirect.ts

  reapJobs(notify: boolean): Promise<void> { return jobs.reapJobs(this, notify); }
  jobLine(j: Job, mark: string): string { return jobs.jobLine(this, j, mark); }
  addJob(pids: number[], pgid: number, cmd: string): Job { return jobs.addJob(this, pids, pgid, cmd); }
  statusOf(st: ExitStatus): number { return jobs.statusOf(this, st); }
  waitPid(pid: number): Promise<number> { return jobs.waitPid(this, pid); }
  waitForeground(pids: number[], cmd: string, existing?: Job): Promise<number> { return jobs.waitForeground(this, pids, cmd, existing); }
  redirect(redirs: Redir[], save: Array<[number, number]> | null): Promise<void> { return redir.redirect(this, redirs, save); }
  restore(save: Array<[number, number]>): void { redir.restore(this, save); }
  withRedirs(redirs: Redir[], fn: () => Promise<number>): Promise<number> { return redir.withRedirs(this, redirs, fn); }

  // ------------------------------------------------------------------ traps

  onSignal = (sig: number): void => { this.pendingSigs.push(sig); };

  async runTraps(): Promise<void> {
    const sigs = this.pendingSigs;
    this.pendingSigs = [];
    for (const s of sigs) {
      const action = this.traps.get(s);
      if (!action) continue;
      const saved = this.status;
      await this.runSource(action);
      this.status = saved;
    }
  }

  async runExitTrap(): Promise<void> {
    const a = this.traps.get(0);
    if (!a) return;
    this.traps.delete(0);
    const saved = this.status;
    try { await this.runSource(a); } catch (e) { if (!(e instanceof ShellExit)) throw e; }
    this.status = saved;
  }

  signalName(n: number): string { return signalNames[n] ?? String(n); }
}

const bashOnly = new Set(['let', 'declare', 'typeset', 'shopt', 'pushd', 'popd', 'dirs', 'disown', 'history', '[[', 'source']);

function basename(p: string): string { const i = p.lastIndexOf('/'); return i >= 0 ? p.slice(i + 1) : p; }

export { S_IFDIR, SysError };
export type { Word };
