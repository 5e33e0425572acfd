import { beforeAll, describe, expect, it } from 'vitest';
import { executable } from '@dockersim/kernel';
import { makeWorld } from '../testing/world.ts';
import { preloadServers } from './index.ts';
import { RedisDb } from './redis.ts';
import { encodeReply } from './resp.ts';
import { formatReply } from '../net-clients/redis-cli.ts';
import { formatTable } from '../net-clients/psql.ts';
import { evalPython } from './python.ts';
import { runSql } from './postgres.ts';
import { mysqlQuery } from './mysql.ts';
import { boxTable } from '../net-clients/mysql-client.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));
beforeAll(() => preloadServers());

function world() {
  const w = makeWorld('alpine', hostYield);
  const fs = w.k.fs;
  for (const [path, prog] of [['/usr/local/bin/redis-server', 'redis-server'], ['/usr/local/bin/redis-cli', 'redis-cli'], ['/whoami', 'traefik-whoami'],
    ['/usr/local/apache2/bin/httpd', 'apache-httpd'], ['/usr/bin/curl', 'curl']] as const) {
    fs.mkdirp(path.slice(0, path.lastIndexOf('/')) || '/');
    fs.writeFile(path, executable(prog), 0o755);
  }
  fs.mkdirp('/usr/local/apache2/htdocs');
  fs.writeFile('/usr/local/apache2/htdocs/index.html', '<html><body><h1>It works!</h1></body></html>\n');
  fs.mkdirp('/data');
  return w;
}

