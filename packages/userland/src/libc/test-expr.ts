// test(1) / [ expressions (POSIX rules for 0-4 arguments, then a recursive
// parser for -a, -o, !, parentheses), over stat(2) and access(2).

import type { Sys } from '@dockersim/kernel';
import { isSysError, S_IFMT, S_IFREG, S_IFDIR, S_IFLNK, S_IFIFO, S_IFSOCK, S_IFBLK, S_IFCHR, R_OK, W_OK, X_OK } from '@dockersim/kernel';

export type TestFlavour = 'busybox' | 'gnu' | 'bash' | 'dash';

export class TestError {
  constructor(readonly message: string) {}
}

const UNARY = new Set(['-e', '-f', '-d', '-r', '-w', '-x', '-s', '-L', '-h', '-p', '-S', '-b', '-c', '-z', '-n', '-t', '-u', '-g', '-k', '-O', '-G']);
const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef', '<', '>']);

/** Evaluates a test expression: true/false, or throws TestError with the flavour's message. */
export function evalTest(sys: Sys, args: string[], flavour: TestFlavour): boolean {
  let i = 0;
  const peek = (o = 0): string | undefined => args[i + o];

  const num = (s: string): number => {
    const t = s.trim();
    if (/^[-+]?[0-9]+$/.test(t)) return Number(t);
    switch (flavour) {
      case 'gnu': throw new TestError(`invalid integer '${s}'`);
      case 'bash': throw new TestError(`${s}: integer expression expected`);
      case 'dash': throw new TestError(`Illegal number: ${s}`);
      default: throw new TestError(`${s}: bad number`);
    }
  };

  const stat = (p: string, link = false): ReturnType<Sys['stat']> | null => {
    try { return link ? sys.lstat(p) : sys.stat(p); } catch (e) { if (isSysError(e)) return null; throw e; }
  };
  const acc = (p: string, m: number): boolean => {
    try { sys.access(p, m); return true; } catch (e) { if (isSysError(e)) return false; throw e; }
  };

  const unary = (op: string, a: string): boolean => {
    switch (op) {
      case '-z': return a.length === 0;
      case '-n': return a.length > 0;
      case '-t': try { return sys.isatty(num(a)); } catch (e) { if (isSysError(e)) return false; throw e; }
      case '-r': return acc(a, R_OK);
      case '-w': return acc(a, W_OK);
      case '-x': return acc(a, X_OK);
    }
    const st = stat(a, op === '-L' || op === '-h');
    if (!st) return false;
    const t = st.mode & S_IFMT;
    switch (op) {
      case '-e': return true;
      case '-f': return t === S_IFREG;
      case '-d': return t === S_IFDIR;
      case '-L': case '-h': return t === S_IFLNK;
      case '-p': return t === S_IFIFO;
      case '-S': return t === S_IFSOCK;
      case '-b': return t === S_IFBLK;
      case '-c': return t === S_IFCHR;
      case '-s': return st.size > 0;
      case '-u': return (st.mode & 0o4000) !== 0;
      case '-g': return (st.mode & 0o2000) !== 0;
      case '-k': return (st.mode & 0o1000) !== 0;
      case '-O': return st.uid === sys.geteuid();
      case '-G': return st.gid === sys.getegid();
    }
    return false;
  };

  const binary = (a: string, op: string, b: string): boolean => {
    switch (op) {
      case '=': case '==': return a === b;
      case '!=': return a !== b;
      case '<': return a < b;
      case '>': return a > b;
      case '-eq': return num(a) === num(b);
      case '-ne': return num(a) !== num(b);
      case '-lt': return num(a) < num(b);
      case '-le': return num(a) <= num(b);
      case '-gt': return num(a) > num(b);
      case '-ge': return num(a) >= num(b);
      case '-nt': case '-ot': {
        const sa = stat(a), sb = stat(b);
        if (op === '-nt') return !!sa && (!sb || sa.mtimeMs > sb.mtimeMs);
        return !!sb && (!sa || sa.mtimeMs < sb.mtimeMs);
      }
      case '-ef': {
        const sa = stat(a), sb = stat(b);
        return !!sa && !!sb && sa.dev === sb.dev && sa.ino === sb.ino;
      }
    }
    return false;
  };

  const primary = (): boolean => {
    const t = peek();
    if (t === undefined) throw new TestError(flavour === 'gnu' ? 'missing argument after ' + (args[i - 1] ?? '') : 'argument expected');
    if (t === '!') { i++; return !primary(); }
    if (t === '(' ) {
      i++;
      const v = or();
      if (peek() !== ')') throw new TestError(flavour === 'bash' ? "`)' expected" : flavour === 'gnu' ? "')' expected" : 'closing paren expected');
      i++;
      return v;
    }
    if (peek(1) !== undefined && BINARY.has(peek(1)!) ) {
      const a = args[i]!, op = args[i + 1]!;
      if (peek(2) === undefined) throw new TestError(flavour === 'bash' ? `${op}: binary operator expected` : 'argument expected');
      const b = args[i + 2]!;
      i += 3;
      return binary(a, op, b);
    }
    if (UNARY.has(t) && peek(1) !== undefined) { i += 2; return unary(t, args[i - 1]!); }
    i++;
    return t.length > 0;
  };
  const and = (): boolean => {
    let v = primary();
    while (peek() === '-a') { i++; const r = primary(); v = v && r; }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (peek() === '-o') { i++; const r = and(); v = v || r; }
    return v;
  };

  // POSIX: decide by argument count first
  const n = args.length;
  if (n === 0) return false;
  if (n === 1) return args[0]!.length > 0;
  if (n === 2) {
    if (args[0] === '!') return args[1]!.length === 0;
    if (UNARY.has(args[0]!)) return unary(args[0]!, args[1]!);
    throw new TestError(flavour === 'bash' ? `${args[0]}: unary operator expected` : flavour === 'gnu' ? `'${args[0]}': unary operator expected` : `${args[0]}: unknown operand`);
  }
  if (n === 3 && BINARY.has(args[1]!)) return binary(args[0]!, args[1]!, args[2]!);
  if (n === 3 && args[0] === '!') return !evalTest(sys, args.slice(1), flavour);
  if (n === 3 && args[0] === '(' && args[2] === ')') return args[1]!.length > 0;
  const v = or();
  if (i < n) {
    throw new TestError(flavour === 'bash' ? 'too many arguments' : flavour === 'gnu' ? `extra argument '${args[i]}'` : `${args[i]}: unknown operand`);
  }
  return v;
}
