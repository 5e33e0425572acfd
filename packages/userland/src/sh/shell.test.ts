import { describe, expect, it } from 'vitest';
import { makeWorld } from '../testing/world.ts';
import type { Program } from '@dockersim/kernel';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));
const alpine = () => makeWorld('alpine', hostYield);

describe('ash: words and expansions', () => {
  it('quotes, parameters and field splitting', async () => {
    const w = alpine();
    const r = await w.sh(`a='x  y'; set -- $a "$a"; echo $# "$1" "$2" "$3"; echo '$a' "\\$a" \\$a`);
    expect(r.out).toBe('3 x y x  y\n$a $a $a\n');
  });
  it('${...} operators', async () => {
    const w = alpine();
    const r = await w.sh('f=archive.tar.gz; echo ${f%.*} ${f%%.*} ${f#*.} ${f##*.} ${#f}; echo ${u:-def} ${u:=set} $u ${f:+alt} ${e+x}; echo "${f%.gz}"');
    expect(r.out).toBe('archive.tar archive tar.gz gz 14\ndef set set alt\narchive.tar\n');
  });
  it('${x:?} fails with ash\'s message and status 2', async () => {
    const r = await alpine().sh('echo ${nope:?is required}; echo not reached');
    expect(r.err).toBe('sh: nope: is required\n');
    expect(r.out).toBe('');
    expect(r.code).toBe(2);
  });
  it('special parameters', async () => {
    const w = alpine();
    const r = await w.run(['sh', '-c', 'echo $0 $1 $# "$@"; false; echo $?', 'myname', 'a', 'b c'], { path: '/bin/sh' });
    expect(r.out).toBe('myname a 2 a b c\n1\n');
  });
  it('arithmetic', async () => {
    const r = await alpine().sh('i=5; echo $((i * 2 + 1)) $((i++)) $i $(( (1<<4) | 1 )) $((10 / 3)) $((-7 % 3)) $((i > 3 ? 1 : 0))');
    expect(r.out).toBe('11 5 6 17 3 -1 1\n');
  });
  it('command substitution strips trailing newlines and nests', async () => {
    const r = await alpine().sh('x=$(echo hi; echo there); echo "[$x]"; echo `echo back`; echo $(echo $(echo nested))');
    expect(r.out).toBe('[hi\nthere]\nback\nnested\n');
  });
  it('globbing against the file system, sorted; no match stays literal', async () => {
    const w = alpine();
    const r = await w.sh('mkdir /tmp/g && cd /tmp/g && touch b.txt a.txt c.log .hidden && echo *.txt; echo *; echo *.none; echo "*.txt"');
    expect(r.out).toBe('a.txt b.txt\na.txt b.txt c.log\n*.none\n*.txt\n');
  });
});

describe('ash: control flow', () => {
  it('if/elif/else, while, until, for, case, functions', async () => {
    const r = await alpine().sh(`
f() { local v=$1; echo "f:$v"; return 3; }
f one; echo "rc=$?"
for i in 1 2 3; do if [ $i = 1 ]; then echo one; elif [ $i = 2 ]; then echo two; else echo other; fi; done
n=0; while [ $n -lt 3 ]; do n=$((n+1)); done; echo n=$n
until [ $n -eq 0 ]; do n=$((n-1)); done; echo n=$n
for x in apple banana cherry; do case $x in a*) echo A;; b*|c*) echo BC;; esac; done
for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo i=$i; done
`);
    expect(r.err).toBe('');
    expect(r.out).toBe('f:one\nrc=3\none\ntwo\nother\nn=3\nn=0\nA\nBC\nBC\ni=1\ni=3\n');
  });
  it('&& || ! and subshells, groups', async () => {
    const r = await alpine().sh('true && echo a || echo b; false && echo c || echo d; ! false && echo e; (x=1; echo sub$x); echo "x=$x"; { echo g1; echo g2; } | cat');
    expect(r.out).toBe('a\nd\ne\nsub1\nx=\ng1\ng2\n');
  });
  it('set -e stops at the first failing command, not in conditions', async () => {
    const r = await alpine().sh('set -e; if false; then :; fi; false || true; echo ok; false; echo no');
    expect(r.out).toBe('ok\n');
    expect(r.code).toBe(1);
  });
  it('set -u and set -x', async () => {
    const r = await alpine().sh('set -x; a=1; echo $a; set +x; set -u; echo $zz');
    expect(r.err).toBe('+ a=1\n+ echo 1\n+ set +x\nsh: zz: parameter not set\n');
    expect(r.code).toBe(2);
  });
  it('an endless loop yields to the scheduler (sleep in the background ends it)', async () => {
    const w = alpine();
    const r = await w.sh('i=0; while :; do i=$((i+1)); [ $i -ge 3000 ] && break; done; echo $i');
    expect(r.out).toBe('3000\n');
  });
});
describe('ash: redirections and here-documents', () => {
  it('2>&1, >&2, <, here-docs with and without expansion, <<-', async () => {
    const r = await alpine().sh(`x=42
cat <<EOF
val=$x
EOF
cat <<'EOF'
val=$x
EOF
cat <<-EOF
	tabbed $x
	EOF
echo err >&2
ls /nope 2>&1 | cat
echo in > /tmp/in; read line < /tmp/in; echo "got $line"`);
    expect(r.out).toBe('val=42\nval=$x\ntabbed 42\nls: /nope: No such file or directory\ngot in\n');
    expect(r.err).toBe('err\n');
  });
  it('exec with only redirections persists them', async () => {
    const r = await alpine().sh('exec >/tmp/o; echo one; echo two; exec >&2; cat /tmp/o');
    expect(r.out).toBe('');
    expect(r.err).toBe('one\ntwo\n');
  });
  it('redirection failures use ash\'s words', async () => {
    const r = await alpine().sh('cat < /nope; echo $?; echo x > /nodir/f; echo $?');
    expect(r.err).toBe('sh: can\'t open /nope: no such file\nsh: can\'t create /nodir/f: nonexistent directory\n');
    expect(r.out).toBe('1\n1\n');
  });
});

