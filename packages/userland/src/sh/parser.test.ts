import { describe, expect, it } from 'vitest';
import { Parser, ParseError } from './parser.ts';
import { nodeText } from './unparse.ts';
import { evalArith } from './arith.ts';
import type { Node } from './ast.ts';

const parse = (src: string): Node[] => {
  const p = new Parser(src);
  const out: Node[] = [];
  for (let n = p.parseLine(); n; n = p.parseLine()) out.push(n);
  return out;
};
const err = (src: string): ParseError => {
  try { parse(src); } catch (e) { if (e instanceof ParseError) return e; throw e; }
  throw new Error('parsed');
};

describe('parser', () => {
  it('splits input into complete commands, one per line', () => {
    const n = parse('a; b & c\nif x; then y; fi\n\nfor i in 1 2; do :; done');
    expect(n.map((x) => x.k)).toEqual(['list', 'if', 'for']);
    expect(nodeText(n[0]!)).toBe('a; b &; c');
  });
  it('binds && and || left to right, pipelines tighter, ! on pipelines', () => {
    const [n] = parse('! a | b && c || d');
    expect(n!.k).toBe('or');
    expect(nodeText(n!)).toBe('! a | b && c || d');
  });
  it('reads assignments, redirections with io numbers, and here-doc bodies', () => {
    const [n] = parse('A=1 B=$x cmd arg 2>&1 >out <<EOF\nbody $y\nEOF\n');
    if (n!.k !== 'cmd') throw new Error(n!.k);
    expect(n!.assigns.map((a) => a.name)).toEqual(['A', 'B']);
    expect(n!.redirs.map((r) => `${r.fd}${r.op}`)).toEqual(['2>&', '1>', '0<<']);
    expect(n!.redirs[2]!.doc).toMatchObject({ body: 'body $y\n', expand: true });
  });
  it('keeps quoting on word parts', () => {
    const [n] = parse(`echo "a $b" 'c' d\\e`);
    if (n!.k !== 'cmd') throw new Error();
    expect(n!.words[1]).toEqual([{ t: 'lit', s: 'a ', q: true }, { t: 'param', name: 'b', op: '', arg: null, q: true }]);
    expect(n!.words[2]).toEqual([{ t: 'lit', s: 'c', q: true }]);
    expect(n!.words[3]).toEqual([{ t: 'lit', s: 'd', q: false }, { t: 'lit', s: 'e', q: true }]);
  });
  it('parses $(...) recursively, including a case with ) inside', () => {
    const [n] = parse('x=$(case a in a) echo y;; esac)');
    if (n!.k !== 'cmd') throw new Error();
    const part = n!.assigns[0]!.value[0]!;
    expect(part.t).toBe('cmd');
  });
  it('reports what ash needs for its messages', () => {
    expect(err('if true; then echo')).toMatchObject({ kind: 'eof', expecting: 'fi' });
    expect(err('echo )')).toMatchObject({ kind: 'unexpected', token: ')' });
    expect(err("echo 'abc")).toMatchObject({ kind: 'quote' });
    expect(err('fi')).toMatchObject({ kind: 'unexpected', token: 'fi', tokKind: 'kw' });
  });
  it('defines functions with and without the function keyword (bash)', () => {
    expect(parse('f() { echo; }')[0]!.k).toBe('func');
    expect(new Parser('function g { echo; }', { bash: true }).parseLine()!.k).toBe('func');
  });
});

describe('arithmetic', () => {
  const vars = new Map<string, string>([['x', '5'], ['h', '0x10']]);
  const env = { get: (n: string) => vars.get(n), set: (n: string, v: string) => { vars.set(n, v); } };
  it('has C precedence, assignment, ternaries, and 64-bit integers', () => {
    expect(evalArith('1 + 2 * 3 - 4 / 2', env)).toBe('5');
    expect(evalArith('x += 2, x * h', env)).toBe('112');
    expect(evalArith('x > 3 ? 10 : 20', env)).toBe('10');
    expect(evalArith('9223372036854775807 + 1', env)).toBe('-9223372036854775808');
    expect(evalArith('2 ** 10 % 1000', env)).toBe('24');
    expect(evalArith('0 && (y = 1)', env)).toBe('0');
    expect(vars.has('y')).toBe(false);
  });
});
