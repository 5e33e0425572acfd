// Dockerfile text → instruction nodes (buildkit's parser.Parse): parser
// directives, comments, line continuations with the escape token, empty
// continuation warnings and here-documents, each node with its line range.

import { DockerfileError, withLocation } from './errors.ts';
import { NotStringArrayError, parseJSONArray, parseNameVal, parseWords, splitCommand, splitWhitespace } from './words.ts';

export interface Heredoc { name: string; expand: boolean; chomp: boolean; fd: number; content: string }

export interface Node {
  /** The instruction as written ("RUN", "run"). */
  cmd: string;
  flags: string[];
  args: string[];
  /** The arguments were a JSON array (exec form). */
  json: boolean;
  heredocs: Heredoc[];
  /** The whole logical line, continuations joined. */
  original: string;
  startLine: number;
  endLine: number;
  /** ONBUILD's trigger instruction. */
  sub?: Node;
}

export interface ParseResult { nodes: Node[]; escape: string; warnings: string[]; directives: Record<string, string> }

const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const VALID_DIRECTIVES = new Set(['escape', 'syntax', 'check']);
const HEREDOC = /^(\d*)<<(-?)\s*([^<]*)$/;
const HEREDOC_CMDS = new Set(['add', 'copy', 'run']);

type LineParser = (rest: string, escape: string) => { args: string[]; json: boolean };

const maybeJSON: LineParser = (rest) => {
  if (rest === '') return { args: [], json: false };
  const j = parseJSONArray(rest);
  return j ? { args: j, json: true } : { args: [rest], json: false };
};
const maybeJSONToList: LineParser = (rest) => {
  const j = parseJSONArray(rest);
  return j ? { args: j, json: true } : { args: splitWhitespace(rest), json: false };
};
const whitespaceList: LineParser = (rest) => ({ args: splitWhitespace(rest), json: false });
const single: LineParser = (rest) => ({ args: rest === '' ? [] : [rest], json: false });
const nameOrNameVal: LineParser = (rest, esc) => ({ args: parseWords(rest, esc), json: false });
const healthConfig: LineParser = (rest) => {
  const m = /^(\S+)\s*/.exec(rest);
  if (!m) return { args: [], json: false };
  const r = maybeJSON(rest.slice(m[0].length), '');
  return { args: [m[1], ...r.args], json: r.json };
};

const dispatch: Record<string, LineParser> = {
  add: maybeJSONToList, arg: nameOrNameVal, cmd: maybeJSON, copy: maybeJSONToList, entrypoint: maybeJSON,
  env: (r, e) => ({ args: parseNameVal(r, 'ENV', e), json: false }), expose: whitespaceList, from: whitespaceList,
  healthcheck: healthConfig, label: (r, e) => ({ args: parseNameVal(r, 'LABEL', e), json: false }),
  maintainer: single, run: maybeJSON, shell: maybeJSON, stopsignal: single, user: single,
  volume: maybeJSONToList, workdir: single,
};

function nodeFromLine(line: string, escape: string): Node {
  const { cmd, flags, rest } = splitCommand(line, escape);
  const lower = cmd.toLowerCase();
  const node: Node = { cmd, flags, args: [], json: false, heredocs: [], original: line, startLine: 0, endLine: 0 };
  if (lower === 'onbuild') {
    if (rest !== '') node.sub = nodeFromLine(rest, escape);
    return node;
  }
  const fn = dispatch[lower];
  if (!fn) return node;
  try {
    const r = fn(rest, escape);
    node.args = r.args;
    node.json = r.json;
  } catch (e) {
    if (e instanceof NotStringArrayError) throw e;
    throw e;
  }
  return node;
}

function canContainHeredoc(n: Node): boolean {
  const target = n.cmd.toLowerCase() === 'onbuild' && n.sub ? n.sub : n;
  return HEREDOC_CMDS.has(target.cmd.toLowerCase()) && !target.json;
}

