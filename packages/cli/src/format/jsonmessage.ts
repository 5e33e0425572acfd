// jsonmessage.DisplayJSONMessagesStream for a non-terminal: one line per
// status ("<id>: Pull complete"), progress-bar updates skipped, an "error"
// message ends the stream with that error.

import type { ByteStream, ProgressMessage } from '@dockersim/engine-api';

export class JSONMessageError extends Error {}

/** Reads newline-delimited JSON progress messages and writes docker's lines with out. */
export async function displayJSONMessages(stream: ByteStream, out: (s: string) => Promise<void>): Promise<void> {
  const dec = new TextDecoder();
  let buf = '';
  const handle = async (line: string) => {
    if (!line.trim()) return;
    const m = JSON.parse(line) as ProgressMessage;
    if (m.error || m.errorDetail) throw new JSONMessageError(m.errorDetail?.message ?? m.error ?? '');
    const hasProgress = !!m.progressDetail && ((m.progressDetail.total ?? 0) > 0 || (m.progressDetail.current ?? 0) > 0 || !!m.progress);
    if (hasProgress) return;
    let s = '';
    if (m.id) s += `${m.id}: `;
    if (m.stream !== undefined && m.stream !== '') { await out(s + m.stream); return; }
    if (m.status === undefined && m.aux !== undefined) return;
    await out(s + (m.status ?? '') + '\n');
  };
  for (let c = await stream.read(); c; c = await stream.read()) {
    buf += dec.decode(c, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      try { await handle(line); } catch (e) { stream.cancel(); throw e; }
    }
  }
  buf += dec.decode();
  await handle(buf);
}
