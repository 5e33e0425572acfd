import { describe, expect, it } from 'vitest';
import { makeWorld, puts, text } from '../test/harness.ts';
import { O_RDONLY, O_RDWR, O_WRONLY, S_IFMT, S_IFCHR } from '../abi/flags.ts';
import { ENOSPC, ENXIO, isSysError } from '../abi/errno.ts';

describe('devices', () => {
  it('devtmpfs on /dev has the memory devices by major:minor', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        const st = sys.stat('/dev/null');
        const z = sys.open('/dev/zero', O_RDONLY);
        const zeros = await sys.read(z, 4);
        const n = sys.open('/dev/null', O_RDWR);
        const wrote = await sys.write(n, 'discard');
        const eof = (await sys.read(n)).length;
        const f = sys.open('/dev/full', O_WRONLY);
        const full = await sys.write(f, 'x').then(() => 'ok', (e) => (isSysError(e, ENOSPC) ? 'ENOSPC' : String(e)));
        const r = sys.open('/dev/urandom', O_RDONLY);
        const rnd = (await sys.read(r, 16)).length;
        let tty = '';
        try { sys.open('/dev/tty', O_RDWR); } catch (e) { if (isSysError(e, ENXIO)) tty = 'ENXIO'; }
        await puts(sys, `${(st.mode & S_IFMT) === S_IFCHR} ${st.rdev >> 8}:${st.rdev & 0xff} ${Array.from(zeros).join('')} ${wrote} ${eof} ${full} ${rnd} ${tty}\n`);
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe('true 1:3 0000 7 0 ENOSPC 16 ENXIO\n');
    void text;
  });
});
