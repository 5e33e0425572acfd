// docker commit (moby's daemon/commit.go): the container's upperdir becomes
// one layer over its image (with the builder's commit code), the image
// config takes the container's config with -c changes applied, and a
// history entry names the container's command. A running container is
// paused for the commit unless --pause=false.

import { EngineError, invalidParameter, type CommitQuery, type ContainerConfig } from '@dockersim/engine-api';
import { familiarString, isValidTag, parseNormalizedNamed, tagNameOnly, type ImageConfig } from '@dockersim/image';
import type { Container } from './container.ts';
import type { Daemon } from './daemon.ts';
import { commitLayer, diffEntries } from './builder/commit.ts';
import { cloneConfig, setEnv } from './builder/config.ts';
import { OVERLAY2 } from './layers.ts';
import { rfc3339Nano } from './time.ts';
import * as pausing from './pause.ts';

const MOUNTPOINTS = new Set(['etc/hosts', 'etc/hostname', 'etc/resolv.conf']);

/** The -c instructions commit accepts (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL). */
function applyChange(cfg: ContainerConfig, change: string): void {
  const m = /^\s*(\w+)\s+([\s\S]*)$/.exec(change);
  if (!m) throw invalidParameter(`dockerfile parse error on line 1: unknown instruction: ${change.trim().toUpperCase()}`);
  const op = m[1]!.toUpperCase(), rest = m[2]!.trim();
  const list = (): string[] => { if (rest.startsWith('[')) { try { return JSON.parse(rest) as string[]; } catch { /* shell form */ } } return ['/bin/sh', '-c', rest]; };
  switch (op) {
    case 'CMD': cfg.Cmd = list(); break;
    case 'ENTRYPOINT': cfg.Entrypoint = list(); break;
    case 'ENV': for (const kv of rest.split(/\s+/)) { const i = kv.indexOf('='); setEnv(cfg as never, i < 0 ? kv : kv.slice(0, i), i < 0 ? '' : kv.slice(i + 1)); } break;
    case 'EXPOSE': for (const p of rest.split(/\s+/)) (cfg.ExposedPorts ??= {})[p.includes('/') ? p : `${p}/tcp`] = {}; break;
    case 'LABEL': for (const kv of rest.split(/\s+/)) { const i = kv.indexOf('='); (cfg.Labels ??= {})[kv.slice(0, i)] = kv.slice(i + 1).replace(/^"|"$/g, ''); } break;
    case 'USER': cfg.User = rest; break;
    case 'WORKDIR': cfg.WorkingDir = rest; break;
    case 'STOPSIGNAL': cfg.StopSignal = rest; break;
    case 'VOLUME': for (const v of list().filter((x) => x !== '/bin/sh' && x !== '-c')) (cfg.Volumes ??= {})[v] = {}; break;
    default: throw invalidParameter(`${op.toLowerCase()} is not a valid change command`);
  }
}

export async function commit(d: Daemon, c: Container, q: CommitQuery, override: ContainerConfig | undefined): Promise<{ Id: string }> {
  let ref;
  if (q.repo) {
    try {
      ref = parseNormalizedNamed(q.repo);
      if (q.tag) { if (!isValidTag(q.tag)) throw new Error('invalid tag format'); ref = { ...ref, tag: q.tag }; }
      ref = tagNameOnly(ref);
    } catch (e) { throw invalidParameter((e as Error).message); }
  }
  const parent = d.images.get(c.imageId);
  if (!parent) throw new EngineError('System', `No such image: ${c.imageId}`);
  const pause = q.pause && c.state === 'running';
  if (pause) await pausing.pause(d, c);
  try {
    const cfg: ImageConfig = cloneConfig(parent.config);
    const cc = { ...(cfg.config ?? {}), ...JSON.parse(JSON.stringify(c.config)) as ContainerConfig, ...(override ?? {}) };
    delete cc.Image;
    for (const ch of q.changes) applyChange(cc, ch);
    const entries = (await diffEntries(d.sys, `${OVERLAY2}/${c.layerId}/diff`)).filter((e) => !MOUNTPOINTS.has(e.path) || e.size > 0);
    const now = rfc3339Nano(d.sys.now());
    const empty = entries.length === 0;
    const top = empty ? parent.top : await commitLayer(d.sys, d.images, parent.top, entries);
    cfg.config = cc as never;
    cfg.created = now;
    if (q.author) cfg.author = q.author; else delete cfg.author;
    // moby's V1Image keeps the commit message as the config's "comment" (image inspect's Comment)
    if (q.comment) (cfg as { comment?: string }).comment = q.comment; else delete (cfg as { comment?: string }).comment;
    if (!empty) cfg.rootfs = { type: 'layers', diff_ids: [...cfg.rootfs.diff_ids, top!.diffId] };
    cfg.history = [...(cfg.history ?? []), {
      created: now, created_by: (c.config.Cmd ?? []).join(' '),
      ...(q.author ? { author: q.author } : {}), ...(q.comment ? { comment: q.comment } : {}), ...(empty ? { empty_layer: true } : {}),
    }];
    const img = d.images.add(cfg, top, ref);
    d.bus.emit('container', 'commit', c.id, { comment: q.comment, image: c.imageRef, imageID: img.id, imageRef: ref ? familiarString(ref) : '', name: c.name });
    return { Id: img.id };
  } finally {
    if (pause) await pausing.unpause(d, c).catch(() => undefined);
  }
}
