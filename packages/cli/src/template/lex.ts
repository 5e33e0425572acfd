// Lexer of Go's text/template: text between actions, and inside {{ }} the
// identifiers, fields, variables, literals and punctuation. "{{- " and " -}}"
// trim the neighbouring text's spaces.

export type TokKind =
  | 'text' | 'open' | 'close' | 'field' | 'var' | 'ident' | 'string' | 'rawstring' | 'char' | 'number'
  | 'bool' | 'nil' | 'dot' | 'lparen' | 'rparen' | 'pipe' | 'declare' | 'assign' | 'comma' | 'space' | 'eof' | 'keyword';

export interface Token { kind: TokKind; val: string; pos: number; line: number }

export class TemplateError extends Error {}

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);

function isSpace(c: string) { return c === ' ' || c === '\t' || c === '\r' || c === '\n'; }
function isAlnum(c: string) { return /[\p{L}\p{N}_]/u.test(c); }

export function lex(name: string, src: string): Token[] {
  const toks: Token[] = [];
  let i = 0;
  let line = 1;
  const err = (msg: string, ln = line): never => { throw new TemplateError(`template: ${name}:${ln}: ${msg}`); };
  const push = (kind: TokKind, val: string, pos: number) => toks.push({ kind, val, pos, line });
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    let textEnd = open < 0 ? src.length : open;
    let trimLeft = false;
    if (open >= 0 && src[open + 2] === '-' && isSpace(src[open + 3] ?? '')) trimLeft = true;
    let text = src.slice(i, textEnd);
    if (trimLeft) text = text.replace(/[ \t\r\n]+$/, '');
    if (text) push('text', text, i);
    for (const c of src.slice(i, textEnd)) if (c === '\n') line++;
    if (open < 0) break;
    i = open + 2 + (trimLeft ? 2 : 0);
    const actionLine = line;
    // comment
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i);
      if (end < 0) err('unclosed comment');
      let j = end + 2;
      let trimRight = false;
      if (src.startsWith(' -}}', j)) { trimRight = true; j += 4; } else if (src.startsWith('}}', j)) j += 2;
      else err('comment ends before closing delimiter');
      for (const c of src.slice(i, j)) if (c === '\n') line++;
      i = j;
      if (trimRight) while (i < src.length && isSpace(src[i])) { if (src[i] === '\n') line++; i++; }
      continue;
    }
    push('open', '{{', open);
    let parenDepth = 0;
    for (;;) {
      if (i >= src.length) err('unclosed action', actionLine);
      const c = src[i];
      if (c === '-' && src.startsWith('-}}', i) && isSpace(src[i - 1])) {
        push('close', '}}', i); i += 3;
        while (i < src.length && isSpace(src[i])) { if (src[i] === '\n') line++; i++; }
        break;
      }
      if (src.startsWith('}}', i)) {
        if (parenDepth > 0) err('unclosed left paren');
        push('close', '}}', i); i += 2; break;
      }
      if (isSpace(c)) {
        const s = i;
        while (i < src.length && isSpace(src[i])) { if (src[i] === '\n') line++; i++; }
        push('space', src.slice(s, i), s);
        continue;
      }
      const s = i;
      if (c === '(') { parenDepth++; push('lparen', c, i++); continue; }
      if (c === ')') { if (--parenDepth < 0) err(`unexpected right paren`); push('rparen', c, i++); continue; }
      if (c === '|') { push('pipe', c, i++); continue; }
      if (c === ',') { push('comma', c, i++); continue; }
      if (c === ':' ) { if (src[i + 1] !== '=') err(`expected :=`); push('declare', ':=', i); i += 2; continue; }
      if (c === '=') { push('assign', '=', i++); continue; }
      if (c === '"') {
        i++;
        while (i < src.length && src[i] !== '"') { if (src[i] === '\\') i++; if (src[i] === '\n') err('unterminated quoted string'); i++; }
        if (i >= src.length) err('unterminated quoted string');
        i++; push('string', src.slice(s, i), s); continue;
      }
      if (c === '`') {
        const e = src.indexOf('`', i + 1);
        if (e < 0) err('unterminated raw quoted string');
        i = e + 1; push('rawstring', src.slice(s, i), s); continue;
      }
      if (c === "'") {
        i++;
        while (i < src.length && src[i] !== "'") { if (src[i] === '\\') i++; i++; }
        i++; push('char', src.slice(s, i), s); continue;
      }
      if (c === '$') {
        i++;
        while (i < src.length && isAlnum(src[i])) i++;
        push('var', src.slice(s, i), s); continue;
      }
      if (c === '.') {
        if (/[0-9]/.test(src[i + 1] ?? '')) { /* number */ } else {
          i++;
          if (!isAlnum(src[i] ?? '')) { push('dot', '.', s); continue; }
          while (i < src.length && isAlnum(src[i])) i++;
          push('field', src.slice(s, i), s); continue;
        }
      }
      if (/[0-9+\-.]/.test(c)) {
        const m = /^[+-]?(0[xX][0-9a-fA-F_]+(\.[0-9a-fA-F_]*)?([pP][+-]?\d+)?|0[bB][01_]+|0[oO][0-7_]+|(\d[\d_]*)?\.?[\d_]*([eE][+-]?\d+)?)i?/.exec(src.slice(i));
        if (!m || !m[0] || m[0] === '+' || m[0] === '-') err(`bad number syntax: "${src.slice(i, i + 1)}"`);
        i += m![0].length;
        if (isAlnum(src[i] ?? '')) err(`bad number syntax: "${src.slice(s, i + 1)}"`);
        push('number', src.slice(s, i), s); continue;
      }
      if (isAlnum(c)) {
        while (i < src.length && isAlnum(src[i])) i++;
        const w = src.slice(s, i);
        if (KEYWORDS.has(w)) push('keyword', w, s);
        else if (w === 'true' || w === 'false') push('bool', w, s);
        else if (w === 'nil') push('nil', w, s);
        else push('ident', w, s);
        // a field chain right after an identifier or ")" is allowed: handled by the parser
        continue;
      }
      err(`unrecognized character in action: U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`);
    }
  }
  push('eof', '', src.length);
  return toks;
}