/** A heredoc word ("<<EOF", "<<-'EOF'", "3<<EOF"), or undefined. */
export function parseHeredoc(word: string): Omit<Heredoc, 'content'> | undefined {
  const m = HEREDOC.exec(word);
  if (!m || !m[3]) return undefined;
  const raw = m[3];
  if (/\s/.test(raw.trim())) return undefined;
  const name = raw.replace(/['"]/g, '');
  return { name, expand: !/['"]/.test(raw), chomp: m[2] === '-', fd: m[1] ? Number(m[1]) : 0 };
}

function heredocsFromLine(line: string): Omit<Heredoc, 'content'>[] {
  const out: Omit<Heredoc, 'content'>[] = [];
  for (const w of parseWords(line.replace(/<<\s+/g, '<<'), '\\')) {
    const h = parseHeredoc(w);
    if (h) out.push(h);
  }
  return out;
}

export function parseDirectivesAndLines(text: string): ParseResult {
  let src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = src.split('\n').map((l, i, a) => (i < a.length - 1 ? l + '\n' : l));
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  let escape = '\\';
  let contRe = contRegex(escape);
  const directives: Record<string, string> = {};
  let directivesDone = false;
  const nodes: Node[] = [];
  const warnings: string[] = [];
  let i = 0;
  let current = 0;

  const processLine = (raw: string, stripLeft: boolean): string => {
    let t = raw.replace(/[\r\n]+$/, '');
    if (stripLeft) t = t.replace(/^\s+/, '');
    if (!directivesDone) {
      const d = parseDirective(t);
      if (d === undefined) directivesDone = true;
      else {
        if (d[0] in directives) throw new Error(`only one ${d[0]} parser directive can be used`);
        directives[d[0]] = d[1];
        if (d[0] === 'escape') {
          if (d[1] !== '`' && d[1] !== '\\') throw new Error(`invalid escape token '${d[1]}' does not match \` or \\`);
          escape = d[1];
          contRe = contRegex(escape);
        }
      }
    }
    return isComment(t) ? '' : t;
  };

  while (i < lines.length) {
    let bytes: string;
    try { bytes = processLine(lines[i++], true); } catch (e) { throw withLocation(e, current + 1, current + 1); }
    current++;
    const startLine = current;
    let [chunk, eol] = trimContinuation(bytes, contRe);
    if (eol && chunk.length === 0) continue;
    let buf = chunk;
    let emptyCont = false;
    while (!eol && i < lines.length) {
      const raw = lines[i++];
      let b: string;
      try { b = processLine(raw, false); } catch (e) { throw withLocation(e, current + 1, current + 1); }
      current++;
      if (isComment(raw)) continue;
      if (b.trim() === '') { emptyCont = true; continue; }
      [chunk, eol] = trimContinuation(b, contRe);
      buf += chunk;
    }
    if (emptyCont) warnings.push(`Empty continuation line found in: ${buf}`);
    let node: Node;
    try { node = nodeFromLine(buf, escape); } catch (e) { throw withLocation(e, startLine, current); }
    if (canContainHeredoc(node) && buf.includes('<<')) {
      const target = node.sub ?? node;
      for (const h of heredocsFromLine(buf)) {
        let content = '';
        let done = false;
        while (i < lines.length) {
          const raw = lines[i++];
          current++;
          let term = raw.replace(/[\r\n]+$/, '');
          if (h.chomp) term = term.replace(/^\t+/, '');
          if (term === h.name) { done = true; break; }
          content += raw.endsWith('\n') ? raw : raw + '\n';
        }
        if (!done) throw new DockerfileError('unterminated heredoc', startLine, current);
        target.heredocs.push({ ...h, content });
      }
    }
    node.startLine = startLine;
    node.endLine = current;
    nodes.push(node);
  }
  if (!nodes.length) throw new DockerfileError('file with no instructions', current, 0);
  return { nodes, escape, warnings, directives };
}

function contRegex(esc: string): RegExp {
  const e = esc === '\\' ? '\\\\' : esc;
  return new RegExp(`([^${e}])${e}[ \\t]*$|^${e}[ \\t]*$`);
}

function trimContinuation(line: string, re: RegExp): [string, boolean] {
  if (re.test(line)) return [line.replace(re, '$1'), false];
  return [line, true];
}

function isComment(line: string): boolean { return /^\s*#/.test(line); }

function parseDirective(line: string): [string, string] | undefined {
  if (!line.startsWith('#')) return undefined;
  const m = DIRECTIVE.exec(line.slice(1).replace(/^\s+/, ''));
  if (!m) return undefined;
  const k = m[1].toLowerCase();
  if (!VALID_DIRECTIVES.has(k)) return undefined;
  return [k, m[2]];
}
