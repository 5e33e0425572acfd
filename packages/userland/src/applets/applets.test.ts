import { describe, expect, it } from 'vitest';
import { CLONE_NEWPID, CLONE_NEWNS, isSysError } from '@dockersim/kernel';
import type { Program } from '@dockersim/kernel';
import { makeWorld } from '../testing/world.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));
const alpine = (extra: Record<string, Program> = {}) => makeWorld('alpine', hostYield, extra);
const debian = (extra: Record<string, Program> = {}) => makeWorld('debian', hostYield, extra);

describe('error texts: busybox vs GNU', () => {
  it('ls on a missing file', async () => {
    const b = await alpine().sh('ls /nope');
    expect(b.err).toBe('ls: /nope: No such file or directory\n');
    expect(b.code).toBe(1);
    const g = await debian().sh('ls /nope');
    expect(g.err).toBe("ls: cannot access '/nope': No such file or directory\n");
    expect(g.code).toBe(2);
  });
  it('mkdir as a non-root user, and on an existing directory', async () => {
    const b = await alpine().sh('mkdir /x; mkdir /tmp', { uid: 1000, gid: 1000 });
    expect(b.err).toBe("mkdir: can't create directory '/x': Permission denied\nmkdir: can't create directory '/tmp': File exists\n");
    const g = await debian().sh('mkdir /x; mkdir /tmp', { uid: 1000, gid: 1000 });
    expect(g.err).toBe("mkdir: cannot create directory '/x': Permission denied\nmkdir: cannot create directory '/tmp': File exists\n");
  });
  it('mkdir -p names the parent it failed to create, as busybox prints it (through its slash)', async () => {
    const b = await alpine().sh('mkdir -p /usr/app/modules/test; mkdir -p //x//y; mkdir -p /tmp/a/b', { uid: 1000, gid: 1000 });
    expect(b.err).toBe("mkdir: can't create directory '/usr/app/': Permission denied\nmkdir: can't create directory '//x//': Permission denied\n");
  });
  it('cat and rm', async () => {
    expect((await alpine().sh('cat /nope')).err).toBe("cat: can't open '/nope': No such file or directory\n");
    expect((await debian().sh('cat /nope')).err).toBe('cat: /nope: No such file or directory\n');
    expect((await alpine().sh('rm /nope; rm /tmp')).err).toBe("rm: can't remove '/nope': No such file or directory\nrm: '/tmp' is a directory\n");
    expect((await debian().sh('rm /nope; rm /tmp')).err).toBe("rm: cannot remove '/nope': No such file or directory\nrm: cannot remove '/tmp': Is a directory\n");
  });
  it('cp of a directory without -r', async () => {
    expect((await alpine().sh('cp /tmp /x')).err).toBe("cp: omitting directory '/tmp'\n");
    expect((await debian().sh('cp /tmp /x')).err).toBe("cp: -r not specified; omitting directory '/tmp'\n");
  });
});

describe('ls', () => {
  it('-l in busybox\'s fixed columns, names from /etc/passwd', async () => {
    const w = alpine();
    w.k.fs.mkdirp('/d');
    w.k.fs.writeFile('/d/file', 'hello\n', 0o644, 1000, 1000);
    w.k.fs.symlink('file', '/d/link');
    const r = await w.sh('ls -l /d');
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^total \d+$/);
    expect(lines[1]).toMatch(/^-rw-r--r-- {4}1 alice {4}alice {12}6 Jan {2}1 00:00 file$/);
    expect(lines[2]).toMatch(/^lrwxrwxrwx {4}1 root {5}root {13}4 Jan {2}1 00:00 link -> file$/);
  });
  it('GNU -l aligns columns to the widest entry', async () => {
    const w = debian();
    w.k.fs.mkdirp('/d');
    w.k.fs.writeFile('/d/a', 'x'.repeat(1234), 0o600);
    w.k.fs.writeFile('/d/b', 'y', 0o755, 1000, 1000);
    const r = await w.sh('ls -ln /d');
    expect(r.out.split('\n').slice(1, 3)).toEqual([
      '-rw------- 1    0    0 1234 Jan  1 00:00 a',
      '-rwxr-xr-x 1 1000 1000    1 Jan  1 00:00 b',
    ]);
  });
  it('sorts in byte order, hides dotfiles unless -a/-A, one per line when not a tty', async () => {
    const w = alpine();
    w.k.fs.mkdirp('/d');
    for (const n of ['b', 'B', 'a', '.h']) w.k.fs.writeFile(`/d/${n}`, '');
    expect((await w.sh('ls /d')).out).toBe('B\na\nb\n');
    expect((await w.sh('ls -A /d')).out).toBe('.h\nB\na\nb\n');
    expect((await w.sh('ls -a /d')).out).toBe('.\n..\n.h\nB\na\nb\n');
  });
});

