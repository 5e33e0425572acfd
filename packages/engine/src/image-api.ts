// The image endpoints: pull (POST /images/create), list, inspect, history,
// remove and tag, over dockerd's image store.

import {
  EngineError, conflict, invalidParameter, type ByteStream, type FilterMap, type ImageDeleteItem,
  type ImageHistoryEntry, type ImageInspect, type ImageSummary,
} from '@dockersim/engine-api';
import { familiarString, parseNormalizedNamed, rfc3339Nano, tagNameOnly, ReferenceError, isValidTag, type Reference } from '@dockersim/image';
import { ByteQueue } from './byte-queue.ts';
import type { Daemon } from './daemon.ts';
import { noSuchImage, type StoredImage } from './images.ts';
import { OVERLAY2, removeTree } from './layers.ts';

export function pull(d: Daemon, fromImage: string, tag: string | undefined): ByteStream {
  // The manifest is fetched before anything is streamed: an unknown or denied
  // repository is the request's error ("Error response from daemon: ...").
  let ref: Reference | undefined;
  try { ref = tagNameOnly(parseNormalizedNamed(tag ? (tag.startsWith('sha256:') ? `${fromImage}@${tag}` : `${fromImage}:${tag}`) : fromImage)); } catch { /* reported by the stream */ }
  if (ref) d.opts.registry.resolve(ref);
  const q = new ByteQueue();
  void (async () => {
    try {
      await d.images.pull(d.opts.registry, fromImage, tag, q);
      const img = d.images.get(tag ? `${fromImage}:${tag}` : fromImage);
      if (img) d.bus.emit('image', 'pull', tag ? `${fromImage}:${tag}` : fromImage, { name: fromImage });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      q.push(new TextEncoder().encode(JSON.stringify({ errorDetail: { message }, error: message }) + '\r\n'));
    }
    q.end();
  })();
  return q;
}

/** Errors a pull can know before streaming (bad reference) surface as a status, as dockerd does. */
export function checkPullRef(fromImage: string, tag?: string): void {
  try { parseNormalizedNamed(tag ? `${fromImage}:${tag}` : fromImage); } catch (e) {
    throw invalidParameter(e instanceof ReferenceError ? e.message : String(e));
  }
}

function containersUsing(d: Daemon, img: StoredImage): number {
  let n = 0;
  for (const c of d.containers.values()) if (c.imageId === img.id) n++;
  return n;
}

export function list(d: Daemon, opts: { all: boolean; filters: FilterMap }): ImageSummary[] {
  let imgs = d.images.all().filter((i) => !i.intermediate);
  const ref = opts.filters.reference;
  if (ref?.length) imgs = imgs.filter((i) => i.repoTags.some((t) => ref.some((r) => globMatch(r.includes(':') ? r : `${r}:*`, t))));
  const dangling = opts.filters.dangling;
  if (dangling?.length) imgs = imgs.filter((i) => (i.repoTags.length === 0) === (dangling[0] === 'true' || dangling[0] === '1'));
  return imgs
    .map((i) => ({
      Containers: containersUsing(d, i), Created: Math.floor(Date.parse(i.config.created ?? '1970-01-01T00:00:00Z') / 1000), Id: i.id,
      Labels: i.config.config?.Labels ?? null, ParentId: '', RepoDigests: i.repoDigests,
      RepoTags: i.repoTags, SharedSize: -1, Size: i.size,
    }))
    .sort((a, b) => b.Created - a.Created || a.Id.localeCompare(b.Id));
}

function globMatch(pattern: string, s: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '.') + '$');
  return re.test(s);
}

/** ErrImageDoesNotExist names a reference with its tag ("No such image: foo:latest"); an ID as given. */
function missingName(name: string): string {
  if (/^(sha256:)?[0-9a-f]{64}$/.test(name)) return name;
  try { return familiarString(tagNameOnly(parseNormalizedNamed(name))); } catch { return name; }
}

export function find(d: Daemon, name: string): StoredImage {
  const img = d.images.get(name);
  if (!img) throw noSuchImage(missingName(name));
  return img;
}

export function inspect(d: Daemon, name: string): ImageInspect {
  const img = find(d, name);
  const layers: string[] = img.config.rootfs.diff_ids;
  const dirs = d.images.layers.lowerDirs(img.top);
  return {
    Id: img.id, RepoTags: img.repoTags, RepoDigests: img.repoDigests, Parent: '', Comment: (img.config as { comment?: string }).comment ?? '',
    Created: img.config.created ?? '', DockerVersion: '', Author: img.config.author ?? '',
    Config: {
      Hostname: '', Domainname: '', User: img.config.config?.User ?? '', AttachStdin: false, AttachStdout: false, AttachStderr: false,
      Tty: false, OpenStdin: false, StdinOnce: false, Env: img.config.config?.Env, Cmd: img.config.config?.Cmd ?? null,
      ...(img.config.config?.Healthcheck ? { Healthcheck: img.config.config.Healthcheck } : {}),
      Image: '', Volumes: img.config.config?.Volumes ?? null, WorkingDir: img.config.config?.WorkingDir ?? '',
      Entrypoint: img.config.config?.Entrypoint ?? null, OnBuild: img.config.config?.OnBuild ?? null,
      Labels: img.config.config?.Labels ?? ({} as Record<string, string>),
      ...(img.config.config?.ExposedPorts ? { ExposedPorts: img.config.config.ExposedPorts } : {}),
      ...(img.config.config?.StopSignal ? { StopSignal: img.config.config.StopSignal } : {}),
      ...(img.config.config?.Shell ? { Shell: img.config.config.Shell } : {}),
    },
    Architecture: img.config.architecture, Os: img.config.os, Size: img.size,
    GraphDriver: {
      Data: dirs.length > 1
        ? { LowerDir: dirs.slice(1).join(':'), MergedDir: dirs[0].replace(/diff$/, 'merged'), UpperDir: dirs[0], WorkDir: dirs[0].replace(/diff$/, 'work') }
        : { MergedDir: dirs[0]?.replace(/diff$/, 'merged') ?? '', UpperDir: dirs[0] ?? '', WorkDir: dirs[0]?.replace(/diff$/, 'work') ?? '' },
      Name: 'overlay2',
    },
    RootFS: { Type: 'layers', Layers: layers },
    Metadata: { LastTagTime: img.lastTagTime ? rfc3339Nano(img.lastTagTime) : '0001-01-01T00:00:00Z' },
  };
}

