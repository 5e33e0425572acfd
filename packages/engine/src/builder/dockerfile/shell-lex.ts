// Variable substitution in Dockerfile words (buildkit's shell.Lex): quotes are
// removed, `\` (or the escape token) escapes, and $var, ${var}, ${var:-word},
// ${var-word}, ${var:+word}, ${var+word}, ${var:?msg}, ${var?msg}, ${var#pat},
// ${var%pat} and ${var/pat/repl} expand from the build's ARG and ENV values.

export type EnvLookup = (name: string) => string | undefined;

export class ShellLex {
  constructor(readonly escape = '\\') {}

  /** One word, quotes removed, variables expanded (ENV, LABEL, WORKDIR, USER...). */
  processWord(src: string, env: EnvLookup): string {
    return this.run(src, env).word;
  }

  /** Splits into words after expansion (EXPOSE, VOLUME, COPY sources). */
  processWords(src: string, env: EnvLookup): string[] {
    return this.run(src, env).words;
  }

  private run(src: string, env: EnvLookup): { word: string; words: string[] } {
    const w = new Word(src, env, this.escape);
    try {
      return w.processStopOn(undefined, false);
    } catch (e) {
      throw new Error(`failed to process ${goQuote(src)}: ${(e as Error).message}`);
    }
  }
}

class Words {
  words: string[] = [];
  buf = '';
  inWord = false;
  addChar(ch: string) {
    if (/\s/.test(ch)) {
      if (this.inWord && this.buf.length) { this.words.push(this.buf); this.buf = ''; this.inWord = false; }
    } else this.addRaw(ch);
  }
  addRaw(s: string) { this.buf += s; this.inWord = true; }
  addString(s: string) { for (const ch of s) this.addChar(ch); }
  get(): string[] { if (this.buf.length) { this.words.push(this.buf); this.buf = ''; this.inWord = false; } return this.words; }
}

class Word {
  private pos = 0;
  constructor(private readonly src: string, private readonly env: EnvLookup, private readonly esc: string) {}
  private peek(): string | undefined { return this.pos < this.src.length ? this.src[this.pos] : undefined; }
  private next(): string | undefined { return this.pos < this.src.length ? this.src[this.pos++] : undefined; }

  processStopOn(stop: string | undefined, rawEscapes: boolean): { word: string; words: string[] } {
    let result = '';
    const words = new Words();
    while (this.peek() !== undefined) {
      const ch = this.peek()!;
      if (stop !== undefined && ch === stop) { this.next(); return { word: result, words: words.get() }; }
      if (ch === '$') { const v = this.dollar(); result += v; words.addString(v); continue; }
      if (ch === "'") { const v = this.singleQuote(); result += v; words.addRaw(v); continue; }
      if (ch === '"') { const v = this.doubleQuote(); result += v; words.addRaw(v); continue; }
      let c = this.next()!;
      if (c === this.esc) {
        if (rawEscapes) { words.addRaw(c); result += c; }
        const n = this.next();
        if (n === undefined) break;
        c = n;
        words.addRaw(c);
      } else words.addChar(c);
      result += c;
    }
    if (stop !== undefined) throw new Error(`unexpected end of statement while looking for matching ${stop}`);
    return { word: result, words: words.get() };
  }

