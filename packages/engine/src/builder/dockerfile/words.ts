// The line parsers of the Dockerfile grammar (buildkit's line_parsers.go and
// split_command.go): how an instruction's rest of line becomes its arguments.
// JSON arrays, whitespace lists, key=value pairs and leading --flags.

const WS = /[\t\v\f\r ]+/;
const isSpace = (ch: string) => /\s/.test(ch);

/** Words separated by whitespace, quotes kept (they go later, in expansion). */
export function parseWords(rest: string, escape: string): string[] {
  const words: string[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let quote = '';
  let blankOK = false;
  let buf = '';
  const chars = [...rest];
  for (let pos = 0; pos <= chars.length; pos++) {
    let ch = chars[pos];
    if (phase === 'spaces') {
      if (pos === chars.length) break;
      if (isSpace(ch)) continue;
      phase = 'word';
    }
    if (pos === chars.length) {
      if (blankOK || buf) words.push(buf);
      break;
    }
    if (phase === 'word') {
      if (isSpace(ch)) {
        phase = 'spaces';
        if (blankOK || buf) words.push(buf);
        buf = ''; blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') { quote = ch; blankOK = true; phase = 'quote'; }
      if (ch === escape) {
        if (pos + 1 === chars.length) continue;
        buf += ch; pos++; ch = chars[pos];
      }
      buf += ch;
      continue;
    }
    // in quote
    if (ch === quote) phase = 'word';
    if (ch === escape && quote !== "'") {
      if (pos + 1 === chars.length) { phase = 'word'; continue; }
      pos++; buf += ch; ch = chars[pos];
    }
    buf += ch;
  }
  return words;
}

/** Splits "CMD --flag=x rest" into the command, its --flags and the rest. */
export function splitCommand(line: string, escape: string): { cmd: string; flags: string[]; rest: string } {
  const trimmed = line.trim();
  const m = /[\t\v\f\r ]+/.exec(trimmed);
  if (!m) return { cmd: trimmed, flags: [], rest: '' };
  const cmd = trimmed.slice(0, m.index);
  const { rest, flags } = extractFlags(trimmed.slice(m.index + m[0].length), escape);
  return { cmd, flags, rest: rest.trim() };
}

function extractFlags(line: string, escape: string): { rest: string; flags: string[] } {
  const words: string[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let buf = '';
  let quote = '';
  let blankOK = false;
  for (let pos = 0; pos <= line.length; pos++) {
    let ch = line[pos];
    if (phase === 'spaces') {
      if (pos === line.length) break;
      if (isSpace(ch)) continue;
      if (ch !== '-' || pos + 1 === line.length || line[pos + 1] !== '-') return { rest: line.slice(pos), flags: words };
      phase = 'word';
    }
    if (pos === line.length) {
      if (buf !== '--' && (blankOK || buf)) words.push(buf);
      break;
    }
    if (phase === 'word') {
      if (isSpace(ch)) {
        phase = 'spaces';
        if (buf === '--') return { rest: line.slice(pos), flags: words };
        if (blankOK || buf) words.push(buf);
        buf = ''; blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') { quote = ch; blankOK = true; phase = 'quote'; continue; }
      if (ch === escape) { if (pos + 1 === line.length) continue; pos++; ch = line[pos]; }
      buf += ch;
      continue;
    }
    if (ch === quote) { phase = 'word'; continue; }
    if (ch === escape) { if (pos + 1 === line.length) { phase = 'word'; continue; } pos++; ch = line[pos]; }
    buf += ch;
  }
  return { rest: '', flags: words };
}

export class NotStringArrayError extends Error {
  constructor() { super('when using JSON array syntax, arrays must be comprised of strings only'); }
}

/** A JSON array of strings, or undefined when the text is not one (then it is shell form). */
export function parseJSONArray(rest: string): string[] | undefined {
  const t = rest.trimStart();
  if (!t.startsWith('[')) return undefined;
  let v: unknown;
  try { v = JSON.parse(t); } catch { return undefined; }
  if (!Array.isArray(v)) return undefined;
  if (v.some((x) => typeof x !== 'string')) throw new NotStringArrayError();
  return v as string[];
}

export function splitWhitespace(rest: string): string[] {
  if (rest === '') return [];
  return rest.split(new RegExp(WS.source));
}

/** ENV/LABEL: `KEY value` (old form) or `k=v k2=v2`; returns [key, value, sep] triples flattened. */
export function parseNameVal(rest: string, key: string, escape: string): string[] {
  const words = parseWords(rest, escape);
  if (!words.length) return [];
  if (!words[0].includes('=')) {
    const m = WS.exec(rest);
    if (!m) throw new Error(`${key} must have two arguments`);
    return [rest.slice(0, m.index), rest.slice(m.index + m[0].length), ''];
  }
  const out: string[] = [];
  for (const w of words) {
    if (!w.includes('=')) throw new Error(`Syntax error - can't find = in ${JSON.stringify(w)}. Must be of the form: name=value`);
    const i = w.indexOf('=');
    out.push(w.slice(0, i), w.slice(i + 1), '=');
  }
  return out;
}
