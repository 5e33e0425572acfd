import { describe, expect, it } from 'vitest';
import { makeWorld } from '../testing/world.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));
const UTF8 = ['PATH=/usr/bin:/bin', 'LANG=C.UTF-8'];
const C = ['PATH=/usr/bin:/bin', 'LANG=C'];

/** A fresh host with /proc, where `script` runs under sh (`exec` makes its last command replace sh). */
async function on(script: string, env = UTF8) {
  const w = makeWorld('debian', hostYield);
  return w.sh(`mount -t proc proc /proc; ${script}`, { env });
}

describe('pstree (psmisc)', () => {
  it('merges identical children as N*[name] and draws with UTF-8 in a UTF-8 locale', async () => {
    const r = await on('sleep 50 & sleep 50 & exec pstree');
    expect(r.out).toBe('testinit───pstree───2*[sleep]\n');
  });
  it('draws with ASCII in the C locale; -p shows pids and does not merge', async () => {
    expect((await on('sleep 50 & sleep 50 & sh -c "sleep 60; true" & exec pstree', C)).out)
      .toBe('testinit---pstree-+-sh---sleep\n                  `-2*[sleep]\n');
    const p = await on('sleep 50 & sleep 50 & exec pstree -p');
    expect(p.out).toMatch(/^testinit\(1\)───pstree\((\d+)\)─┬─sleep\(\d+\)\n {24}└─sleep\(\d+\)\n$/);
  });
  it('-a puts each process on its own line with its arguments, merging identical ones', async () => {
    const r = await on('sleep 50 & sleep 50 & sleep 60 & exec pstree -a');
    expect(r.out).toBe('testinit\n  └─pstree -a\n      ├─2*[sleep 50]\n      └─sleep 60\n');
  });
  it('-S marks the namespaces a process does not share with its parent', async () => {
    const r = await on('unshare --fork --pid --uts sleep 50 & sleep 0; exec pstree -S', UTF8);
    expect(r.out).toContain('───unshare───sleep(pid,uts)\n');
  });
  it('starts at a pid, and says so for a user without processes', async () => {
    expect((await on('sleep 50 & pstree -p 1 | head -1')).out).toMatch(/^testinit\(1\)───sh\(\d+\)─┬─head\(\d+\)\n$/);
    const none = await on('pstree nobody');
    expect(none.err).toBe('No processes found.\n');
    expect(none.code).toBe(1);
  });
});

describe('lsns (util-linux)', () => {
  it('lists each namespace once with its process count and lowest pid; NS, TYPE, NPROCS and PID keep their minimum widths', async () => {
    const r = await on('exec lsns');
    expect(r.out).toBe([
      '        NS TYPE   NPROCS   PID USER COMMAND',
      '4026531834 time        2     1 root init',
      '4026531835 cgroup      2     1 root init',
      '4026531836 pid         2     1 root init',
      '4026531837 user        2     1 root init',
      '4026531838 uts         2     1 root init',
      '4026531839 ipc         2     1 root init',
      '4026531840 net         2     1 root init',
      '4026531841 mnt         2     1 root init',
      '',
    ].join('\n'));
  });
  it('-t filters by type, -o picks columns, -n drops the header; a new namespace shows up', async () => {
    const r = await on('unshare --fork --uts sleep 50 & sleep 0; lsns -t uts -o NS,TYPE,NPROCS,COMMAND');
    expect(r.out).toMatch(/^ {8}NS TYPE  NPROCS COMMAND\n4026531838 uts        \d init\n\d{10} uts        1 sleep 50\n$/);
    expect((await on('lsns -n -t pid -o TYPE,PID')).out).toBe('pid       1\n');
  });
  it('rejects an unknown type or column', async () => {
    const t = await on('lsns -t nope');
    expect(t.err).toBe('lsns: unknown namespace type: nope\n');
    expect(t.code).toBe(1);
    const c = await on('lsns -o NS,BOGUS');
    expect(c.err).toBe('lsns: unknown column: bogus\n');
  });
});

describe('ps --forest (procps)', () => {
  it('puts children under their parent with \\_ and keeps the rest of the line', async () => {
    const r = await on('sh -c "sleep 50; true" & sleep 0; ps -ef --forest | grep -v "ps -ef"');
    // the shell running the pipeline has the ps after this child: its column keeps a |
    expect(r.out).toMatch(/\nroot +\d+ +\d+ +0 00:00 \? +00:00:00  \\_ sh -c sleep 50; true\nroot +\d+ +\d+ +0 00:00 \? +00:00:00  \|   \\_ sleep 50\n/);
  });
});
