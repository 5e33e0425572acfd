// Assembles an image from its build steps: each step is one history entry and
// either adds a layer or only changes the config (empty_layer), exactly as a
// Dockerfile build records it. The result carries the config, manifest and
// layer blobs with their digests; an index groups the platforms.

import type { Digest } from '../digest/digest.ts';
import { buildLayer, layerDescriptor, type Layer } from '../layer/layer.ts';
import { MediaType } from '../oci/media-types.ts';
import { toBlob, type Blob } from '../oci/image-id.ts';
import type { ContainerConfig, HistoryEntry, ImageConfig, Index, Manifest, Platform } from '../oci/types.ts';
import type { TarEntry } from '../tar/entry.ts';

export interface BuildStep {
  createdBy: string;
  /** RFC 3339 time; defaults to the image's. */
  created?: string;
  comment?: string;
  /** The files this step adds; absent for metadata-only steps. A shared Layer may be given. */
  layer?: readonly TarEntry[] | Layer;
}

export interface ImageSpec {
  platform: Platform;
  created: string;
  config: ContainerConfig;
  steps: BuildStep[];
  /** Layers of a base image (history included) that this image starts from. */
  base?: BuiltImage;
}

/** One platform's image: its config, manifest and layers. */
export interface BuiltImage {
  platform: Platform;
  config: Blob<ImageConfig>;
  manifest: Blob<Manifest>;
  layers: Layer[];
}

function isLayer(x: readonly TarEntry[] | Layer): x is Layer {
  return !Array.isArray(x);
}

export function buildImage(spec: ImageSpec): BuiltImage {
  const layers: Layer[] = spec.base ? [...spec.base.layers] : [];
  const history: HistoryEntry[] = spec.base ? [...(spec.base.config.value.history ?? [])] : [];
  for (const step of spec.steps) {
    const h: HistoryEntry = { created: step.created ?? spec.created, created_by: step.createdBy };
    if (step.comment !== undefined) h.comment = step.comment;
    if (step.layer) layers.push(isLayer(step.layer) ? step.layer : buildLayer(step.layer));
    else h.empty_layer = true;
    history.push(h);
  }
  const config: ImageConfig = {
    architecture: spec.platform.architecture,
    os: spec.platform.os,
    ...(spec.platform.variant ? { variant: spec.platform.variant } : {}),
    created: spec.created,
    config: spec.config,
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history,
  };
  const configBlob = toBlob(config);
  const manifest: Manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: { mediaType: MediaType.OciConfig, digest: configBlob.digest, size: configBlob.bytes.length },
    layers: layers.map(layerDescriptor),
  };
  return { platform: spec.platform, config: configBlob, manifest: toBlob(manifest), layers };
}

/** The multi-platform index over per-platform images. */
export function buildIndex(images: readonly BuiltImage[]): Blob<Index> {
  return toBlob<Index>({
    schemaVersion: 2,
    mediaType: MediaType.OciIndex,
    manifests: images.map((img) => ({
      mediaType: img.manifest.value.mediaType,
      digest: img.manifest.digest,
      size: img.manifest.bytes.length,
      platform: img.platform,
    })),
  });
}

/** An image's logical size: the sum of its layers' sizes (`docker images` SIZE). */
export function imageSize(layers: readonly Layer[]): number {
  return layers.reduce((n, l) => n + l.size, 0);
}

export const PLATFORMS = {
  amd64: { architecture: 'amd64', os: 'linux' },
  arm64: { architecture: 'arm64', os: 'linux', variant: 'v8' },
} as const satisfies Record<string, Platform>;

export type Arch = keyof typeof PLATFORMS;

/** Per-architecture names images use in paths and files. */
export const ARCH_NAMES: Record<Arch, { uname: string; triplet: string; musl: string; deb: string }> = {
  amd64: { uname: 'x86_64', triplet: 'x86_64-linux-gnu', musl: 'ld-musl-x86_64.so.1', deb: 'amd64' },
  arm64: { uname: 'aarch64', triplet: 'aarch64-linux-gnu', musl: 'ld-musl-aarch64.so.1', deb: 'arm64' },
};

/** Seconds since the epoch of an RFC 3339 UTC time ("2025-10-08T11:04:56Z"). */
export function epochSeconds(rfc3339: string): number {
  return Math.floor(Date.parse(rfc3339) / 1000);
}

export type { Digest };