describe('ash: commands and errors', () => {
  it('not found is 127 with "sh: foo: not found"', async () => {
    const r = await alpine().sh('foo; echo $?');
    expect(r.err).toBe('sh: foo: not found\n');
    expect(r.out).toBe('127\n');
  });
  it('permission denied is 126', async () => {
    const w = alpine();
    w.k.fs.writeFile('/tmp/noexec', 'echo hi\n', 0o644);
    const r = await w.sh('/tmp/noexec; echo $?');
    expect(r.err).toBe('sh: /tmp/noexec: Permission denied\n');
    expect(r.out).toBe('126\n');
  });
  it('scripts with #! and without (ENOEXEC runs them as sh scripts)', async () => {
    const w = alpine();
    w.k.fs.writeFile('/tmp/s1', '#!/bin/sh\necho "s1 $1"\n', 0o755);
    w.k.fs.writeFile('/tmp/s2', 'echo "s2 $#"\n', 0o755);
    const r = await w.sh('/tmp/s1 arg; /tmp/s2 a b');
    expect(r.out).toBe('s1 arg\ns2 2\n');
  });
  it('syntax errors', async () => {
    const w = alpine();
    expect((await w.sh('if true; then echo x')).err).toBe('sh: syntax error: unexpected end of file (expecting "fi")\n');
    const r = await w.sh('echo a; fi');
    expect(r.err).toBe('sh: syntax error: unexpected "fi"\n');
    expect(r.code).toBe(2);
    expect((await w.sh('echo "abc')).err).toBe('sh: syntax error: unterminated quoted string\n');
  });
  it('builtin errors name the builtin and the line', async () => {
    const r = await alpine().sh('cd /nope; echo $?');
    expect(r.err).toBe("sh: cd: line 1: can't cd to /nope: No such file or directory\n");
    expect(r.out).toBe('2\n');
  });
});

describe('ash: processes', () => {
  const pidProbe: Program = async ({ sys }) => { await sys.write(1, `pid=${sys.getpid()} ppid=${sys.getppid()}\n`); return 0; };
  it('sh -c execs the last simple command in place of the shell', async () => {
    const w = makeWorld('alpine', hostYield, { probe: pidProbe });
    const r = await w.sh('echo $$; probe');
    const [shPid, probe] = r.out.trim().split('\n');
    expect(probe).toBe(`pid=${shPid} ppid=1`);
  });
  it('but forks when a trap is set, and runs the EXIT trap', async () => {
    const w = makeWorld('alpine', hostYield, { probe: pidProbe });
    const r = await w.sh("trap 'echo bye' EXIT; echo $$; probe");
    const [shPid, probe, bye] = r.out.trim().split('\n');
    expect(probe).not.toBe(`pid=${shPid} ppid=1`);
    expect(probe).toMatch(new RegExp(`ppid=${shPid}$`));
    expect(bye).toBe('bye');
  });
  it('traps a signal; trap "" ignores it', async () => {
    const r = await alpine().sh("trap 'echo got USR1' USR1; kill -USR1 $$; echo after; trap '' TERM; kill $$; echo alive");
    expect(r.out).toBe('got USR1\nafter\nalive\n');
  });
  it('background jobs, $! and wait', async () => {
    const r = await alpine().sh('(sleep 1; echo bg) & p=$!; echo started; wait $p; echo "waited $?"; sleep 1 & wait; echo all');
    expect(r.out).toBe('started\nbg\nwaited 0\nall\n');
  });
  it('pipeline status is the last stage\'s; pipefail', async () => {
    const r = await alpine().sh('false | true; echo $?; true | false; echo $?; set -o pipefail; false | true; echo $?');
    expect(r.out).toBe('0\n1\n1\n');
  });
});

