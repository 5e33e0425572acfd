import { it } from 'vitest';
import { runDocker } from './docker.ts';
import { bufferIO, fakeClient } from './testing.ts';
import { writeFileSync } from 'node:fs';
it('dump', async () => {
  const cases = (process.env.CASES ?? '').split('\n').filter(Boolean);
  const out: Record<string, unknown> = {};
  for (const c of cases) {
    const io = bufferIO();
    const argv = JSON.parse(c) as string[];
    const code = await runDocker(io, argv, fakeClient({}));
    out[c] = { stdout: io.stdout, stderr: io.stderr, code };
  }
  writeFileSync('/tmp/clitest/out.json', JSON.stringify(out));
});
