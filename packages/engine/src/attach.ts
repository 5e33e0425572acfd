// POST /containers/{id}/attach (daemon/attach.go, container/stream/attach.go):
// hooks a hijacked connection to the container's stdio. Paused and
// restarting containers refuse; on a TTY the client's input goes through an
// escape proxy, and the detach keys end the attachment ("detach" event)
// without touching the process. The end of the client's input closes the
// container's stdin only for a StdinOnce container without a TTY (docker run
// -i, not -it); otherwise it ends the attachment.

import { EscapeProxy, detachKeysToBytes, frame, type Conn } from '@dockersim/engine-api';
import { conflict, invalidParameter } from '@dockersim/engine-api';
import { DaemonConn } from './byte-queue.ts';
import { StdioHub } from './stdio.ts';
import type { Daemon } from './daemon.ts';

export interface AttachOptions { stream: boolean; stdin: boolean; stdout: boolean; stderr: boolean; logs: boolean; detachKeys?: string }

export async function containerAttach(d: Daemon, ref: string, opts: AttachOptions): Promise<{ conn: Conn; tty: boolean }> {
  let keys: number[] | undefined;
  if (opts.detachKeys) {
    try { keys = detachKeysToBytes(opts.detachKeys); } catch { throw invalidParameter(`Invalid detach keys (${opts.detachKeys}) provided`); }
  }
  const c = d.get(ref);
  if (c.state === 'paused') throw conflict(`container ${ref} is paused, unpause the container before attach`);
  if (c.state === 'restarting') throw conflict(`container ${ref} is restarting, wait until the container is running`);
  const rt = d.runtime.get(c.id)!;
  const tty = !!c.config.Tty;
  // Attaching before a (re)start waits for the next run's streams.
  if (rt.hub.closed && c.state !== 'running') rt.hub = new StdioHub(d.sys, tty, true, rt.logs);
  const hub = () => d.runtime.get(c.id)?.hub;
  const useStdin = opts.stdin && !!c.config.OpenStdin;
  const proxy = useStdin && tty ? new EscapeProxy(keys) : undefined;
  let done = false;
  // The attachment ends while the container's output still flows.
  const detach = () => {
    if (done) return;
    done = true;
    if (conn.out.isEnded) return;
    conn.out.end();
    d.bus.emit('container', 'detach', c.id, { image: c.imageRef, name: c.name });
  };
  const conn: DaemonConn = new DaemonConn(
    async (data) => {
      if (!useStdin || done) return;
      const r = proxy ? proxy.feed(data) : { data, escaped: false };
      if (r.data.length) await hub()?.writeStdin(r.data);
      if (r.escaped) detach();
    },
    // The client's input ended (or it hung up, having read the detach keys
    // itself): a StdinOnce container without a TTY gets the EOF; otherwise
    // the attachment ends with it, and the container runs on.
    () => {
      const once = useStdin && !done && c.config.StdinOnce && !tty;
      if (once) hub()?.closeStdin();
      if (conn.out.cancelled || (useStdin && !once)) detach();
    },
  );
  if (opts.logs) for (const e of rt.hub.logs) conn.out.push(tty ? e.line : frame(e.stream, e.line));
  d.bus.emit('container', 'attach', c.id, { image: c.imageRef, name: c.name });
  if (opts.stream) rt.hub.attach(conn.out, (opts.stdout ? 1 : 0) | (opts.stderr ? 2 : 0));
  else conn.out.end();
  return { conn, tty };
}
