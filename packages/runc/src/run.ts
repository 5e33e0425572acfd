// `runc run`: create, then start. Detached (--detach) runc exits once the
// container runs, and a terminal needs a --console-socket as for create. In
// the foreground runc stays the init's parent: it copies the container's
// terminal to its own (the master comes over a private socket pair), passes
// the signals it gets on to the init, and when the init exits destroys the
// container and exits with its status (128 + the signal when killed).

import { SA_RESTART, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2 } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import { create } from './create.ts';
import type { CreateOptions } from './create.ts';
import { start, del } from './lifecycle.ts';

/** What a foreground runc passes on (the rest keep their default action or, SIGWINCH, resize the pty). */
const FORWARDED = [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2];

export async function run(sys: Sys, o: CreateOptions & { detach: boolean }): Promise<number> {
  const c = await create(sys, { ...o, foreground: !o.detach });
  try {
    await start(sys, o.root, o.id);
  } catch (e) {
    if (c.tty) await c.tty.close();
    await del(sys, o.root, o.id, true).catch(() => undefined);
    throw e;
  }
  if (o.detach) return 0;
  if (c.tty) await c.tty.start();
  for (const sig of FORWARDED) sys.sigaction(sig, () => { try { sys.kill(c.pid, sig); } catch { /* gone */ } }, SA_RESTART);
  const r = await sys.wait4(c.pid);
  if (c.tty) await c.tty.close();
  for (const sig of FORWARDED) sys.sigaction(sig, 'default');
  await del(sys, o.root, o.id, true);
  if (!r) return 0;
  return r.status.signal !== null ? 128 + r.status.signal : r.status.code ?? 0;
}
