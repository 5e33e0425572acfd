import type { ImageHistoryEntry } from '@dockersim/engine-api';
import { exactArgs, StatusError, type Command } from '../../cobra/command.ts';
import { ellipsis, formatWrite, truncateID } from '../../format/context.ts';
import { humanDuration, humanSizeWithPrecision, rfc3339 } from '@dockersim/image';
import { FORMAT_HELP } from '../help-texts.ts';

const DEFAULT = 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
const NON_HUMAN = 'table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
const header = { ID: 'IMAGE', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', CreatedBy: 'CREATED BY', Size: 'SIZE', Comment: 'COMMENT' };
const EPOCH_2000 = 946684800;

/** RFC 3339 in UTC, as time.Format(time.RFC3339) prints it. */

class HistoryContext {
  constructor(private readonly h: ImageHistoryEntry, private readonly trunc: boolean, private readonly human: boolean, private readonly now: number) {}
  ID(): string { return this.trunc ? truncateID(this.h.Id) : this.h.Id; }
  CreatedAt(): string { return rfc3339(this.h.Created * 1000); }
  CreatedSince(): string {
    if (!this.human) return this.CreatedAt();
    if (this.h.Created <= EPOCH_2000) return 'N/A';
    return humanDuration(this.now - this.h.Created * 1000) + ' ago';
  }
  CreatedBy(): string { const s = this.h.CreatedBy.replace(/\t/g, ' '); return this.trunc ? ellipsis(s, 45) : s; }
  Size(): string { return this.human ? humanSizeWithPrecision(this.h.Size, 3) : String(this.h.Size); }
  Comment(): string { return this.h.Comment; }
  marshalJSON() { return { Comment: this.Comment(), CreatedAt: this.CreatedAt(), CreatedBy: this.CreatedBy(), CreatedSince: this.CreatedSince(), ID: this.ID(), Size: this.Size() }; }
}

/** docker history (image/history.go) */
export const history: Command = {
  use: 'history [OPTIONS] IMAGE',
  short: 'Show the history of an image',
  aliasesText: 'docker image history, docker history',
  flags: {
    format: { type: 'string', usage: FORMAT_HELP },
    human: { type: 'bool', short: 'H', usage: 'Print sizes and dates in human readable format', defValue: 'true', default: true },
    'no-trunc': { type: 'bool', usage: "Don't truncate output" },
    platform: { type: 'string', usage: 'Show history for the given platform. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")', annotations: { version: '1.48' } },
    quiet: { type: 'bool', short: 'q', usage: 'Only show image IDs' },
  },
  args: exactArgs(1),
  async run(cli, opts, [img]) {
    let list;
    try { list = await cli.client.imageHistory(img); } catch (e) { throw new StatusError(cli.errorText(e), 1); }
    const source = opts.str('format') || 'table';
    const human = opts.bool('human');
    const format = source === 'table' ? (opts.bool('quiet') ? '{{.ID}}' : human ? DEFAULT : NON_HUMAN) : source;
    const now = cli.io.now();
    const rows = list.map((h) => new HistoryContext(h, !opts.bool('no-trunc'), human, now));
    try { await cli.out(formatWrite(format, header, rows)); } catch (e) { throw new StatusError((e as Error).message, 1); }
  },
};
