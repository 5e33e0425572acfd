// Reading a request body the way dockerd does: Go's json.Decoder takes the
// first JSON value and says what is wrong with the text in encoding/json's
// words ("invalid character 'x' after object key", "unexpected EOF"); then
// dec.More() looks at the next byte, and anything but whitespace, '}' or ']'
// there is "unexpected content after JSON".

export type GoJsonResult =
  | { ok: true; value: unknown; more: boolean }
  | { ok: false; eof: true }
  | { ok: false; eof: false; message: string };

const WS = new Set([' ', '\t', '\r', '\n']);

/** encoding/json's quoteChar. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

class Syntax extends Error {}
class Eof extends Error {}

/** Decodes the first JSON value of text as json.NewDecoder(body).Decode does. */
export function decodeGoJson(text: string): GoJsonResult {
  let i = 0;
  while (i < text.length && WS.has(text[i])) i++;
  if (i === text.length) return { ok: false, eof: true };
  const start = i;
  const bad = (what: string): never => { throw new Syntax(`invalid character ${quoteChar(text[i])} ${what}`); };
  const need = (): string => { if (i >= text.length) throw new Eof(); return text[i]; };
  const skipWs = () => { while (i < text.length && WS.has(text[i])) i++; };

  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) {
      const c = need();
      if (c !== word[k]) bad(`in literal ${word} (expecting ${quoteChar(word[k])})`);
    }
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      const c = need();
      if (c === '"') { i++; return; }
      if (c === '\\') {
        i++;
        const e = need();
        if (e === 'u') {
          i++;
          for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(need())) bad('in \\u hexadecimal character escape');
          continue;
        }
        if (!'"\\/bfnrt'.includes(e)) bad('in string escape code');
        i++;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) bad('in string literal');
      i++;
    }
  };
  const digits = () => { while (i < text.length && text[i] >= '0' && text[i] <= '9') i++; };
  const number = () => {
    if (text[i] === '-') { i++; const c = need(); if (c < '0' || c > '9') bad('in numeric literal'); }
    if (text[i] === '0') i++; else digits();
    if (i < text.length && text[i] === '.') {
      i++;
      const c = need();
      if (c < '0' || c > '9') bad('after decimal point in numeric literal');
      digits();
    }
    if (i < text.length && (text[i] === 'e' || text[i] === 'E')) {
      i++;
      if (need() === '+' || text[i] === '-') i++;
      const c = need();
      if (c < '0' || c > '9') bad('in exponent of numeric literal');
      digits();
    }
  };
  const value = (): void => {
    skipWs();
    const c = need();
    if (c === '{') {
      i++;
      skipWs();
      if (need() === '}') { i++; return; }
      for (;;) {
        skipWs();
        if (need() !== '"') bad('looking for beginning of object key string');
        string();
        skipWs();
        if (need() !== ':') bad('after object key');
        i++;
        value();
        skipWs();
        const d = need();
        if (d === ',') { i++; continue; }
        if (d === '}') { i++; return; }
        bad('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      skipWs();
      if (need() === ']') { i++; return; }
      for (;;) {
        value();
        skipWs();
        const d = need();
        if (d === ',') { i++; continue; }
        if (d === ']') { i++; return; }
        bad('after array element');
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    bad('looking for beginning of value');
  };

  try {
    value();
  } catch (e) {
    if (e instanceof Eof) return { ok: false, eof: false, message: 'unexpected EOF' };
    if (e instanceof Syntax) return { ok: false, eof: false, message: e.message };
    throw e;
  }
  const end = i;
  skipWs();
  const more = i < text.length && text[i] !== '}' && text[i] !== ']';
  return { ok: true, value: JSON.parse(text.slice(start, end)), more };
}
