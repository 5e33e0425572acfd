// docker events (system/events.go): the daemon's event stream, one line per
// event: "TIME TYPE ACTION ID (attr=value, ...)" with the time in
// RFC3339NanoFixed, or each event through --format. --since/--until take
// Unix timestamps, dates or durations relative to now (format/timestamp.ts).

import type { EventMessage } from '@dockersim/engine-api';
import { rfc3339NanoFixed } from '@dockersim/image';
import { noArgs, StatusError, type Command } from '../../cobra/command.ts';
import type { Cli } from '../../cli.ts';
import { JSON_FORMAT, JSON_FORMAT_KEY } from '../../format/context.ts';
import { getTimestamp } from '../../format/timestamp.ts';
import { goStruct } from '../../format/gofmt.ts';
import { Template, TemplateError } from '../../template/index.ts';
import { apiFail, filtersOf } from '../util.ts';

/** jsonmessage.RFC3339NanoFixed of an event's timeNano. */
function timeNanoFixed(timeNano: number): string {
  const ms = Math.floor(timeNano / 1e6);
  return rfc3339NanoFixed(ms, Math.round(timeNano - ms * 1e6));
}

/** events.Message with Go's field names for templates and its JSON key order. */
class EventView {
  /** makeTemplate checks the template on &events.Message{}, the stream runs it on values. */
  constructor(private readonly m: EventMessage, readonly goType = 'events.Message') {
    Object.defineProperty(this, 'm', { enumerable: false });
    Object.defineProperty(this, 'goType', { enumerable: false });
  }
  get Status(): string { return this.m.status ?? ''; }
  get ID(): string { return this.m.id ?? ''; }
  get From(): string { return this.m.from ?? ''; }
  get Type(): string { return this.m.Type; }
  get Action(): string { return this.m.Action; }
  get Actor(): { ID: string; Attributes: Record<string, string> } { return goStruct({ ID: this.m.Actor.ID, Attributes: this.m.Actor.Attributes ?? {} }); }
  get Scope(): string { return this.m.scope; }
  get Time(): number { return this.m.time; }
  get TimeNano(): number { return this.m.timeNano; }
  marshalJSON(): unknown {
    const m = this.m;
    return goStruct({
      ...(m.status ? { status: m.status } : {}), ...(m.id ? { id: m.id } : {}), ...(m.from ? { from: m.from } : {}),
      Type: m.Type, Action: m.Action, Actor: this.Actor, scope: m.scope, time: m.time, timeNano: m.timeNano,
    });
  }
}

function defaultLine(e: EventMessage): string {
  let s = '';
  if (e.timeNano) s += `${timeNanoFixed(e.timeNano)} `;
  else if (e.time) s += `${timeNanoFixed(e.time * 1e9)} `;
  s += `${e.Type} ${e.Action} ${e.Actor.ID}`;
  const keys = Object.keys(e.Actor.Attributes ?? {}).sort();
  if (keys.length) s += ` (${keys.map((k) => `${k}=${e.Actor.Attributes[k]}`).join(', ')})`;
  return s + '\n';
}

function makeTemplate(format: string): Template | undefined {
  if (!format) return undefined;
  const src = format === JSON_FORMAT_KEY ? JSON_FORMAT : format;
  try {
    const t = Template.parse(src);
    t.execute(new EventView({ Type: '' as EventMessage['Type'], Action: '', Actor: { ID: '', Attributes: {} }, scope: 'local', time: 0, timeNano: 0 }, '*events.Message'));
    return t;
  } catch (e) {
    if (e instanceof TemplateError || e instanceof Error) throw new StatusError(`Error parsing format: ${e.message}`, 64);
    throw e;
  }
}

async function stream(cli: Cli, opts: { since?: string; until?: string; filters: Record<string, string[]> }, tmpl: Template | undefined): Promise<void> {
  const s = await cli.client.events(opts).catch((e: unknown) => apiFail(cli, e));
  // the daemon ends the stream at --until; stop reading then as well
  const untilMs = opts.until !== undefined ? Number(opts.until) * 1000 : undefined;
  const sys = cli.io.sys;
  if (untilMs !== undefined && sys && untilMs > cli.io.now()) {
    void sys.sleep(untilMs - cli.io.now()).then(() => s.cancel(), () => undefined);
  }
  const dec = new TextDecoder();
  let buf = '';
  for (;;) {
    const b = await s.read().catch(() => null);
    if (!b) break;
    buf += dec.decode(b, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (!line.trim()) continue;
      const e = JSON.parse(line) as EventMessage;
      if (tmpl) {
        try { await cli.out(tmpl.execute(new EventView(e)) + '\n'); } catch (err) {
          if (err instanceof TemplateError) throw new StatusError(err.message, 1);
          throw err;
        }
      } else await cli.out(defaultLine(e));
    }
  }
}

export const events: Command = {
  use: 'events [OPTIONS]',
  short: 'Get real time events from the server',
  aliasesText: 'docker system events, docker events',
  flags: {
    filter: { type: 'filter', short: 'f', usage: 'Filter output based on conditions provided' },
    format: { type: 'string', usage: 'Format output using a custom template:\n\'json\':             Print in JSON format\n\'TEMPLATE\':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates' },
    since: { type: 'string', usage: 'Show all events created since timestamp' },
    until: { type: 'string', usage: 'Stream events until this timestamp' },
  },
  args: noArgs,
  async run(cli, opts) {
    const tmpl = makeTemplate(opts.str('format'));
    const now = cli.io.now();
    let since: string | undefined, until: string | undefined;
    try {
      since = opts.str('since') ? getTimestamp(opts.str('since'), now) : undefined;
      until = opts.str('until') ? getTimestamp(opts.str('until'), now) : undefined;
    } catch (e) { throw new StatusError((e as Error).message, 1); }
    await stream(cli, { since, until, filters: filtersOf(opts.list('filter')) }, tmpl);
  },
};
