// gosu / su-exec: run a program as another user (by name or uid[:gid])
// without a new session, as the official images' entrypoints step down from root.

import { isSysError } from '@dockersim/kernel';
import type { Program } from '@dockersim/kernel';
import { readGroups, readPasswd } from '../libc/passwd.ts';

export function gosuProgram(name: 'gosu' | 'su-exec'): Program {
  return async ({ sys, argv, env }) => {
    const [spec, ...cmd] = argv.slice(1);
    if (!spec || !cmd.length) {
      await sys.write(2, name === 'gosu' ? `Usage: gosu user-spec command [args]\n   eg: gosu tianon bash\n       gosu nobody:root bash -c 'whoami && id'\n       gosu 1000:1 id\n\ngosu version: 1.17 (go1.18.2 on linux/amd64; gc)\nlicense: Apache-2.0 (full text at https://github.com/tianon/gosu)\n\n` : 'Usage: su-exec user-spec command [args]\n');
      return 1;
    }
    const [u, g] = spec.split(':');
    const pw = (await readPasswd(sys)).find((p) => p.name === u || String(p.uid) === u);
    const uid = pw ? pw.uid : Number(u);
    let gid = pw ? pw.gid : 0;
    if (g !== undefined) gid = (await readGroups(sys)).find((x) => x.name === g)?.gid ?? Number(g);
    if (Number.isNaN(uid) || Number.isNaN(gid)) {
      await sys.write(2, `error: failed switching to "${spec}": unable to find user ${u}: no matching entries in passwd file\n`);
      return 1;
    }
    const groups = pw ? (await readGroups(sys)).filter((x) => x.members.includes(pw.name)).map((x) => x.gid) : [];
    sys.setgroups([gid, ...groups.filter((x) => x !== gid)]);
    sys.setgid(gid);
    sys.setuid(uid);
    const home = pw?.home ?? '/';
    const newEnv = [...env.filter((e) => !e.startsWith('HOME=')), `HOME=${home}`];
    const path = newEnv.find((e) => e.startsWith('PATH='))?.slice(5) ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
    const dirs = cmd[0]!.includes('/') ? [''] : path.split(':').map((d) => `${d}/`);
    for (const d of dirs) {
      try { await sys.execve(d + cmd[0], cmd, newEnv); } catch (e) { if (!isSysError(e)) throw e; }
    }
    await sys.write(2, `error: exec: "${cmd[0]}": executable file not found in $PATH\n`);
    return 1;
  };
}
