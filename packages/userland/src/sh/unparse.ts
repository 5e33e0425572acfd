// Source text of a parsed command, for `jobs`, `type` of functions and job notices.

import type { Node, Word, Redir } from './ast.ts';

export function wordText(w: Word): string {
  let s = '';
  for (const p of w) {
    switch (p.t) {
      case 'lit': s += p.q && /[\s'"\\$`*?[\]|&;<>()]/.test(p.s) ? `'${p.s}'` : p.s; break;
      case 'tilde': s += `~${p.user}`; break;
      case 'param': s += p.op === '' ? `$${p.name.length > 1 ? `{${p.name}}` : p.name}` : p.op === 'len' ? `\${#${p.name}}` : `\${${p.name}${p.op}${p.arg ? wordText(p.arg) : ''}}`; break;
      case 'cmd': s += `$(${p.body ? nodeText(p.body) : ''})`; break;
      case 'arith': s += `$((${wordText(p.expr)}))`; break;
    }
  }
  return s;
}

function redirText(r: Redir[]): string {
  return r.map((x) => ` ${x.fd === (x.op[0] === '<' ? 0 : 1) ? '' : x.fd}${x.op}${x.doc ? wordText(x.target) : wordText(x.target)}`).join('');
}

export function nodeText(n: Node): string {
  switch (n.k) {
    case 'cmd': return [...n.assigns.map((a) => `${a.name}=${wordText(a.value)}`), ...n.words.map(wordText)].join(' ') + redirText(n.redirs);
    case 'pipe': return (n.bang ? '! ' : '') + n.cmds.map(nodeText).join(' | ');
    case 'time': return `time${n.posix ? ' -p' : ''}${n.body ? ' ' + nodeText(n.body) : ''}`;
    case 'and': return `${nodeText(n.l)} && ${nodeText(n.r)}`;
    case 'or': return `${nodeText(n.l)} || ${nodeText(n.r)}`;
    case 'list': return n.items.map((i) => nodeText(i) + (i.k === 'bg' ? '' : '')).join('; ');
    case 'bg': return `${nodeText(n.n)} &`;
    case 'sub': return `(${nodeText(n.body)})${redirText(n.redirs)}`;
    case 'group': return `{ ${nodeText(n.body)}; }${redirText(n.redirs)}`;
    case 'if': return `if ${nodeText(n.cond)}; then ${nodeText(n.then)}; ${n.else ? `else ${nodeText(n.else)}; ` : ''}fi`;
    case 'while': case 'until': return `${n.k} ${nodeText(n.cond)}; do ${nodeText(n.body)}; done`;
    case 'for': return `for ${n.name}${n.words ? ` in ${n.words.map(wordText).join(' ')}` : ''}; do ${nodeText(n.body)}; done`;
    case 'case': return `case ${wordText(n.word)} in ${n.items.map((it) => `${it.pats.map(wordText).join('|')}) ${it.body ? nodeText(it.body) : ''};;`).join(' ')} esac`;
    case 'func': return `${n.name}() ${nodeText(n.body)}`;
  }
}
