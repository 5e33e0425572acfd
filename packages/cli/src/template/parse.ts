// Parser of Go's text/template into a tree of nodes (text/template/parse),
// with Go's parse error texts ("unexpected EOF", "function \"x\" not defined").

import { lex, TemplateError, type Token } from './lex.ts';

export type Arg =
  | { t: 'field'; fields: string[]; pos: number; src: string }
  | { t: 'var'; name: string; fields: string[]; pos: number; src: string }
  | { t: 'dot'; pos: number }
  | { t: 'nil'; pos: number }
  | { t: 'bool'; v: boolean; pos: number }
  | { t: 'number'; v: number; float: boolean; pos: number; src: string }
  | { t: 'string'; v: string; pos: number }
  | { t: 'ident'; name: string; pos: number }
  | { t: 'pipe'; pipe: Pipe; pos: number }
  | { t: 'chain'; node: Arg; fields: string[]; pos: number; src: string };

export interface Cmd { args: Arg[]; pos: number }
export interface Pipe { decl: string[]; isAssign: boolean; cmds: Cmd[]; pos: number }

export type Node =
  | { t: 'text'; text: string }
  | { t: 'action'; pipe: Pipe; pos: number }
  | { t: 'if' | 'with' | 'range'; pipe: Pipe; list: Node[]; else?: Node[]; pos: number }
  | { t: 'break' | 'continue'; pos: number }
  | { t: 'template'; name: string; pipe?: Pipe; pos: number };

export interface Tree { name: string; root: Node[]; defines: Map<string, Node[]>; src: string }