describe('text tools', () => {
  it('grep, sort, uniq, cut, tr, wc, head, tail', async () => {
    const w = alpine();
    w.k.fs.writeFile('/tmp/t', 'banana 3\napple 10\ncherry 2\napple 10\n');
    const r = await w.sh([
      'grep -n apple /tmp/t', 'grep -c an /tmp/t', 'grep -v -i APPLE /tmp/t', 'grep -E "^(b|c)" /tmp/t',
      'sort /tmp/t | uniq -c', 'sort -k2 -n /tmp/t | head -1', 'cut -d" " -f2 /tmp/t | tr "\\n" ,', 'echo',
      'wc -l < /tmp/t', 'tail -n 1 /tmp/t', 'echo HELLO | tr A-Z a-z', 'grep nothing /tmp/t; echo $?',
    ].join('\n'));
    expect(r.err).toBe('');
    expect(r.out).toBe([
      '2:apple 10', '4:apple 10', '1', 'banana 3', 'cherry 2', 'banana 3', 'cherry 2',
      '      2 apple 10', '      1 banana 3', '      1 cherry 2', 'cherry 2', '3,10,2,10,', '4', 'apple 10', 'hello', '1', '',
    ].join('\n'));
  });
  it('hashes and base64', async () => {
    const r = await alpine().sh('printf abc > /tmp/abc; sha256sum /tmp/abc; md5sum /tmp/abc; sha1sum /tmp/abc; base64 /tmp/abc; echo YWJj | base64 -d');
    expect(r.out).toBe([
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  /tmp/abc',
      '900150983cd24fb0d6963f7d28e17f72  /tmp/abc',
      'a9993e364706816aba3e25717850c26c9cd0d89d  /tmp/abc',
      'YWJj', 'abc',
    ].join('\n'));
  });
  it('seq, printf, date from the virtual clock', async () => {
    const r = await alpine().sh('seq 3; seq 2 2 6 | xargs; date -u; date -d @86400 +%F; date +%s');
    expect(r.out).toBe('1\n2\n3\n2 4 6\nThu Jan  1 00:00:00 UTC 2026\n1970-01-02\n1767225600\n');
  });
});

