// Files a check looks at, always as the host's kernel holds them: a host
// path; a container's path through its mounts (a volume's or a bind mount's
// source) or its layers; an image's path through its layers, top first.

import type { ContainerInspect, ImageInspect } from '@dockersim/engine-api';
import type { FileMatch } from './format.ts';
import type { Probe } from './probe.ts';

/** Why the file at a host path does not match, or undefined when it does; `shown` names it in the reason. */
export function fileMismatchAt(probe: Probe, hostPath: string | undefined, m: FileMatch, shown = m.path): string | undefined {
  const st = hostPath === undefined ? undefined : probe.stat(hostPath);
  if (!st || st.type === 'whiteout') return `there is no ${m.type === 'dir' ? 'directory' : 'file'} ${shown}`;
  if (m.type === 'dir' && st.type !== 'dir') return `${shown} is not a directory`;
  const readsContent = m.contains !== undefined || m.equals !== undefined;
  if ((m.type === 'file' || readsContent) && st.type !== 'file') return `${shown} is ${st.type === 'dir' ? 'a directory' : 'not a regular file'}`;
  if (m.owner !== undefined) {
    const [uid, gid] = m.owner.split(':');
    if (String(st.uid) !== uid || (gid !== undefined && String(st.gid) !== gid)) return `${shown} is owned by ${st.uid}:${st.gid}`;
  }
  const text = readsContent ? probe.readFile(hostPath!) ?? '' : '';
  if (m.contains !== undefined && !text.includes(m.contains)) return `${shown} does not contain "${m.contains}"`;
  if (m.equals !== undefined && text.trim() !== m.equals) return `${shown} holds "${text.trim().slice(0, 60)}", not "${m.equals}"`;
  return undefined;
}

const abs = (path: string) => (path.startsWith('/') ? path : `/${path}`).replace(/\/+$/, '') || '/';

/** The first of the layer directories where the path exists (a whiteout counts: it hides what is below). */
function inLayers(probe: Probe, dirs: (string | undefined)[], rel: string): string | undefined {
  for (const dir of dirs) {
    if (dir && probe.stat(dir + rel)) return dir + rel;
  }
  return undefined;
}

/**
 * Where a container's path lives on the host: under a volume or bind mount,
 * the mount's source; while it runs, the overlay's merged directory; when
 * stopped, its own layer first, then the image's layers. Undefined for a
 * tmpfs (nothing on the host holds it) or a path that is nowhere.
 */
export function containerHostPath(probe: Probe, c: ContainerInspect, path: string): string | undefined {
  const rel = abs(path);
  const under = (dest: string) => rel === abs(dest) || rel.startsWith(abs(dest) + '/');
  const mount = c.Mounts
    .filter((m) => under(m.Destination))
    .sort((a, b) => b.Destination.length - a.Destination.length)[0];
  const tmpfs = Object.keys(c.HostConfig.Tmpfs ?? {}).filter(under).sort((a, b) => b.length - a.length)[0];
  if (tmpfs !== undefined && (!mount || abs(tmpfs).length >= abs(mount.Destination).length)) return undefined;
  if (mount) {
    if (mount.Type !== 'volume' && mount.Type !== 'bind') return undefined;
    return abs(mount.Source) + rel.slice(abs(mount.Destination).length);
  }
  const d = (c.GraphDriver?.Data ?? {}) as Record<string, string | undefined>;
  if (c.State.Running && d.MergedDir) return d.MergedDir + rel;
  return inLayers(probe, [d.UpperDir, ...(d.LowerDir ?? '').split(':')], rel);
}

/** Where an image's path lives on the host: the topmost of its layers that has it. */
export function imageHostPath(probe: Probe, image: ImageInspect, path: string): string | undefined {
  const d = (image.GraphDriver?.Data ?? {}) as Record<string, string | undefined>;
  return inLayers(probe, [d.UpperDir, ...(d.LowerDir ?? '').split(':')], abs(path));
}

/** A file match in words: "/app/out.txt containing "HELLO"". */
export function describeFile(m: FileMatch): string {
  const parts = [`${m.type === 'dir' ? 'directory ' : ''}${m.path}`];
  if (m.contains !== undefined) parts.push(`containing "${m.contains}"`);
  if (m.equals !== undefined) parts.push(`holding "${m.equals}"`);
  if (m.owner !== undefined) parts.push(`owned by ${m.owner}`);
  return parts.join(' ');
}
