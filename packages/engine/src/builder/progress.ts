// What a build tells its client while it runs. The classic builder streams
// text ({"stream": "Step 1/3 : FROM alpine\n"}); BuildKit streams its solve
// status (vertices, their sub-statuses and logs) as
// {"id": "moby.buildkit.trace", "aux": ...}, which the CLI renders.

import type { ProgressMessage } from '@dockersim/engine-api';

export interface Vertex {
  digest: string;
  name: string;
  /** virtual ms since boot */
  started?: number;
  completed?: number;
  cached?: boolean;
  error?: string;
}
export interface VertexStatus { id: string; vertex: string; name?: string; current?: number; total?: number; started?: number; completed?: number }
export interface VertexLog { vertex: string; stream: 1 | 2; data: string; timestamp: number }
export interface SolveStatus { vertexes?: Vertex[]; statuses?: VertexStatus[]; logs?: VertexLog[]; warnings?: { vertex: string; short: string }[] }

export const TRACE_ID = 'moby.buildkit.trace';

export class Progress {
  private n = 0;
  constructor(readonly classic: boolean, private readonly send: (m: ProgressMessage) => void, private readonly now: () => number) {}

  /** Classic builder text. */
  text(s: string): void { if (this.classic) this.send({ stream: s }); }
  aux(aux: unknown): void { this.send({ aux }); }

  /** BuildKit: a vertex appears (started now); returns its digest. */
  start(name: string, cached = false): string {
    const digest = `sha256:${(++this.n).toString(16).padStart(64, '0')}`;
    if (!this.classic) {
      const t = this.now();
      this.solve({ vertexes: [cached ? { digest, name, started: t, completed: t, cached: true } : { digest, name, started: t }] });
    }
    return digest;
  }
  done(digest: string, name: string, started: number, error?: string): void {
    if (this.classic) return;
    this.solve({ vertexes: [{ digest, name, started, completed: this.now(), ...(error ? { error } : {}) }] });
  }
  status(vertex: string, id: string, started: number, extra: Partial<VertexStatus> = {}): void {
    if (this.classic) return;
    this.solve({ statuses: [{ id, vertex, started, completed: this.now(), ...extra }] });
  }
  log(vertex: string, stream: 1 | 2, data: string): void {
    if (this.classic) { this.send({ stream: data }); return; }
    this.solve({ logs: [{ vertex, stream, data, timestamp: this.now() }] });
  }
  warn(vertex: string, short: string): void { if (!this.classic) this.solve({ warnings: [{ vertex, short }] }); }
  private solve(s: SolveStatus): void { this.send({ id: TRACE_ID, aux: s } as ProgressMessage); }
}
