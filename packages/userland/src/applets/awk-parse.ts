// awk's lexer and parser: the program text becomes rules (pattern, action)
// and functions over expression and statement trees.

import { compile } from '../libc/regex.ts';

export type E =
  | { k: 'num'; v: number } | { k: 'str'; v: string } | { k: 're'; re: RegExp }
  | { k: 'var'; n: string } | { k: 'field'; e: E } | { k: 'idx'; n: string; i: E[] }
  | { k: 'assign'; op: string; l: E; r: E } | { k: 'cond'; c: E; a: E; b: E }
  | { k: 'bin'; op: string; l: E; r: E } | { k: 'un'; op: string; e: E } | { k: 'incdec'; op: string; pre: boolean; e: E }
  | { k: 'match'; neg: boolean; l: E; r: E } | { k: 'in'; i: E[]; n: string } | { k: 'call'; n: string; a: E[] }
  | { k: 'getline'; v?: E; file?: E } | { k: 'group'; e: E };
export type S =
  | { k: 'expr'; e: E } | { k: 'print'; f: boolean; a: E[]; out?: { op: string; e: E } }
  | { k: 'if'; c: E; t: S; f?: S } | { k: 'while'; c: E; b: S } | { k: 'do'; b: S; c: E }
  | { k: 'for'; i?: S; c?: E; s?: S; b: S } | { k: 'forin'; v: string; a: string; b: S }
  | { k: 'block'; b: S[] } | { k: 'next' } | { k: 'exit'; e?: E } | { k: 'return'; e?: E }
  | { k: 'break' } | { k: 'continue' } | { k: 'delete'; n: string; i?: E[] } | { k: 'nop' };
export interface Rule { pat?: E; pat2?: E; begin?: boolean; end?: boolean; body?: S; inRange?: boolean }
export interface Fn { params: string[]; body: S }

export class AwkError { constructor(readonly message: string) {} }

// ------------------------------------------------------------------ lexer

type T = { t: 'num' | 'str' | 'ere' | 'name' | 'func' | 'builtin' | 'kw' | 'op' | 'nl' | 'eof'; v: string };
const KW = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf', 'nextfile']);
const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'sin', 'cos', 'atan2', 'exp', 'log', 'sqrt', 'int', 'rand', 'srand', 'tolower', 'toupper', 'system', 'close', 'fflush']);

function lex(src: string): T[] {
  const out: T[] = [];
  let i = 0;
  const regexAllowed = (): boolean => {
    const p = out[out.length - 1];
    if (!p) return true;
    if (p.t === 'num' || p.t === 'str' || p.t === 'name' || p.t === 'builtin' || p.t === 'ere') return false;
    if (p.t === 'op' && (p.v === ')' || p.v === ']' || p.v === '$' || p.v === '++' || p.v === '--')) return false;
    return true;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '\n') { out.push({ t: 'nl', v: '\n' }); i++; continue; }
    if (/[0-9.]/.test(c) && /^(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|0[xX][0-9a-fA-F]+)/.test(src.slice(i))) {
      const m = /^(0[xX][0-9a-fA-F]+|\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)/.exec(src.slice(i))!;
      out.push({ t: 'num', v: m[0] }); i += m[0].length; continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      const w = m[0];
      i += w.length;
      if (KW.has(w)) out.push({ t: 'kw', v: w === 'func' ? 'function' : w });
      else if (BUILTINS.has(w)) out.push({ t: 'builtin', v: w });
      else if (src[i] === '(') out.push({ t: 'func', v: w });
      else out.push({ t: 'name', v: w });
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) {
          const n = src[++i]!;
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };
          if (/[0-7]/.test(n)) { const m = /^[0-7]{1,3}/.exec(src.slice(i))!; s += String.fromCharCode(parseInt(m[0], 8)); i += m[0].length; continue; }
          s += map[n] ?? '\\' + n; i++; continue;
        }
        s += src[i++];
      }
      if (i >= src.length) throw new AwkError('non-terminated string');
      i++;
      out.push({ t: 'str', v: s }); continue;
    }
    if (c === '/' && regexAllowed()) {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '/') {
        if (src[i] === '\\' && src[i + 1] === '/') { s += '/'; i += 2; continue; }
        if (src[i] === '\n') throw new AwkError('newline in regex');
        s += src[i++];
      }
      i++;
      out.push({ t: 'ere', v: s }); continue;
    }
    const ops = ['+=', '-=', '*=', '/=', '%=', '^=', '**=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~', '**'];
    const op = ops.find((o) => src.startsWith(o, i));
    if (op) { out.push({ t: 'op', v: op === '**' ? '^' : op === '**=' ? '^=' : op }); i += op.length; continue; }
    if ('{}()[];,+-*/%^!<>|?:~$='.includes(c)) { out.push({ t: 'op', v: c }); i++; continue; }
    throw new AwkError(`syntax error at source line 1: unexpected character '${c}'`);
  }
  out.push({ t: 'eof', v: '' });
  return out;
}

