// apk-tools 2.14 (Alpine's package manager): add, del, update, info, search
// and --version over the simulated repositories (alpine-index.ts). Messages
// go to stdout, "ERROR:"/"WARNING:" lines to stderr, as apk_log/apk_log_err
// print them; the solver's explanation is printed indented on stdout.

import { isSysError, O_CREAT, O_RDWR, O_TRUNC, O_WRONLY } from '@dockersim/kernel';
import type { ProcessContext, Sys } from '@dockersim/kernel';
import { Out } from '../libc/io.ts';
import { strerror } from '../libc/errors.ts';
import { fnmatch } from '../libc/fnmatch.ts';
import { PackageIndex, type PackageDef } from './package.ts';
import { unpack, remove } from './unpack.ts';
import { addSystemAccount } from './accounts.ts';
import { ALPINE_ACCOUNTS, ALPINE_BASE, ALPINE_INDEX, ALPINE_SCRIPTS, ALPINE_TRIGGERS, APK_TOOLS_VERSION, BUSYBOX_PKG } from './alpine-index.ts';
import { ApkDb, CACHE_DIR, readRepositories, repoIndexes, stanzaOf, type RepoIndexFile } from './apk-db.ts';
import { solve } from './apk-solve.ts';

let indexCache: PackageIndex | undefined;
const alpineIndex = (): PackageIndex => (indexCache ??= new PackageIndex(ALPINE_INDEX));
const BASE_NAMES = new Set(ALPINE_BASE.map((p) => p.name));
const CACHE_MAX_AGE_MS = 4 * 60 * 60 * 1000;

interface Opts { noCache: boolean; updateCache: boolean; quiet: number; verbose: number; virtual?: string; exact: boolean; description: boolean; contents: boolean; installedOnly: boolean }

class ApkExit { constructor(readonly code: number) {} }

class Apk {
  readonly out: Out;
  readonly index = alpineIndex();
  constructor(readonly sys: Sys, readonly o: Opts) { this.out = new Out(sys, 1); }

  msg(s: string): void | Promise<void> { if (this.o.quiet === 0 || this.o.verbose > 0) return this.out.write(`${s}\n`); }
  async err(kind: 'ERROR' | 'WARNING', s: string): Promise<void> {
    await this.out.flush();
    await this.sys.write(2, `${kind}: ${s}\n`);
  }

  arch(): string { return this.sys.uname().machine === 'aarch64' ? 'aarch64' : 'x86_64'; }

  /** Takes the database lock (lib/apk/db/lock): only root may. */
  async lock(): Promise<void> {
    try { this.sys.close(this.sys.open('/lib/apk/db/lock', O_CREAT | O_RDWR, 0o600)); } catch (e) {
      if (!isSysError(e)) throw e;
      const why = strerror('busybox', e.errno);
      await this.err('ERROR', `Unable to lock database: ${why}`);
      await this.err('ERROR', `Failed to open apk database: ${why}`);
      throw new ApkExit(99);
    }
  }

  /** Opens the repositories: fetched when asked to (write applets) and stale, else read from the cache. */
  async openRepos(autoupdate: boolean): Promise<boolean> {
    const repos = repoIndexes(this.arch(), await readRepositories(this.sys));
    let ok = repos.length > 0;
    for (const r of repos) {
      if (this.o.noCache) { await this.fetch(r, false); continue; }
      const cached = this.cacheAge(r);
      if (autoupdate && (cached === undefined || cached > (this.o.updateCache ? -1 : CACHE_MAX_AGE_MS))) {
        await this.fetch(r, true);
      } else if (cached === undefined) {
        await this.err('WARNING', `opening from cache ${r.repoUrl}: No such file or directory`);
        ok = false;
      }
    }
    return ok;
  }

  cacheAge(r: RepoIndexFile): number | undefined {
    try { return this.sys.now() - this.sys.stat(`${CACHE_DIR}/${r.cacheName}`).mtimeMs; } catch (e) {
      if (!isSysError(e)) throw e;
      return undefined;
    }
  }

