// The image, volume, mount and file-owner checks against a real world: each
// fails before the state it asks for exists and passes after.
import { describe, expect, it } from 'vitest';
import { createWorld } from '@dockersim/world';
import { lessonHost, runCheck, type Check, type LessonHost } from '@dockersim/lessons';

const hostYield = () => new Promise<void>((r) => setImmediate(r));
const newHost = async () => lessonHost(await createWorld({ hostYield }));

async function sh(host: LessonHost, line: string): Promise<void> {
  const r = await host.exec(line);
  if (r.exitCode !== 0) throw new Error(`${line}: exit ${r.exitCode}: ${r.stdout}${r.stderr}`);
}

async function beforeAfter(host: LessonHost, check: Check, commands: string[]): Promise<void> {
  const before = await runCheck(host, check);
  expect(before.ok, before.reason).toBe(false);
  for (const c of commands) await sh(host, c);
  const after = await runCheck(host, check);
  expect(after.ok, after.reason).toBe(true);
}

const fails = async (host: LessonHost, check: Check, reason?: string) => {
  const r = await runCheck(host, check);
  expect(r.ok, r.reason).toBe(false);
  if (reason !== undefined) expect(r.reason).toBe(reason);
};

describe('image checks', () => {
  it('layers, config, files of a built image; the layers a cache reused', async () => {
    const host = await newHost();
    await sh(host, 'docker pull -q alpine >/dev/null');
    await sh(host, "mkdir -p /w && cd /w && echo hello > msg.txt && printf 'FROM alpine\\nRUN mkdir /made\\nWORKDIR /app\\nCOPY msg.txt .\\nUSER nobody\\nENV A=1\\nEXPOSE 8080\\nLABEL stage=one\\nCMD [\"cat\",\"msg.txt\"]\\n' > Dockerfile");
    const built: Check = { image: { ref: 'app:v1', layers: 4, base: 'alpine', config: { cmd: ['cat', 'msg.txt'], user: 'nobody', workdir: '/app', env: ['A=1'], exposedPorts: ['8080/tcp'], labels: { stage: 'one' }, entrypoint: null }, file: { path: '/app/msg.txt', contains: 'hello', type: 'file' } } };
    await beforeAfter(host, built, ['cd /w && docker build -q -t app:v1 . >/dev/null']);
    await fails(host, { image: { ref: 'app:v1', file: { path: '/made', type: 'file' } } }, 'in app:v1, /made is a directory');
    expect((await runCheck(host, { image: { ref: 'app:v1', file: { path: '/made', type: 'dir', owner: '0:0' } } })).ok).toBe(true);
    await fails(host, { image: { ref: 'app:v1', config: { user: 'root' } } }, 'app:v1: its User is "nobody"');
    await fails(host, { image: { ref: 'app:v1', layers: 2 } }, 'app:v1 has 4 layers, not 2');
    await fails(host, { image: { ref: 'app:v1', file: { path: '/etc/nosuch' } } }, 'in app:v1, there is no file /etc/nosuch');
    // an unchanged rebuild is the same image; an edited copied file changes the last layer only
    await beforeAfter(host, { image: { ref: 'app:again', sameAs: 'app:v1' } }, ['cd /w && docker build -q -t app:again . >/dev/null']);
    const miss: Check = { image: { ref: 'app:v2', sharedLayers: { with: 'app:v1', count: 3 }, file: { path: '/app/msg.txt', contains: 'bye' } } };
    await beforeAfter(host, miss, ['cd /w && echo bye > msg.txt && docker build -q -t app:v2 . >/dev/null']);
    await fails(host, { image: { ref: 'app:v2', sameAs: 'app:v1' } });
    await fails(host, { image: { ref: 'app:again', sharedLayers: { with: 'app:v1', count: 3 } } }, 'app:again shares its first 4 layers with app:v1, not 3');
    await fails(host, { image: { ref: 'alpine', base: 'app:v1' } });
  });
});

