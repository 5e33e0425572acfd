// Checks of a local image: its layers (how many, which it shares with
// another image, what a build cache reused), its config and its files, all
// from `GET /images/{name}/json` and the layer directories it names.

import type { ImageInspect } from '@dockersim/engine-api';
import type { ImageConfigMatch, ImageMatch } from './format.ts';
import { describeFile, fileMismatchAt, imageHostPath } from './files.ts';
import type { Probe } from './probe.ts';

const same = (a: readonly unknown[] | null | undefined, b: readonly unknown[] | null | undefined) =>
  JSON.stringify(a?.length ? a : null) === JSON.stringify(b?.length ? b : null);
const show = (v: unknown) => JSON.stringify(v ?? null);

function configMismatch(img: ImageInspect, m: ImageConfigMatch): string | undefined {
  const c = img.Config ?? {};
  if (m.cmd !== undefined && !same(c.Cmd, m.cmd)) return `its Cmd is ${show(c.Cmd)}`;
  if (m.entrypoint !== undefined && !same(c.Entrypoint, m.entrypoint)) return `its Entrypoint is ${show(c.Entrypoint)}`;
  if (m.shell !== undefined && !same(c.Shell, m.shell)) return `its Shell is ${show(c.Shell)}`;
  if (m.healthcheck !== undefined && !same(c.Healthcheck?.Test, m.healthcheck)) return `its Healthcheck is ${show(c.Healthcheck?.Test)}`;
  if (m.user !== undefined && (c.User ?? '') !== m.user) return `its User is "${c.User ?? ''}"`;
  if (m.workdir !== undefined && (c.WorkingDir ?? '') !== m.workdir) return `its WorkingDir is "${c.WorkingDir ?? ''}"`;
  if (m.stopSignal !== undefined && (c.StopSignal ?? '') !== m.stopSignal) return `its StopSignal is "${c.StopSignal ?? ''}"`;
  for (const e of m.env ?? []) if (!(c.Env ?? []).includes(e)) return `its Env has no ${e}`;
  for (const p of m.exposedPorts ?? []) if (!(p in (c.ExposedPorts ?? {}))) return `it exposes ${Object.keys(c.ExposedPorts ?? {}).join(', ') || 'no ports'}, not ${p}`;
  for (const v of m.volumes ?? []) if (!(v in (c.Volumes ?? {}))) return `its Volumes are ${Object.keys(c.Volumes ?? {}).join(', ') || 'none'}, not ${v}`;
  for (const o of m.onBuild ?? []) if (!(c.OnBuild ?? []).includes(o)) return `its OnBuild is ${show(c.OnBuild)}`;
  for (const [k, v] of Object.entries(m.labels ?? {})) {
    if ((c.Labels ?? {})[k] !== v) return (c.Labels ?? {})[k] === undefined ? `it has no label ${k}` : `its label ${k} is "${(c.Labels ?? {})[k]}"`;
  }
  return undefined;
}

/** Why the image does not match, or undefined when it does. */
export async function imageMismatch(probe: Probe, m: ImageMatch): Promise<string | undefined> {
  const img = await probe.image(m.ref);
  if (!img) return `there is no image ${m.ref} locally`;
  const layers = img.RootFS?.Layers ?? [];
  if (m.layers !== undefined && layers.length !== m.layers) return `${m.ref} has ${layers.length} layer${layers.length === 1 ? '' : 's'}, not ${m.layers}`;
  if (m.sameAs !== undefined) {
    const other = await probe.image(m.sameAs);
    if (!other) return `there is no image ${m.sameAs} locally`;
    if (other.Id !== img.Id) return `${m.ref} is ${img.Id.slice(7, 19)}, ${m.sameAs} is ${other.Id.slice(7, 19)}`;
  }
  if (m.base !== undefined) {
    const base = await probe.image(m.base);
    if (!base) return `there is no image ${m.base} locally`;
    const b = base.RootFS?.Layers ?? [];
    if (!b.every((l, i) => layers[i] === l)) return `${m.ref} is not built on ${m.base}: its layers do not start with ${m.base}'s ${b.length}`;
  }
  if (m.sharedLayers !== undefined) {
    const other = await probe.image(m.sharedLayers.with);
    if (!other) return `there is no image ${m.sharedLayers.with} locally`;
    const o = other.RootFS?.Layers ?? [];
    let n = 0;
    while (n < layers.length && n < o.length && layers[n] === o[n]) n++;
    if (n !== m.sharedLayers.count) return `${m.ref} shares its first ${n} layer${n === 1 ? '' : 's'} with ${m.sharedLayers.with}, not ${m.sharedLayers.count}`;
  }
  if (m.config !== undefined) {
    const why = configMismatch(img, m.config);
    if (why) return `${m.ref}: ${why}`;
  }
  if (m.file !== undefined) {
    const why = fileMismatchAt(probe, imageHostPath(probe, img, m.file.path), m.file);
    if (why) return `in ${m.ref}, ${why}`;
  }
  return undefined;
}

export function describeImage(m: ImageMatch): string {
  const parts = [m.ref];
  if (m.layers !== undefined) parts.push(`with ${m.layers} layers`);
  if (m.base !== undefined) parts.push(`built on ${m.base}`);
  if (m.sharedLayers !== undefined) parts.push(`sharing ${m.sharedLayers.count} layers with ${m.sharedLayers.with}`);
  if (m.sameAs !== undefined) parts.push(`the same as ${m.sameAs}`);
  if (m.config !== undefined) parts.push(`configured ${JSON.stringify(m.config)}`);
  if (m.file !== undefined) parts.push(`holding ${describeFile(m.file)}`);
  return parts.join(', ');
}