describe('sh reading stdin', () => {
  it('reads and runs one line at a time, leaving the rest for commands', async () => {
    const w = alpine();
    const r = await w.run(['sh'], { path: '/bin/sh', stdin: 'echo one\nread x\nthis line is data\necho "x=$x"\n' });
    expect(r.out).toBe('one\nx=this line is data\n');
  });
  it('runs each line before the next arrives', async () => {
    const w = alpine();
    let feed: ((s: string) => void) | undefined, end: (() => void) | undefined;
    const res = w.run(['/bin/sh'], { stdin: (p) => { feed = (s) => p.write(s); end = () => p.end(); } });
    feed!('echo first\n');
    await w.k.runUntilIdle({ jumpTime: false });
    feed!('echo second\n');
    end!();
    const r = await res;
    expect(r.out).toBe('first\nsecond\n');
  });
  it('multi-line constructs are read until complete', async () => {
    const r = await alpine().run(['sh', '-s'], { path: '/bin/sh', stdin: 'for i in 1 2\ndo\n  echo $i\ndone\n' });
    expect(r.out).toBe('1\n2\n');
  });
});

describe('builtins', () => {
  it('printf, read -r, getopts, shift, eval, type, command -v', async () => {
    const w = alpine();
    const r = await w.sh(`printf '%s-%03d|%x|%-4s|\\n' a 7 255 ab
printf '%s\\n' x y z
echo 'a\\b c' > /tmp/r; read -r v rest < /tmp/r; echo "$v/$rest"
set -- -a -b val arg; while getopts ab: o; do echo "opt $o \${OPTARG-}"; done; shift $((OPTIND-1)); echo "rest $@"
eval 'echo evaluated $((1+1))'
type echo cd ls nosuch
command -v ls echo`);
    expect(r.out).toBe('a-007|ff|ab  |\nx\ny\nz\na\\b/c\nopt a \nopt b val\nrest arg\nevaluated 2\necho is a shell builtin\ncd is a shell builtin\nls is /bin/ls\nnosuch: not found\n/bin/ls\necho\n');
  });
  it('test / [ with files and numbers', async () => {
    const r = await alpine().sh('[ -d /tmp ] && echo dir; [ -f /etc/passwd ] && echo file; [ 3 -gt 2 -a "x" != "y" ] && echo both; [ -z "" ] && echo empty; [ abc ]; echo $?; [ 1 -eq x ]; echo $?');
    expect(r.out).toBe('dir\nfile\nboth\nempty\n0\n2\n');
  });
});

describe('dash and bash flavours', () => {
  it('dash: messages carry the line number', async () => {
    const w = makeWorld('debian', hostYield);
    const r = await w.sh('echo ok\nfoo');
    expect(r.out).toBe('ok\n');
    expect(r.err).toBe('sh: 2: foo: not found\n');
    expect(r.code).toBe(127);
  });
  it('bash: command not found', async () => {
    const w = makeWorld('debian', hostYield);
    const r = await w.run(['bash', '-c', 'foo'], { path: '/bin/bash' });
    expect(r.err).toBe('bash: line 1: foo: command not found\n');
    expect(r.code).toBe(127);
  });
});

describe('jobs', () => {
  it('ash pads the state to column 33', async () => {
    const r = await alpine().sh('sleep 5 & jobs');
    expect(r.out).toBe('[1]+  Running                    sleep 5\n');
  });
});

describe('bash extensions', () => {
  const debian = () => makeWorld('debian', hostYield);
  it('time is a reserved word: the elapsed time in TIMEFORMAT\'s default shape on stderr, -p in POSIX\'s', async () => {
    const w = debian();
    const r = await w.run(['bash', '-c', 'time sleep 2; time -p sleep 1.5 | cat; time false; echo rc=$?'], { path: '/bin/bash' });
    expect(r.out).toBe('rc=1\n');
    expect(r.err).toBe('\nreal\t0m2.000s\nuser\t0m0.000s\nsys\t0m0.000s\nreal 1.50\nuser 0.00\nsys 0.00\n\nreal\t0m0.000s\nuser\t0m0.000s\nsys\t0m0.000s\n');
  });
  it("$'...', <<<, ${x^^}, declare, [[ ]]", async () => {
    const w = debian();
    const r = await w.run(['bash', '-c', `echo $'a\\tb'; read x y <<< "one two"; echo "$y"; v=hello; echo \${v^^} \${v^}; f() { declare l=in; echo $l; }; f; echo "[\${l-}]"; [[ $v == h* ]] && echo glob`], { path: '/bin/bash' });
    expect(r.err).toBe('');
    expect(r.out).toBe('a\tb\ntwo\nHELLO Hello\nin\n[]\nglob\n');
  });
  it('dash has none of them', async () => {
    const r = await debian().sh('cat <<< x');
    expect(r.err).toBe('sh: 1: Syntax error: redirection unexpected\n');
  });
});

describe('traps and waiting', () => {
  it('a trapped signal interrupts wait and runs before the shell exits', async () => {
    const r = await alpine().sh("trap 'echo caught; exit 3' TERM; (sleep 1; kill $$) & wait; echo not reached");
    expect(r.out).toBe('caught\n');
    expect(r.code).toBe(3);
  });
  it('a foreground command finishes before the trap runs', async () => {
    const r = await alpine().sh("trap 'echo trap' USR1; (sleep 1; kill -USR1 $$) & sleep 2; echo after");
    expect(r.out).toBe('trap\nafter\n');
  });
});
