// apt-get, apt and dpkg on the Debian-family images: `apt-get update` fetches
// the (simulated) archive's lists into /var/lib/apt/lists, `install` resolves
// against them and has dpkg unpack and configure the packages, printing what
// apt 2.6/2.7 and dpkg 1.21/1.22 print; the images ship with empty lists, so
// an install before an update cannot locate anything.

import { isSysError, O_CREAT, O_TRUNC, O_WRONLY } from '@dockersim/kernel';
import type { ProcessContext, Sys } from '@dockersim/kernel';
import { Out, readFile, writeFile, LineReader } from '../libc/io.ts';
import { unpack, remove } from './unpack.ts';
import { BOOKWORM, NOBLE, type DebPackage, type Distro } from './debian-index.ts';

const LISTS = '/var/lib/apt/lists';
const STATUS = '/var/lib/dpkg/status';
const INFO = '/var/lib/dpkg/info';

class Exit { constructor(readonly code: number) {} }

/** apt's SizeToStr: 1000-based, one decimal under 100, no decimals to 9999. */
export function sizeToStr(n: number): string {
  const ext = ['', 'k', 'M', 'G', 'T'];
  let s = Math.abs(n);
  for (let i = 0; i < ext.length; i++) {
    if (s < 100 && i !== 0) return `${s.toFixed(1)} ${ext[i]}`;
    if (s < 10000) return `${s.toFixed(0)} ${ext[i]}`;
    s /= 1000;
  }
  return `${s.toFixed(0)} P`;
}

/** apt's list of names: two spaces of indent, wrapped before the 80th column. */
export function wrapList(names: readonly string[]): string {
  const lines: string[] = [];
  let line = '';
  for (const n of names) {
    if (line && line.length + 1 + n.length >= 80) { lines.push(line); line = ''; }
    line = line ? `${line} ${n}` : `  ${n}`;
  }
  if (line) lines.push(line);
  return lines.map((l) => `${l}\n`).join('');
}

async function readOr(sys: Sys, path: string): Promise<string | undefined> {
  try { return await readFile(sys, path); } catch (e) {
    if (!isSysError(e)) throw e;
    return undefined;
  }
}

async function distroOf(sys: Sys): Promise<Distro> {
  const os = (await readOr(sys, '/etc/os-release')) ?? '';
  return /^ID=ubuntu$/m.test(os) ? NOBLE : BOOKWORM;
}

