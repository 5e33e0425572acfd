// Ported from docker/cli cli/command/image/{pull,remove}_test.go with their goldens.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiError, type ByteStream } from '@dockersim/engine-api';
import { runDocker } from '../../docker.ts';
import { bufferIO, fakeClient } from '../../testing.ts';

const golden = (n: string) => readFileSync(new URL(`./testdata/${n}`, import.meta.url), 'utf8');
const empty: ByteStream = { read: async () => null, cancel: () => {} };

describe('docker pull', () => {
  it('prints the full reference (pull-command-success.simple.golden)', async () => {
    const io = bufferIO();
    let seen: string[] = [];
    await runDocker(io, ['pull', 'image:tag'], fakeClient({ imagePull: async (f, t) => { seen = [f, t ?? '']; return empty; } }));
    expect(seen).toEqual(['docker.io/library/image', 'tag']);
    expect(io.stdout).toBe(golden('pull-command-success.simple.golden'));
  });
  it('says "Using default tag" (pull-command-success.simple-no-tag.golden)', async () => {
    const io = bufferIO();
    await runDocker(io, ['pull', 'image'], fakeClient({ imagePull: async () => empty }));
    expect(io.stdout).toBe(golden('pull-command-success.simple-no-tag.golden'));
  });
  it('-q prints only the reference', async () => {
    const io = bufferIO();
    await runDocker(io, ['pull', '-q', 'image'], fakeClient({ imagePull: async () => empty }));
    expect(io.stdout).toBe('docker.io/library/image:latest\n');
  });
});

describe('docker rmi', () => {
  it('prints Untagged:/Deleted: lines', async () => {
    const io = bufferIO();
    await runDocker(io, ['rmi', 'image1', 'image2'], fakeClient({
      imageRemove: async (img) => (img === 'image1' ? [{ Untagged: img }] : [{ Deleted: img }]),
    }));
    expect(io.stdout).toBe(golden('remove-command-success.Image Deleted and Untagged.golden'));
  });
  it('fails with the daemon conflict', async () => {
    const io = bufferIO();
    const msg = 'conflict: unable to remove repository reference "alpine" (must force) - container 0123456789ab is using its referenced image 0123456789ab';
    const code = await runDocker(io, ['rmi', 'alpine'], fakeClient({ imageRemove: async () => { throw new ApiError(409, msg); } }));
    expect(io.stderr).toBe(`Error response from daemon: ${msg}\n`);
    expect(code).toBe(1);
  });
});

describe('docker images', () => {
  it('prints the classic table, one row per tag, <none> for dangling images', async () => {
    const io = bufferIO({ now: 1_700_000_000_000 });
    const created = 1_700_000_000 - 3 * 7 * 86400;
    await runDocker(io, ['images'], fakeClient({
      imageList: async () => [
        { Id: 'sha256:' + 'a'.repeat(64), RepoTags: ['alpine:latest', 'alpine:3.20'], RepoDigests: ['alpine@sha256:' + 'b'.repeat(64)], Created: created, Size: 7_800_000, Containers: -1, SharedSize: -1, Labels: null, ParentId: '' },
        { Id: 'sha256:' + 'c'.repeat(64), RepoTags: [], RepoDigests: [], Created: created, Size: 1000, Containers: -1, SharedSize: -1, Labels: null, ParentId: '' },
      ],
    }));
    // columns from formatter/image.go's defaultImageTableFormat, aligned by the tabwriter (padding 3)
    expect(io.stdout).toBe(
      'REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\n' +
      'alpine       latest    aaaaaaaaaaaa   3 weeks ago   7.8MB\n' +
      'alpine       3.20      aaaaaaaaaaaa   3 weeks ago   7.8MB\n' +
      '<none>       <none>    cccccccccccc   3 weeks ago   1kB\n');
  });
});
