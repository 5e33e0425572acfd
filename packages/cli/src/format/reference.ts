// Image references as distribution/reference normalizes them: "alpine" is
// docker.io/library/alpine, and the familiar form drops those again.

export interface Reference { domain: string; path: string; tag?: string; digest?: string }

const DEFAULT_DOMAIN = 'docker.io';
const NAME_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;

/** ParseNormalizedNamed; undefined when s is not a valid reference. */
export function parseNormalizedNamed(s: string): Reference | undefined {
  if (/^[a-f0-9]{64}$/.test(s)) return undefined;
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return undefined;
  }
  let domain = DEFAULT_DOMAIN;
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first.toLowerCase() !== first) {
      domain = first; path = rest.slice(slash + 1);
    }
  }
  if (domain === 'index.docker.io') domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !path.includes('/')) path = `library/${path}`;
  if (!path || !path.split('/').every((c) => NAME_COMPONENT.test(c))) return undefined;
  return { domain, path, tag, digest };
}

/** FamiliarName: "alpine", "user/app", "ghcr.io/x/y". */
export function familiarName(r: Reference): string {
  if (r.domain === DEFAULT_DOMAIN) return r.path.startsWith('library/') && r.path.split('/').length === 2 ? r.path.slice(8) : r.path;
  return `${r.domain}/${r.path}`;
}

/** The full name: "docker.io/library/alpine". */
export function fullName(r: Reference): string { return `${r.domain}/${r.path}`; }

/** FamiliarString of the reference with its tag, or without digest (ps's IMAGE column). */
export function familiarImage(s: string): string | undefined {
  const r = parseNormalizedNamed(s);
  if (!r) return undefined;
  return r.tag !== undefined ? `${familiarName(r)}:${r.tag}` : familiarName(r);
}

/** TagNameOnly: adds ":latest" when there is neither tag nor digest. */
export function withDefaultTag(r: Reference): Reference {
  return r.tag === undefined && r.digest === undefined ? { ...r, tag: 'latest' } : r;
}

export function familiarString(r: Reference): string {
  return familiarName(r) + (r.tag !== undefined ? `:${r.tag}` : '') + (r.digest ? `@${r.digest}` : '');
}
export function referenceString(r: Reference): string {
  return fullName(r) + (r.tag !== undefined ? `:${r.tag}` : '') + (r.digest ? `@${r.digest}` : '');
}