export function parse(name: string, src: string, funcs: Set<string>): Tree {
  const toks = lex(name, src);
  let p = 0;
  const defines = new Map<string, Node[]>();
  let vars: string[][] = [['$']];
  let rangeDepth = 0;
  const fail = (msg: string, tok?: Token): never => {
    throw new TemplateError(`template: ${name}:${(tok ?? toks[Math.min(p, toks.length - 1)]).line}: ${msg}`);
  };
  const peek = () => toks[p];
  const next = () => toks[p++];
  const peekNonSpace = () => { let q = p; while (toks[q].kind === 'space') q++; return toks[q]; };
  const nextNonSpace = () => { while (peek().kind === 'space') p++; return next(); };
  const known = (v: string) => vars.some((s) => s.includes(v));

  function unquote(tok: Token): string {
    if (tok.kind === 'rawstring') return tok.val.slice(1, -1);
    try {
      const body = tok.val.slice(1, -1).replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')
        .replace(/\\'/g, "'");
      if (/\\[^"\\/bfnrtu]/.test(body)) throw new Error();
      return JSON.parse(`"${body}"`) as string;
    } catch { return fail('invalid syntax', tok); }
  }

  function number(tok: Token): Arg {
    const s = tok.val.replace(/_/g, '');
    let v: number;
    let float = false;
    if (/^[+-]?0[xX]/.test(s)) v = parseInt(s, 16);
    else if (/^[+-]?0[bB]/.test(s)) v = (s[0] === '-' ? -1 : 1) * parseInt(s.replace(/^[+-]?0[bB]/, ''), 2);
    else if (/^[+-]?0[oO]/.test(s)) v = (s[0] === '-' ? -1 : 1) * parseInt(s.replace(/^[+-]?0[oO]/, ''), 8);
    else if (/^[+-]?0\d+$/.test(s)) v = parseInt(s, 8);
    else { v = Number(s); float = /[.eE]/.test(s); }
    if (Number.isNaN(v)) fail(`bad number syntax: ${JSON.stringify(tok.val)}`, tok);
    return { t: 'number', v, float, pos: tok.pos, src: tok.val };
  }

  function fieldsAfter(): string[] {
    const fields: string[] = [];
    while (peek().kind === 'field') fields.push(next().val.slice(1));
    return fields;
  }

  function operand(): Arg | undefined {
    const tok = peek();
    let node: Arg;
    switch (tok.kind) {
      case 'field': next(); node = { t: 'field', fields: tok.val.slice(1).split('.'), pos: tok.pos, src: tok.val }; break;
      case 'var': {
        next();
        if (!known(tok.val)) fail(`undefined variable ${JSON.stringify(tok.val)}`, tok);
        node = { t: 'var', name: tok.val, fields: [], pos: tok.pos, src: tok.val }; break;
      }
      case 'dot': next(); node = { t: 'dot', pos: tok.pos }; break;
      case 'nil': next(); node = { t: 'nil', pos: tok.pos }; break;
      case 'bool': next(); node = { t: 'bool', v: tok.val === 'true', pos: tok.pos }; break;
      case 'number': next(); node = number(tok); break;
      case 'char': {
        next();
        const ch = tok.val.slice(1, -1);
        const s = ch.startsWith('\\') ? unquote({ ...tok, val: `"${ch}"` }) : ch;
        node = { t: 'number', v: s.codePointAt(0) ?? 0, float: false, pos: tok.pos, src: tok.val }; break;
      }
      case 'string': case 'rawstring': next(); node = { t: 'string', v: unquote(tok), pos: tok.pos }; break;
      case 'ident':
        next();
        if (!funcs.has(tok.val)) fail(`function ${JSON.stringify(tok.val)} not defined`, tok);
        node = { t: 'ident', name: tok.val, pos: tok.pos }; break;
      case 'lparen': {
        next();
        const pipe = pipeline('parenthesized pipeline', 'rparen');
        node = { t: 'pipe', pipe, pos: tok.pos }; break;
      }
      default: return undefined;
    }
    if (peek().kind === 'field') {
      const fields = fieldsAfter();
      const src = fields.map((f) => '.' + f).join('');
      if (node.t === 'var') node = { ...node, fields, src: node.src + src };
      else if (node.t === 'field') node = { ...node, fields: [...node.fields, ...fields], src: node.src + src };
      else if (node.t === 'bool' || node.t === 'string' || node.t === 'number' || node.t === 'nil' || node.t === 'dot') fail(`unexpected . after term ${JSON.stringify(src)}`);
      else node = { t: 'chain', node, fields, pos: node.pos, src };
    }
    return node;
  }

  function command(): Cmd {
    const args: Arg[] = [];
    const pos = peekNonSpace().pos;
    for (;;) {
      while (peek().kind === 'space') p++;
      const op = operand();
      if (op) { args.push(op); }
      const t = peek();
      if (t.kind === 'space') continue;
      if (t.kind === 'close' || t.kind === 'rparen') break;
      if (t.kind === 'pipe') break;
      if (!op) fail(`unexpected ${describe(t)} in operand`, t);
      fail(`unexpected ${describe(t)} in operand`, t);
    }
    if (!args.length) fail('empty command');
    return { args, pos };
  }

  function pipeline(context: string, end: 'close' | 'rparen'): Pipe {
    const pos = peekNonSpace().pos;
    const decl: string[] = [];
    let isAssign = false;
    // declarations: $x := / $x, $y := / $x =
    const save = p;
    const v1 = nextNonSpace();
    if (v1.kind === 'var') {
      const t2 = nextNonSpace();
      if (t2.kind === 'declare' || t2.kind === 'assign') {
        decl.push(v1.val); isAssign = t2.kind === 'assign';
      } else if (t2.kind === 'comma' && context === 'range') {
        const v2 = nextNonSpace();
        const t3 = nextNonSpace();
        if (v2.kind !== 'var' || (t3.kind !== 'declare' && t3.kind !== 'assign')) fail('range can only initialize variables');
        decl.push(v1.val, v2.val); isAssign = t3.kind === 'assign';
      } else p = save;
    } else p = save;
    if (isAssign) { for (const d of decl) if (!known(d)) fail(`undefined variable ${JSON.stringify(d)}`); }
    else for (const d of decl) vars[vars.length - 1].push(d);
    const cmds: Cmd[] = [];
    for (;;) {
      const t = peekNonSpace();
      if (t.kind === end) { nextNonSpace(); break; }
      if (t.kind === 'eof' || t.kind === 'close' || t.kind === 'rparen') {
        fail(t.kind === 'eof' ? 'unclosed action' : `unexpected ${describe(t)} in ${context}`, t);
      }
      cmds.push(command());
      if (peekNonSpace().kind === 'pipe') nextNonSpace();
    }
    if (!cmds.length) fail(`missing value for ${context}`);
    for (let i = 1; i < cmds.length; i++) {
      const a = cmds[i].args[0];
      if (['bool', 'dot', 'nil', 'number', 'string'].includes(a.t)) fail(`non executable command in pipeline stage ${i + 1}`);
    }
    return { decl, isAssign, cmds, pos };
  }

  function describe(t: Token): string {
    if (t.kind === 'close') return '"}}"';
    if (t.kind === 'rparen') return 'right paren';
    if (t.kind === 'eof') return 'EOF';
    return `<${t.val}>`;
  }

  /** Parses items until {{end}} or {{else}}; returns which one ended it. */
  function list(inside: string | undefined): { nodes: Node[]; ender: 'end' | 'else' | 'eof'; elseTok?: Token } {
    const nodes: Node[] = [];
    for (;;) {
      const t = next();
      if (t.kind === 'eof') {
        if (inside) fail('unexpected EOF', t);
        return { nodes, ender: 'eof' };
      }
      if (t.kind === 'text') { nodes.push({ t: 'text', text: t.val }); continue; }
      // t is 'open'
      const k = peekNonSpace();
      if (k.kind === 'keyword') {
        nextNonSpace();
        switch (k.val) {
          case 'end':
            if (!inside) fail('unexpected {{end}}', k);
            if (nextNonSpace().kind !== 'close') fail('unexpected token in end');
            return { nodes, ender: 'end' };
          case 'else':
            if (!inside || inside === 'define') fail('unexpected {{else}}', k);
            return { nodes, ender: 'else', elseTok: k };
          case 'if': case 'with': case 'range':
            nodes.push(control(k.val, k)); continue;
          case 'break': case 'continue':
            if (!rangeDepth) fail(`{{${k.val}}} outside {{range}}`, k);
            if (nextNonSpace().kind !== 'close') fail(`unexpected token in {{${k.val}}}`);
            nodes.push({ t: k.val, pos: k.pos }); continue;
          case 'template': {
            const nt = nextNonSpace();
            if (nt.kind !== 'string' && nt.kind !== 'rawstring') fail('unexpected token in template clause');
            const tname = unquote(nt);
            let pipe: Pipe | undefined;
            if (peekNonSpace().kind !== 'close') pipe = pipeline('template clause', 'close'); else nextNonSpace();
            nodes.push({ t: 'template', name: tname, pipe, pos: k.pos }); continue;
          }
          case 'define': case 'block': {
            const nt = nextNonSpace();
            const tname = unquote(nt);
            let pipe: Pipe | undefined;
            if (k.val === 'block') pipe = pipeline('block clause', 'close');
            else if (nextNonSpace().kind !== 'close') fail('unexpected token in define clause');
            const saved = vars; vars = [['$']];
            const body = list('define');
            vars = saved;
            defines.set(tname, body.nodes);
            if (k.val === 'block') nodes.push({ t: 'template', name: tname, pipe, pos: k.pos });
            continue;
          }
        }
      }
      const pipe = pipeline('command', 'close');
      nodes.push({ t: 'action', pipe, pos: pipe.pos });
    }
  }

  function control(kind: 'if' | 'with' | 'range', tok: Token): Node {
    vars.push([]);
    const pipe = pipeline(kind, 'close');
    if (kind === 'range') rangeDepth++;
    const body = list(kind);
    if (kind === 'range') rangeDepth--;
    let elseList: Node[] | undefined;
    if (body.ender === 'else') {
      const after = peekNonSpace();
      if ((kind === 'if' && after.kind === 'keyword' && after.val === 'if') || (kind === 'with' && after.kind === 'keyword' && after.val === 'with')) {
        nextNonSpace();
        elseList = [control(kind, after)];
      } else {
        if (nextNonSpace().kind !== 'close') fail('unexpected token in else');
        vars.push([]);
        const e = list(kind);
        vars.pop();
        if (e.ender === 'else') fail(`expected end; found {{else}}`);
        elseList = e.nodes;
      }
    }
    vars.pop();
    return { t: kind, pipe, list: body.nodes, else: elseList, pos: tok.pos };
  }

  const root = list(undefined).nodes;
  return { name, root, defines, src };
}