describe('files and users', () => {
  it('cp -r, mv, ln -s, chmod symbolic and octal, stat -c, find, readlink -f', async () => {
    const w = alpine();
    const r = await w.sh([
      'mkdir -p /tmp/a/b && echo x > /tmp/a/b/f', 'cp -r /tmp/a /tmp/c', 'mv /tmp/c/b/f /tmp/c/g', 'ln -s /tmp/c/g /tmp/l',
      'chmod 600 /tmp/c/g', 'chmod g+r,o+r /tmp/c/g', 'stat -c "%a %A %n" /tmp/c/g', 'find /tmp/c | sort', 'find /tmp -name g -type f',
      'readlink /tmp/l', 'readlink -f /tmp/l', 'cat /tmp/l',
    ].join(' && '));
    expect(r.err).toBe('');
    expect(r.out).toBe('644 -rw-r--r-- /tmp/c/g\n/tmp/c\n/tmp/c/b\n/tmp/c/g\n/tmp/c/g\n/tmp/c/g\n/tmp/c/g\nx\n');
  });
  it('id and whoami as a user; adduser -D and addgroup on alpine', async () => {
    const w = alpine();
    expect((await w.sh('id; whoami', { uid: 1000, gid: 1000 })).out).toBe('uid=1000(alice) gid=1000(alice) groups=1000(alice)\nalice\n');
    const r = await w.sh('addgroup -g 2000 devs && adduser -D -G devs bob && id bob && ls -ld /home/bob && grep bob /etc/passwd; adduser -D bob; echo $?');
    expect(r.out).toBe('uid=1001(bob) gid=2000(devs) groups=2000(devs)\ndrwxr-xr-x    2 bob      devs          4096 Jan  1 00:00 /home/bob\nbob:x:1001:2000:Linux User,,,:/home/bob:/bin/sh\n1\n');
    expect(r.err).toBe("adduser: user 'bob' in use\n");
  });
  it('id prints an id without a passwd or group entry bare, as busybox and coreutils do', async () => {
    const r = await alpine().sh('id', { uid: 4242, gid: 4343 });
    expect(r.out).toBe('uid=4242 gid=4343 groups=4343\n');
  });
  it('useradd and groupadd on debian', async () => {
    const w = debian();
    const r = await w.sh('groupadd ops && useradd -m -G ops carol && id carol && test -d /home/carol && echo home; useradd carol; echo $?');
    // useradd gives the user's group the uid's number unless it is taken (here by ops)
    expect(r.out).toBe('uid=1001(carol) gid=1002(carol) groups=1002(carol),1001(ops)\nhome\n9\n');
  });
});

describe('processes', () => {
  it('busybox ps inside a new pid namespace: sh -c execs its last command, so ps is PID 1', async () => {
    const nsrun: Program = async ({ sys, argv, env }) => {
      const pid = sys.clone({
        flags: CLONE_NEWPID | CLONE_NEWNS,
        child: async (c) => {
          c.mount('proc', '/proc', 'proc', 0);
          try { await c.execve(argv[1]!, argv.slice(1), env); } catch (e) { if (!isSysError(e)) throw e; return 127; }
          return 0;
        },
      });
      const r = await sys.wait4(pid);
      return r?.status.code ?? 1;
    };
    const w = alpine({ nsrun });
    const r = await w.run(['nsrun', '/bin/sh', '-c', 'sleep 5 & ps'], { path: '/bin/nsrun' });
    expect(r.err).toBe('');
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('PID   USER     TIME  COMMAND');
    expect(lines[1]).toBe('    1 root      0:00 ps');
    expect(lines[2]).toBe('    2 root      0:00 sleep 5');
    expect(lines.length).toBe(4);
  });
  it('GNU ps -ef columns', async () => {
    const w = debian();
    await w.sh('mount -t proc proc /proc');
    const r = await w.sh('ps -ef');
    expect(r.out.split('\n')[0]).toBe('UID          PID    PPID  C STIME TTY          TIME CMD');
    expect(r.out).toMatch(/\nroot {11}1 {7}0 {2}0 00:00 \? {8}00:00:00 init\n/);
  });
  it('kill errors', async () => {
    expect((await alpine().sh('kill 9999')).err).toBe("sh: kill: line 1: can't kill pid 9999: No such process\n");
    expect((await alpine().sh('/bin/kill 9999')).err).toBe("kill: can't kill pid 9999: No such process\n");
  });
});