// ----------------------------------------------------------------- parser

export function parse(src: string): { rules: Rule[]; fns: Map<string, Fn> } {
  const toks = lex(src);
  let p = 0;
  const peek = (o = 0): T => toks[p + o] ?? { t: 'eof', v: '' };
  const is = (t: T['t'], v?: string): boolean => peek().t === t && (v === undefined || peek().v === v);
  const eat = (t: T['t'], v?: string): T => {
    if (!is(t, v)) throw new AwkError(`syntax error at source line 1 near '${peek().v || peek().t}'`);
    return toks[p++]!;
  };
  const opt = (t: T['t'], v?: string): boolean => { if (is(t, v)) { p++; return true; } return false; };
  const nls = (): void => { while (is('nl')) p++; };
  const terms = (): void => { while (is('nl') || is('op', ';')) p++; };

  let noIn = false;
  let noGt = false;
  const expr = (): E => ternary();
  const ternary = (): E => {
    const c = or();
    if (opt('op', '?')) { nls(); const a = ternary(); nls(); eat('op', ':'); nls(); const b = ternary(); return { k: 'cond', c, a, b }; }
    if (is('op') && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(peek().v) && (c.k === 'var' || c.k === 'field' || c.k === 'idx')) {
      const op = toks[p++]!.v; nls();
      return { k: 'assign', op, l: c, r: ternary() };
    }
    return c;
  };
  const or = (): E => { let l = and(); while (is('op', '||')) { p++; nls(); l = { k: 'bin', op: '||', l, r: and() }; } return l; };
  const and = (): E => { let l = inop(); while (is('op', '&&')) { p++; nls(); l = { k: 'bin', op: '&&', l, r: inop() }; } return l; };
  const inop = (): E => {
    let l = matchop();
    while (!noIn && is('kw', 'in')) { p++; const n = eat('name').v; l = { k: 'in', i: l.k === 'group' && (l.e as E & { list?: E[] }).k === 'group' ? [l] : [l], n }; }
    return l;
  };
  const matchop = (): E => {
    let l = rel();
    while (is('op', '~') || is('op', '!~')) { const neg = toks[p++]!.v === '!~'; l = { k: 'match', neg, l, r: rel() }; }
    return l;
  };
  const rel = (): E => {
    const l = concat();
    if (is('op') && ['<', '<=', '!=', '==', '>=', '>'].includes(peek().v) && !(noGt && peek().v === '>')) {
      const op = toks[p++]!.v;
      return { k: 'bin', op, l, r: concat() };
    }
    return l;
  };
  const startsPrimary = (): boolean => {
    const t = peek();
    if (t.t === 'num' || t.t === 'str' || t.t === 'ere' || t.t === 'name' || t.t === 'func' || t.t === 'builtin') return true;
    if (t.t === 'op' && ['$', '!', '(', '-', '+', '++', '--'].includes(t.v)) return true;
    return false;
  };
  const concat = (): E => {
    let l = additive();
    while (startsPrimary() && !(is('kw', 'in'))) {
      if (is('op', '-') || is('op', '+')) break;
      l = { k: 'bin', op: 'cat', l, r: additive() };
    }
    return l;
  };
  const additive = (): E => { let l = mul(); while (is('op', '+') || is('op', '-')) { const op = toks[p++]!.v; l = { k: 'bin', op, l, r: mul() }; } return l; };
  const mul = (): E => { let l = unary(); while (is('op', '*') || is('op', '/') || is('op', '%')) { const op = toks[p++]!.v; l = { k: 'bin', op, l, r: unary() }; } return l; };
  const unary = (): E => {
    if (is('op', '!')) { p++; return { k: 'un', op: '!', e: unary() }; }
    if (is('op', '-')) { p++; return { k: 'un', op: '-', e: unary() }; }
    if (is('op', '+')) { p++; return { k: 'un', op: '+', e: unary() }; }
    return pow();
  };
  const pow = (): E => { const l = postfix(); if (is('op', '^')) { p++; return { k: 'bin', op: '^', l, r: unary() }; } return l; };
  const postfix = (): E => {
    if (is('op', '++') || is('op', '--')) { const op = toks[p++]!.v; return { k: 'incdec', op, pre: true, e: postfix() }; }
    const e = primary();
    if ((e.k === 'var' || e.k === 'field' || e.k === 'idx') && (is('op', '++') || is('op', '--'))) { const op = toks[p++]!.v; return { k: 'incdec', op, pre: false, e }; }
    return e;
  };
  const args = (): E[] => {
    eat('op', '(');
    const a: E[] = [];
    const sv = noIn; noIn = false;
    const sg = noGt; noGt = false;
    nls();
    if (!is('op', ')')) { a.push(expr()); nls(); while (opt('op', ',')) { nls(); a.push(expr()); nls(); } }
    eat('op', ')');
    noIn = sv; noGt = sg;
    return a;
  };
  const primary = (): E => {
    const t = peek();
    switch (t.t) {
      case 'num': p++; return { k: 'num', v: Number(t.v) };
      case 'str': p++; return { k: 'str', v: t.v };
      case 'ere': p++; return { k: 're', re: compileRe(t.v) };
      case 'func': p++; return { k: 'call', n: t.v, a: args() };
      case 'builtin': {
        p++;
        if (is('op', '(')) return { k: 'call', n: t.v, a: args() };
        if (t.v === 'length') return { k: 'call', n: 'length', a: [] };
        throw new AwkError(`syntax error: ${t.v} needs arguments`);
      }
      case 'name': {
        p++;
        if (is('op', '[')) {
          p++;
          const sv = noIn; noIn = false;
          const i = [expr()];
          while (opt('op', ',')) i.push(expr());
          noIn = sv;
          eat('op', ']');
          return { k: 'idx', n: t.v, i };
        }
        return { k: 'var', n: t.v };
      }
      case 'kw':
        if (t.v === 'getline') {
          p++;
          let v: E | undefined;
          if (is('name') || is('op', '$')) v = postfixLvalue();
          let file: E | undefined;
          if (is('op', '<')) { p++; file = concatNoGt(); }
          return { k: 'getline', v, file };
        }
        break;
      case 'op':
        if (t.v === '$') { p++; return { k: 'field', e: postfixField() }; }
        if (t.v === '(') {
          p++;
          const sv = noIn; noIn = false;
          const sg = noGt; noGt = false;
          const e = expr();
          if (is('op', ',')) {
            const list = [e];
            while (opt('op', ',')) list.push(expr());
            eat('op', ')');
            noIn = sv; noGt = sg;
            eat('kw', 'in');
            return { k: 'in', i: list, n: eat('name').v };
          }
          eat('op', ')');
          noIn = sv; noGt = sg;
          return { k: 'group', e };
        }
        if (t.v === '-' || t.v === '!' || t.v === '+') return unary();
    }
    throw new AwkError(`syntax error at source line 1 near '${t.v || t.t}'`);
  };
  const postfixField = (): E => {
    if (is('op', '++') || is('op', '--')) { const op = toks[p++]!.v; return { k: 'incdec', op, pre: true, e: primary() }; }
    if (is('op', '-')) { p++; return { k: 'un', op: '-', e: primary() }; }
    return primary();
  };
  const postfixLvalue = (): E => primary();
  const concatNoGt = (): E => additive();

  const simple = (): S => {
    if (is('kw', 'print') || is('kw', 'printf')) {
      const f = toks[p++]!.v === 'printf';
      const a: E[] = [];
      noGt = true;
      if (!is('nl') && !is('op', ';') && !is('op', '}') && !is('op', '>') && !is('op', '>>') && !is('op', '|') && !is('eof')) {
        if (is('op', '(')) {
          // print (a, b) > file: a parenthesised list
          const save = p;
          try {
            p++;
            const list = [expr()];
            while (opt('op', ',')) list.push(expr());
            eat('op', ')');
            if (is('nl') || is('op', ';') || is('op', '}') || is('op', '>') || is('op', '>>') || is('op', '|') || is('eof')) a.push(...list);
            else { p = save; a.push(expr()); while (opt('op', ',')) a.push(expr()); }
          } catch (e) { if (!(e instanceof AwkError)) throw e; p = save; a.push(expr()); while (opt('op', ',')) a.push(expr()); }
        } else { a.push(expr()); while (opt('op', ',')) { nls(); a.push(expr()); } }
      }
      noGt = false;
      let out: { op: string; e: E } | undefined;
      if (is('op', '>') || is('op', '>>') || is('op', '|')) { const op = toks[p++]!.v; out = { op, e: concat() }; }
      return { k: 'print', f, a, out };
    }
    if (is('kw', 'delete')) {
      p++;
      const n = eat('name').v;
      if (opt('op', '[')) { const i = [expr()]; while (opt('op', ',')) i.push(expr()); eat('op', ']'); return { k: 'delete', n, i }; }
      return { k: 'delete', n };
    }
    return { k: 'expr', e: expr() };
  };
  const stmt = (): S => {
    nls();
    if (opt('op', '{')) { const b: S[] = []; terms(); while (!is('op', '}')) { b.push(stmt()); terms(); } eat('op', '}'); return { k: 'block', b }; }
    if (opt('kw', 'if')) {
      eat('op', '('); const c = expr(); eat('op', ')'); nls();
      const t = stmt();
      const save = p;
      terms();
      if (opt('kw', 'else')) { nls(); return { k: 'if', c, t, f: stmt() }; }
      p = save;
      return { k: 'if', c, t };
    }
    if (opt('kw', 'while')) { eat('op', '('); const c = expr(); eat('op', ')'); if (is('op', ';')) { p++; return { k: 'while', c, b: { k: 'nop' } }; } nls(); return { k: 'while', c, b: stmt() }; }
    if (opt('kw', 'do')) { nls(); const b = stmt(); terms(); eat('kw', 'while'); eat('op', '('); const c = expr(); eat('op', ')'); return { k: 'do', b, c }; }
    if (opt('kw', 'for')) {
      eat('op', '(');
      if (is('name') && peek(1).t === 'kw' && peek(1).v === 'in' && peek(3).t === 'op' && peek(3).v === ')') {
        const v = eat('name').v; eat('kw', 'in'); const a = eat('name').v; eat('op', ')'); nls();
        return { k: 'forin', v, a, b: stmt() };
      }
      const i = is('op', ';') ? undefined : simple(); eat('op', ';'); nls();
      const c = is('op', ';') ? undefined : expr(); eat('op', ';'); nls();
      const s = is('op', ')') ? undefined : simple(); eat('op', ')');
      if (is('op', ';')) { p++; return { k: 'for', i, c, s, b: { k: 'nop' } }; }
      nls();
      return { k: 'for', i, c, s, b: stmt() };
    }
    if (opt('op', ';')) return { k: 'nop' };
    let s: S;
    if (opt('kw', 'next')) s = { k: 'next' };
    else if (opt('kw', 'nextfile')) s = { k: 'next' };
    else if (opt('kw', 'exit')) s = { k: 'exit', e: is('nl') || is('op', ';') || is('op', '}') ? undefined : expr() };
    else if (opt('kw', 'return')) s = { k: 'return', e: is('nl') || is('op', ';') || is('op', '}') ? undefined : expr() };
    else if (opt('kw', 'break')) s = { k: 'break' };
    else if (opt('kw', 'continue')) s = { k: 'continue' };
    else s = simple();
    if (!is('op', '}')) { if (!(opt('op', ';') || opt('nl') || is('eof'))) throw new AwkError(`syntax error at source line 1 near '${peek().v}'`); }
    return s;
  };
  const rules: Rule[] = [];
  const fns = new Map<string, Fn>();
  terms();
  while (!is('eof')) {
    if (opt('kw', 'function')) {
      const name = is('func') ? toks[p++]!.v : eat('name').v;
      eat('op', '(');
      const params: string[] = [];
      if (!is('op', ')')) { params.push(eat('name').v); while (opt('op', ',')) { nls(); params.push(eat('name').v); } }
      eat('op', ')'); nls();
      fns.set(name, { params, body: stmt() });
    } else if (opt('kw', 'BEGIN')) { nls(); rules.push({ begin: true, body: stmt() }); }
    else if (opt('kw', 'END')) { nls(); rules.push({ end: true, body: stmt() }); }
    else {
      const r: Rule = {};
      if (!is('op', '{')) { r.pat = expr(); if (opt('op', ',')) { nls(); r.pat2 = expr(); } }
      if (is('op', '{')) r.body = stmt();
      rules.push(r);
    }
    terms();
  }
  return { rules, fns };
}

export function compileRe(s: string): RegExp {
  try { return compile(s, { extended: true }); } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    throw new AwkError(`bad regex '${s}'`);
  }
}
