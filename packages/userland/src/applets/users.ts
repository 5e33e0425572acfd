// Account applets editing /etc/passwd, /etc/group and /etc/shadow: busybox's
// adduser/addgroup/deluser/delgroup, shadow-utils' useradd/groupadd, and su.

import { isSysError, EEXIST } from '@dockersim/kernel';
import type { Applet } from './types.ts';
import type { App } from '../libc/app.ts';
import { readFile, writeFile } from '../libc/io.ts';
import { readPasswd, readGroups } from '../libc/passwd.ts';
import { findInPath } from './basic.ts';

async function readText(a: App, p: string): Promise<string> {
  try { return await readFile(a.sys, p); } catch (e) { if (isSysError(e)) return ''; throw e; }
}

async function append(a: App, p: string, line: string, mode = 0o644): Promise<void> {
  const cur = await readText(a, p);
  await writeFile(a.sys, p, cur + (cur && !cur.endsWith('\n') ? '\n' : '') + line + '\n', { mode });
}

async function rewriteGroupMembers(a: App, group: string, fn: (members: string[]) => string[]): Promise<boolean> {
  const t = await readText(a, '/etc/group');
  let found = false;
  const out = t.split('\n').map((l) => {
    const f = l.split(':');
    if (f[0] !== group || f.length < 4) return l;
    found = true;
    f[3] = fn(f[3]!.split(',').filter(Boolean)).join(',');
    return f.join(':');
  });
  if (found) await writeFile(a.sys, '/etc/group', out.join('\n'));
  return found;
}

function nextId(used: number[], from: number, to: number): number {
  for (let i = from; i <= to; i++) if (!used.includes(i)) return i;
  return to + 1;
}

async function makeHome(a: App, home: string, uid: number, gid: number): Promise<void> {
  const parts = home.split('/').filter(Boolean);
  let cur = '';
  for (let i = 0; i < parts.length; i++) {
    cur += '/' + parts[i];
    try { a.sys.mkdir(cur, i === parts.length - 1 ? 0o755 : 0o755); } catch (e) { if (!isSysError(e, EEXIST)) throw e; }
  }
  a.sys.chown(home, uid, gid);
  try {
    for (const d of a.sys.readdir('/etc/skel')) {
      const content = await readFile(a.sys, `/etc/skel/${d.name}`);
      await writeFile(a.sys, `${home}/${d.name}`, content);
      a.sys.chown(`${home}/${d.name}`, uid, gid);
    }
  } catch (e) { if (!isSysError(e)) throw e; }
}

function rootOnly(a: App): Promise<number> | null {
  if (a.sys.geteuid() === 0) return null;
  return a.error(a.gnu ? 'Permission denied.' : 'need to be root').then(() => 1);
}

export const addgroup: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'g:S' }, '[-g GID] [-S] [USER] GROUP');
  const deny = rootOnly(a); if (deny) return deny;
  const groups = await readGroups(a.sys);
  if (rest.length === 2) {
    const [user, group] = rest as [string, string];
    if (!(await readPasswd(a.sys)).some((u) => u.name === user)) { await a.error(`unknown user ${user}`); return 1; }
    if (!groups.some((g) => g.name === group)) { await a.error(`unknown group ${group}`); return 1; }
    await rewriteGroupMembers(a, group, (m) => (m.includes(user) ? m : [...m, user]));
    return 0;
  }
  const name = rest[0];
  if (!name) { await a.sys.write(2, 'BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: addgroup [-g GID] [-S] [USER] GROUP\n'); return 1; }
  if (groups.some((g) => g.name === name)) { await a.error(`group '${name}' in use`); return 1; }
  let gid: number;
  if (typeof o.get('g') === 'string') {
    gid = Number(o.get('g'));
    if (groups.some((g) => g.gid === gid)) { await a.error(`gid '${gid}' in use`); return 1; }
  } else gid = o.has('S') ? nextId(groups.map((g) => g.gid), 100, 999) : nextId(groups.map((g) => g.gid), 1000, 64999);
  await append(a, '/etc/group', `${name}:x:${gid}:`);
  return 0;
};

