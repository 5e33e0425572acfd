// The host's PID 1, as far as a Docker host needs one: it mounts the API
// filesystems, starts containerd and then dockerd (dockerd needs containerd's
// socket), and reaps whatever is re-parented to it.

import { MS_NODEV, MS_NOEXEC, MS_NOSUID, SIGCHLD, type Program, type Sys } from '@dockersim/kernel';

const services: { name: string; path: string; argv: string[]; waitFor?: string }[] = [
  { name: 'containerd', path: '/usr/bin/containerd', argv: ['/usr/bin/containerd'], waitFor: '/run/containerd/containerd.sock' },
  { name: 'docker', path: '/usr/bin/dockerd', argv: ['/usr/bin/dockerd', '-H', 'fd://', '--containerd=/run/containerd/containerd.sock'], waitFor: '/var/run/docker.sock' },
];

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
  for (const d of ['/run/containerd', '/run/docker', '/run/lock', '/run/user']) { try { sys.mkdir(d, 0o711); } catch { /* exists */ } }
}

/** Waits until a path exists (a service's socket): services start in order. */
async function waitForPath(sys: Sys, path: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    try { sys.stat(path); return; } catch { /* not there yet */ }
    // A child exiting meanwhile interrupts the sleep (EINTR): just look again.
    await sys.sleep(1).catch(() => undefined);
  }
}

export const systemd: Program = async ({ sys }) => {
  mountApiFilesystems(sys);
  // A handler (rather than the default ignore) lets pause() return when an orphan arrives.
  sys.sigaction(SIGCHLD, () => undefined);
  const env = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8'];
  for (const s of services) {
    sys.clone({
      comm: s.name,
      child: async (child) => {
        try { sys.mkdir(`/sys/fs/cgroup/system.slice`, 0o755); } catch { /* exists */ }
        try {
          child.mkdir(`/sys/fs/cgroup/system.slice/${s.name}.service`, 0o755);
        } catch { /* exists */ }
        try {
          const fd = child.open(`/sys/fs/cgroup/system.slice/${s.name}.service/cgroup.procs`, 1);
          await child.write(fd, String(child.getpid()));
          child.close(fd);
        } catch { /* no cgroup fs */ }
        child.setsid();
        await child.execve(s.path, s.argv, env);
        return 127;
      },
    });
    if (s.waitFor) await waitForPath(sys, s.waitFor);
  }
  // Reap orphans forever.
  for (;;) {
    try {
      const r = await sys.wait4(-1, 0);
      if (!r) await sys.pause();
    } catch {
      await sys.pause().catch(() => undefined);
    }
  }
};
