// Checks of a container's health and restarts: the health status dockerd
// keeps (State.Health), the restart policy and count it applies
// (HostConfig.RestartPolicy, RestartCount), and what its event history says
// happened before (health_status and die events), all through the Engine API.

import type { ContainerInspect } from '@dockersim/engine-api';
import type { Probe } from './probe.ts';

/** A container's health, as `docker inspect` shows it under State.Health. */
export interface HealthMatch {
  container: string;
  status: 'starting' | 'healthy' | 'unhealthy';
  /** It was in this status before (the daemon's health_status events): unhealthy before it recovered. */
  was?: 'healthy' | 'unhealthy';
  /** The failing probes in a row (State.Health.FailingStreak), at least. */
  failingStreak?: number;
}

/** What the restart policy did to a container. */
export interface RestartMatch {
  container: string;
  /** HostConfig.RestartPolicy.Name; "no" also matches an empty name. */
  policy?: 'no' | 'always' | 'on-failure' | 'unless-stopped';
  /** HostConfig.RestartPolicy.MaximumRetryCount. */
  maxRetries?: number;
  /** RestartCount exactly. */
  count?: number;
  /** RestartCount at least. */
  atLeast?: number;
  /** Its events record it dying with this exit code at least once. */
  diedWith?: number;
}

export type HealthCheck = { health: HealthMatch } | { restarts: RestartMatch };

export const HEALTH_CHECK_KEYS = ['health', 'restarts'] as const;

const dec = new TextDecoder();

/** Evaluates a health or restart check; undefined when the check is not one of these. */
export async function evaluateHealth(probe: Probe, check: object): Promise<{ ok: boolean; reason: string } | undefined> {
  if ('health' in check) {
    const m = (check as { health: HealthMatch }).health;
    const why = await healthMismatch(probe, m);
    return why ? { ok: false, reason: why } : { ok: true, reason: `container ${m.container} is ${m.status}${m.was ? `, after being ${m.was}` : ''}` };
  }
  if ('restarts' in check) {
    const m = (check as { restarts: RestartMatch }).restarts;
    const why = await restartMismatch(probe, m);
    return why ? { ok: false, reason: why } : { ok: true, reason: `container ${m.container} was restarted as asked` };
  }
  return undefined;
}

async function container(probe: Probe, name: string): Promise<ContainerInspect | undefined> {
  return (await probe.containers()).find((c) => c.Name === `/${name}`);
}

async function healthMismatch(probe: Probe, m: HealthMatch): Promise<string | undefined> {
  const c = await container(probe, m.container);
  if (!c) return `there is no container ${m.container}`;
  const h = c.State.Health;
  if (!h) return `${m.container} has no health check`;
  if (h.Status !== m.status) return `${m.container} is ${h.Status}${c.State.Running ? '' : ` (and ${c.State.Status})`}`;
  if (m.failingStreak !== undefined && h.FailingStreak < m.failingStreak) return `${m.container} failed ${h.FailingStreak} probe${h.FailingStreak === 1 ? '' : 's'} in a row`;
  if (m.was !== undefined) {
    const seen = (await events(probe, c, 'health_status')).map((e) => e.Action.replace(/^health_status: /, ''));
    if (!seen.includes(m.was)) return `${m.container} was never ${m.was}`;
  }
  return undefined;
}

async function restartMismatch(probe: Probe, m: RestartMatch): Promise<string | undefined> {
  const c = await container(probe, m.container);
  if (!c) return `there is no container ${m.container}`;
  const p = c.HostConfig.RestartPolicy ?? { Name: '' };
  const name = p.Name || 'no';
  if (m.policy !== undefined && name !== m.policy) return `${m.container}'s restart policy is ${name}`;
  if (m.maxRetries !== undefined && (p.MaximumRetryCount ?? 0) !== m.maxRetries) return `${m.container} may be restarted ${p.MaximumRetryCount ?? 0} times, not ${m.maxRetries}`;
  const n = c.RestartCount;
  const times = `${n} time${n === 1 ? '' : 's'}`;
  if (m.count !== undefined && n !== m.count) return `${m.container} was restarted ${times}, not ${m.count}`;
  if (m.atLeast !== undefined && n < m.atLeast) return `${m.container} was restarted ${times}`;
  if (m.diedWith !== undefined) {
    const codes = (await events(probe, c, 'die')).map((e) => Number(e.Actor.Attributes.exitCode));
    if (!codes.includes(m.diedWith)) return `${m.container} never exited with code ${m.diedWith}${codes.length ? ` (it exited with ${[...new Set(codes)].join(', ')})` : ''}`;
  }
  return undefined;
}

interface EventMessage { Action: string; Actor: { Attributes: Record<string, string> } }

/** A container's past events of one kind, from the daemon's history (until now, so the stream ends). */
async function events(probe: Probe, c: ContainerInspect, event: string): Promise<EventMessage[]> {
  const now = Date.parse((await probe.host.engine.info()).SystemTime);
  const stream = await probe.host.engine.events({ since: '0', until: String(Math.floor(now / 1000)), filters: { container: [c.Id], event: [event] } });
  let text = '';
  for (;;) {
    const chunk = await stream.read();
    if (!chunk) break;
    text += dec.decode(chunk, { stream: true });
  }
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as EventMessage);
}