export const adduser: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'h:g:s:G:DSHu:k:' }, '[OPTIONS] USER [GROUP]');
  const deny = rootOnly(a); if (deny) return deny;
  const name = rest[0];
  if (!name) { await a.sys.write(2, 'BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: adduser [OPTIONS] USER [GROUP]\n'); return 1; }
  const users = await readPasswd(a.sys);
  const groups = await readGroups(a.sys);
  if (users.some((u) => u.name === name)) { await a.error(`user '${name}' in use`); return 1; }
  if (rest[1]) {
    if (!groups.some((g) => g.name === rest[1])) { await a.error(`unknown group ${rest[1]}`); return 1; }
  }
  const system = o.has('S');
  let uid: number;
  if (typeof o.get('u') === 'string') {
    uid = Number(o.get('u'));
    if (users.some((u) => u.uid === uid)) { await a.error(`uid '${uid}' in use`); return 1; }
  } else uid = system ? nextId(users.map((u) => u.uid), 100, 999) : nextId(users.map((u) => u.uid), 1000, 64999);
  let gid: number;
  const gname = (o.get('G') as string | undefined) ?? rest[1];
  if (gname) {
    const g = groups.find((x) => x.name === gname);
    if (!g) { await a.error(`unknown group ${gname}`); return 1; }
    gid = g.gid;
  } else if (system) {
    gid = groups.find((g) => g.name === 'nogroup')?.gid ?? 65534;
  } else {
    gid = groups.some((g) => g.gid === uid) ? nextId(groups.map((g) => g.gid), 1000, 64999) : uid;
    await append(a, '/etc/group', `${name}:x:${gid}:`);
  }
  const home = (o.get('h') as string | undefined) ?? `/home/${name}`;
  const shell = (o.get('s') as string | undefined) ?? (system ? '/sbin/nologin' : '/bin/sh');
  const gecos = (o.get('g') as string | undefined) ?? (system ? '' : 'Linux User,,,');
  await append(a, '/etc/passwd', `${name}:x:${uid}:${gid}:${gecos}:${home}:${shell}`);
  const days = Math.floor(a.sys.now() / 86400000);
  await append(a, '/etc/shadow', `${name}:!:${days}:0:99999:7:::`, 0o640);
  if (!o.has('H')) await makeHome(a, home, uid, gid);
  if (!o.has('D') && !system) {
    await a.write(`Changing password for ${name}\nNew password: \n`);
    await a.error('password for ' + name + ' is unchanged');
  }
  return 0;
};

export const deluser: Applet = async (a) => {
  const deny = rootOnly(a); if (deny) return deny;
  const name = a.args.find((x) => !x.startsWith('-'));
  if (!name) return 1;
  const t = await readText(a, '/etc/passwd');
  if (!t.split('\n').some((l) => l.startsWith(name + ':'))) { await a.error(`unknown user ${name}`); return 1; }
  await writeFile(a.sys, '/etc/passwd', t.split('\n').filter((l) => !l.startsWith(name + ':')).join('\n'));
  const s = await readText(a, '/etc/shadow');
  if (s) await writeFile(a.sys, '/etc/shadow', s.split('\n').filter((l) => !l.startsWith(name + ':')).join('\n'), { mode: 0o640 });
  return 0;
};

export const groupadd: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'g:rf', long: { gid: { key: 'g', arg: 'required' }, system: { key: 'r' }, force: { key: 'f' } } }, '');
  if (a.sys.geteuid() !== 0) { await a.error('Permission denied.'); await a.error('cannot lock /etc/group; try again later.'); return 10; }
  const name = rest[0];
  if (!name) { await a.sys.write(2, 'Usage: groupadd [options] GROUP\n'); return 2; }
  const groups = await readGroups(a.sys);
  if (groups.some((g) => g.name === name)) {
    if (o.has('f')) return 0;
    await a.error(`group '${name}' already exists`);
    return 9;
  }
  let gid: number;
  if (typeof o.get('g') === 'string') {
    gid = Number(o.get('g'));
    if (groups.some((g) => g.gid === gid)) { await a.error(`GID '${gid}' already exists`); return 4; }
  } else gid = o.has('r') ? 999 - groups.filter((g) => g.gid >= 100 && g.gid < 1000).length : nextId(groups.map((g) => g.gid), 1000, 60000);
  await append(a, '/etc/group', `${name}:x:${gid}:`);
  return 0;
};