describe('redis', () => {
  it('answers in RESP with redis\'s error texts; keys expire in virtual time', () => {
    let now = 1_000_000;
    const db = new RedisDb(() => now);
    const ex = (...a: string[]) => encodeReply(db.exec(a));
    expect(ex('PING')).toBe('+PONG\r\n');
    expect(ex('SET', 'hits', '10')).toBe('+OK\r\n');
    expect(ex('INCR', 'hits')).toBe(':11\r\n');
    expect(ex('GET', 'nope')).toBe('$-1\r\n');
    expect(ex('LPUSH', 'hits', 'x')).toBe('-WRONGTYPE Operation against a key holding the wrong kind of value\r\n');
    expect(ex('GET')).toBe("-ERR wrong number of arguments for 'get' command\r\n");
    expect(ex('FOO', 'bar', 'baz')).toBe("-ERR unknown command 'FOO', with args beginning with: 'bar' 'baz' \r\n");
    expect(ex('SET', 's', 'abc')).toBe('+OK\r\n');
    expect(ex('INCR', 's')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(ex('EXPIRE', 'hits', '10')).toBe(':1\r\n');
    now += 4000;
    expect(ex('TTL', 'hits')).toBe(':6\r\n');
    now += 6000;
    expect(ex('GET', 'hits')).toBe('$-1\r\n');
    expect(ex('TTL', 'hits')).toBe(':-2\r\n');
    expect(ex('KEYS', '*')).toBe('*1\r\n$1\r\ns\r\n');
  });

  it('redis-cli prints replies labelled on a terminal and raw in a pipe', () => {
    expect(formatReply({ t: 'int', v: 3 }, true)).toBe('(integer) 3\n');
    expect(formatReply({ t: 'bulk', v: null }, true)).toBe('(nil)\n');
    expect(formatReply({ t: 'bulk', v: 'a"b' }, true)).toBe('"a\\"b"\n');
    expect(formatReply({ t: 'array', v: [{ t: 'bulk', v: 'x' }, { t: 'bulk', v: 'y' }] }, true)).toBe('1) "x"\n2) "y"\n');
    expect(formatReply({ t: 'array', v: [] }, true)).toBe('(empty array)\n');
    expect(formatReply({ t: 'int', v: 3 }, false)).toBe('3\n');
  });

  it('serves redis-cli over loopback, logs its start, saves on SIGTERM and loads again', async () => {
    const w = world();
    const r = await w.sh(`cd /data
redis-server > /tmp/log &
sleep 1
redis-cli set greeting hello
redis-cli incr visits; redis-cli incr visits
redis-cli get greeting
redis-cli nosuch x
kill -TERM $!; wait
redis-server > /tmp/log2 &
sleep 1
redis-cli get visits
redis-cli -p 7777 ping; echo "rc=$?"
cat /tmp/log`);
    expect(r.out.split('\n').slice(0, 6)).toEqual(['OK', '1', '2', 'hello', "ERR unknown command 'nosuch', with args beginning with: 'x' ", '2']);
    expect(r.err).toContain('Could not connect to Redis at 127.0.0.1:7777: Connection refused\n');
    expect(r.out).toContain('rc=1');
    expect(r.out).toMatch(/^\d+:C \d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3} \* oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo$/m);
    expect(r.out).toMatch(/^\d+:M .* \* Ready to accept connections tcp$/m);
    expect(r.out).toMatch(/^\d+:signal-handler \(\d+\) Received SIGTERM scheduling shutdown\.\.\.$/m);
    expect(r.out).toMatch(/^\d+:M .* # Redis is now ready to exit, bye bye\.\.\.$/m);
  });
});

describe('whoami and httpd', () => {
  it('whoami echoes the request as Go writes it', async () => {
    const w = world();
    const r = await w.sh('/whoami 2>/tmp/log & sleep 1; curl -s -H "X-Test: 1" localhost/; cat /tmp/log');
    expect(r.out).toMatch(/^Hostname: box\nIP: 127\.0\.0\.1\n(IP: .*\n)*RemoteAddr: 127\.0\.0\.1:\d+\nGET \/ HTTP\/1\.1\r\nHost: localhost\r\nUser-Agent: curl\/8\.5\.0\r\nAccept: \*\/\*\r\nX-Test: 1\r\n\r\n\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d Starting up on port 80\n$/);
  });

  it('httpd says "It works!", logs in the common format and answers 404 with its page', async () => {
    const w = world();
    const r = await w.sh('/usr/local/apache2/bin/httpd -DFOREGROUND >/tmp/out 2>/tmp/err & sleep 1; curl -s localhost; curl -s localhost/x; cat /tmp/out /tmp/err');
    expect(r.out).toContain('<html><body><h1>It works!</h1></body></html>\n<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n');
    expect(r.out).toMatch(/^127\.0\.0\.1 - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 45$/m);
    expect(r.out).toMatch(/"GET \/x HTTP\/1\.1" 404 196$/m);
    expect(r.out).toMatch(/^\[\w{3} \w{3} \d\d \d\d:\d\d:\d\d\.\d{6} \d{4}\] \[mpm_event:notice\] \[pid \d+:tid \d+\] AH00489: Apache\/2\.4\.65 \(Unix\) configured -- resuming normal operations$/m);
    expect(r.out).toContain("AH00094: Command line: 'httpd -D FOREGROUND'");
  });
});

describe('python and postgres', () => {
  it('python -m http.server lists a directory, logs to stderr, and answers 404 with its error page', async () => {
    const w = world();
    w.k.fs.writeFile('/usr/local/bin/python3', executable('python3'), 0o755);
    w.k.fs.mkdirp('/srv/sub');
    w.k.fs.writeFile('/srv/a.txt', 'A\n');
    const r = await w.sh('cd /srv; python3 -m http.server 2>/tmp/err >/tmp/out & sleep 1; curl -s localhost:8000/; curl -s localhost:8000/a.txt; curl -s -o /dev/null -w "%{http_code}\\n" localhost:8000/nope; cat /tmp/out /tmp/err');
    expect(r.out).toContain('<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n<li><a href="a.txt">a.txt</a></li>\n<li><a href="sub/">sub/</a></li>\n</ul>\n');
    expect(r.out).toContain('A\n404\n');
    expect(r.out).toMatch(/^127\.0\.0\.1 - - \[\d\d\/\w{3}\/\d{4} \d\d:\d\d:\d\d\] "GET \/ HTTP\/1\.1" 200 -$/m);
    expect(r.out).toMatch(/^127\.0\.0\.1 - - \[.*\] code 404, message File not found\n127\.0\.0\.1 - - \[.*\] "GET \/nope HTTP\/1\.1" 404 -$/m);
    // stdout is a pipe, so the banner stays in python's buffer
    expect(r.out).not.toContain('Serving HTTP');
  });

  it('python -c prints literals and arithmetic as Python does', () => {
    expect(evalPython('print("hello", 6*7); print(7/2, 7//2, 2**10)', false)).toEqual({ out: 'hello 42\n3.5 3 1024\n' });
  });

  it('postgres answers SELECT 1 and version(); psql aligns them as psql does', () => {
    const one = runSql('SELECT 1;', 'postgres', 'postgres');
    if ('error' in one) throw new Error(one.error);
    expect(formatTable(one.cols, one.rows)).toBe(' ?column? \n----------\n        1\n(1 row)\n\n');
    const named = runSql("select 'x' as name, 2", 'postgres', 'postgres');
    if ('error' in named) throw new Error(named.error);
    expect(formatTable(named.cols, named.rows)).toBe(' name | ?column? \n------+----------\n x    |        2\n(1 row)\n\n');
    expect(runSql('SELECT * FROM users', 'postgres', 'postgres')).toEqual({ error: 'relation "users" does not exist', code: '42P01' });
  });
});

describe('mysql', () => {
  it('answers SELECT and refuses unknown SQL with MySQL\'s errors; the client draws its table', () => {
    const v = mysqlQuery('SELECT VERSION()', 'root', null);
    expect(v).toEqual({ cols: ['VERSION()'], rows: [['9.4.0']] });
    expect(mysqlQuery('selec 1', 'root', null)).toEqual({ code: 1064, state: '42000', msg: "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'selec 1' at line 1" });
    expect(boxTable(['1'], [['1']])).toBe('+---+\n| 1 |\n+---+\n| 1 |\n+---+\n');
  });
});