  async fetch(r: RepoIndexFile, keep: boolean): Promise<void> {
    await this.msg(`fetch ${r.url}`);
    await this.out.flush();
    await this.sys.sleep(r.size > 1_000_000 ? 280 : 140);
    if (!keep) return;
    try { this.sys.mkdir(CACHE_DIR, 0o755); } catch (e) { if (!isSysError(e)) throw e; }
    const fd = this.sys.open(`${CACHE_DIR}/${r.cacheName}`, O_CREAT | O_WRONLY | O_TRUNC, 0o644);
    this.sys.ftruncate(fd, r.size);
    this.sys.close(fd);
  }

  async done(db: ApkDb, errors = 0): Promise<void> {
    const mib = Math.floor(db.totalBytes() / (1024 * 1024));
    const head = errors ? `${errors} error${errors > 1 ? 's' : ''};` : 'OK:';
    await this.msg(`${head} ${mib} MiB in ${db.installed.length} packages`);
  }

  /** apk add / apk del: change the world, solve it, and commit the changes. */
  async change(add: string[], del: string[]): Promise<number> {
    await this.lock();
    if (add.length || this.o.updateCache) await this.openRepos(true);
    const db = await ApkDb.load(this.sys, this.index);
    const virtuals = new Map<string, PackageDef>();
    for (const p of db.installed) {
      if (p.stanza.includes('T:virtual meta package')) {
        const deps = (/\nD:(.*)/.exec(p.stanza)?.[1] ?? '').split(' ').filter(Boolean);
        virtuals.set(p.name, { name: p.name, version: p.version, desc: 'virtual meta package', size: 0, deps });
      }
    }
    let world = db.world.filter((w) => !del.includes(w));
    if (del.length) {
      const unknown = del.filter((d) => !db.world.includes(d) && !db.get(d));
      for (const d of unknown) await this.err('ERROR', `No such package: ${d}`);
      if (unknown.length) return 1;
    }
    if (this.o.virtual) {
      const t = new Date(this.sys.now());
      const p2 = (n: number) => String(n).padStart(2, '0');
      const version = `${t.getUTCFullYear()}${p2(t.getUTCMonth() + 1)}${p2(t.getUTCDate())}.${p2(t.getUTCHours())}${p2(t.getUTCMinutes())}${p2(t.getUTCSeconds())}`;
      virtuals.set(this.o.virtual, { name: this.o.virtual, version, desc: 'virtual meta package', size: 0, deps: add });
      world = [...world.filter((w) => w !== this.o.virtual), this.o.virtual];
    } else world = [...world, ...add.filter((a) => !world.includes(a))];
    const installed = new Set(db.installed.map((p) => p.name));
    const s = solve(this.index, world, installed, virtuals, BASE_NAMES);
    if (s.missing.length) {
      await this.err('ERROR', 'unable to select packages:');
      for (const m of s.missing) {
        const by = world.includes(m) ? `world[${m}]` : [...virtuals.values(), ...this.index.packages]
          .filter((p) => p.deps?.includes(m) && world.includes(p.name)).map((p) => `${p.name}-${p.version}[${m}]`).join(' ');
        await this.out.write(`  ${m} (no such package):\n    required by: ${by}\n`);
      }
      await this.out.flush();
      return s.missing.length;
    }
    // a virtual package sorts after what it depends on
    const install = s.install.slice().sort((a, b) => Number(virtuals.has(a.name)) - Number(virtuals.has(b.name)));
    const total = install.length + s.purge.length;
    let step = 0;
    const touched: string[][] = [];
    for (const name of s.purge) {
      const p = db.get(name)!;
      await this.msg(`(${++step}/${total}) Purging ${name} (${p.version})`);
      const def = virtuals.get(name) ?? this.index.byName.get(name);
      if (def) { remove(this.sys, def); touched.push(dirsOf(def)); }
      db.installed.splice(db.installed.indexOf(p), 1);
    }
    for (const def of install) {
      await this.msg(`(${++step}/${total}) Installing ${def.name} (${def.version})`);
      await this.out.flush();
      await this.sys.sleep(Math.max(2, Math.round(def.size / 200_000)));
      const scripts = ALPINE_SCRIPTS[def.name] ?? [];
      if (scripts.includes('pre-install')) await this.runScript(def, 'pre-install');
      const { dirs, files } = await unpack(this.sys, def);
      if (scripts.includes('post-install')) await this.runScript(def, 'post-install');
      db.installed.push({ name: def.name, version: def.version, size: def.size, stanza: stanzaOf(def, this.arch(), dirs, files, this.sys.now()) });
      touched.push(dirsOf(def));
    }
    db.world.splice(0, db.world.length, ...world);
    for (const t of ALPINE_TRIGGERS) {
      const owner = db.get(t.pkg);
      if (!owner) continue;
      if (touched.some((dirs) => dirs.some((d) => t.dirs.includes(d)))) {
        await this.msg(`Executing ${t.pkg === 'busybox' ? BUSYBOX_PKG : `${t.pkg}-${owner.version}`}.trigger`);
      }
    }
    await db.save(this.sys);
    await this.done(db);
    return 0;
  }

