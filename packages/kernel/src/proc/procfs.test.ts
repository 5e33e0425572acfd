import { describe, expect, it } from 'vitest';
import { makeWorld, puts, text } from '../test/harness.ts';
import { CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUTS, O_RDONLY } from '../abi/flags.ts';
import type { Sys } from '../sys.ts';

async function cat(sys: Sys, path: string): Promise<string> {
  const fd = sys.open(path, O_RDONLY);
  let s = '';
  for (;;) { const b = await sys.read(fd); if (!b.length) break; s += text(b); }
  sys.close(fd);
  return s;
}

describe('procfs', () => {
  it('shows the processes of the mounting pid namespace, numbered as it sees them', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        sys.mount('proc', '/proc', 'proc', 0);
        const hostList = sys.readdir('/proc').map((d) => d.name).filter((n) => /^\d+$/.test(n));
        const hostSelf = sys.readlink('/proc/self');
        let inner = '';
        const pid = sys.clone({ flags: CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS, child: async (s) => {
          s.sethostname('box');
          s.mount('proc', '/proc', 'proc', 0);
          const st = await cat(s, '/proc/self/status');
          const nspid = st.split('\n').find((l) => l.startsWith('NSpid:'));
          const list = s.readdir('/proc').map((d) => d.name).filter((n) => /^\d+$/.test(n)).join(',');
          const stat = (await cat(s, '/proc/1/stat')).split(' ');
          inner = `${list} ${nspid} ${s.readlink('/proc/self')} ${stat.length} ${stat[1]} ${stat[2]} ${stat[3]} `
            + `${JSON.stringify(await cat(s, '/proc/1/cmdline'))} ${(await cat(s, '/proc/sys/kernel/hostname')).trim()}`;
          return 0;
        } });
        await sys.wait4(pid);
        const st = await cat(sys, `/proc/${sys.getpid()}/status`);
        await puts(sys, `${hostList.join(',')} ${hostSelf === String(sys.getpid())} ${st.includes('\nNSpid:\t2\n')}\n${inner}\n`);
        return 0;
      },
    });
    const r = await w.run('main', ['main', 'arg']);
    expect(r.out).toBe(`1,2 true true\n1 NSpid:\t1 1 52 (main) R 0 "main\\u0000arg\\u0000" box\n`);
  });

  it('shows namespaces as links with inode numbers; a new uts ns gets a new one', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        sys.mount('proc', '/proc', 'proc', 0);
        const names = sys.readdir('/proc/self/ns').map((d) => d.name).join(' ');
        const pid1 = sys.readlink('/proc/1/ns/pid');
        const mine = ['pid', 'uts', 'mnt', 'net', 'cgroup', 'ipc', 'user'].map((n) => sys.readlink(`/proc/self/ns/${n}`)).join(' ');
        let child = '';
        const pid = sys.clone({ flags: CLONE_NEWUTS | CLONE_NEWPID, child: async (s) => {
          child = s.readlink(`/proc/${w.k.proc(pidHost())!.pid}/ns/uts`) + ' ' + s.readlink(`/proc/${w.k.proc(pidHost())!.pid}/ns/pid`);
          return 0;
        } });
        const pidHost = (): number => pid;
        await sys.wait4(pid);
        await puts(sys, `${names}\n${pid1}\n${mine}\n${child}\n`);
        return 0;
      },
    });
    const r = await w.run('main');
    expect(r.out).toBe('cgroup ipc mnt net pid pid_for_children time time_for_children user uts\n'
      + 'pid:[4026531836]\n'
      + 'pid:[4026531836] uts:[4026531838] mnt:[4026531841] net:[4026531840] cgroup:[4026531835] ipc:[4026531839] user:[4026531837]\n'
      + 'uts:[4026532160] pid:[4026532161]\n');
  });

  it('lists fds as pipe:[N], socket:[N] and device paths', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        sys.mount('proc', '/proc', 'proc', 0);
        const [r] = sys.pipe();
        sys.socket(1, 5);
        sys.open('/dev/null', O_RDONLY);
        const fds = sys.readdir('/proc/self/fd').map((d) => `${d.name}:${sys.readlink(`/proc/self/fd/${d.name}`)}`);
        await puts(sys, fds.slice(3).join(' ').replace(/\d{5}/g, 'N') + ` ${r}\n`);
        return 0;
      },
    });
    // /dev is the kernel's devtmpfs, mounted at boot
    expect((await w.run('main')).out).toBe('3:pipe:[N] 4:pipe:[N] 5:socket:[N] 6:/dev/null 3\n');
  });
});
