// The shell grammar (POSIX XCU 2.10) as a recursive-descent parser that lexes
// on demand, as ash does: a word's lexing may recurse into the parser for
// $(...), and here-document bodies are read when the newline after their
// operator is lexed. parseLine() returns one complete command at a time so
// the caller can run it before parsing the next (aliases, line-at-a-time stdin).

import type { Node, Word, Part, Redir, Assign, CaseItem } from './ast.ts';
import { plainWord } from './ast.ts';

export class ParseError {
  constructor(
    /** unexpected: token is the text found; eof: input ended (expecting is the missing word); quote: unterminated quoted string */
    readonly kind: 'unexpected' | 'eof' | 'quote',
    readonly token: string,
    readonly line: number,
    readonly expecting?: string,
    /** what the unexpected token was: a keyword or operator (shown quoted), a plain word, or a newline */
    readonly tokKind: 'kw' | 'word' | 'nl' | 'eof' | 'redir' = 'kw',
  ) {}
}

type Tok =
  | { k: 'word'; w: Word; raw: string }
  | { k: 'op'; v: string }
  | { k: 'io'; fd: number; v: string }
  | { k: 'nl' }
  | { k: 'eof' };

const OPS = ['&&', '||', ';;', '<<<', '<<-', '<<', '>>', '<&', '>&', '<>', '>|', ';', '&', '|', '(', ')', '<', '>'];
const META = ' \t\n;&|()<>';
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', '{', '}', '!', 'in']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SPECIAL_PARAMS = '@*#?$!-0123456789';

type Ctx = 'normal' | 'dq' | 'param' | 'dqparam' | 'heredoc';

export interface ParserOptions {
  /** alias lookup for the first word of a simple command */
  alias?: (name: string) => string | undefined;
  bash?: boolean;
  /** dash lacks $'...' and <<< */
  dash?: boolean;
}

function cEscapes(raw: string): string {
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\' || i + 1 >= raw.length) { out += c; continue; }
    const n = raw[++i]!;
    if (map[n] !== undefined) { out += map[n]; continue; }
    let m: RegExpExecArray | null;
    if ((m = /^[0-7]{1,3}/.exec(raw.slice(i)))) { out += String.fromCharCode(parseInt(m[0], 8) & 0xff); i += m[0].length - 1; continue; }
    if (n === 'x' && (m = /^[0-9a-fA-F]{1,2}/.exec(raw.slice(i + 1)))) { out += String.fromCharCode(parseInt(m[0], 16)); i += m[0].length; continue; }
    if ((n === 'u' || n === 'U') && (m = /^[0-9a-fA-F]{1,8}/.exec(raw.slice(i + 1)))) { out += String.fromCodePoint(parseInt(m[0], 16)); i += m[0].length; continue; }
    out += '\\' + n;
  }
  return out;
}

export class Parser {
  pos = 0;
  private ahead: Tok | null = null;
  private aheadStart = 0;
  private pendingDocs: Array<{ r: Redir; delim: string; strip: boolean }> = [];
  private aliasDepth = 0;

  constructor(public src: string, private readonly opts: ParserOptions = {}) {}

  /** Line number (1-based) at the parser's position. */
  line(at = this.pos): number {
    let n = 1;
    for (let i = 0; i < at && i < this.src.length; i++) if (this.src.charCodeAt(i) === 10) n++;
    return n;
  }

  atEnd(): boolean {
    if (this.ahead) return this.ahead.k === 'eof';
    this.skipBlanks();
    return this.pos >= this.src.length;
  }

  /** The next complete command (up to its newline), or null at end of input. */
  parseLine(): Node | null {
    for (;;) {
      const t = this.peek();
      if (t.k === 'eof') return null;
      if (t.k === 'nl') { this.next(); continue; }
      break;
    }
    const n = this.list(false);
    const t = this.peek();
    if (t.k === 'nl') this.next();
    else if (t.k !== 'eof') this.unexpected(t);
    return n;
  }

  /** Parses all of the source (for $(...) bodies and eval). */
  parseAll(): Node | null {
    const items: Node[] = [];
    for (let n = this.parseLine(); n; n = this.parseLine()) items.push(n);
    return items.length === 0 ? null : items.length === 1 ? items[0]! : { k: 'list', items };
  }

  // ---------------------------------------------------------------- grammar

