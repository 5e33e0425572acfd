// Shell arithmetic ($((...)), POSIX XCU 2.6.4 plus the C operators ash
// accepts): integers, variables, assignment operators, ?:, logic, bit ops.

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

export class ArithError {
  constructor(readonly message: string) {}
}

const TOKEN = /\s*(0[xX][0-9a-fA-F]+|[0-9]+|[A-Za-z_][A-Za-z0-9_]*|\*\*=?|<<=|>>=|\+\+|--|&&|\|\||[<>=!]=|<<|>>|[-+*/%&|^]=|[-+*/%<>=!~&|^?:(),])/y;

function toInt(v: bigint): bigint { return BigInt.asIntN(64, v); }

export function evalArith(expr: string, vars: ArithVars): string {
  const toks: string[] = [];
  TOKEN.lastIndex = 0;
  let i = 0;
  while (i < expr.length) {
    if (/^\s*$/.test(expr.slice(i))) break;
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(expr);
    if (!m) throw new ArithError(`arithmetic syntax error`);
    toks.push(m[1]!);
    i = TOKEN.lastIndex;
  }
  let p = 0;
  const peek = (): string | undefined => toks[p];
  const take = (t?: string): string => {
    const v = toks[p];
    if (v === undefined || (t !== undefined && v !== t)) throw new ArithError('arithmetic syntax error');
    p++;
    return v;
  };
  const isName = (t: string | undefined): boolean => !!t && /^[A-Za-z_]/.test(t);
  const varValue = (name: string): bigint => {
    const v = vars.get(name);
    if (v === undefined || v.trim() === '') return 0n;
    return parseNum(v.trim());
  };
  const parseNum = (t: string): bigint => {
    if (/^-?0[xX][0-9a-fA-F]+$/.test(t)) return toInt(BigInt(t.replace('-', '')) * (t.startsWith('-') ? -1n : 1n));
    if (/^-?0[0-7]+$/.test(t)) return toInt(BigInt('0o' + t.replace(/^-?0/, '')) * (t.startsWith('-') ? -1n : 1n));
    if (/^[-+]?[0-9]+$/.test(t)) return toInt(BigInt(t));
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(t)) return varValue(t);
    throw new ArithError(`arithmetic syntax error`);
  };

  // skip: evaluate for syntax only, without side effects
  let skip = 0;
  const assignOps = ['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^=', '**='];

  const binop = (op: string, a: bigint, b: bigint): bigint => {
    switch (op) {
      case '+': return toInt(a + b);
      case '-': return toInt(a - b);
      case '*': return toInt(a * b);
      case '/': case '%':
        if (b === 0n) { if (skip) return 0n; throw new ArithError('divide by zero'); }
        return toInt(op === '/' ? a / b : a % b);
      case '**': if (b < 0n) throw new ArithError('exponent less than 0'); return toInt(a ** b);
      case '<<': return toInt(a << b);
      case '>>': return a >> b;
      case '&': return a & b;
      case '|': return a | b;
      case '^': return a ^ b;
      case '<': return a < b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
    }
    throw new ArithError('arithmetic syntax error');
  };

  const levels: string[][] = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

  const assign = (): bigint => {
    if (isName(peek()) && assignOps.includes(toks[p + 1] ?? '')) {
      const name = take();
      const op = take();
      const rhs = assign();
      const v = op === '=' ? rhs : binop(op.slice(0, -1), varValue(name), rhs);
      if (!skip) vars.set(name, String(v));
      return v;
    }
    return ternary();
  };
  const ternary = (): bigint => {
    const c = binary(0);
    if (peek() !== '?') return c;
    take('?');
    if (!c) skip++;
    const a = assign();
    if (!c) skip--;
    take(':');
    if (c) skip++;
    const b = assign();
    if (c) skip--;
    return c ? a : b;
  };
  const binary = (lvl: number): bigint => {
    if (lvl >= levels.length) return power();
    let a = binary(lvl + 1);
    for (;;) {
      const op = peek();
      if (!op || !levels[lvl]!.includes(op)) return a;
      take();
      if (op === '&&' || op === '||') {
        const short = op === '&&' ? !a : !!a;
        if (short) skip++;
        const b = binary(lvl + 1);
        if (short) skip--;
        a = short ? (op === '||' ? 1n : 0n) : b ? 1n : 0n;
      } else a = binop(op, a, binary(lvl + 1));
    }
  };
  const power = (): bigint => {
    const a = unary();
    if (peek() === '**') { take(); return binop('**', a, power()); }
    return a;
  };
  const unary = (): bigint => {
    const t = peek();
    if (t === '-') { take(); return toInt(-unary()); }
    if (t === '+') { take(); return unary(); }
    if (t === '!') { take(); return unary() ? 0n : 1n; }
    if (t === '~') { take(); return ~unary(); }
    if (t === '++' || t === '--') {
      take();
      const name = take();
      if (!isName(name)) throw new ArithError('arithmetic syntax error');
      const v = toInt(varValue(name) + (t === '++' ? 1n : -1n));
      if (!skip) vars.set(name, String(v));
      return v;
    }
    return postfix();
  };
  const postfix = (): bigint => {
    const t = take();
    if (t === '(') { const v = comma(); take(')'); return v; }
    if (isName(t)) {
      const n = peek();
      if (n === '++' || n === '--') {
        take();
        const v = varValue(t);
        if (!skip) vars.set(t, String(toInt(v + (n === '++' ? 1n : -1n))));
        return v;
      }
      return varValue(t);
    }
    return parseNum(t);
  };
  const comma = (): bigint => {
    let v = assign();
    while (peek() === ',') { take(); v = assign(); }
    return v;
  };
  if (toks.length === 0) return "0";
  const v = comma();
  if (p < toks.length) throw new ArithError('arithmetic syntax error');
  return v.toString();
}
