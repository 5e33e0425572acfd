// POSIX basic and extended regular expressions translated to JS RegExp:
// in a BRE, \( \) \{ \} \| \+ \? are the operators and ( ) { } | + ? are
// literal; bracket expressions keep their classes; a leading * is literal.

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f\\x7f',
};

function bracket(re: string, i: number): [string, number] {
  let j = i + 1;
  let out = '[';
  if (re[j] === '^') { out += '^'; j++; }
  if (re[j] === ']') { out += '\\]'; j++; }
  while (j < re.length && re[j] !== ']') {
    if (re[j] === '[' && re[j + 1] === ':') {
      const e = re.indexOf(':]', j + 2);
      if (e > 0) { out += CLASSES[re.slice(j + 2, e)] ?? ''; j = e + 2; continue; }
    }
    const c = re[j]!;
    out += c === '\\' || c === '[' ? '\\' + c : c;
    j++;
  }
  if (j >= re.length) throw new SyntaxError('Unmatched [');
  return [out + ']', j];
}

/** Source of an equivalent JS regular expression. */
export function posixToJs(re: string, extended: boolean): string {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === '[') { const [b, j] = bracket(re, i); out += b; i = j; continue; }
    if (c === '\\') {
      const n = re[++i];
      if (n === undefined) { out += '\\\\'; break; }
      if (!extended && '(){}|+?'.includes(n)) { out += n; continue; }
      if (/[0-9]/.test(n)) { out += '\\' + n; continue; }
      if ('wWsSbB<>'.includes(n)) { out += n === '<' || n === '>' ? '\\b' : '\\' + n; continue; }
      out += /[a-zA-Z]/.test(n) ? n : '\\' + n;
      continue;
    }
    if (!extended && '(){}|+?'.includes(c)) { out += '\\' + c; continue; }
    if (c === '*' && (out === '' || out.endsWith('(') || out === '^' || out.endsWith('|'))) { out += '\\*'; continue; }
    if (c === '{' && extended && !/^\{[0-9]*(,[0-9]*)?\}/.test(re.slice(i))) { out += '\\{'; continue; }
    if (c === '/' ) { out += '\\/'; continue; }
    out += c;
  }
  return out;
}

export function compile(re: string, opts: { extended?: boolean; fixed?: boolean; icase?: boolean; word?: boolean; line?: boolean; global?: boolean }): RegExp {
  let src = opts.fixed ? re.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : posixToJs(re, !!opts.extended);
  if (opts.word) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
  if (opts.line) src = `^(?:${src})$`;
  return new RegExp(src, (opts.icase ? 'i' : '') + (opts.global ? 'g' : ''));
}