  private list(compound: boolean, closers?: string[]): Node {
    const items: Node[] = [];
    for (;;) {
      if (compound) this.skipNewlines();
      const t = this.peek();
      if (t.k === 'eof' || t.k === 'nl') break;
      if (t.k === 'op' && (t.v === ')' || t.v === ';;')) break;
      if (t.k === 'word' && closers) { const w = plainWord(t.w); if (w && closers.includes(w)) break; }
      let n = this.andOr();
      const s = this.peek();
      if (s.k === 'op' && s.v === '&') { this.next(); n = { k: 'bg', n }; }
      else if (s.k === 'op' && s.v === ';') this.next();
      items.push(n);
      if (s.k === 'op' && (s.v === '&' || s.v === ';')) continue;
      if (s.k === 'nl' && compound) continue;
      break;
    }
    if (items.length === 0) {
      const t = this.peek();
      if (t.k === 'eof') this.eof(closers?.[0]);
      this.unexpected(t);
    }
    return items.length === 1 ? items[0]! : { k: 'list', items };
  }

  private andOr(): Node {
    let l = this.pipeline();
    for (;;) {
      const t = this.peek();
      if (t.k !== 'op' || (t.v !== '&&' && t.v !== '||')) return l;
      this.next();
      this.skipNewlines();
      const r = this.pipeline();
      l = { k: t.v === '&&' ? 'and' : 'or', l, r };
    }
  }

  private pipeline(): Node {
    let bang = false;
    const t0 = this.peek();
    if (this.opts.bash && t0.k === 'word' && plainWord(t0.w) === 'time') {
      this.next();
      let posix = false;
      const o = this.peek();
      if (o.k === 'word' && plainWord(o.w) === '-p') { this.next(); posix = true; }
      const e = this.peek();
      // `time` alone times nothing
      const body = e.k === 'eof' || e.k === 'nl' || (e.k === 'op' && (e.v === ';' || e.v === '&' || e.v === '&&' || e.v === '||' || e.v === ')')) ? null : this.pipeline();
      return { k: 'time', body, posix };
    }
    const t = this.peek();
    if (t.k === 'word' && plainWord(t.w) === '!') { this.next(); bang = true; }
    const cmds = [this.command()];
    for (;;) {
      const p = this.peek();
      if (p.k !== 'op' || p.v !== '|') break;
      this.next();
      this.skipNewlines();
      cmds.push(this.command());
    }
    if (cmds.length === 1 && !bang) return cmds[0]!;
    return { k: 'pipe', cmds, bang };
  }

  private command(): Node {
    const t = this.peek();
    if (t.k === 'op' && t.v === '(') {
      this.next();
      const body = this.list(true);
      this.expectOp(')');
      return { k: 'sub', body, redirs: this.redirs() };
    }
    if (t.k === 'word') {
      const w = plainWord(t.w);
      switch (w) {
        case 'if': return this.ifCmd();
        case 'while': case 'until': {
          this.next();
          const cond = this.list(true, ['do']);
          this.expectWord('do');
          const body = this.list(true, ['done']);
          this.expectWord('done');
          return { k: w, cond, body, redirs: this.redirs() };
        }
        case 'for': return this.forCmd();
        case 'case': return this.caseCmd();
        case '{': {
          this.next();
          const body = this.list(true, ['}']);
          this.expectWord('}');
          return { k: 'group', body, redirs: this.redirs() };
        }
        case 'function':
          if (this.opts.bash) {
            this.next();
            const nt = this.next();
            const name = nt.k === 'word' ? plainWord(nt.w) : null;
            if (!name) this.unexpected(nt);
            const p = this.peek();
            if (p.k === 'op' && p.v === '(') { this.next(); this.expectOp(')'); }
            this.skipNewlines();
            return { k: 'func', name: name!, body: this.command() };
          }
          break;
        case 'then': case 'else': case 'elif': case 'fi': case 'do': case 'done': case 'esac': case '}': case 'in':
          this.unexpected(t);
      }
    }
    return this.simple();
  }

