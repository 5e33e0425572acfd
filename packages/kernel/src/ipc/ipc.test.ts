import { describe, expect, it } from 'vitest';
import { makeWorld, puts, text } from '../test/harness.ts';
import { EPIPE, ECONNREFUSED, ENOENT, EADDRINUSE, isSysError } from '../abi/errno.ts';
import { AF_INET, AF_UNIX, CLONE_NEWNET, SOCK_SEQPACKET, SOCK_STREAM, SHUT_WR, S_IFIFO, O_RDONLY, O_WRONLY } from '../abi/flags.ts';
import { SIGPIPE } from '../abi/signal.ts';

describe('pipes', () => {
  it('carries data to EOF across processes; 64 KiB buffer blocks the writer', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        const [r, wr] = sys.pipe();
        const pid = sys.clone({ child: async (s) => {
          s.close(r);
          await s.write(wr, new Uint8Array(200000));
          await s.write(wr, 'end');
          return 0;
        } });
        sys.close(wr);
        await sys.sleep(5);
        let total = 0, chunks = 0;
        for (;;) { const b = await sys.read(r); if (!b.length) break; total += b.length; chunks++; }
        await sys.wait4(pid);
        await puts(sys, `${total} ${chunks > 2}\n`);
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe('200003 true\n');
  });

  it('kills the writer with SIGPIPE when no reader exists; EPIPE when ignored', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        const [r, wr] = sys.pipe();
        sys.close(r);
        const pid = sys.clone({ child: async (s) => { await s.write(wr, 'x'); return 0; } });
        const st = await sys.wait4(pid);
        sys.sigaction(SIGPIPE, 'ignore');
        const e = await sys.write(wr, 'x').then(() => 'ok', (e) => (isSysError(e, EPIPE) ? 'EPIPE' : String(e)));
        await puts(sys, `${st!.status.signal} ${e}\n`);
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe(`${SIGPIPE} EPIPE\n`);
  });

  it('fifos made with mknod connect a reader and a writer', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        sys.mknod('/tmp/f', S_IFIFO | 0o644);
        const pid = sys.clone({ child: async (s) => { const fd = s.open('/tmp/f', O_WRONLY); await s.write(fd, 'via fifo'); return 0; } });
        const fd = sys.open('/tmp/f', O_RDONLY);
        let got = '';
        for (;;) { const b = await sys.read(fd); if (!b.length) break; got += text(b); }
        await sys.wait4(pid);
        await puts(sys, got + '\n');
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe('via fifo\n');
  });
});

describe('unix sockets', () => {
  it('SOCK_SEQPACKET carries whole JS messages (RPC)', async () => {
    const w = makeWorld({
      server: async ({ sys }) => {
        const fd = sys.socket(AF_UNIX, SOCK_SEQPACKET);
        sys.bind(fd, { path: '/tmp/rpc.sock' });
        sys.listen(fd);
        const c = await sys.accept(fd);
        for (;;) {
          const m = await sys.recvmsg(c) as { id: number; method: string } | null;
          if (!m) break;
          await sys.sendmsg(c, { id: m.id, result: m.method.toUpperCase() });
        }
        return 0;
      },
      main: async ({ sys }) => {
        const fd = sys.socket(AF_UNIX, SOCK_SEQPACKET);
        sys.setCloexec(fd, true); // else the server inherits the client end and never sees EOF
        const e1 = await sys.connect(fd, { path: '/tmp/none.sock' }).catch((e) => isSysError(e, ENOENT) ? 'ENOENT' : String(e));
        sys.clone({ child: (s) => s.execve('/bin/server', ['server'], []) });
        await sys.sleep(1);
        await sys.connect(fd, { path: '/tmp/rpc.sock' });
        await sys.sendmsg(fd, { id: 1, method: 'ping' });
        const r = await sys.recvmsg(fd) as { id: number; result: string };
        const fd2 = sys.socket(AF_UNIX, SOCK_SEQPACKET);
        const e2 = (() => { try { sys.bind(fd2, { path: '/tmp/rpc.sock' }); return 'bound'; } catch (e) { return isSysError(e, EADDRINUSE) ? 'EADDRINUSE' : String(e); } })();
        sys.close(fd);
        await sys.wait4(-1);
        const fd3 = sys.socket(AF_UNIX, SOCK_SEQPACKET);
        const e3 = await sys.connect(fd3, { path: '/tmp/rpc.sock' }).catch((e) => isSysError(e, ECONNREFUSED) ? 'ECONNREFUSED' : String(e));
        await puts(sys, `${e1} ${r.id} ${r.result} ${e2} ${e3}\n`);
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe('ENOENT 1 PING EADDRINUSE ECONNREFUSED\n');
  });

  it('SOCK_STREAM with half-close; socketpair', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        const [a, b] = sys.socketpair(AF_UNIX, SOCK_STREAM);
        await sys.write(a, 'hello ');
        await sys.write(a, 'world');
        sys.shutdown(a, SHUT_WR);
        let got = '';
        for (;;) { const x = await sys.read(b); if (!x.length) break; got += text(x); }
        await sys.write(b, 'back');
        const back = text(await sys.read(a));
        await puts(sys, `${got}|${back}\n`);
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe('hello world|back\n');
  });
});

describe('AF_INET over loopback', () => {
  it('connects to a listener by port inside one network namespace only', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        const l = sys.socket(AF_INET, SOCK_STREAM);
        sys.setCloexec(l, true);
        sys.bind(l, { addr: '0.0.0.0', port: 8080 });
        sys.listen(l);
        const dup = sys.socket(AF_INET, SOCK_STREAM);
        const e1 = (() => { try { sys.bind(dup, { addr: '127.0.0.1', port: 8080 }); return 'bound'; } catch (e) { return isSysError(e, EADDRINUSE) ? 'EADDRINUSE' : String(e); } })();
        const c = sys.socket(AF_INET, SOCK_STREAM);
        await sys.connect(c, { addr: '127.0.0.1', port: 8080 });
        const a = await sys.accept(l);
        await sys.write(c, 'GET /');
        const got = text(await sys.read(a));
        const other = sys.clone({ flags: CLONE_NEWNET, child: async (s) => {
          const x = s.socket(AF_INET, SOCK_STREAM);
          try { await s.connect(x, { addr: '127.0.0.1', port: 8080 }); return 0; } catch (e) { return isSysError(e, ECONNREFUSED) ? 111 : 1; }
        } });
        const r = await sys.wait4(other);
        sys.mount('proc', '/proc', 'proc', 0);
        const fd = sys.open('/proc/net/tcp', O_RDONLY);
        const tcp = text(await sys.read(fd)).split('\n');
        await puts(sys, `${e1} ${got} ${r!.status.code}\n${tcp[0]!.length} ${tcp[1]!.slice(0, 36)}\n`);
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe('EADDRINUSE GET / 111\n149    0: 00000000:1F90 00000000:0000 0A\n');
  });
});
