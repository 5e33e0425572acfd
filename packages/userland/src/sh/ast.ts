// The shell's syntax tree: words are lists of parts that keep how they were
// quoted, so expansion can decide splitting and globbing per part.

export type Part =
  /** Literal text; q: quoted (not split, not a glob pattern). */
  | { t: 'lit'; s: string; q: boolean }
  /** $name, ${name}, ${name op arg}; op '' plain, 'len' for ${#name}. */
  | { t: 'param'; name: string; op: string; arg: Word | null; q: boolean }
  /** $(...) or `...` */
  | { t: 'cmd'; body: Node | null; q: boolean }
  /** $((...)): the expression is expanded first, then evaluated. */
  | { t: 'arith'; expr: Word; q: boolean }
  /** ~ or ~user at the start of a word. */
  | { t: 'tilde'; user: string };

export type Word = Part[];

export interface Redir {
  fd: number;
  op: '<' | '>' | '>>' | '<>' | '>|' | '<&' | '>&' | '<<' | '<<-' | '<<<';
  target: Word;
  /** here-document body: raw text; expanded (parsed as a here-doc word) unless the delimiter was quoted. */
  doc?: { body: string; expand: boolean; parsed?: Word };
}

export interface Assign { name: string; value: Word }

export type Node =
  | { k: 'cmd'; assigns: Assign[]; words: Word[]; redirs: Redir[]; line: number }
  | { k: 'pipe'; cmds: Node[]; bang: boolean }
  /** bash's `time [-p] pipeline` (a reserved word there; other shells run the time program) */
  | { k: 'time'; body: Node | null; posix: boolean }
  | { k: 'and' | 'or'; l: Node; r: Node }
  | { k: 'list'; items: Node[] }
  | { k: 'bg'; n: Node }
  | { k: 'sub'; body: Node; redirs: Redir[] }
  | { k: 'group'; body: Node; redirs: Redir[] }
  | { k: 'if'; cond: Node; then: Node; else: Node | null; redirs: Redir[] }
  | { k: 'while' | 'until'; cond: Node; body: Node; redirs: Redir[] }
  | { k: 'for'; name: string; words: Word[] | null; body: Node; redirs: Redir[] }
  | { k: 'case'; word: Word; items: CaseItem[]; redirs: Redir[] }
  | { k: 'func'; name: string; body: Node };

export interface CaseItem { pats: Word[]; body: Node | null }

/** The text of a word that is a single unquoted literal (reserved words, names), else null. */
export function plainWord(w: Word): string | null {
  if (w.length !== 1) return null;
  const p = w[0]!;
  return p.t === 'lit' && !p.q ? p.s : null;
}
