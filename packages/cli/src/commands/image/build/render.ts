// BuildKit's progress as buildx prints it: the plain format (#N lines) when
// the output is not a terminal, and the final view of the tty format
// ([+] Building ... FINISHED, => lines with times) on a terminal. The daemon's
// trace messages carry vertices, their statuses and logs in virtual time.

export interface Vertex { digest: string; name: string; started?: number; completed?: number; cached?: boolean; error?: string }
export interface VStatus { id: string; vertex: string; name?: string; current?: number; total?: number; started?: number; completed?: number }
export interface VLog { vertex: string; stream: number; data: string; timestamp: number }
export interface SolveStatus { vertexes?: Vertex[]; statuses?: VStatus[]; logs?: VLog[]; warnings?: { vertex: string; short: string }[] }

interface V extends Vertex { index: number; statuses: VStatus[]; logs: string[]; printedHeader: boolean }

const secs = (ms: number) => (Math.max(0, ms) / 1000).toFixed(1);

/** go-units HumanSize with %.2f as buildkit's status bytes print ("66B", "1.23kB"). */
export function statusBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return i === 0 ? `${n}B` : `${v.toFixed(2).replace(/\.?0+$/, '')}${units[i]}`;
}

export class BuildDisplay {
  private readonly byDigest = new Map<string, V>();
  private readonly order: V[] = [];
  private next = 1;
  private printedFirst = false;
  start = -1;
  end = 0;

  constructor(private readonly plain: boolean, private readonly out: (s: string) => void) {}

  update(s: SolveStatus): void {
    for (const v of s.vertexes ?? []) {
      let x = this.byDigest.get(v.digest);
      if (!x) { x = { ...v, index: this.next++, statuses: [], logs: [], printedHeader: false }; this.byDigest.set(v.digest, x); this.order.push(x); }
      else Object.assign(x, v);
      if (v.started !== undefined && (this.start < 0 || v.started < this.start)) this.start = v.started;
      if (v.completed !== undefined) this.end = Math.max(this.end, v.completed);
      if (this.plain) this.printPlain(x, [], []);
    }
    for (const st of s.statuses ?? []) {
      const x = this.byDigest.get(st.vertex);
      if (!x) continue;
      const i = x.statuses.findIndex((y) => y.id === st.id);
      if (i >= 0) x.statuses[i] = st; else x.statuses.push(st);
      if (this.plain) this.printPlain(x, [st], []);
    }
    for (const l of s.logs ?? []) {
      const x = this.byDigest.get(l.vertex);
      if (!x) continue;
      const rel = ((l.timestamp - (x.started ?? l.timestamp)) / 1000).toFixed(3);
      const lines = l.data.replace(/\n$/, '').split('\n').map((t) => `${rel} ${t}`);
      x.logs.push(...lines);
      if (this.plain) this.printPlain(x, [], lines);
    }
  }

  private header(x: V): void {
    if (x.printedHeader) return;
    x.printedHeader = true;
    if (this.printedFirst) this.out('\n');
    else { this.out('#0 building with "default" instance using docker driver\n\n'); this.printedFirst = true; }
    this.out(`#${x.index} ${x.name}\n`);
  }

  private printPlain(x: V, statuses: VStatus[], logs: string[]): void {
    this.header(x);
    for (const st of statuses) {
      const bytes = st.total ? ` ${statusBytes(st.current ?? 0)} / ${statusBytes(st.total)}` : st.current ? ` ${statusBytes(st.current)}` : '';
      let tm = '';
      if (st.started !== undefined && st.completed !== undefined && (st.completed - st.started) / 1000 > 0.01) tm = ` ${secs(st.completed - st.started)}s`;
      if (st.completed !== undefined) tm += ' done';
      this.out(`#${x.index} ${st.id}${bytes}${tm}\n`);
    }
    for (const l of logs) this.out(`#${x.index} ${l}\n`);
    if (x.completed !== undefined && !statuses.length && !logs.length) {
      if (x.error) this.out(`#${x.index} ERROR: ${x.error}\n`);
      else if (x.cached) this.out(`#${x.index} CACHED\n`);
      else this.out(`#${x.index} DONE ${secs(x.completed - (x.started ?? x.completed))}s\n`);
    }
  }

  /** The tty format's last frame. */
  finalFrame(cols: number, ok: boolean): string {
    const width = Math.max(cols, 40);
    const done = this.order.filter((v) => v.completed !== undefined).length;
    const total = secs(this.end - Math.max(this.start, 0));
    const lines: string[] = [];
    const head = `[+] Building ${total}s (${done}/${this.order.length})${ok ? ' FINISHED' : ''}`;
    const right = 'docker:default';
    lines.push(head + ' '.repeat(Math.max(1, width - head.length - right.length)) + right);
    const row = (text: string, t: string) => {
      const room = width - t.length - 1;
      const shown = text.length > room ? text.slice(0, room - 3) + '...' : text;
      return shown + ' '.repeat(Math.max(1, width - shown.length - t.length)) + t;
    };
    for (const v of this.order) {
      const label = `${v.cached ? 'CACHED ' : ''}${v.error ? 'ERROR ' : ''}${v.name}`;
      lines.push(row(` => ${label}`, v.cached ? '0.0s' : `${secs((v.completed ?? this.end) - (v.started ?? 0))}s`));
      for (const st of v.statuses) {
        const name = st.name ?? st.id;
        lines.push(row(` => => ${name}`, `${secs((st.completed ?? this.end) - (st.started ?? 0))}s`));
      }
      if (v.error) for (const l of v.logs.slice(-6)) lines.push(` => => # ${l.replace(/^\S+ /, '')}`);
    }
    return lines.join('\n') + '\n';
  }

  /** The vertex that failed, with its last log lines, as buildx repeats it after the progress. */
  failure(): string {
    const v = this.order.find((x) => x.error);
    if (!v || v.name.startsWith('[internal]')) return '';
    return `------\n > ${v.name}:\n${v.logs.slice(-10).map((l) => l + '\n').join('')}------\n`;
  }
}

/** buildx's excerpt of the Dockerfile around the failing lines. */
export function sourceExcerpt(file: string, text: string, start: number, end: number): string {
  const lines = text.split('\n');
  const from = Math.max(1, start - 2);
  const to = Math.min(lines.length, end + 2);
  let out = `${file}:${start === end ? start : `${start}-${end}`}\n--------------------\n`;
  for (let i = from; i <= to; i++) {
    out += `${String(i).padStart(4)} | ${i >= start && i <= end ? '>>> ' : '    '}${lines[i - 1]}`.replace(/\s+$/, (m) => (i >= start && i <= end ? m : m)) + '\n';
  }
  return out + '--------------------\n';
}