  private ifCmd(): Node {
    this.next();
    const cond = this.list(true, ['then']);
    this.expectWord('then');
    const then = this.list(true, ['elif', 'else', 'fi']);
    const t = this.next();
    const w = t.k === 'word' ? plainWord(t.w) : null;
    let els: Node | null = null;
    if (w === 'elif') {
      // reuse ifCmd by pretending "elif" is "if"; its own "fi" closes both
      this.ahead = { k: 'word', w: [{ t: 'lit', s: 'if', q: false }], raw: 'if' };
      const inner = this.ifCmd() as Extract<Node, { k: 'if' }>;
      return { k: 'if', cond, then, else: inner, redirs: this.redirs() };
    }
    if (w === 'else') {
      els = this.list(true, ['fi']);
      this.expectWord('fi');
    } else if (w !== 'fi') {
      if (t.k === 'eof') this.eof('fi');
      this.unexpected(t);
    }
    return { k: 'if', cond, then, else: els, redirs: this.redirs() };
  }

  private forCmd(): Node {
    this.next();
    const nt = this.next();
    const name = nt.k === 'word' ? plainWord(nt.w) : null;
    if (!name || !NAME_RE.test(name)) {
      if (nt.k === 'eof') this.eof();
      throw new ParseError('unexpected', nt.k === 'word' ? nt.raw : tokText(nt), this.line(), 'bad for loop variable');
    }
    let words: Word[] | null = null;
    this.skipNewlines();
    let t = this.peek();
    if (t.k === 'word' && plainWord(t.w) === 'in') {
      this.next();
      words = [];
      for (;;) {
        t = this.peek();
        if (t.k !== 'word') break;
        this.next();
        words.push(t.w);
      }
      t = this.peek();
      if (t.k === 'op' && t.v === ';') this.next();
      else if (t.k === 'nl') this.next();
      else if (t.k === 'eof') this.eof('do');
      else this.unexpected(t);
    } else if (t.k === 'op' && t.v === ';') this.next();
    this.skipNewlines();
    this.expectWord('do');
    const body = this.list(true, ['done']);
    this.expectWord('done');
    return { k: 'for', name, words, body, redirs: this.redirs() };
  }

  private caseCmd(): Node {
    this.next();
    const wt = this.next();
    if (wt.k !== 'word') { if (wt.k === 'eof') this.eof(); this.unexpected(wt); }
    this.skipNewlines();
    this.expectWord('in');
    const items: CaseItem[] = [];
    for (;;) {
      this.skipNewlines();
      let t = this.peek();
      if (t.k === 'word' && plainWord(t.w) === 'esac') { this.next(); break; }
      if (t.k === 'eof') this.eof('esac');
      if (t.k === 'op' && t.v === '(') { this.next(); t = this.peek(); }
      const pats: Word[] = [];
      for (;;) {
        const p = this.next();
        if (p.k !== 'word') { if (p.k === 'eof') this.eof(')'); this.unexpected(p); }
        pats.push(p.w);
        const s = this.next();
        if (s.k === 'op' && s.v === '|') continue;
        if (s.k === 'op' && s.v === ')') break;
        if (s.k === 'eof') this.eof(')');
        this.unexpected(s);
      }
      this.skipNewlines();
      t = this.peek();
      let body: Node | null = null;
      if (!(t.k === 'op' && t.v === ';;') && !(t.k === 'word' && plainWord(t.w) === 'esac')) body = this.list(true, ['esac']);
      items.push({ pats, body });
      t = this.peek();
      if (t.k === 'op' && t.v === ';;') { this.next(); continue; }
      this.skipNewlines();
      t = this.peek();
      if (t.k === 'word' && plainWord(t.w) === 'esac') { this.next(); break; }
      if (t.k === 'eof') this.eof('esac');
      this.unexpected(t);
    }
    return { k: 'case', word: (wt as { w: Word }).w, items, redirs: this.redirs() };
  }

