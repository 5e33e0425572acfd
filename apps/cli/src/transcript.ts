// Scenario transcripts: `$ command` lines followed by the output they must
// print. Placeholders: <ID12> <ID64> hex ids, <NUM> digits, <ANY> any text in
// a line, and a line `<...>` for any number of lines. Lines starting "# " are
// comments.

export interface TranscriptCase { cmd: string; want: string[]; line: number }

export function parseTranscript(text: string): TranscriptCase[] {
  const cases: TranscriptCase[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.startsWith('# ') || raw === '#') return;
    if (raw.startsWith('$ ')) { cases.push({ cmd: raw.slice(2), want: [], line: i + 1 }); return; }
    if (cases.length) cases[cases.length - 1].want.push(raw);
  });
  for (const c of cases) while (c.want.length && c.want[c.want.length - 1] === '') c.want.pop();
  return cases;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function lineRe(w: string): string {
  return esc(w).replace(/<ID12>/g, '[0-9a-f]{12}').replace(/<ID64>/g, '[0-9a-f]{64}')
    .replace(/<ANY>/g, '.*').replace(/<NUM>/g, '[0-9]+');
}

export function outputMatches(want: string[], got: string[]): boolean {
  const text = got.join('\n').replace(/\s+$/, '');
  if (!want.length) return text.trim() === '';
  const parts = want.map((w) => (w === '<...>' ? '(?:[^\\n]*\\n)*?' : lineRe(w) + '\\n'));
  return new RegExp('^' + parts.join('') + '$').test(text + '\n');
}

/** Splits a shell session's output at marker lines into each case's output. */
export function splitByMarkers(out: string, marker: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  let cur: string | null = null;
  for (const line of out.split('\n')) {
    const m = new RegExp(`^${marker}(\\d+|end)$`).exec(line.trim());
    if (m) { cur = m[1]; blocks.set(cur, []); continue; }
    if (cur !== null) blocks.get(cur)!.push(line);
  }
  return blocks;
}