export function history(d: Daemon, name: string): ImageHistoryEntry[] {
  const img = find(d, name);
  const hist = img.config.history ?? [];
  const sizes: number[] = [];
  for (let l = img.top; l; l = l.parent) sizes.unshift(l.size);
  let li = 0;
  const rows: ImageHistoryEntry[] = hist.map((h) => ({
    Id: '<missing>', Created: Math.floor(Date.parse(h.created ?? '1970-01-01T00:00:00Z') / 1000),
    CreatedBy: h.created_by ?? '', Tags: null, Size: h.empty_layer ? 0 : (sizes[li++] ?? 0), Comment: h.comment ?? '',
  }));
  rows.reverse();
  if (rows.length) { rows[0].Id = img.id; rows[0].Tags = img.repoTags.length ? img.repoTags : null; }
  return rows;
}

export async function remove(d: Daemon, name: string, opts: { force: boolean; noprune: boolean }): Promise<ImageDeleteItem[]> {
  const img = find(d, name);
  const out: ImageDeleteItem[] = [];
  const byRef = !/^(sha256:)?[0-9a-f]+$/.test(name) || img.repoTags.some((t) => t === name);
  const users = [...d.containers.values()].filter((c) => c.imageId === img.id);
  if (byRef && img.repoTags.length > 1) {
    const ref = familiarString(tagNameOnly(parseNormalizedNamed(name)));
    d.images.untag(img, ref);
    out.push({ Untagged: ref });
    d.bus.emit('image', 'untag', img.id, { name: ref });
    return out;
  }
  if (users.length && !opts.force) {
    const c = users[0];
    // A reference is checked first (moby's ImageDelete): removing the last
    // tag of an image a container uses would leave it dangling.
    if (byRef) throw conflict(`conflict: unable to remove repository reference "${name}" (must force) - container ${c.id.slice(0, 12)} is using its referenced image ${img.id.slice(7, 19)}`);
    const running = users.find((u) => u.state === 'running');
    if (running) throw conflict(`conflict: unable to delete ${img.id.slice(7, 19)} (cannot be forced) - image is being used by running container ${running.id.slice(0, 12)}`);
    throw conflict(`conflict: unable to delete ${img.id.slice(7, 19)} (must be forced) - image is being used by stopped container ${c.id.slice(0, 12)}`);
  }
  if (!byRef && img.repoTags.length > 1 && !opts.force) {
    throw conflict(`conflict: unable to delete ${img.id.slice(7, 19)} (must be forced) - image is referenced in multiple repositories`);
  }
  for (const t of img.repoTags) { out.push({ Untagged: t }); d.bus.emit('image', 'untag', img.id, { name: t }); }
  for (const dg of img.repoDigests) out.push({ Untagged: dg });
  if (users.length) { img.repoTags = []; return out; }
  d.images.delete(img);
  out.push({ Deleted: img.id });
  // Layers no other image uses go too.
  const inUse = new Set<string>();
  for (const other of d.images.all()) for (let l = other.top; l; l = l.parent) inUse.add(l.chainId);
  const gone: string[] = [];
  for (let l = img.top; l; l = l.parent) {
    if (inUse.has(l.chainId)) break;
    gone.push(l.chainId);
    removeTree(d.sys, `${OVERLAY2}/${l.cacheId}`);
    d.images.layers.forget(l.chainId);
  }
  d.bus.emit('image', 'delete', img.id, { name: img.id });
  return out;
}

export async function tag(d: Daemon, source: string, repo: string, tagName?: string): Promise<void> {
  const img = find(d, source);
  let ref: Reference;
  try {
    ref = parseNormalizedNamed(repo);
    if (tagName) {
      if (!isValidTag(tagName)) throw new ReferenceError('invalid tag format');
      ref = { ...ref, tag: tagName };
    }
    ref = tagNameOnly(ref);
  } catch (e) {
    throw new EngineError('InvalidParameter', e instanceof Error ? e.message : String(e));
  }
  d.images.tag(img, ref);
  d.bus.emit('image', 'tag', img.id, { name: familiarString(ref) });
}
