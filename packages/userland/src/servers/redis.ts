// redis-server 8.0: strings, counters, lists, hashes, sets and key expiry
// in virtual time over RESP on port 6379; its start-up and shutdown log
// lines; the dataset saved to dump.rdb in the working directory on
// shutdown (SIGTERM/SIGINT) and loaded again at start.

import { isSysError, AF_INET, SOCK_STREAM, O_WRONLY, O_CREAT, O_TRUNC, SIGTERM, SIGINT, SA_RESTART } from '@dockersim/kernel';
import type { Program, Sys } from '@dockersim/kernel';
import { SockReader } from '../libc/http.ts';
import { readFile } from '../libc/io.ts';
import { fnmatch } from '../libc/fnmatch.ts';
import { strftime } from '../libc/time.ts';
import { arr, bulk, encodeReply, err, int, nil, ok, readCommand } from './resp.ts';
import type { Reply } from './resp.ts';

export const REDIS_VERSION = '8.0.2';

type Value = { t: 'string'; v: string } | { t: 'list'; v: string[] } | { t: 'hash'; v: Record<string, string> } | { t: 'set'; v: string[] };
interface Entry { val: Value; exp?: number }

const WRONGTYPE = err('WRONGTYPE Operation against a key holding the wrong kind of value');
const NOT_INT = err('ERR value is not an integer or out of range');

/** Arity as the command table gives it: n exact, -n at least n (command name included). */
const ARITY: Record<string, number> = {
  ping: -1, echo: 2, set: -3, get: 2, del: -2, exists: -2, incr: 2, decr: 2, incrby: 3, decrby: 3, keys: 2, expire: -3,
  pexpire: -3, ttl: 2, pttl: 2, persist: 2, mget: -2, mset: -3, append: 3, strlen: 2, flushall: -1, flushdb: -1, dbsize: 1,
  lpush: -3, rpush: -3, lpop: -2, rpop: -2, llen: 2, lrange: 4, hset: -4, hget: 3, hgetall: 2, hdel: -3, sadd: -3,
  smembers: 2, srem: -3, scard: 2, type: 2, select: 2, info: -1, quit: -1, auth: -2, command: -1, config: -2, client: -2,
  setnx: 3, setex: 4, getset: 3, sismember: 3, hincrby: 4, hkeys: 2, hlen: 2, save: 1, shutdown: -1, time: 1,
};

export class RedisDb {
  readonly data = new Map<string, Entry>();
  constructor(readonly now: () => number) {}

  private live(k: string): Entry | undefined {
    const e = this.data.get(k);
    if (e?.exp !== undefined && e.exp <= this.now()) { this.data.delete(k); return undefined; }
    return e;
  }