  private simple(): Node {
    const line = this.line();
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const t = this.peek();
      if (t.k === 'io' || (t.k === 'op' && /^[<>]/.test(t.v))) {
        redirs.push(this.redir());
        continue;
      }
      if (t.k !== 'word') break;
      if (words.length === 0) {
        const a = asAssignment(t.w);
        if (a) { this.next(); assigns.push(a); continue; }
        const pw = plainWord(t.w);
        if (pw && this.opts.alias && this.aliasDepth < 16 && !RESERVED.has(pw)) {
          const v = this.opts.alias(pw);
          if (v !== undefined) {
            // splice the alias text in place of the word and lex again
            const end = this.pos;
            this.src = this.src.slice(0, this.aheadStart) + v + ' ' + this.src.slice(end);
            this.pos = this.aheadStart;
            this.ahead = null;
            this.aliasDepth++;
            continue;
          }
        }
        this.next();
        words.push(t.w);
        this.aliasDepth = 0;
        const p = this.peek();
        if (p.k === 'op' && p.v === '(' && assigns.length === 0 && redirs.length === 0 && pw) {
          this.next();
          this.expectOp(')');
          this.skipNewlines();
          return { k: 'func', name: pw, body: this.command() };
        }
        continue;
      }
      this.next();
      words.push(t.w);
    }
    if (words.length === 0 && assigns.length === 0 && redirs.length === 0) {
      const t = this.peek();
      if (t.k === 'eof') this.eof();
      this.unexpected(t);
    }
    return { k: 'cmd', assigns, words, redirs, line };
  }

  private redirs(): Redir[] {
    const out: Redir[] = [];
    for (;;) {
      const t = this.peek();
      if (t.k === 'io' || (t.k === 'op' && /^[<>]/.test(t.v))) out.push(this.redir());
      else return out;
    }
  }

  private redir(): Redir {
    const t = this.next();
    let fd: number, op: string;
    if (t.k === 'io') { fd = t.fd; op = t.v; } else { op = (t as { v: string }).v; fd = op[0] === '<' ? 0 : 1; }
    const w = this.next();
    if (w.k !== 'word') { if (w.k === 'eof') this.eof(); this.unexpected(w); }
    const r: Redir = { fd, op: op as Redir['op'], target: w.w };
    if (op === '<<' || op === '<<-') {
      const quoted = w.w.some((p) => p.t === 'lit' && p.q) || w.raw.includes('\\');
      const delim = w.w.map((p) => (p.t === 'lit' ? p.s : '')).join('');
      r.doc = { body: '', expand: !quoted };
      this.pendingDocs.push({ r, delim, strip: op === '<<-' });
    }
    return r;
  }

  private expectWord(w: string): void {
    const t = this.next();
    if (t.k === 'word' && plainWord(t.w) === w) return;
    if (t.k === 'eof') this.eof(w);
    this.unexpected(t);
  }

  private expectOp(v: string): void {
    const t = this.next();
    if (t.k === 'op' && t.v === v) return;
    if (t.k === 'eof') this.eof(v);
    this.unexpected(t);
  }

  private skipNewlines(): void {
    while (this.peek().k === 'nl') this.next();
  }

  private unexpected(t: Tok): never {
    if (t.k === 'eof') this.eof();
    const kind = t.k === 'nl' ? 'nl' : t.k === 'io' || (t.k === 'op' && /^[<>]/.test(t.v)) ? 'redir' : t.k === 'word' && !RESERVED.has(plainWord(t.w) ?? '') ? 'word' : 'kw';
    throw new ParseError('unexpected', t.k === 'word' ? t.raw : tokText(t), this.line(this.aheadStart), undefined, kind);
  }

  private eof(expecting?: string): never {
    throw new ParseError('eof', 'end of file', this.line(), expecting);
  }

  // ------------------------------------------------------------------ lexer

  private peek(): Tok {
    if (!this.ahead) { this.skipBlanks(); this.aheadStart = this.pos; this.ahead = this.lex(); }
    return this.ahead;
  }

  private next(): Tok {
    const t = this.peek();
    this.ahead = null;
    return t;
  }

  private skipBlanks(): void {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') { while (this.pos < s.length && s[this.pos] !== '\n') this.pos++; }
      else return;
    }
  }

  private lex(): Tok {
    const s = this.src;
    if (this.pos >= s.length) {
      if (this.pendingDocs.length) this.readDocs();
      return { k: 'eof' };
    }
    const c = s[this.pos]!;
    if (c === '\n') {
      this.pos++;
      if (this.pendingDocs.length) this.readDocs();
      return { k: 'nl' };
    }
    for (const op of OPS) {
      if (op === '<<<' && this.opts.dash) continue;
      if (s.startsWith(op, this.pos)) { this.pos += op.length; return { k: 'op', v: op }; }
    }
    // IO_NUMBER: digits directly followed by < or >
    const m = /^[0-9]+(?=[<>])/.exec(s.slice(this.pos, this.pos + 12));
    if (m) {
      this.pos += m[0].length;
      const op = OPS.find((o) => s.startsWith(o, this.pos))!;
      this.pos += op.length;
      return { k: 'io', fd: Number(m[0]), v: op };
    }
    const start = this.pos;
    const w = this.word('normal');
    return { k: 'word', w, raw: s.slice(start, this.pos) };
  }

  private readDocs(): void {
    const docs = this.pendingDocs;
    this.pendingDocs = [];
    const s = this.src;
    for (const d of docs) {
      let body = '';
      for (;;) {
        if (this.pos >= s.length) throw new ParseError('eof', 'end of file', this.line(), d.delim);
        let e = s.indexOf('\n', this.pos);
        const atEof = e < 0;
        if (atEof) e = s.length;
        let l = s.slice(this.pos, e);
        this.pos = atEof ? e : e + 1;
        if (d.strip) l = l.replace(/^\t+/, '');
        if (l === d.delim) break;
        body += l + '\n';
        if (atEof) break;
      }
      d.r.doc!.body = body;
    }
  }

  /** Reads a word's parts in context ctx, up to a metacharacter (normal) or the closing char. */
  word(ctx: Ctx): Word {
    const s = this.src;
    const parts: Part[] = [];
    const q = ctx === 'dq' || ctx === 'dqparam' || ctx === 'heredoc';
    const lit = (str: string, quoted: boolean): void => {
      const last = parts[parts.length - 1];
      if (last && last.t === 'lit' && last.q === quoted) last.s += str;
      else parts.push({ t: 'lit', s: str, q: quoted });
    };
    if (ctx === 'normal' && s[this.pos] === '~') {
      const m = /^~([A-Za-z0-9_.-]*)(?=$|[/\s;&|()<>:])/.exec(s.slice(this.pos));
      if (m) { parts.push({ t: 'tilde', user: m[1]! }); this.pos += m[0].length; }
    }
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (ctx === 'normal' && META.includes(c)) break;
      if (ctx === 'dq' && c === '"') break;
      if ((ctx === 'param' || ctx === 'dqparam') && c === '}') break;
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === undefined) { this.pos++; lit('\\', true); break; }
        if (n === '\n') { this.pos += 2; continue; }
        if (ctx === 'normal' || ctx === 'param') { lit(n, true); this.pos += 2; continue; }
        const special = ctx === 'heredoc' ? '$`\\' : ctx === 'dqparam' ? '$`"\\}' : '$`"\\';
        if (special.includes(n)) { lit(n, true); this.pos += 2; continue; }
        lit('\\', q); this.pos++; continue;
      }
      if (c === "'" && (ctx === 'normal' || ctx === 'param')) {
        const e = s.indexOf("'", this.pos + 1);
        if (e < 0) throw new ParseError('quote', "'", this.line());
        lit(s.slice(this.pos + 1, e), true);
        this.pos = e + 1;
        continue;
      }
      if (c === '"' && (ctx === 'normal' || ctx === 'param' || ctx === 'dqparam')) {
        this.pos++;
        const inner = this.word('dq');
        if (s[this.pos] !== '"') throw new ParseError('quote', '"', this.line());
        this.pos++;
        if (inner.length === 0) lit('', true);
        for (const p of inner) { if (p.t === 'lit') lit(p.s, true); else parts.push(p); }
        continue;
      }
      if (c === '$' && s[this.pos + 1] === "'" && (ctx === 'normal' || ctx === 'param') && !this.opts.dash) {
        // $'...' with C escapes (bash, and busybox ash's bash compatibility)
        let i = this.pos + 2;
        let raw = '';
        while (i < s.length && s[i] !== "'") { if (s[i] === '\\' && i + 1 < s.length) { raw += s[i]! + s[i + 1]!; i += 2; continue; } raw += s[i++]; }
        if (i >= s.length) throw new ParseError('quote', "'", this.line());
        lit(cEscapes(raw), true);
        this.pos = i + 1;
        continue;
      }
      if (c === '$') { const p = this.dollar(q); if (p) parts.push(p); else { lit('$', q); } continue; }
      if (c === '`') { parts.push(this.backtick(q)); continue; }
      lit(c, q);
      this.pos++;
    }
    return parts;
  }

  private dollar(q: boolean): Part | null {
    const s = this.src;
    const c = s[this.pos + 1];
    if (c === '{') { this.pos += 2; return this.braced(q); }
    if (c === '(') {
      if (s[this.pos + 2] === '(') {
        const end = arithEnd(s, this.pos + 3);
        if (end >= 0) {
          const sub = new Parser(s.slice(this.pos + 3, end), this.opts);
          const expr = sub.word('heredoc');
          this.pos = end + 2;
          return { t: 'arith', expr, q };
        }
      }
      this.pos += 2;
      const saved = this.ahead, savedStart = this.aheadStart;
      this.ahead = null;
      let body: Node | null = null;
      this.skipNewlines();
      const t = this.peek();
      if (!(t.k === 'op' && t.v === ')')) body = this.list(true);
      this.expectOp(')');
      this.ahead = saved;
      this.aheadStart = savedStart;
      return { t: 'cmd', body, q };
    }
    if (c !== undefined && (SPECIAL_PARAMS.includes(c))) {
      this.pos += 2;
      return { t: 'param', name: c, op: '', arg: null, q };
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.pos + 1, this.pos + 256));
    if (m) {
      this.pos += 1 + m[0].length;
      return { t: 'param', name: m[0], op: '', arg: null, q };
    }
    this.pos++;
    return null;
  }

  private braced(q: boolean): Part {
    const s = this.src;
    let op = '';
    if (s[this.pos] === '#' && s[this.pos + 1] !== '}' && s[this.pos + 1] !== undefined
      && /[A-Za-z_0-9@*#?$!-]/.test(s[this.pos + 1]!)) { op = 'len'; this.pos++; }
    let name: string;
    const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!0-]|-)/.exec(s.slice(this.pos, this.pos + 256));
    if (!m) throw new ParseError('unexpected', 'bad substitution', this.line(), 'badsubst');
    name = m[0];
    this.pos += name.length;
    if (op === 'len') {
      if (s[this.pos] !== '}') throw new ParseError('unexpected', 'bad substitution', this.line(), 'badsubst');
      this.pos++;
      return { t: 'param', name, op, arg: null, q };
    }
    if (s[this.pos] === '}') { this.pos++; return { t: 'param', name, op: '', arg: null, q }; }
    const om = /^(:[-=+?]|[-=+?]|##|#|%%|%|\/\/|\/|:|\^\^|\^|,,|,)/.exec(s.slice(this.pos, this.pos + 2));
    if (!om) {
      if (this.pos >= s.length) throw new ParseError('quote', '}', this.line());
      throw new ParseError('unexpected', 'bad substitution', this.line(), 'badsubst');
    }
    op = om[0];
    this.pos += op.length;
    let arg = this.word(q ? 'dqparam' : 'param');
    if (q && '#%'.includes(op[0]!)) {
      // inside "...", the pattern of ${x#pat} is still a pattern: only explicitly quoted parts are literal
      arg = arg.map((p) => (p.t === 'lit' ? { ...p, q: false } : p));
    }
    if (s[this.pos] !== '}') throw new ParseError('quote', '}', this.line());
    this.pos++;
    return { t: 'param', name, op, arg, q };
  }

  private backtick(q: boolean): Part {
    const s = this.src;
    let i = this.pos + 1;
    let inner = '';
    while (i < s.length && s[i] !== '`') {
      if (s[i] === '\\' && i + 1 < s.length && '$`\\'.includes(s[i + 1]!)) { inner += s[i + 1]; i += 2; continue; }
      inner += s[i];
      i++;
    }
    if (i >= s.length) throw new ParseError('quote', '`', this.line());
    this.pos = i + 1;
    const body = new Parser(inner, this.opts).parseAll();
    return { t: 'cmd', body, q };
  }
}

function arithEnd(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return s[i + 1] === ')' ? i : -1;
      depth--;
    }
  }
  return -1;
}

function tokText(t: Tok): string {
  switch (t.k) {
    case 'op': return t.v;
    case 'io': return t.v;
    case 'nl': return 'newline';
    case 'eof': return 'end of file';
    case 'word': return t.raw;
  }
}

function asAssignment(w: Word): Assign | null {
  const p = w[0];
  if (!p || p.t !== 'lit' || p.q) return null;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(p.s);
  if (!m) return null;
  const rest = p.s.slice(m[0].length);
  const value: Word = rest ? [{ t: 'lit', s: rest, q: false }, ...w.slice(1)] : w.slice(1);
  return { name: m[1]!, value };
}

/** Parses a here-document body (delimiter unquoted): $, ` and \ are special. */
export function parseHeredoc(body: string): Word {
  return new Parser(body).word('heredoc');
}
