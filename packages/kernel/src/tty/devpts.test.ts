import { describe, expect, it } from 'vitest';
import { makeWorld, puts, text } from '../test/harness.ts';
import { CLONE_NEWNS, O_RDONLY, O_RDWR, MS_BIND, O_CREAT } from '../abi/flags.ts';
import { major, minor } from '../vfs/index.ts';

describe('devpts instances', () => {
  it('numbers a slave within its instance: the container pts/0 is 136:0 even while the host has pts/0 and pts/1', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        sys.mount('proc', '/proc', 'proc', 0);
        sys.openpty();
        sys.openpty();
        const pid = sys.clone({ flags: CLONE_NEWNS, child: async (s) => {
          s.mount('devpts', '/dev/pts', 'devpts', 0, 'newinstance,ptmxmode=0666,mode=0620,gid=5');
          const { slave, name } = s.openpty();
          const st = s.stat('/dev/pts/0');
          // a bind mount of the slave (runc's /dev/console) opens the same terminal
          s.close(s.open('/tmp/console', O_CREAT | O_RDWR, 0o600));
          s.mount('/dev/pts/0', '/tmp/console', '', MS_BIND);
          const c = s.open('/tmp/console', O_RDWR);
          s.setsid();
          s.setctty(slave);
          const stat = text(await s.read(s.open('/proc/self/stat', O_RDONLY), 4096));
          const ttyNr = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[4]);
          await puts(s, `${name} ${major(st.rdev)}:${minor(st.rdev)} ${s.ttyname(c)} ${minor(s.fstat(slave).rdev)} ${major(ttyNr)}:${minor(ttyNr)}\n`);
          return 0;
        } });
        await sys.wait4(pid);
        return 0;
      },
    });
    w.k.fs.mkdirp('/dev/pts');
    w.k.fs.mkdirp('/tmp');
    const r = await w.run('main');
    expect(r.out).toBe('/dev/pts/0 136:0 /dev/pts/0 0 136:0\n');
  });
});
