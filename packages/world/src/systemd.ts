// The host's PID 1, as far as a Docker host needs one: it mounts the API
// filesystems, enables the cgroup controllers for system.slice, starts
// containerd and then dockerd through the service manager, answers
// systemctl/journalctl, and reaps whatever is re-parented to it.

import {
  ECHILD, MS_NODEV, MS_NOEXEC, MS_NOSUID, O_WRONLY, PR_SET_NAME, SA_RESTART, SIGCHLD, isSysError, type Program, type Sys,
} from '@dockersim/kernel';
import { ServiceManager } from './systemd-manager.ts';

function mountApiFilesystems(sys: Sys): void {
  const m = (src: string, target: string, type: string, flags: number, data?: string) => {
    try { sys.mount(src, target, type, flags, data); } catch { /* already there */ }
  };
  m('proc', '/proc', 'proc', MS_NOSUID | MS_NODEV | MS_NOEXEC);
  m('sysfs', '/sys', 'sysfs', MS_NOSUID | MS_NODEV | MS_NOEXEC);
  m('cgroup2', '/sys/fs/cgroup', 'cgroup2', MS_NOSUID | MS_NODEV | MS_NOEXEC);
  m('tmpfs', '/run', 'tmpfs', MS_NOSUID | MS_NODEV, 'size=815276k,mode=755');
  m('devpts', '/dev/pts', 'devpts', MS_NOSUID | MS_NOEXEC, 'gid=5,mode=620,ptmxmode=000');
  m('tmpfs', '/dev/shm', 'tmpfs', MS_NOSUID | MS_NODEV);
  for (const d of ['/run/containerd', '/run/docker', '/run/lock', '/run/user', '/run/systemd']) { try { sys.mkdir(d, 0o711); } catch { /* exists */ } }
}

/** system.slice with the controllers systemd delegates, so units get memory and pids accounting. */
async function setupSlices(sys: Sys): Promise<void> {
  try { sys.mkdir('/sys/fs/cgroup/system.slice', 0o755); } catch { /* exists */ }
  for (const dir of ['/sys/fs/cgroup', '/sys/fs/cgroup/system.slice']) {
    try {
      const fd = sys.open(`${dir}/cgroup.subtree_control`, O_WRONLY);
      try { await sys.write(fd, '+cpu +io +memory +pids'); } finally { sys.close(fd); }
    } catch (e) { if (!isSysError(e)) throw e; }
  }
}

export const systemd: Program = async ({ sys }) => {
  sys.prctl(PR_SET_NAME, 'systemd');
  mountApiFilesystems(sys);
  await setupSlices(sys);
  // A handler (rather than the default ignore) wakes the reaper when it has no
  // child yet; SA_RESTART keeps the manager's socket and pipe reads going.
  let wake = (): void => undefined;
  sys.sigaction(SIGCHLD, () => wake(), SA_RESTART);
  const env = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8'];
  const manager = new ServiceManager(sys, env, () => wake());
  void manager.serve();
  void manager.serveNotify();
  void manager.boot();
  // Reap forever. PID 1 sleeps in several calls at once (the sockets, the
  // services' pipes), so a signal may wake another one than pause(): without
  // any child, wait for the next service start or SIGCHLD instead.
  for (;;) {
    try {
      const r = await sys.wait4(-1, 0);
      if (r) manager.onExit(r.pid, r.status);
    } catch (e) {
      if (isSysError(e, ECHILD)) await new Promise<void>((r) => { wake = r; });
      else if (!isSysError(e)) throw e;
    }
  }
};
