// Docker's whiteout conventions in layer tars (the OCI image spec's
// "Representing Changes"): a file ".wh.NAME" deletes NAME from the layers
// below, and ".wh..wh..opq" in a directory hides everything below it in that
// directory. overlay2 turns them into 0/0 character devices and the
// trusted.overlay.opaque xattr when it unpacks a layer.

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_WHITEOUT = '.wh..wh..opq';
/** Names starting ".wh..wh." are reserved for Docker's own metadata. */
export const WHITEOUT_META_PREFIX = '.wh..wh.';

function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** True when a path's last element is a whiteout (including the opaque marker). */
export function isWhiteout(path: string): boolean {
  return baseName(path).startsWith(WHITEOUT_PREFIX);
}

/** True when the path is an opaque-directory marker. */
export function isOpaqueWhiteout(path: string): boolean {
  return baseName(path) === OPAQUE_WHITEOUT;
}

/** The path a whiteout deletes ("etc/.wh.motd" → "etc/motd"), undefined for non-whiteouts and opaque markers. */
export function whiteoutTarget(path: string): string | undefined {
  const base = baseName(path);
  if (!base.startsWith(WHITEOUT_PREFIX) || base.startsWith(WHITEOUT_META_PREFIX)) return undefined;
  const dir = dirName(path);
  const name = base.slice(WHITEOUT_PREFIX.length);
  return dir ? `${dir}/${name}` : name;
}

/** The whiteout path that deletes `path` ("etc/motd" → "etc/.wh.motd"). */
export function whiteoutFor(path: string): string {
  const dir = dirName(path);
  const name = `${WHITEOUT_PREFIX}${baseName(path)}`;
  return dir ? `${dir}/${name}` : name;
}

/** The marker that makes directory `dir` opaque ("var/cache" → "var/cache/.wh..wh..opq"). */
export function opaqueWhiteoutFor(dir: string): string {
  return dir ? `${dir}/${OPAQUE_WHITEOUT}` : OPAQUE_WHITEOUT;
}