export const useradd: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'mMu:g:G:s:d:rc:NUo', long: { 'create-home': { key: 'm' }, 'no-create-home': { key: 'M' }, uid: { key: 'u', arg: 'required' }, gid: { key: 'g', arg: 'required' }, groups: { key: 'G', arg: 'required' }, shell: { key: 's', arg: 'required' }, 'home-dir': { key: 'd', arg: 'required' }, system: { key: 'r' }, comment: { key: 'c', arg: 'required' }, 'no-user-group': { key: 'N' }, 'user-group': { key: 'U' } } }, '');
  if (a.sys.geteuid() !== 0) { await a.error('Permission denied.'); await a.error('cannot lock /etc/passwd; try again later.'); return 1; }
  const name = rest[0];
  if (!name) { await a.sys.write(2, 'Usage: useradd [options] LOGIN\n       useradd -D\n       useradd -D [options]\n'); return 2; }
  const users = await readPasswd(a.sys);
  const groups = await readGroups(a.sys);
  if (users.some((u) => u.name === name)) { await a.error(`user '${name}' already exists`); return 9; }
  const system = o.has('r');
  let uid: number;
  if (typeof o.get('u') === 'string') {
    uid = Number(o.get('u'));
    if (users.some((u) => u.uid === uid) && !o.has('o')) { await a.error(`UID ${uid} is not unique`); return 4; }
  } else uid = system ? 999 - users.filter((u) => u.uid >= 100 && u.uid < 1000).length : nextId(users.map((u) => u.uid), 1000, 60000);
  let gid: number;
  if (typeof o.get('g') === 'string') {
    const gs = o.get('g') as string;
    const g = groups.find((x) => x.name === gs || String(x.gid) === gs);
    if (!g) { await a.error(`group '${gs}' does not exist`); return 6; }
    gid = g.gid;
  } else if (o.has('N')) gid = 100;
  else {
    if (groups.some((g) => g.name === name)) { await a.error(`group ${name} exists - if you want to add this user to that group, use -g.`); return 9; }
    gid = groups.some((g) => g.gid === uid) ? nextId(groups.map((g) => g.gid), system ? 100 : 1000, 60000) : uid;
    await append(a, '/etc/group', `${name}:x:${gid}:`);
  }
  if (typeof o.get('G') === 'string') {
    for (const g of (o.get('G') as string).split(',')) {
      if (!groups.some((x) => x.name === g)) { await a.error(`group '${g}' does not exist`); return 6; }
    }
    for (const g of (o.get('G') as string).split(',')) await rewriteGroupMembers(a, g, (m) => [...m, name]);
  }
  const home = (o.get('d') as string | undefined) ?? `/home/${name}`;
  await append(a, '/etc/passwd', `${name}:x:${uid}:${gid}:${(o.get('c') as string | undefined) ?? ''}:${home}:${(o.get('s') as string | undefined) ?? '/bin/sh'}`);
  const days = Math.floor(a.sys.now() / 86400000);
  await append(a, '/etc/shadow', `${name}:!:${days}:0:99999:7:::`, 0o640);
  if (o.has('m')) await makeHome(a, home, uid, gid);
  return 0;
};

export const su: Applet = async (a) => {
  const args = a.args.slice();
  let login = false;
  let cmd: string | undefined;
  let shellOpt: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const x = args[i]!;
    if (x === '-' || x === '-l' || x === '--login') login = true;
    else if (x === '-c' || x === '--command') cmd = args[++i];
    else if (x === '-s' || x === '--shell') shellOpt = args[++i];
    else if (x === '-m' || x === '-p') continue;
    else rest.push(x);
  }
  const name = rest[0] ?? 'root';
  const user = (await readPasswd(a.sys)).find((u) => u.name === name);
  if (!user) { await a.error(a.gnu ? `user ${name} does not exist or the user entry does not contain all the required fields` : `unknown user ${name}`); return 1; }
  if (a.sys.getuid() !== 0) {
    if (a.gnu) { await a.sys.write(2, 'Password: '); await a.error('Authentication failure'); return 1; }
    await a.error('must be suid to work properly');
    return 1;
  }
  const groups = (await readGroups(a.sys)).filter((g) => g.members.includes(name)).map((g) => g.gid);
  a.sys.setgroups(groups);
  a.sys.setgid(user.gid);
  a.sys.setuid(user.uid);
  const shell = shellOpt ?? (user.shell || '/bin/sh');
  let env = a.env.filter((e) => !/^(HOME|USER|LOGNAME|SHELL)=/.test(e));
  if (login) env = env.filter((e) => /^(TERM|PATH)=/.test(e));
  env.push(`HOME=${user.home}`, `SHELL=${shell}`, ...(user.uid !== 0 || login ? [`USER=${name}`, `LOGNAME=${name}`] : []));
  if (login) { try { a.sys.chdir(user.home); } catch (e) { if (!isSysError(e)) throw e; } }
  const argv = [login ? '-' + shell.slice(shell.lastIndexOf('/') + 1) : shell.slice(shell.lastIndexOf('/') + 1), ...(cmd !== undefined ? ['-c', cmd] : []), ...rest.slice(1)];
  const path = findInPath(a.sys, shell, '/bin:/usr/bin') ?? shell;
  await a.out.flush();
  try { await a.sys.execve(path, argv, env); } catch (e) {
    if (!isSysError(e)) throw e;
    await a.error(a.gnu ? `failed to execute ${shell}: ${a.strerror(e.errno)}` : `can't execute '${shell}': ${a.strerror(e.errno)}`);
    return 126;
  }
  return 0;
};