  private singleQuote(): string {
    this.next();
    let out = '';
    for (;;) {
      const ch = this.next();
      if (ch === undefined) throw new Error('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") return out;
      out += ch;
    }
  }

  private doubleQuote(): string {
    this.next();
    let out = '';
    for (;;) {
      const p = this.peek();
      if (p === undefined) throw new Error('unexpected end of statement while looking for matching double-quote');
      if (p === '"') { this.next(); return out; }
      if (p === '$') { out += this.dollar(); continue; }
      let ch = this.next()!;
      if (ch === this.esc) {
        const n = this.peek();
        if (n === undefined) continue;
        if (n === '"' || n === '$' || n === this.esc) ch = this.next()!;
      }
      out += ch;
    }
  }

  private name(): string {
    let name = '';
    while (this.peek() !== undefined) {
      const ch = this.peek()!;
      if (!name && /[0-9]/.test(ch)) {
        while (this.peek() !== undefined && /[0-9]/.test(this.peek()!)) name += this.next();
        return name;
      }
      if (!name && '@*#?-$!0'.includes(ch)) return this.next()!;
      if (!/[\p{L}\p{N}_]/u.test(ch)) break;
      name += this.next();
    }
    return name;
  }

  private dollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.name();
      if (!name) return '$';
      return this.env(name) ?? '';
    }
    this.next();
    const p = this.peek();
    if (p === undefined) throw new Error("syntax error: missing '}'");
    if (p === '{' || p === '}' || p === ':') throw new Error('syntax error: bad substitution');
    const name = this.name();
    let ch = this.next();
    // Go's scanner reports EOF as rune -1, which prints as U+FFFD.
    let chs = ch ?? '\uFFFD';
    let nullIsUnset = false;
    if (ch === '}') return this.env(name) ?? '';
    if (ch === ':') { nullIsUnset = true; ch = this.next(); chs += ch ?? ''; }
    if (ch === '+' || ch === '-' || ch === '?' || ch === '#' || ch === '%') {
      const raw = ch === '#' || ch === '%';
      if (nullIsUnset && raw) throw new Error(`unsupported modifier (${chs}) in substitution`);
      let word: string;
      try { word = this.processStopOn('}', raw).word; } catch (e) {
        if (this.peek() === undefined) throw new Error("syntax error: missing '}'");
        throw e;
      }
      const value = this.env(name);
      const set = value !== undefined;
      switch (ch) {
        case '-': return !set || (nullIsUnset && value === '') ? word : value!;
        case '+': return !set || (nullIsUnset && value === '') ? '' : word;
        case '?':
          if (!set) throw new Error(`${name}: ${word || 'is not allowed to be unset'}`);
          if (nullIsUnset && value === '') throw new Error(`${name}: ${word || 'is not allowed to be empty'}`);
          return value!;
        default: {
          let greedy = false;
          if (word.startsWith(ch)) { greedy = true; word = word.slice(1); }
          return trimPattern(value ?? '', word, ch === '#', greedy);
        }
      }
    }
    if (ch === '/') {
      const all = this.peek() === '/';
      if (all) this.next();
      let pattern: string, repl: string;
      try { pattern = this.processStopOn('/', true).word; } catch (e) {
        if (this.peek() === undefined) throw new Error("syntax error: missing '/' in ${}");
        throw e;
      }
      try { repl = this.processStopOn('}', true).word; } catch (e) {
        if (this.peek() === undefined) throw new Error("syntax error: missing '}'");
        throw e;
      }
      const re = new RegExp(globToRegex(pattern), all ? 'g' : '');
      return (this.env(name) ?? '').replace(re, () => repl);
    }
    throw new Error(`unsupported modifier (${chs}) in substitution`);
  }
}

function globToRegex(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '\\' && i + 1 < p.length) out += p[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

function trimPattern(value: string, pattern: string, prefix: boolean, greedy: boolean): string {
  const body = globToRegex(pattern);
  const lazy = greedy ? body : body.replace(/\.\*/g, '.*?');
  if (prefix) {
    const m = new RegExp('^' + lazy).exec(value);
    return m ? value.slice(m[0].length) : value;
  }
  // suffix: try the shortest (or longest) matching tail
  const idxs = Array.from({ length: value.length + 1 }, (_, i) => i);
  const order = greedy ? idxs : idxs.reverse();
  for (const i of order) if (new RegExp('^' + body + '$').test(value.slice(i))) return value.slice(0, i);
  return value;
}

/** Go's %q for ASCII strings. */
export function goQuote(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r') + '"';
}