describe('busybox multi-call', () => {
  it('plain busybox lists its applets; busybox APPLET runs one', async () => {
    const w = alpine();
    const r = await w.run(['busybox'], { path: '/bin/busybox' });
    expect(r.out).toMatch(/^BusyBox v1\.36\.1 .* multi-call binary\.\n/);
    expect(r.out).toMatch(/Currently defined functions:\n\t\[, \[\[, addgroup, adduser,/);
    expect((await w.run(['busybox', 'echo', 'hi'], { path: '/bin/busybox' })).out).toBe('hi\n');
    expect((await w.run(['busybox', 'nosuch'], { path: '/bin/busybox' })).err).toBe('nosuch: applet not found\n');
  });
});

describe('sed and friends', () => {
  it('s///g with groups and &, addresses, ranges, -n p, d, -i, y, a/i', async () => {
    const w = alpine();
    w.k.fs.writeFile('/tmp/s', 'one two\nthree four\nfive six\nseven\n');
    const r = await w.sh([
      "sed 's/o/0/g' /tmp/s", "sed -n '2p' /tmp/s", "sed '2,3d' /tmp/s", "sed -E 's/(\\w+) (\\w+)/\\2 \\1/' /tmp/s",
      "sed -n '/four/,/six/p' /tmp/s", "sed 's/e/[&]/2' /tmp/s | head -1", "echo hello | sed 'y/abcdefghijklmnopqrstuvwxyz/ABCDEFGHIJKLMNOPQRSTUVWXYZ/'",
      "sed -i 's/seven/SEVEN/' /tmp/s", 'tail -1 /tmp/s', "printf 'a\\nb\\n' | sed '1i\\\ntop' ", "sed '$!d' /tmp/s", "echo x | sed 's/x/a\\nb/'",
    ].join('; '));
    expect(r.err).toBe('');
    expect(r.out).toBe([
      '0ne tw0', 'three f0ur', 'five six', 'seven',
      'three four',
      'one two', 'seven',
      'two one', 'four three', 'six five', 'seven',
      'three four', 'five six',
      'one two',
      'HELLO',
      'SEVEN',
      'top', 'a', 'b',
      'SEVEN',
      'a', 'b', '',
    ].join('\n'));
  });
  it('expr, mktemp, timeout, du', async () => {
    const r = await alpine().sh('expr 3 + 4 \\* 2; expr length hello; expr 5 = 5; d=$(mktemp -d); test -d $d && echo dir; timeout 1 sleep 5; echo $?');
    expect(r.out).toBe('11\n5\n1\ndir\n124\n');
  });
});

describe('awk', () => {
  it('fields, -F, patterns, BEGIN/END, arrays, printf, functions', async () => {
    const w = alpine();
    w.k.fs.writeFile('/tmp/d', 'alice 30 dev\nbob 25 ops\ncarol 35 dev\n');
    const r = await w.sh([
      "awk '{print $1}' /tmp/d",
      "awk -F: '$3 == 0 {print $1, $NF}' /etc/passwd",
      "awk '$2 > 28 {n++} END {print n \" over 28\"}' /tmp/d",
      "awk '{s[$3] += $2} END {for (k in s) print k, s[k]}' /tmp/d | sort",
      "awk 'BEGIN {printf \"%-5s|%3d\\n\", \"x\", 7}'",
      "awk 'function dbl(x) { return x * 2 } NR == 2 { print dbl($2), length($1), toupper(substr($1, 1, 1)) }' /tmp/d",
      "echo 'a-b-c' | awk '{ n = split($0, p, \"-\"); gsub(/-/, \"+\"); print n, p[3], $0 }'",
      "awk 'NR==1, NR==2 { print NR \": \" $0 }' /tmp/d",
      "echo '3 4' | awk '{ $2 = $2 * 10; print; print NF }'",
    ].join('; '));
    expect(r.err).toBe('');
    expect(r.out).toBe([
      'alice', 'bob', 'carol',
      'root /bin/sh',
      '2 over 28',
      'dev 65', 'ops 25',
      'x    |  7',
      '50 3 B',
      '3 c a+b+c',
      '1: alice 30 dev', '2: bob 25 ops',
      '3 40', '2', '',
    ].join('\n'));
  });
});

describe('tar and gzip', () => {
  it('round-trips a tree through tar czf / tar xzf, and gzip output is real gzip', async () => {
    const w = alpine();
    const r = await w.sh([
      'mkdir -p /tmp/src/sub', 'seq 1 500 > /tmp/src/sub/nums', 'echo hi > /tmp/src/a', 'ln -s a /tmp/src/l',
      'cd /tmp && tar czf /tmp/t.tgz src', 'tar tzf /tmp/t.tgz', 'mkdir /tmp/out && tar xzf /tmp/t.tgz -C /tmp/out',
      'cmp_ok() { [ "$(cat $1)" = "$(cat $2)" ] && echo same; }', 'cmp_ok /tmp/src/sub/nums /tmp/out/src/sub/nums', 'readlink /tmp/out/src/l',
      'gzip -k /tmp/src/a && ls /tmp/src', 'zcat /tmp/src/a.gz', 'head -c 2 /tmp/src/a.gz | od -t x1 | head -1',
    ].join('; '));
    expect(r.err).toBe('');
    expect(r.out).toBe('src/\nsrc/a\nsrc/l\nsrc/sub/\nsrc/sub/nums\nsame\na\na\na.gz\nl\nsub\nhi\n0000000 1f 8b\n');
  });
});

describe('program names in messages', () => {
  it('GNU tools name themselves as invoked; busybox applets by applet name', async () => {
    expect((await debian().sh('/usr/bin/ls /nope')).err).toBe("/usr/bin/ls: cannot access '/nope': No such file or directory\n");
    expect((await debian().sh('/usr/bin/sleep')).err).toBe("/usr/bin/sleep: missing operand\nTry '/usr/bin/sleep --help' for more information.\n");
    expect((await alpine().sh('/bin/ls /nope')).err).toBe('ls: /nope: No such file or directory\n');
  });
});

describe('network clients', () => {
  it('nc -l serves what wget fetches over loopback', async () => {
    const w = alpine();
    const r = await w.sh([
      "printf 'HTTP/1.0 200 OK\\r\\nContent-Type: text/plain\\r\\n\\r\\nhello web\\n' > /tmp/resp",
      'nc -l -p 8080 < /tmp/resp > /tmp/req &', 'sleep 1', 'wget -qO- http://127.0.0.1:8080/x', 'wait', 'head -1 /tmp/req',
      'wget -q http://127.0.0.1:9/ ; echo $?', 'wget -q http://nohost/ ; echo $?',
    ].join('\n'));
    expect(r.out).toBe('hello web\nGET /x HTTP/1.1\r\n1\n1\n');
    expect(r.err).toBe("wget: can't connect to remote host (127.0.0.1): Connection refused\nwget: bad address 'nohost'\n");
  });
});

describe('dd and httpd', () => {
  it('dd copies whole blocks and reports records', async () => {
    const r = await alpine().sh('printf "%0100d" 0 > /tmp/z; dd if=/tmp/z of=/tmp/o bs=30 count=3 2>/tmp/err; wc -c < /tmp/o; head -2 /tmp/err');
    expect(r.out).toBe('90\n3+0 records in\n3+0 records out\n');
  });
  it('busybox httpd -f serves files from -h', async () => {
    const r = await alpine().sh('mkdir /www && echo "<h1>hi</h1>" > /www/index.html\nhttpd -f -p 8000 -h /www &\nsleep 1\nwget -qO- http://localhost:8000/\nwget -q http://localhost:8000/nope; echo $?\nkill %1');
    expect(r.out).toBe('<h1>hi</h1>\n1\n');
    expect(r.err).toBe('wget: server returned error: HTTP/1.1 404 Not Found\n');
  });
});

describe('more applets', () => {
  it('tac, diff -u, cmp, truncate, mountpoint, strings', async () => {
    const r = await alpine().sh([
      'printf "a\\nb\\nc\\n" > /tmp/1', 'printf "a\\nB\\nc\\nd\\n" > /tmp/2', 'tac /tmp/1', 'diff -u /tmp/1 /tmp/2; echo "st=$?"',
      'cmp /tmp/1 /tmp/2; echo "st=$?"', 'truncate -s 10 /tmp/1; wc -c < /tmp/1', 'mountpoint /; mountpoint /tmp; echo $?',
    ].join('\n'));
    expect(r.out).toBe('c\nb\na\n--- /tmp/1\n+++ /tmp/2\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\nst=1\n/tmp/1 /tmp/2 differ: char 3, line 2\nst=1\n10\n/ is a mountpoint\n/tmp is not a mountpoint\n32\n');
  });
  it('unshare --fork --pid --mount-proc gives the command PID 1 (and sh -c hands it to its last command)', async () => {
    const r = await alpine().sh('unshare --fork --pid --mount-proc sh -c "echo \\$\\$; ps -o pid,args"');
    expect(r.err).toBe('');
    expect(r.out).toBe('1\nPID   COMMAND\n    1 ps -o pid,args\n');
  });
});