  exec(argv: string[]): Reply {
    const name = (argv[0] ?? '').toLowerCase();
    const a = argv.slice(1);
    const arity = ARITY[name];
    if (arity === undefined) {
      return err(`ERR unknown command '${argv[0]}', with args beginning with: ${a.slice(0, 20).map((x) => `'${x}' `).join('')}`);
    }
    if ((arity > 0 && argv.length !== arity) || (arity < 0 && argv.length < -arity)) return err(`ERR wrong number of arguments for '${name}' command`);
    const str = (k: string): string | null | Reply => {
      const e = this.live(k);
      if (!e) return null;
      return e.val.t === 'string' ? e.val.v : WRONGTYPE;
    };
    const kind = <T extends Value['t']>(k: string, t: T, create: () => Extract<Value, { t: T }>): Extract<Value, { t: T }> | Reply => {
      const e = this.live(k);
      if (!e) { const v = create(); this.data.set(k, { val: v }); return v; }
      return e.val.t === t ? e.val as Extract<Value, { t: T }> : WRONGTYPE;
    };
    const isReply = (x: unknown): x is Reply => !!x && typeof x === 'object' && 't' in x && ['error', 'status', 'int', 'bulk', 'array'].includes((x as Reply).t);
    const incr = (k: string, by: number): Reply => {
      const cur = str(k);
      if (isReply(cur)) return cur;
      const n = cur === null ? 0 : /^-?\d+$/.test(cur) ? Number(cur) : NaN;
      if (Number.isNaN(n)) return NOT_INT;
      const e = this.live(k);
      this.data.set(k, { val: { t: 'string', v: String(n + by) }, exp: e?.exp });
      return int(n + by);
    };
    switch (name) {
      case 'ping': return a.length ? bulk(a[0]!) : { t: 'status', v: 'PONG' };
      case 'echo': return bulk(a[0]!);
      case 'quit': return ok;
      case 'select': return a[0] === '0' ? ok : /^\d+$/.test(a[0]!) && Number(a[0]) < 16 ? ok : err('ERR DB index is out of range');
      case 'auth': return err('ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?');
      case 'command': case 'client': return a[0]?.toLowerCase() === 'docs' ? arr([]) : ok;
      case 'config': return a[0]?.toLowerCase() === 'get' ? arr([]) : ok;
      case 'time': { const t = this.now(); return arr([bulk(String(Math.floor(t / 1000))), bulk(String((t % 1000) * 1000))]); }
      case 'set': case 'setnx': case 'setex': {
        let [k, v] = a as [string, string];
        let exp: number | undefined;
        let nx = name === 'setnx', xx = false, get = false;
        if (name === 'setex') { exp = this.now() + Number(a[1]) * 1000; v = a[2]!; }
        for (let i = 2; name === 'set' && i < a.length; i++) {
          const o = a[i]!.toUpperCase();
          if (o === 'EX' || o === 'PX') {
            const n = Number(a[++i]);
            if (!Number.isInteger(n)) return NOT_INT;
            if (n <= 0) return err("ERR invalid expire time in 'set' command");
            exp = this.now() + n * (o === 'EX' ? 1000 : 1);
          } else if (o === 'NX') nx = true; else if (o === 'XX') xx = true; else if (o === 'GET') get = true;
          else return err('ERR syntax error');
        }
        const old = this.live(k);
        if ((nx && old) || (xx && !old)) return name === 'setnx' ? int(0) : nil;
        this.data.set(k, { val: { t: 'string', v }, exp });
        if (name === 'setnx') return int(1);
        return get ? bulk(old?.val.t === 'string' ? old.val.v : null) : ok;
      }
      case 'getset': { const o = str(a[0]!); if (isReply(o)) return o; this.data.set(a[0]!, { val: { t: 'string', v: a[1]! } }); return bulk(o); }
      case 'get': { const v = str(a[0]!); return isReply(v) ? v : bulk(v); }
      case 'mget': return arr(a.map((k) => { const v = this.live(k); return bulk(v?.val.t === 'string' ? v.val.v : null); }));
      case 'mset': if (a.length % 2) return err("ERR wrong number of arguments for 'mset' command"); for (let i = 0; i < a.length; i += 2) this.data.set(a[i]!, { val: { t: 'string', v: a[i + 1]! } }); return ok;
      case 'append': { const v = str(a[0]!); if (isReply(v)) return v; const nv = (v ?? '') + a[1]; this.data.set(a[0]!, { val: { t: 'string', v: nv }, exp: this.live(a[0]!)?.exp }); return int(nv.length); }
      case 'strlen': { const v = str(a[0]!); return isReply(v) ? v : int(v?.length ?? 0); }
      case 'del': { let n = 0; for (const k of a) if (this.live(k)) { this.data.delete(k); n++; } return int(n); }
      case 'exists': return int(a.filter((k) => this.live(k)).length);
      case 'incr': return incr(a[0]!, 1);
      case 'decr': return incr(a[0]!, -1);
      case 'incrby': case 'decrby': { if (!/^-?\d+$/.test(a[1]!)) return NOT_INT; return incr(a[0]!, (name === 'incrby' ? 1 : -1) * Number(a[1])); }
      case 'keys': return arr([...this.data.keys()].filter((k) => this.live(k) && fnmatch(a[0]!, k)).map(bulk));
      case 'dbsize': return int([...this.data.keys()].filter((k) => this.live(k)).length);
      case 'flushall': case 'flushdb': this.data.clear(); return ok;
      case 'expire': case 'pexpire': {
        const n = Number(a[1]);
        if (!/^-?\d+$/.test(a[1]!)) return NOT_INT;
        const e = this.live(a[0]!);
        if (!e) return int(0);
        if (n <= 0) { this.data.delete(a[0]!); return int(1); }
        e.exp = this.now() + n * (name === 'expire' ? 1000 : 1);
        return int(1);
      }
      case 'ttl': case 'pttl': {
        const e = this.live(a[0]!);
        if (!e) return int(-2);
        if (e.exp === undefined) return int(-1);
        const ms = e.exp - this.now();
        return int(name === 'ttl' ? Math.round(ms / 1000) : ms);
      }
      case 'persist': { const e = this.live(a[0]!); if (!e || e.exp === undefined) return int(0); e.exp = undefined; return int(1); }
      case 'type': { const e = this.live(a[0]!); return { t: 'status', v: e ? e.val.t : 'none' }; }
      case 'lpush': case 'rpush': {
        const l = kind(a[0]!, 'list', () => ({ t: 'list', v: [] }));
        if (isReply(l)) return l;
        for (const x of a.slice(1)) if (name === 'lpush') l.v.unshift(x); else l.v.push(x);
        return int(l.v.length);
      }
      case 'lpop': case 'rpop': {
        const e = this.live(a[0]!);
        if (!e) return nil;
        if (e.val.t !== 'list') return WRONGTYPE;
        const v = name === 'lpop' ? e.val.v.shift()! : e.val.v.pop()!;
        if (!e.val.v.length) this.data.delete(a[0]!);
        return bulk(v);
      }
      case 'llen': { const e = this.live(a[0]!); if (!e) return int(0); return e.val.t === 'list' ? int(e.val.v.length) : WRONGTYPE; }
      case 'lrange': {
        const e = this.live(a[0]!);
        if (!e) return arr([]);
        if (e.val.t !== 'list') return WRONGTYPE;
        const len = e.val.v.length;
        let s = Number(a[1]), t = Number(a[2]);
        if (s < 0) s = Math.max(0, len + s);
        if (t < 0) t = len + t;
        return arr(e.val.v.slice(s, t + 1).map(bulk));
      }
      case 'hset': {
        if (a.length % 2 === 0) return err("ERR wrong number of arguments for 'hset' command");
        const h = kind(a[0]!, 'hash', () => ({ t: 'hash', v: {} }));
        if (isReply(h)) return h;
        let n = 0;
        for (let i = 1; i < a.length; i += 2) { if (!(a[i]! in h.v)) n++; h.v[a[i]!] = a[i + 1]!; }
        return int(n);
      }
      case 'hget': { const e = this.live(a[0]!); if (!e) return nil; return e.val.t === 'hash' ? bulk(e.val.v[a[1]!] ?? null) : WRONGTYPE; }
      case 'hgetall': { const e = this.live(a[0]!); if (!e) return arr([]); return e.val.t === 'hash' ? arr(Object.entries(e.val.v).flatMap(([k, v]) => [bulk(k), bulk(v)])) : WRONGTYPE; }
      case 'hkeys': { const e = this.live(a[0]!); if (!e) return arr([]); return e.val.t === 'hash' ? arr(Object.keys(e.val.v).map(bulk)) : WRONGTYPE; }
      case 'hlen': { const e = this.live(a[0]!); if (!e) return int(0); return e.val.t === 'hash' ? int(Object.keys(e.val.v).length) : WRONGTYPE; }
      case 'hdel': { const e = this.live(a[0]!); if (!e) return int(0); if (e.val.t !== 'hash') return WRONGTYPE; let n = 0; for (const f of a.slice(1)) if (f in e.val.v) { delete e.val.v[f]; n++; } return int(n); }
      case 'hincrby': {
        const h = kind(a[0]!, 'hash', () => ({ t: 'hash', v: {} }));
        if (isReply(h)) return h;
        const cur = h.v[a[1]!] ?? '0';
        if (!/^-?\d+$/.test(cur) || !/^-?\d+$/.test(a[2]!)) return NOT_INT;
        h.v[a[1]!] = String(Number(cur) + Number(a[2]));
        return int(Number(h.v[a[1]!]));
      }
      case 'sadd': {
        const s = kind(a[0]!, 'set', () => ({ t: 'set', v: [] }));
        if (isReply(s)) return s;
        let n = 0;
        for (const m of a.slice(1)) if (!s.v.includes(m)) { s.v.push(m); n++; }
        return int(n);
      }
      case 'srem': { const e = this.live(a[0]!); if (!e) return int(0); if (e.val.t !== 'set') return WRONGTYPE; const before = e.val.v.length; e.val.v = e.val.v.filter((m) => !a.slice(1).includes(m)); return int(before - e.val.v.length); }
      case 'smembers': { const e = this.live(a[0]!); if (!e) return arr([]); return e.val.t === 'set' ? arr(e.val.v.map(bulk)) : WRONGTYPE; }
      case 'sismember': { const e = this.live(a[0]!); if (!e) return int(0); return e.val.t === 'set' ? int(e.val.v.includes(a[1]!) ? 1 : 0) : WRONGTYPE; }
      case 'scard': { const e = this.live(a[0]!); if (!e) return int(0); return e.val.t === 'set' ? int(e.val.v.length) : WRONGTYPE; }
      case 'info': return bulk(`# Server\r\nredis_version:${REDIS_VERSION}\r\nredis_mode:standalone\r\nos:Linux\r\narch_bits:64\r\ntcp_port:6379\r\n\r\n# Keyspace\r\n${this.data.size ? `db0:keys=${this.data.size},expires=${[...this.data.values()].filter((e) => e.exp !== undefined).length},avg_ttl=0\r\n` : ''}`);
      default: return ok;
    }
  }