  async runScript(def: PackageDef, script: string): Promise<void> {
    await this.msg(`Executing ${def.name}-${def.version}.${script}`);
    const account = ALPINE_ACCOUNTS[def.name];
    if (account && script === 'pre-install') await addSystemAccount(this.sys, account);
  }

  async update(): Promise<number> {
    await this.lock();
    this.o.updateCache = true;
    await this.openRepos(true);
    const repos = repoIndexes(this.arch(), await readRepositories(this.sys));
    for (const r of repos) if (r.describe) await this.msg(`${r.describe} [${r.repoUrl}]`);
    await this.msg(`OK: ${repos.reduce((n, r) => n + r.packages, 0)} distinct packages available`);
    return 0;
  }

  async info(args: string[]): Promise<number> {
    const reposOk = await this.openRepos(false);
    const db = await ApkDb.load(this.sys, this.index);
    if (this.o.installedOnly) return args.filter((a) => !db.get(a)).length;
    if (!args.length) {
      for (const p of [...db.installed].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        await this.out.write(this.o.verbose > 0 ? `${p.name}-${p.version}${this.o.verbose > 1 ? ` - ${this.index.byName.get(p.name)?.desc ?? ''}` : ''}\n` : `${p.name}\n`);
      }
      return 0;
    }
    let errors = 0;
    for (const a of args) {
      const inst = db.get(a);
      const def = this.index.find(a);
      const shown = inst ? this.index.byName.get(inst.name) : reposOk ? def : undefined;
      if (!shown) { errors++; continue; }
      const id = `${shown.name}-${shown.version}`;
      if (this.o.contents) {
        if (!inst) continue;
        await this.out.write(`${id} contains:\n`);
        for (const l of inst.stanza.split('\n').reduce<{ dir: string; out: string[] }>((acc, line) => {
          if (line.startsWith('F:')) acc.dir = line.slice(2);
          else if (line.startsWith('R:')) acc.out.push(`${acc.dir}/${line.slice(2)}`);
          return acc;
        }, { dir: '', out: [] }).out) await this.out.write(`${l}\n`);
        await this.out.write('\n');
        continue;
      }
      await this.out.write(`${id} description:\n${shown.desc}\n\n`);
      await this.out.write(`${id} webpage:\n${shown.url ?? ''}\n\n`);
      await this.out.write(`${id} installed size:\n${humanSize(shown.size)}\n\n`);
    }
    return errors;
  }

  async search(args: string[]): Promise<number> {
    const reposOk = await this.openRepos(false);
    const db = await ApkDb.load(this.sys, this.index);
    const pool = reposOk ? this.index.packages : this.index.packages.filter((p) => db.get(p.name));
    const pats = args.length ? args.map((a) => (this.o.exact ? a : `*${a}*`)) : ['*'];
    const hits = pool.filter((p) => pats.some((pat) => fnmatch(pat, p.name) || (this.o.description && fnmatch(pat.toLowerCase(), p.desc.toLowerCase()))))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const p of hits) await this.out.write(`${p.name}${this.o.verbose >= 0 ? `-${p.version}` : ''}${this.o.verbose > 0 ? ` - ${p.desc}` : ''}\n`);
    return 0;
  }
}

function dirsOf(def: PackageDef): string[] {
  return (def.files ?? []).map((f) => f.replace(/[>@=].*$/, '')).map((p) => p.slice(0, Math.max(0, p.lastIndexOf('/'))));
}

/** apk_get_human_size: divide by 1024 while the number has five digits or more. */
export function humanSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let s = bytes;
  while (s >= 10000 && i < units.length - 1) { s = Math.floor(s / 1024); i++; }
  return `${s} ${units[i]}`;
}

