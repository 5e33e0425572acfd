// The daemon's event bus: what `docker events` streams, one JSON object a line.

import type { EventMessage } from '@dockersim/engine-api';
import { ByteQueue } from './byte-queue.ts';

export class EventBus {
  private readonly subscribers = new Set<{ q: ByteQueue; match: (e: EventMessage) => boolean }>();
  private readonly history: EventMessage[] = [];
  /** In-daemon listeners (the on-disk checkpoints), told of every event as it is emitted. */
  readonly listeners = new Set<(e: EventMessage) => void>();

  constructor(private readonly now: () => number) {}

  emit(type: EventMessage['Type'], action: string, id: string, attributes: Record<string, string>): void {
    if (!this.subscribers.size && this.history.length >= 256) this.history.shift();
    const t = this.now();
    const e: EventMessage = {
      Type: type, Action: action, Actor: { ID: id, Attributes: attributes }, scope: 'local',
      time: Math.floor(t / 1000), timeNano: t * 1_000_000,
    };
    if (type === 'container') { e.status = action; e.id = id; e.from = attributes.image; }
    this.history.push(e);
    for (const l of this.listeners) l(e);
    if (this.history.length > 256) this.history.shift();
    if (!this.subscribers.size) return;
    const line = new TextEncoder().encode(JSON.stringify(e) + '\n');
    for (const s of this.subscribers) if (s.match(e)) s.q.push(line);
  }

  subscribe(match: (e: EventMessage) => boolean, since?: number, until?: number): ByteQueue {
    const q = new ByteQueue();
    if (since !== undefined) {
      for (const e of this.history) {
        if (e.time >= since && (until === undefined || e.time <= until) && match(e)) q.push(new TextEncoder().encode(JSON.stringify(e) + '\n'));
      }
    }
    if (until !== undefined && until * 1000 <= this.now()) { q.end(); return q; }
    const s = { q, match };
    this.subscribers.add(s);
    q.onCancel = () => this.subscribers.delete(s);
    return q;
  }
}