  dump(): string { return `REDIS0012${JSON.stringify([...this.data.entries()].filter(([k]) => this.live(k)))}`; }
  load(s: string): void {
    if (!s.startsWith('REDIS0012')) return;
    try { for (const [k, e] of JSON.parse(s.slice(9)) as Array<[string, Entry]>) this.data.set(k, e); } catch { /* a damaged file loads nothing */ }
  }
}

function logLine(sys: Sys, role: string, level: string, msg: string): string {
  const now = Math.floor(sys.now());
  return `${sys.getpid()}:${role} ${strftime('%d %b %Y %H:%M:%S', now)}.${String(now % 1000).padStart(3, '0')} ${level} ${msg}\n`;
}

export const redisServer: Program = async ({ sys, argv }) => {
  let port = 6379;
  let conf = '';
  const args = argv.slice(1);
  if (args[0] === '-v' || args[0] === '--version') {
    await sys.write(1, `Redis server v=${REDIS_VERSION} sha=00000000:1 malloc=jemalloc-5.3.0 bits=64 build=0000000000000000\n`);
    return 0;
  }
  if (args[0] && !args[0].startsWith('--')) conf = args.shift()!;
  for (let i = 0; i < args.length; i++) if (args[i] === '--port') port = Number(args[++i]);
  const log = (role: string, level: string, msg: string) => sys.write(1, logLine(sys, role, level, msg));
  await log('C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
  await log('C', '*', `Redis version=${REDIS_VERSION}, bits=64, commit=00000000, modified=1, pid=${sys.getpid()}, just started`);
  if (!conf) await log('C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf');
  else await log('C', '*', 'Configuration loaded');
  await log('M', '*', 'monotonic clock: POSIX clock_gettime');
  const fd = sys.socket(AF_INET, SOCK_STREAM);
  try { sys.bind(fd, { addr: '0.0.0.0', port }); sys.listen(fd, 511); } catch (e) {
    if (!isSysError(e)) throw e;
    await log('M', '#', `Warning: Could not create server TCP listening socket *:${port}: bind: ${e.errno === 98 ? 'Address already in use' : 'Permission denied'}`);
    await log('M', '#', `Failed listening on port ${port} (tcp), aborting.`);
    return 1;
  }
  await log('M', '*', `Running mode=standalone, port=${port}.`);
  const db = new RedisDb(() => sys.now());
  await log('M', '*', 'Server initialized');
  try {
    db.load(await readFile(sys, 'dump.rdb'));
    await log('M', '*', 'Loading RDB produced by version ' + REDIS_VERSION);
    await log('M', '*', 'Done loading RDB, keys loaded: ' + db.data.size + ', keys expired: 0.');
    await log('M', '*', 'DB loaded from disk: 0.000 seconds');
  } catch (e) { if (!isSysError(e)) throw e; }
  await log('M', '*', 'Ready to accept connections tcp');
  let stop: (sig: number) => void = () => {};
  const stopped = new Promise<number>((r) => { stop = r; });
  for (const s of [SIGTERM, SIGINT]) sys.sigaction(s, (sig) => stop(sig), SA_RESTART);
  const serve = async (c: number) => {
    const r = new SockReader(sys, c);
    try {
      for (;;) {
        const cmd = await readCommand(r);
        if (!cmd) break;
        if (!cmd.length) continue;
        await sys.write(c, encodeReply(db.exec(cmd)));
        if (cmd[0]!.toLowerCase() === 'quit') break;
        if (cmd[0]!.toLowerCase() === 'shutdown') { stop(0); break; }
      }
    } catch (e) { if (!isSysError(e)) throw e; }
    try { sys.close(c); } catch (e) { if (!isSysError(e)) throw e; }
  };
  void (async () => { for (;;) { let c: number; try { c = await sys.accept(fd); } catch (e) { if (!isSysError(e)) throw e; return; } void serve(c); } })();
  const sig = await stopped;
  if (sig) await sys.write(1, `${sys.getpid()}:signal-handler (${Math.floor(sys.now() / 1000)}) Received ${sig === SIGINT ? 'SIGINT' : 'SIGTERM'} scheduling shutdown...\n`);
  await log('M', '*', 'User requested shutdown...');
  await log('M', '*', 'Saving the final RDB snapshot before exiting.');
  try {
    const out = sys.open('dump.rdb', O_WRONLY | O_CREAT | O_TRUNC, 0o644);
    await sys.write(out, db.dump()); sys.close(out);
    await log('M', '*', 'DB saved on disk');
  } catch (e) {
    if (!isSysError(e)) throw e;
    await log('M', '#', `Failed opening the temp RDB file temp-${sys.getpid()}.rdb (in server root dir /data) for saving: Permission denied`);
  }
  await log('M', '#', 'Redis is now ready to exit, bye bye...');
  return 0;
};