const APPLETS = ['add', 'del', 'fix', 'update', 'upgrade', 'cache', 'info', 'list', 'dot', 'policy', 'search', 'index', 'fetch', 'manifest', 'verify', 'audit', 'stats', 'version'];

const USAGE = `usage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]

Package installation and removal:
  add        Add packages to WORLD and commit changes
  del        Remove packages from WORLD and commit changes

System maintenance:
  fix        Fix, reinstall or upgrade packages without modifying WORLD
  update     Update repository indexes
  upgrade    Install upgrades available from repositories
  cache      Manage the local package cache

Querying package information:
  info       Give detailed information about packages or repositories
  list       List packages matching a pattern or other criteria
  dot        Render dependencies as graphviz graphs
  policy     Show repository policy for packages
  search     Search for packages by name or description

Repository maintenance:
  index      Create repository index file from packages
  fetch      Download packages from global repositories to a local directory
  manifest   Show checksums of package contents
  verify     Verify package integrity and signature

Miscellaneous:
  audit      Audit system for changes
  stats      Show statistics about repositories and installations
  version    Compare package versions

This apk has coffee making abilities.
`;

/** The apk program. */
export async function apk(p: ProcessContext): Promise<number> {
  const o: Opts = { noCache: false, updateCache: false, quiet: 0, verbose: 0, exact: false, description: false, contents: false, installedOnly: false };
  const args: string[] = [];
  let cmd: string | undefined;
  const argv = p.argv.slice(1);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { args.push(...argv.slice(i + 1)); break; }
    if (a === '--version' || a === '-V') { await p.sys.write(1, `apk-tools ${APK_TOOLS_VERSION}, compiled for ${p.sys.uname().machine === 'aarch64' ? 'aarch64' : 'x86_64'}.\n`); return 0; }
    else if (a === '--no-cache') o.noCache = true;
    else if (a === '-U' || a === '--update-cache' || a === '--update') o.updateCache = true;
    else if (a === '-q' || a === '--quiet') o.quiet++;
    else if (a === '-v' || a === '--verbose') o.verbose++;
    else if (a === '-vv') o.verbose += 2;
    else if (a === '-t' || a === '--virtual') o.virtual = argv[++i];
    else if (a.startsWith('--virtual=')) o.virtual = a.slice(10);
    else if (a === '-e' || a === '--exact' || a === '--installed') { o.exact = true; o.installedOnly = cmd === 'info'; }
    else if (a === '-d' || a === '--description') o.description = true;
    else if (a === '-L' || a === '--contents') o.contents = true;
    else if (a === '-h' || a === '--help') { await p.sys.write(1, `apk-tools ${APK_TOOLS_VERSION}, compiled for x86_64.\n\n${USAGE}`); return 0; }
    else if (a.startsWith('-') && a !== '-') {
      // options apk accepts and that change nothing here
      if (['--no-progress', '--progress', '-i', '--interactive', '--force-broken-world', '--clean-protected', '--no-scripts', '-u', '--upgrade', '--latest', '-l', '--purge', '-r', '--rdepends', '--allow-untrusted', '--no-network', '--wait'].includes(a)) continue;
      await p.sys.write(2, `apk: unrecognized option: ${a.replace(/^-+/, '')}\n`);
      return 1;
    } else if (cmd === undefined) cmd = a;
    else args.push(a);
  }
  const sys = p.sys;
  if (cmd === undefined) { await sys.write(1, `apk-tools ${APK_TOOLS_VERSION}, compiled for x86_64.\n\n${USAGE}`); return 1; }
  if (!APPLETS.includes(cmd)) { await sys.write(2, `ERROR: '${cmd}' is not an apk command. See 'apk --help'.\n`); return 1; }
  const a = new Apk(sys, o);
  try {
    switch (cmd) {
      case 'add':
        if (!args.length && !o.virtual) { await a.lock(); await a.done(await ApkDb.load(sys, a.index)); return 0; }
        return await a.change(args, []);
      case 'del': return await a.change([], args);
      case 'update': return await a.update();
      case 'info': return await a.info(args);
      case 'search': return await a.search(args);
      case 'version': await a.out.write(`Installed:                                Available:\n`); return 0;
      default: await a.err('ERROR', `'apk ${cmd}' is not available here`); return 1;
    }
  } catch (e) {
    if (e instanceof ApkExit) return e.code;
    throw e;
  } finally {
    await a.out.flush();
  }
}
