// The image store on disk, in the overlay2 layout moby uses:
//   image/overlay2/imagedb/content/sha256/HEX       the image config (its digest is the id)
//   image/overlay2/imagedb/metadata/sha256/HEX/     lastUpdated (and our builder flags)
//   image/overlay2/layerdb/sha256/CHAIN/            diff, cache-id, size, parent
//   image/overlay2/repositories.json                {"Repositories": {repo: {ref: id}}}
// Written whole after each image event; read back at start.

import type { Sys } from '@dockersim/kernel';
import { chainId, familiarName, parseNormalizedNamed, type Digest, type ImageConfig } from '@dockersim/image';
import type { ImageStore } from '../images.ts';
import type { Layer } from '../layers.ts';
import { readText } from '../util.ts';
import { listDir, mkdirAll, readJson, writeFileAtomic, writeJson } from './disk.ts';

const ROOT = '/var/lib/docker/image/overlay2';
const CONTENT = `${ROOT}/imagedb/content/sha256`;
const META = `${ROOT}/imagedb/metadata/sha256`;
const LAYERDB = `${ROOT}/layerdb/sha256`;
const hex = (d: string) => d.replace(/^sha256:/, '');

export async function saveImages(sys: Sys, images: ImageStore): Promise<void> {
  for (const d of [CONTENT, META, LAYERDB]) mkdirAll(sys, d);
  const layers = new Set<string>();
  for (const l of images.layers.all()) {
    layers.add(hex(l.chainId));
    const dir = `${LAYERDB}/${hex(l.chainId)}`;
    try { sys.stat(`${dir}/cache-id`); continue; } catch { /* new */ }
    mkdirAll(sys, dir);
    await writeFileAtomic(sys, `${dir}/diff`, l.diffId, 0o644);
    await writeFileAtomic(sys, `${dir}/size`, String(l.size), 0o644);
    if (l.parent) await writeFileAtomic(sys, `${dir}/parent`, l.parent.chainId, 0o644);
    await writeFileAtomic(sys, `${dir}/cache-id`, l.cacheId, 0o644);
  }
  for (const name of listDir(sys, LAYERDB)) if (!layers.has(name)) removeDir(sys, `${LAYERDB}/${name}`);
  const ids = new Set<string>();
  const repos: Record<string, Record<string, string>> = {};
  for (const img of images.all()) {
    const h = hex(img.id);
    ids.add(h);
    try { sys.stat(`${CONTENT}/${h}`); } catch { await writeFileAtomic(sys, `${CONTENT}/${h}`, JSON.stringify(img.config)); }
    mkdirAll(sys, `${META}/${h}`);
    await writeFileAtomic(sys, `${META}/${h}/lastUpdated`, String(img.lastTagTime), 0o644);
    await writeJson(sys, `${META}/${h}/dockersim`, { intermediate: !!img.intermediate, visible: !!img.visible, repoDigests: img.repoDigests }, 0o644);
    for (const ref of img.repoTags) {
      const repo = familiarName(parseNormalizedNamed(ref));
      (repos[repo] ??= {})[ref] = img.id;
    }
  }
  for (const name of listDir(sys, CONTENT)) if (!ids.has(name) && !name.endsWith('.tmp')) { try { sys.unlink(`${CONTENT}/${name}`); } catch { /* gone */ } removeDir(sys, `${META}/${name}`); }
  await writeJson(sys, `${ROOT}/repositories.json`, { Repositories: repos });
}

function removeDir(sys: Sys, dir: string): void {
  for (const f of listDir(sys, dir)) { try { sys.unlink(`${dir}/${f}`); } catch { /* gone */ } }
  try { sys.rmdir(dir); } catch { /* gone */ }
}

export async function loadImages(sys: Sys, images: ImageStore): Promise<void> {
  const byChain = new Map<string, { diff: Digest; cacheId: string; size: number; parent?: string }>();
  for (const name of listDir(sys, LAYERDB)) {
    const dir = `${LAYERDB}/${name}`;
    try {
      const parent = await readText(sys, `${dir}/parent`).catch(() => '');
      byChain.set(`sha256:${name}`, {
        diff: (await readText(sys, `${dir}/diff`)).trim() as Digest, cacheId: (await readText(sys, `${dir}/cache-id`)).trim(),
        size: Number(await readText(sys, `${dir}/size`)) || 0, parent: parent.trim() || undefined,
      });
    } catch { /* incomplete */ }
  }
  const made = new Map<string, Layer | undefined>();
  const layerOf = (chain: string | undefined): Layer | undefined => {
    if (!chain) return undefined;
    if (made.has(chain)) return made.get(chain);
    const e = byChain.get(chain);
    const l = e ? { chainId: chain, diffId: e.diff, cacheId: e.cacheId, size: e.size, parent: layerOf(e.parent) } : undefined;
    if (l) images.layers.adopt(l);
    made.set(chain, l);
    return l;
  };
  for (const chain of byChain.keys()) layerOf(chain);
  const repos = (await readJson<{ Repositories: Record<string, Record<string, string>> }>(sys, `${ROOT}/repositories.json`))?.Repositories ?? {};
  const tags = new Map<string, string[]>();
  for (const refs of Object.values(repos)) for (const [ref, id] of Object.entries(refs)) tags.set(id, [...(tags.get(id) ?? []), ref]);
  for (const name of listDir(sys, CONTENT)) {
    if (name.endsWith('.tmp')) continue;
    const config = await readJson<ImageConfig>(sys, `${CONTENT}/${name}`);
    if (!config) continue;
    const diffIds = (config.rootfs?.diff_ids ?? []) as Digest[];
    const img = images.add(config, layerOf(chainId(diffIds)));
    for (const ref of tags.get(img.id) ?? []) images.tag(img, parseNormalizedNamed(ref));
    const meta = await readJson<{ intermediate: boolean; visible: boolean; repoDigests: string[] }>(sys, `${META}/${name}/dockersim`);
    if (meta) {
      if (meta.intermediate) img.intermediate = true;
      if (meta.visible) img.visible = true;
      img.repoDigests = meta.repoDigests ?? [];
    }
    const last = Number(await readText(sys, `${META}/${name}/lastUpdated`).catch(() => '0'));
    if (last) img.lastTagTime = last;
  }
}
