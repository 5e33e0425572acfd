// `runc state`, `runc list` and `runc ps`: what runc knows about its
// containers, printed in runc's formats (MarshalIndent JSON, a tabwriter
// table, and ps output filtered to the container's cgroup).

import { ENOENT, isSysError } from '@dockersim/kernel';
import type { Dirent, Sys } from '@dockersim/kernel';
import { RuncError, readText, goErr } from './sysio.ts';
import { loadState, containerStatus, bundleOf } from './state.ts';
import type { ContainerState } from './state.ts';
import { tabwrite } from './goformat.ts';
import { cgroupPids } from './cgroups.ts';
import { lookPath } from './lookpath.ts';

/** list.go's containerState. */
interface StateView {
  ociVersion: string; id: string; pid: number; status: string; bundle: string; rootfs: string;
  created: string; annotations?: Record<string, string>; owner: string;
}

async function view(sys: Sys, root: string, st: ContainerState, owner: string): Promise<StateView> {
  const status = await containerStatus(sys, root, st);
  const { bundle, annotations } = bundleOf(st);
  const v: StateView = {
    ociVersion: st.config.version, id: st.id, pid: status === 'stopped' ? 0 : st.init_process_pid, status,
    bundle, rootfs: st.config.rootfs, created: st.created, owner,
  };
  if (annotations) { v.annotations = annotations; }
  return v;
}

/** The struct's field order, annotations omitted when empty (omitempty). */
function ordered(v: StateView): Record<string, unknown> {
  const o: Record<string, unknown> = {
    ociVersion: v.ociVersion, id: v.id, pid: v.pid, status: v.status, bundle: v.bundle, rootfs: v.rootfs, created: v.created,
  };
  if (v.annotations) o.annotations = v.annotations;
  o.owner = v.owner;
  return o;
}

/** Go's json.MarshalIndent(v, "", "  "). */
function marshalIndent(v: StateView): string { return JSON.stringify(ordered(v), null, 2); }

export async function state(sys: Sys, root: string, id: string): Promise<string> {
  const st = await loadState(sys, root, id);
  return marshalIndent(await view(sys, root, st, ''));
}

async function userName(sys: Sys, uid: number): Promise<string> {
  try {
    const passwd = await readText(sys, '/etc/passwd');
    for (const line of passwd.split('\n')) {
      const f = line.split(':');
      if (f.length > 2 && Number(f[2]) === uid) return f[0]!;
    }
  } catch { /* no passwd */ }
  return `#${uid}`;
}

export async function list(sys: Sys, root: string, rootSet: boolean, format: string, quiet: boolean, err: (s: string) => Promise<void>): Promise<string> {
  let entries: Dirent[];
  try { entries = sys.readdir(root); } catch (e) {
    if (isSysError(e, ENOENT) && !rootSet) entries = [];
    else throw new RuncError(goErr(e, 'open', root));
  }
  const views: StateView[] = [];
  for (const ent of entries.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (ent.type !== 'dir') continue;
    let uid = 0;
    try { uid = sys.stat(`${root}/${ent.name}`).uid; } catch { continue; }
    let st: ContainerState;
    try { st = await loadState(sys, root, ent.name); } catch (e) {
      await err(`load container ${ent.name}: ${(e as Error).message}\n`);
      continue;
    }
    views.push(await view(sys, root, st, await userName(sys, uid)));
  }
  if (quiet) return views.map((v) => v.id + '\n').join('');
  if (format === 'json') return JSON.stringify(views.length ? views.map(ordered) : null) + '\n';
  if (format !== 'table') throw new RuncError('invalid format option');
  const rows = [['ID', 'PID', 'STATUS', 'BUNDLE', 'CREATED', 'OWNER']];
  for (const v of views) rows.push([v.id, String(v.pid), v.status, v.bundle, v.created, v.owner]);
  return tabwrite(rows);
}

/** `runc ps`: the host's `ps -ef` (or the given options) limited to the container's processes. */
export async function ps(sys: Sys, root: string, id: string, format: string, psArgs: string[], env: string[]): Promise<string> {
  const st = await loadState(sys, root, id);
  const pids = await cgroupPids(sys, st.cgroup_paths['']);
  if (format === 'json') return JSON.stringify(pids) + '\n';
  if (format !== 'table') throw new RuncError('invalid format option');
  const args = psArgs.length ? psArgs : ['-ef'];
  let exe: string;
  try { exe = lookPath(sys, 'ps', env); } catch (e) { throw new RuncError((e as Error).message); }
  const out = await runCapture(sys, exe, ['ps', ...args], env);
  const lines = out.split('\n');
  const header = lines[0] ?? '';
  const pidCol = header.trim().split(/\s+/).indexOf('PID');
  if (pidCol < 0) throw new RuncError('couldn\'t find PID field in ps output');
  const want = new Set(pids);
  let res = header + '\n';
  for (const l of lines.slice(1)) {
    if (!l) continue;
    const f = l.trim().split(/\s+/);
    if (want.has(Number(f[pidCol]))) res += l + '\n';
  }
  return res;
}

async function runCapture(sys: Sys, exe: string, argv: string[], env: string[]): Promise<string> {
  const [r, w] = sys.pipe();
  const pid = sys.clone({ child: async (s) => {
    s.close(r);
    s.dup2(w, 1);
    s.close(w);
    return s.execve(exe, argv, env);
  } });
  sys.close(w);
  const dec = new TextDecoder();
  let out = '';
  for (;;) {
    const b = await sys.read(r);
    if (b.length === 0) break;
    out += dec.decode(b, { stream: true });
  }
  sys.close(r);
  await sys.wait4(pid);
  return out;
}
