// The columns of `docker images` (formatter/image.go), one row per
// repository:tag of each image, "<none>" for dangling ones.

import type { ImageSummary } from '@dockersim/engine-api';
import { goTimeString, truncateID } from './context.ts';
import { familiarName, parseNormalizedNamed } from './reference.ts';
import { humanDuration, humanSize, humanSizeWithPrecision } from '@dockersim/image';

export const DEFAULT_IMAGE_TABLE_FORMAT = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';
export const DEFAULT_IMAGE_TABLE_FORMAT_WITH_DIGEST = 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';

export const imageHeader: Record<string, string> = {
  ID: 'IMAGE ID', Repository: 'REPOSITORY', Tag: 'TAG', Digest: 'DIGEST', CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT', Size: 'SIZE', Containers: 'CONTAINERS', VirtualSize: 'SIZE', SharedSize: 'SHARED SIZE', UniqueSize: 'UNIQUE SIZE',
};

/** NewImageFormat */
export function imageFormat(source: string, quiet: boolean, digest: boolean): string {
  if (source === 'table') {
    if (quiet) return '{{.ID}}';
    return digest ? DEFAULT_IMAGE_TABLE_FORMAT_WITH_DIGEST : DEFAULT_IMAGE_TABLE_FORMAT;
  }
  if (source === 'raw') {
    if (quiet) return 'image_id: {{.ID}}';
    return digest
      ? 'repository: {{ .Repository }}\ntag: {{.Tag}}\ndigest: {{.Digest}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n'
      : 'repository: {{ .Repository }}\ntag: {{.Tag}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n';
  }
  let f = source;
  if (f.startsWith('table') && digest && !f.includes('{{.Digest}}')) f += '\t{{.Digest}}';
  return f;
}

export class ImageContext {
  readonly goType = '*formatter.imageContext';
  constructor(private readonly i: ImageSummary, private readonly trunc: boolean, private readonly repo: string,
    private readonly tag: string, private readonly digest: string, private readonly now: number) {
    Object.defineProperty(this, 'goType', { enumerable: false });
  }
  ID(): string { return this.trunc ? truncateID(this.i.Id) : this.i.Id; }
  Repository(): string { return this.repo; }
  Tag(): string { return this.tag; }
  Digest(): string { return this.digest; }
  CreatedSince(): string { return humanDuration(this.now - this.i.Created * 1000) + ' ago'; }
  CreatedAt(): string { return goTimeString(this.i.Created * 1000); }
  Size(): string { return humanSizeWithPrecision(this.i.Size, 3); }
  Containers(): string { return this.i.Containers === -1 ? 'N/A' : String(this.i.Containers); }
  VirtualSize(): string { return humanSize(this.i.Size); }
  SharedSize(): string { return this.i.SharedSize === -1 ? 'N/A' : humanSize(this.i.SharedSize); }
  UniqueSize(): string { return this.i.Size === -1 || this.i.SharedSize === -1 ? 'N/A' : humanSize(this.i.Size - this.i.SharedSize); }
  marshalJSON(): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    for (const k of ['Containers', 'CreatedAt', 'CreatedSince', 'Digest', 'ID', 'Repository', 'SharedSize', 'Size', 'Tag', 'UniqueSize', 'VirtualSize'] as const) o[k] = this[k]();
    return o;
  }
}

function isDangling(img: ImageSummary): boolean {
  const tags = img.RepoTags ?? [], digests = img.RepoDigests ?? [];
  if (!tags.length && !digests.length) return true;
  return tags.length === 1 && tags[0] === '<none>:<none>' && digests.length === 1 && digests[0] === '<none>@<none>';
}

/** imageFormat: the rows ImageWrite renders. */
export function imageRows(images: ImageSummary[], opts: { trunc: boolean; digest: boolean; format: string; now: number }): ImageContext[] {
  const needDigest = opts.digest || opts.format.includes('{{.Digest}}');
  const rows: ImageContext[] = [];
  for (const img of images) {
    const add = (repo: string, tag: string, digest: string) => rows.push(new ImageContext(img, opts.trunc, repo, tag, digest, opts.now));
    if (isDangling(img)) { add('<none>', '<none>', '<none>'); continue; }
    const repoTags = new Map<string, string[]>();
    const repoDigests = new Map<string, string[]>();
    for (const s of img.RepoTags ?? []) {
      const r = parseNormalizedNamed(s);
      if (!r || r.tag === undefined) continue;
      const n = familiarName(r);
      repoTags.set(n, [...(repoTags.get(n) ?? []), r.tag]);
    }
    for (const s of img.RepoDigests ?? []) {
      const r = parseNormalizedNamed(s);
      if (!r || !r.digest) continue;
      const n = familiarName(r);
      repoDigests.set(n, [...(repoDigests.get(n) ?? []), r.digest]);
    }
    for (const [repo, tags] of repoTags) {
      let digests = repoDigests.get(repo) ?? [];
      repoDigests.delete(repo);
      if (!needDigest) digests = [];
      for (const tag of tags) {
        if (!digests.length) { add(repo, tag, '<none>'); continue; }
        for (const d of digests) add(repo, tag, d);
      }
    }
    for (const [repo, digests] of repoDigests) {
      if (opts.digest) for (const d of digests) add(repo, '<none>', d);
      else add(repo, '<none>', '');
    }
  }
  return rows;
}
