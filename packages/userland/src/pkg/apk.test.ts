import { describe, expect, it } from 'vitest';
import { executable } from '@dockersim/kernel';
import { makeWorld } from '../testing/world.ts';
import { ALPINE_BASE, ALPINE_INDEX } from './alpine-index.ts';
import { PackageIndex, packageFiles, parseFile } from './package.ts';
import { solve } from './apk-solve.ts';
import { humanSize } from './apk.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));

/** An alpine-like test world with apk's database as alpine:3.22 ships it. */
function alpine() {
  const w = makeWorld('alpine', hostYield);
  const fs = w.k.fs;
  fs.mkdirp('/etc/apk');
  fs.mkdirp('/lib/apk/db');
  fs.mkdirp('/var/cache');
  fs.writeFile('/etc/apk/repositories', 'https://dl-cdn.alpinelinux.org/alpine/v3.22/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.22/community\n');
  fs.writeFile('/etc/apk/world', 'alpine-baselayout\nalpine-keys\nalpine-release\napk-tools\nbusybox\nlibc-utils\n');
  fs.writeFile('/lib/apk/db/installed', ALPINE_BASE.map((p) => `P:${p.name}\nA:x86_64\n`).join('\n'));
  fs.writeFile('/lib/apk/db/lock', '', 0o600);
  fs.writeFile('/sbin/apk', executable('apk'), 0o755);
  fs.writeFile('/etc/group', 'root:x:0:root\nwheel:x:10:root\nusers:x:100:games\nnogroup:x:65533:\nnobody:x:65534:\nalice:x:1000:\n');
  return w;
}

const CURL_CHAIN = ['brotli-libs (1.1.0-r2)', 'c-ares (1.34.5-r0)', 'libunistring (1.3-r0)', 'libidn2 (2.3.7-r0)',
  'nghttp2-libs (1.65.0-r0)', 'libpsl (0.21.5-r3)', 'zstd-libs (1.5.7-r0)', 'libcurl (8.14.1-r2)', 'curl (8.14.1-r2)'];

describe('package files', () => {
  it('parses the file notation', () => {
    expect(parseFile('usr/bin/curl=curl-alpine@1000')).toEqual({ kind: 'exe', path: 'usr/bin/curl', program: 'curl-alpine', size: 1000 });
    expect(parseFile('usr/lib/libcurl.so.4>libcurl.so.4.8.0')).toEqual({ kind: 'symlink', path: 'usr/lib/libcurl.so.4', target: 'libcurl.so.4.8.0' });
    expect(parseFile('var/lib/nginx/')).toEqual({ kind: 'dir', path: 'var/lib/nginx' });
  });
  it('unsized files share what the installed size leaves over, so the package weighs what the index says', () => {
    for (const def of ALPINE_INDEX) {
      const files = packageFiles(def);
      if (!files.some((f) => (f.kind === 'exe' || f.kind === 'blob') && !parseFile((def.files ?? []).find((s) => s.startsWith(f.path)) ?? '').hasOwnProperty('size'))) continue;
      const total = files.reduce((n, f) => n + ((f.kind === 'exe' || f.kind === 'blob') ? f.size ?? 0 : f.kind === 'text' ? new TextEncoder().encode(f.content).length : 0), 0);
      expect(total, def.name).toBe(def.size);
    }
  });
});

describe('apk solver', () => {
  const index = new PackageIndex(ALPINE_INDEX);
  const base = new Set(ALPINE_BASE.map((p) => p.name));
  it('installs curl after its libraries, in the order apk lists them', () => {
    const s = solve(index, ['busybox', 'curl'], base, new Map(), base);
    expect(s.install.map((p) => `${p.name} (${p.version})`)).toEqual(CURL_CHAIN);
    expect(s.missing).toEqual([]);
  });
  it('a name no package provides is missing; a provided name selects its provider', () => {
    expect(solve(index, ['nosuchpkg'], base).missing).toEqual(['nosuchpkg']);
    expect(solve(index, ['postgresql-client'], base).install.map((p) => p.name)).toContain('postgresql17-client');
  });
  it('removing curl from the world purges what only curl needed, dependents first', () => {
    const installed = new Set([...base, ...CURL_CHAIN.map((c) => c.split(' ')[0]!)]);
    const s = solve(index, ['busybox'], installed, new Map(), base);
    expect(s.purge).toEqual(CURL_CHAIN.map((c) => c.split(' ')[0]!).reverse());
  });
  it('sizes in apk_get_human_size units', () => {
    expect(humanSize(270_336)).toBe('264 KiB');
    expect(humanSize(9_999)).toBe('9999 B');
    expect(humanSize(49_041_408)).toBe('46 MiB');
  });
});