function listFile(url: string): string {
  // "http://deb.debian.org/debian bookworm/main amd64 Packages" -> deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4
  const [base, dist, ...rest] = url.replace(/^https?:\/\//, '').split(' ');
  const host = base!.replace(/\//g, '_');
  if (rest[0] === 'InRelease') return `${host}_dists_${dist}_InRelease`;
  return `${host}_dists_${dist!.replace('/', '_')}_binary-${rest[0]}_Packages.lz4`;
}

interface Installed { name: string; version: string; stanza: string }

class Dpkg {
  constructor(readonly installed: Installed[]) {}
  static async load(sys: Sys): Promise<Dpkg> {
    const raw = ((await readOr(sys, STATUS)) ?? '').replace(/\0/g, '');
    const installed: Installed[] = [];
    for (const stanza of raw.split(/\n\n+/)) {
      const name = /^Package: (.*)$/m.exec(stanza)?.[1];
      if (name) installed.push({ name, version: /^Version: (.*)$/m.exec(stanza)?.[1] ?? '', stanza: stanza.trim() });
    }
    return new Dpkg(installed);
  }
  has(name: string): boolean { return this.installed.some((p) => p.name === name); }
  async save(sys: Sys): Promise<void> {
    await writeFile(sys, STATUS, this.installed.map((p) => `${p.stanza}\n`).join('\n'));
  }
}

function debName(p: DebPackage): string { return p.ma ? `${p.name}:amd64` : p.name; }
function debArch(p: DebPackage): string { return p.arch ?? 'amd64'; }

class Apt {
  readonly out: Out;
  constructor(readonly sys: Sys, readonly d: Distro, readonly prog: string, readonly env: Map<string, string>) { this.out = new Out(sys, 1); }
  w(s: string): void | Promise<void> { return this.out.write(s); }
  async e(s: string): Promise<void> { await this.out.flush(); await this.sys.write(2, s); }
  get tty(): boolean { return this.sys.isatty(1); }
  done(s: string): string { return `${s}${this.tty ? ' Done' : ''}\n`; }

  async haveLists(): Promise<boolean> {
    try { return this.sys.readdir(LISTS).some((e) => e.name.includes('_Packages')); } catch (e) {
      if (!isSysError(e)) throw e;
      return false;
    }
  }

  async lock(): Promise<void> {
    try { this.sys.close(this.sys.open('/var/lib/dpkg/lock-frontend', O_CREAT | O_WRONLY, 0o640)); } catch (e) {
      if (!isSysError(e)) throw e;
      await this.e('E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n');
      throw new Exit(100);
    }
  }

  async update(): Promise<number> {
    try { this.sys.close(this.sys.open(`${LISTS}/lock`, O_CREAT | O_WRONLY, 0o640)); } catch (e) {
      if (!isSysError(e)) throw e;
      await this.e(`E: Could not open lock file ${LISTS}/lock - open (13: Permission denied)\nE: Unable to lock directory ${LISTS}/\n`);
      return 100;
    }
    let total = 0;
    for (const [i, [url, size]] of this.d.lists.entries()) {
      await this.w(`Get:${i + 1} ${url} [${sizeToStr(size)}B]\n`);
      await this.out.flush();
      await this.sys.sleep(Math.max(20, Math.round(size / 8000)));
      const fd = this.sys.open(`${LISTS}/${listFile(url)}`, O_CREAT | O_WRONLY | O_TRUNC, 0o644);
      this.sys.ftruncate(fd, Math.round(size * (url.endsWith('Packages') ? 1.6 : 1)));
      this.sys.close(fd);
      total += size;
    }
    const secs = total / 8000 / 1000;
    await this.w(`Fetched ${sizeToStr(total)}B in ${Math.floor(secs)}s (${sizeToStr(total / Math.max(secs, 0.001))}B/s)\n`);
    await this.w(this.done('Reading package lists...'));
    if (this.prog === 'apt') {
      await this.w(this.done('Building dependency tree...') + this.done('Reading state information...') + 'All packages are up to date.\n');
    }
    return 0;
  }

  find(name: string): DebPackage | undefined { return this.d.packages.find((p) => p.name === name); }

  async install(names: string[], yes: boolean, noRecommends: boolean): Promise<number> {
    await this.lock();
    await this.w(this.done('Reading package lists...') + this.done('Building dependency tree...') + this.done('Reading state information...'));
    const lists = await this.haveLists();
    const dpkg = await Dpkg.load(this.sys);
    const missing = names.filter((n) => !lists || !this.find(n));
    if (missing.length) {
      for (const m of missing) await this.e(`E: Unable to locate package ${m}\n`);
      return 100;
    }
    const want = new Map<string, DebPackage>();
    const visit = (n: string, rec: boolean): void => {
      const p = this.find(n);
      if (!p || want.has(p.name) || dpkg.has(p.name)) return;
      want.set(p.name, p);
      for (const dep of p.deps ?? []) visit(dep, rec);
      if (rec) for (const r of p.recommends ?? []) visit(r, rec);
    };
    for (const n of names) visit(n, !noRecommends);
    for (const n of names) {
      if (!want.has(n) && dpkg.has(n)) await this.w(`${n} is already the newest version (${dpkg.installed.find((p) => p.name === n)!.version}).\n`);
    }
    const order = this.d.packages.filter((p) => want.has(p.name));
    if (!order.length) {
      await this.w('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
      return 0;
    }
    const extra = order.filter((p) => !names.includes(p.name)).map((p) => p.name).sort();
    if (extra.length) await this.w(`The following additional packages will be installed:\n${wrapList(extra)}`);
    await this.w(`The following NEW packages will be installed:\n${wrapList(order.map((p) => p.name).sort())}`);
    const dl = order.reduce((n, p) => n + (p.dlsize ?? 0), 0);
    const inst = order.reduce((n, p) => n + p.size, 0);
    await this.w(`0 upgraded, ${order.length} newly installed, 0 to remove and 0 not upgraded.\nNeed to get ${sizeToStr(dl)}B of archives.\nAfter this operation, ${sizeToStr(inst)}B of additional disk space will be used.\n`);
    if (extra.length && !yes && !(await this.confirm())) return 1;
    for (const [i, p] of order.entries()) {
      const base = p.suite?.endsWith('-security') && this.d.id === 'debian' ? this.d.security : p.suite?.endsWith('-security') ? this.d.security : this.d.mirror;
      await this.w(`Get:${i + 1} ${base} ${p.suite ?? this.d.codename}/main amd64 ${p.name} ${debArch(p)} ${p.version} [${sizeToStr(p.dlsize ?? 0)}B]\n`);
    }
    await this.out.flush();
    await this.sys.sleep(Math.max(50, Math.round(dl / 10_000)));
    await this.e('debconf: delaying package configuration, since apt-utils is not installed\n');
    const secs = dl / 10_000 / 1000;
    await this.w(`Fetched ${sizeToStr(dl)}B in ${Math.floor(secs)}s (${sizeToStr(dl / Math.max(secs, 0.001))}B/s)\n`);
    let files = this.d.baseFiles;
    for (const p of dpkg.installed) files += Number(/^Dpkg-Files: (\d+)$/m.exec(p.stanza)?.[1] ?? 0);
    const width = String(order.length - 1).length;
    for (const [i, p] of order.entries()) {
      await this.w(`Selecting previously unselected package ${debName(p)}.\n`);
      if (i === 0) await this.w(`(Reading database ... ${files} files and directories currently installed.)\n`);
      const deb = `${p.name}_${p.version.replace(':', '%3a')}_${debArch(p)}.deb`;
      await this.w(`Preparing to unpack .../${order.length > 1 ? `${String(i).padStart(width, '0')}-` : ''}${deb} ...\nUnpacking ${debName(p)} (${p.version}) ...\n`);
      const { dirs, files: fl } = await unpack(this.sys, p);
      const list = ['/.', ...dirs.map((d) => `/${d}`), ...fl.filter((f) => f.kind !== 'dir').map((f) => `/${f.path}`)];
      await writeFile(this.sys, `${INFO}/${debName(p)}.list`, list.join('\n') + '\n');
      dpkg.installed.push({ name: p.name, version: p.version, stanza: [
        `Package: ${p.name}`, 'Status: install ok installed', 'Priority: optional', `Installed-Size: ${Math.round(p.size / 1024)}`,
        `Architecture: ${debArch(p)}`, ...(p.ma ? ['Multi-Arch: same'] : []), `Version: ${p.version}`,
        ...(p.deps?.length ? [`Depends: ${p.deps.join(', ')}`] : []), `Description: ${p.desc}`, `Dpkg-Files: ${list.length}`,
      ].join('\n') });
    }
    const rank = (p: DebPackage) => { const i = this.d.setupOrder.indexOf(p.name); return i < 0 ? 1000 + order.indexOf(p) : i; };
    for (const p of [...order].sort((a, b) => rank(a) - rank(b))) {
      await this.w(`Setting up ${debName(p)} (${p.version}) ...\n`);
      if (p.name === 'ca-certificates') {
        if (this.env.get('DEBIAN_FRONTEND') !== 'noninteractive') {
          await this.e(`debconf: unable to initialize frontend: Dialog\ndebconf: (${this.env.has('TERM') ? 'No usable dialog-like program is installed, so the dialog based frontend cannot be used. at /usr/share/perl5/Debconf/FrontEnd/Dialog.pm line 78.' : 'TERM is not set, so the dialog frontend is not usable.'})\ndebconf: falling back to frontend: Readline\n`);
          if (this.d.id === 'debian') await this.e('debconf: unable to initialize frontend: Readline\ndebconf: (Can\'t locate Term/ReadLine.pm in @INC (you may need to install the Term::ReadLine module) (@INC contains: /etc/perl /usr/local/lib/x86_64-linux-gnu/perl/5.36.0 /usr/local/share/perl/5.36.0 /usr/lib/x86_64-linux-gnu/perl5/5.36 /usr/share/perl5 /usr/lib/x86_64-linux-gnu/perl-base /usr/lib/x86_64-linux-gnu/perl/5.36 /usr/share/perl/5.36 /usr/local/lib/site_perl) at /usr/share/perl5/Debconf/FrontEnd/Readline.pm line 7.)\ndebconf: falling back to frontend: Teletype\n');
        }
        await this.w(`Updating certificates in /etc/ssl/certs...\n${this.d.id === 'debian' ? 142 : 146} added, 0 removed; done.\n`);
      }
    }
    if (order.some((p) => p.triggers?.includes('ldconfig'))) await this.w(`Processing triggers for libc-bin (${this.d.libcBin}) ...\n`);
    const ca = order.find((p) => p.name === 'ca-certificates');
    if (ca) await this.w(`Processing triggers for ca-certificates (${ca.version}) ...\nUpdating certificates in /etc/ssl/certs...\n0 added, 0 removed; done.\nRunning hooks in /etc/ca-certificates/update.d...\ndone.\n`);
    await dpkg.save(this.sys);
    return 0;
  }

  async confirm(): Promise<boolean> {
    await this.w('Do you want to continue? [Y/n] ');
    await this.out.flush();
    const line = await new LineReader(this.sys, 0).line();
    if (line === null || /^n/i.test(line)) {
      await this.w('Abort.\n');
      return false;
    }
    return true;
  }

  async remove(names: string[], yes: boolean): Promise<number> {
    await this.lock();
    await this.w(this.done('Reading package lists...') + this.done('Building dependency tree...') + this.done('Reading state information...'));
    const dpkg = await Dpkg.load(this.sys);
    const gone: Installed[] = [];
    for (const n of names) {
      const p = dpkg.installed.find((x) => x.name === n);
      if (!p) {
        if (this.find(n) && (await this.haveLists())) { await this.w(`Package '${n}' is not installed, so not removed\n`); continue; }
        await this.e(`E: Unable to locate package ${n}\n`);
        return 100;
      }
      gone.push(p);
    }
    if (!gone.length) { await this.w('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n'); return 0; }
    const freed = gone.reduce((s, p) => s + Number(/^Installed-Size: (\d+)$/m.exec(p.stanza)?.[1] ?? 0) * 1024, 0);
    await this.w(`The following packages will be REMOVED:\n${wrapList(gone.map((p) => p.name).sort())}0 upgraded, 0 newly installed, ${gone.length} to remove and 0 not upgraded.\nAfter this operation, ${sizeToStr(freed)}B disk space will be freed.\n`);
    if (!yes && !(await this.confirm())) return 1;
    let files = this.d.baseFiles;
    for (const p of dpkg.installed) files += Number(/^Dpkg-Files: (\d+)$/m.exec(p.stanza)?.[1] ?? 0);
    await this.w(`(Reading database ... ${files} files and directories currently installed.)\n`);
    for (const p of gone) {
      const def = this.find(p.name);
      await this.w(`Removing ${def ? debName(def) : p.name} (${p.version}) ...\n`);
      if (def) {
        remove(this.sys, def);
        try { this.sys.unlink(`${INFO}/${debName(def)}.list`); } catch (e) { if (!isSysError(e)) throw e; }
      }
      dpkg.installed.splice(dpkg.installed.indexOf(p), 1);
    }
    await dpkg.save(this.sys);
    return 0;
  }
}

/** apt-get and apt. */
export function aptProgram(prog: 'apt-get' | 'apt') {
  return async (p: ProcessContext): Promise<number> => {
    const env = new Map(p.env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]));
    const a = new Apt(p.sys, await distroOf(p.sys), prog, env);
    let yes = false, noRec = false, quiet = 0;
    const args: string[] = [];
    for (const x of p.argv.slice(1)) {
      if (x === '-y' || x === '--yes' || x === '--assume-yes' || x === '-qy' || x === '-yq') { yes = true; if (x.includes('q')) quiet++; }
      else if (x === '--no-install-recommends') noRec = true;
      else if (x === '-q' || x === '-qq' || x === '--quiet') quiet += x === '-qq' ? 2 : 1;
      else if (x.startsWith('-')) continue;
      else args.push(x);
    }
    void quiet;
    try {
      if (prog === 'apt' && !p.sys.isatty(1)) await a.e('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
      const [cmd, ...rest] = args;
      switch (cmd) {
        case 'update': return await a.update();
        case 'install': return await a.install(rest, yes, noRec);
        case 'remove': case 'purge': return await a.remove(rest, yes);
        case undefined:
          await a.w(prog === 'apt' ? 'apt 2.6.1 (amd64)\n' : 'apt 2.6.1 (amd64)\n');
          return 0;
        default:
          await a.e(`E: Invalid operation ${cmd}\n`);
          return 100;
      }
    } catch (e) {
      if (e instanceof Exit) return e.code;
      throw e;
    } finally { await a.out.flush(); }
  };
}

/** dpkg -l and -L. */
export async function dpkg(p: ProcessContext): Promise<number> {
  const sys = p.sys;
  const out = new Out(sys, 1);
  const [flag, ...names] = p.argv.slice(1);
  const db = await Dpkg.load(sys);
  try {
    if (flag === '-L' || flag === '--listfiles') {
      let st = 0;
      for (const n of names) {
        const list = (await readOr(sys, `${INFO}/${n}.list`)) ?? (await readOr(sys, `${INFO}/${n}:amd64.list`));
        if (list === undefined) {
          await out.flush();
          await sys.write(2, `dpkg-query: package '${n}' is not installed\nUse dpkg --contents (= dpkg-deb --contents) to list archive files contents.\n`);
          st = 1;
          continue;
        }
        await out.write(list);
      }
      return st;
    }
    if (flag === '-l' || flag === '--list') {
      const rows = db.installed.filter((x) => !names.length || names.includes(x.name));
      await out.write('Desired=Unknown/Install/Remove/Purge/Hold\n| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n');
      const nw = Math.max(15, ...rows.map((r) => r.name.length));
      const vw = Math.max(15, ...rows.map((r) => r.version.length));
      await out.write(`||/ ${'Name'.padEnd(nw)} ${'Version'.padEnd(vw)} ${'Architecture'.padEnd(12)} Description\n`);
      await out.write(`+++-${'='.repeat(nw)}-${'='.repeat(vw)}-${'='.repeat(12)}-${'='.repeat(Math.max(12, 80 - nw - vw - 20))}\n`);
      for (const r of rows) {
        const arch = /^Architecture: (.*)$/m.exec(r.stanza)?.[1] ?? 'amd64';
        const desc = /^Description: (.*)$/m.exec(r.stanza)?.[1] ?? '';
        await out.write(`ii  ${r.name.padEnd(nw)} ${r.version.padEnd(vw)} ${arch.padEnd(12)} ${desc}\n`);
      }
      const unknown = names.filter((n) => !rows.some((r) => r.name === n));
      if (unknown.length) {
        await out.flush();
        for (const n of unknown) await sys.write(2, `dpkg-query: no packages found matching ${n}\n`);
        return 1;
      }
      return 0;
    }
    await out.flush();
    await sys.write(2, `dpkg: error: need an action option\n\nType dpkg --help for help about installing and deinstalling packages [*];\nUse 'apt' or 'aptitude' for user-friendly package management;\nType dpkg -Dhelp for a list of dpkg debug flag values;\nType dpkg --force-help for a list of forcing options;\nType dpkg-deb --help for help about manipulating *.deb files;\n\nOptions marked [*] produce a lot of output - pipe it through 'less' or 'more' !\n`);
    return 2;
  } finally { await out.flush(); }
}