describe('volume, mount and container file checks', () => {
  it('a file in a named volume outlives its container; a container path under a mount is read from its source', async () => {
    const host = await newHost();
    await sh(host, 'docker pull -q alpine >/dev/null');
    const kept: Check = { all: [{ volume: { name: 'notes', file: { path: 'note.txt', contains: 'keep me' } } }, { noContainer: { mount: { source: 'notes' } } }] };
    await sh(host, "docker run --name w1 -v notes:/data alpine sh -c 'echo keep me > /data/note.txt'");
    await fails(host, kept, 'container w1 still with a mount of notes');
    await beforeAfter(host, kept, ['docker rm w1']);
    await fails(host, { volume: { name: 'other' } }, 'there is no volume other');
    // through a running container's mount, and the kernel's mount table
    await sh(host, 'docker run -d --name r1 -v notes:/data:ro alpine sleep 100 >/dev/null');
    expect((await runCheck(host, { container: { name: 'r1', mount: { destination: '/data', type: 'volume', source: 'notes', readOnly: true }, file: { path: '/data/note.txt', contains: 'keep' } } })).ok).toBe(true);
    await fails(host, { container: { name: 'r1', mount: { destination: '/data', readOnly: false } } }, 'no container named r1, with a read-write mount on /data (r1: /data is a read-only volume mount of notes)');
  });

  it('bind mounts, tmpfs (from --tmpfs and --mount) and owners of host files', async () => {
    const host = await newHost();
    await sh(host, 'docker pull -q alpine >/dev/null');
    const bind: Check = { all: [{ container: { name: 'b1', mount: { type: 'bind', source: '/srv/site/', destination: '/site' } } }, { hostFile: { path: '/srv/site/out.txt', contains: 'from the container', owner: '1000:1000' } }] };
    await beforeAfter(host, bind, ['mkdir -p /srv/site && chown 1000:1000 /srv/site', "docker run --name b1 -u 1000:1000 -v /srv/site:/site alpine sh -c 'echo from the container > /site/out.txt'"]);
    await fails(host, { hostFile: { path: '/srv/site/out.txt', owner: '0' } }, 'on the host, /srv/site/out.txt is owned by 1000:1000');
    await fails(host, { hostFile: { path: '/srv/site/out.txt', equals: 'from the' } }, 'on the host, /srv/site/out.txt holds "from the container", not "from the"');
    expect((await runCheck(host, { hostFile: { path: '/srv/site/out.txt', equals: 'from the container' } })).ok).toBe(true);
    const tmp: Check = { container: { name: 't1', state: 'running', mount: { destination: '/cache', type: 'tmpfs' } } };
    await beforeAfter(host, tmp, ['docker run -d --name t1 --tmpfs /cache alpine sleep 100']);
    await beforeAfter(host, { container: { name: 't2', mount: { destination: '/cache', type: 'tmpfs' } } }, ['docker run -d --name t2 --mount type=tmpfs,dst=/cache alpine sleep 100']);
    await sh(host, 'docker run -d --name t3 -v /cache alpine sleep 100');
    await fails(host, { container: { name: 't3', mount: { destination: '/cache', type: 'tmpfs' } } });
    // a file in a tmpfs is held by no host path
    await sh(host, "docker exec t1 sh -c 'echo x > /cache/f'");
    await fails(host, { container: { name: 't1', file: { path: '/cache/f' } } });
  });

  it('what a container ran: its path and arguments', async () => {
    const host = await newHost();
    await sh(host, 'docker pull -q alpine >/dev/null');
    const ran: Check = { container: { image: 'alpine', path: 'echo', args: ['hello', 'world'] } };
    await sh(host, 'docker run alpine echo hello');
    await fails(host, ran);
    await beforeAfter(host, ran, ['docker run --entrypoint /bin/echo alpine hello world']);
    await fails(host, { container: { image: 'alpine', path: 'bin/echo' } });
  });
});