describe('apk', () => {
  it('apk add --no-cache curl: fetch lines, one line per package, the busybox trigger and the totals', async () => {
    const w = alpine();
    const r = await w.sh('apk add --no-cache curl');
    expect(r.err).toBe('');
    expect(r.out).toBe([
      'fetch https://dl-cdn.alpinelinux.org/alpine/v3.22/main/x86_64/APKINDEX.tar.gz',
      'fetch https://dl-cdn.alpinelinux.org/alpine/v3.22/community/x86_64/APKINDEX.tar.gz',
      ...CURL_CHAIN.map((c, i) => `(${i + 1}/9) Installing ${c}`),
      'Executing busybox-1.37.0-r19.trigger',
      'OK: 12 MiB in 25 packages', '',
    ].join('\n'));
    expect(r.code).toBe(0);
    const after = await w.sh('ls -l /usr/bin/curl; cat /etc/apk/world; ls /var/cache/apk 2>&1; curl --version | head -1');
    expect(after.out).toContain('curl\n');
    expect(after.out).toContain("ls: /var/cache/apk: No such file or directory");
    expect(after.out).toContain('curl 8.14.1 (x86_64-alpine-linux-musl) libcurl/8.14.1');
    expect(after.out).toMatch(/-rwxr-xr-x\s+1 root\s+root\s+270336 /);
  });
  it('without --no-cache the indexes stay in /var/cache/apk and a second add fetches nothing', async () => {
    const w = alpine();
    await w.sh('apk add tini');
    const r = await w.sh('ls /var/cache/apk | wc -l; apk add tzdata');
    expect(r.out).toBe('2\n(1/1) Installing tzdata (2025b-r0)\nExecuting busybox-1.37.0-r19.trigger\nOK: 9 MiB in 18 packages\n');
  });
  it('an unknown package: the solver error, exit status 1, nothing changed', async () => {
    const w = alpine();
    const r = await w.sh('apk add --no-cache nosuchpkg; echo "status $?"; cat /etc/apk/world | wc -l');
    expect(r.err).toBe('ERROR: unable to select packages:\n');
    expect(r.out).toContain('  nosuchpkg (no such package):\n    required by: world[nosuchpkg]\nstatus 1\n6\n');
  });
  it('as a non-root user the database cannot be locked', async () => {
    const r = await alpine().sh('apk add curl; echo "status $?"', { uid: 1000, gid: 1000 });
    expect(r.err).toBe('ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n');
    expect(r.out).toBe('status 99\n');
  });
  it('apk del purges the package and what only it needed', async () => {
    const w = alpine();
    await w.sh('apk add --no-cache curl');
    const r = await w.sh('apk del curl; ls /usr/bin/curl 2>&1');
    expect(r.out).toBe([...CURL_CHAIN.slice().reverse().map((c, i) => `(${i + 1}/9) Purging ${c}`),
      'Executing busybox-1.37.0-r19.trigger', 'OK: 7 MiB in 16 packages',
      'ls: /usr/bin/curl: No such file or directory', ''].join('\n'));
  });
  it('--virtual groups build dependencies under one name that apk del removes', async () => {
    const w = alpine();
    const r = await w.sh('apk add --no-cache --virtual .build-deps tini; grep -c build-deps /etc/apk/world; apk del .build-deps');
    expect(r.out).toMatch(/\(2\/2\) Installing \.build-deps \(\d{8}\.\d{6}\)\n/);
    expect(r.out).toContain('1\n(1/2) Purging .build-deps');
    expect(r.out).toContain('(2/2) Purging tini (0.19.0-r3)\n');
  });
  it('apk update, info, search and --version', async () => {
    const w = alpine();
    expect((await w.sh('apk --version')).out).toBe('apk-tools 2.14.9, compiled for x86_64.\n');
    const s = await w.sh('apk search curl');
    expect(s.err).toBe('WARNING: opening from cache https://dl-cdn.alpinelinux.org/alpine/v3.22/main: No such file or directory\n'
      + 'WARNING: opening from cache https://dl-cdn.alpinelinux.org/alpine/v3.22/community: No such file or directory\n');
    expect(s.out).toBe('');
    const u = await w.sh('apk update');
    expect(u.out).toMatch(/^fetch .*main\/x86_64\/APKINDEX.tar.gz\nfetch .*community\/x86_64\/APKINDEX.tar.gz\nv3\.22\.\S+ \[https:\/\/dl-cdn.alpinelinux.org\/alpine\/v3.22\/main\]\nv3\.22\.\S+ \[https:\/\/dl-cdn.alpinelinux.org\/alpine\/v3.22\/community\]\nOK: \d+ distinct packages available\n$/);
    expect((await w.sh('apk search curl')).out).toBe('curl-8.14.1-r2\nlibcurl-8.14.1-r2\n');
    expect((await w.sh('apk info | head -3')).out).toBe('alpine-baselayout\nalpine-baselayout-data\nalpine-keys\n');
    expect((await w.sh('apk info -v | grep busybox')).out).toBe('busybox-1.37.0-r19\nbusybox-binsh-1.37.0-r19\n');
    expect((await w.sh('apk info curl')).out).toBe('curl-8.14.1-r2 description:\nURL retrival utility and library\n\n'
      + 'curl-8.14.1-r2 webpage:\nhttps://curl.se/\n\ncurl-8.14.1-r2 installed size:\n264 KiB\n\n');
  });
  it('nginx pre-install creates the nginx account', async () => {
    const w = alpine();
    const r = await w.sh('apk add --no-cache nginx >/dev/null; grep nginx /etc/passwd /etc/group');
    expect(r.out).toBe('/etc/passwd:nginx:x:100:101:nginx:/var/lib/nginx:/sbin/nologin\n/etc/group:nginx:x:101:nginx\n');
  });
});
