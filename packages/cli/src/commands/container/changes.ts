// docker diff, export and commit (container/diff.go, export.go, commit.go).

import { O_CREAT, O_TRUNC, O_WRONLY } from '@dockersim/kernel';
import { exactArgs, rangeArgs, StatusError, type Command } from '../../cobra/command.ts';
import { apiFail } from '../util.ts';
import { familiarName, parseNormalizedNamed } from '../../format/reference.ts';

const KIND = ['C', 'A', 'D'];

/** docker diff */
export const diff: Command = {
  use: 'diff CONTAINER',
  short: "Inspect changes to files or directories on a container's filesystem",
  aliasesText: 'docker container diff, docker diff',
  args: exactArgs(1),
  async run(cli, _opts, [id]) {
    let changes;
    try { changes = await cli.client.containerChanges(id); } catch (e) { apiFail(cli, e); }
    for (const c of changes ?? []) await cli.out(`${KIND[c.Kind]} ${c.Path}\n`);
  },
};

/** docker export */
export const exportCmd: Command = {
  use: 'export [OPTIONS] CONTAINER',
  short: "Export a container's filesystem as a tar archive",
  aliasesText: 'docker container export, docker export',
  flags: { output: { type: 'string', short: 'o', usage: 'Write to a file, instead of STDOUT' } },
  args: exactArgs(1),
  async run(cli, opts, [id]) {
    const out = opts.str('output');
    if (!out && cli.io.isatty(1)) throw new StatusError('cowardly refusing to save to a terminal. Use the -o flag or redirect', 1);
    let stream;
    try { stream = await cli.client.containerExport(id); } catch (e) { apiFail(cli, e); }
    const sys = cli.io.sys;
    let fd = -1;
    if (out) {
      if (!sys) throw new StatusError('failed to export container: no local filesystem', 1);
      try { fd = sys.open(out, O_WRONLY | O_CREAT | O_TRUNC, 0o644); } catch (e) {
        throw new StatusError(`failed to export container: open ${out}: ${(e as Error).message}`, 1);
      }
    }
    try {
      for (let b = await stream.read(); b; b = await stream.read()) {
        if (fd >= 0) await sys!.write(fd, b); else await cli.out(b);
      }
    } finally { if (fd >= 0) sys!.close(fd); }
  },
};

/** docker commit */
export const commit: Command = {
  use: 'commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]',
  short: "Create a new image from a container's changes",
  aliasesText: 'docker container commit, docker commit',
  flags: {
    author: { type: 'string', short: 'a', usage: 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' },
    change: { type: 'list', short: 'c', usage: 'Apply Dockerfile instruction to the created image' },
    message: { type: 'string', short: 'm', usage: 'Commit message' },
    pause: { type: 'bool', short: 'p', usage: 'Pause container during commit', defValue: 'true', default: true },
  },
  args: rangeArgs(1, 2),
  async run(cli, opts, [id, ref]) {
    // the client splits the reference (client.ContainerCommit): repository and tag, "latest" by default
    let repo = '', tag = '';
    if (ref) {
      const r = parseNormalizedNamed(ref);
      if (!r) throw new StatusError('invalid reference format', 1);
      if (r.digest) throw new StatusError('refusing to create a tag with a digest reference', 1);
      repo = familiarName(r);
      tag = r.tag ?? 'latest';
    }
    let res;
    try {
      res = await cli.client.containerCommit({ container: id, repo, tag, comment: opts.str('message'), author: opts.str('author'), pause: opts.bool('pause'), changes: opts.list('change') });
    } catch (e) { apiFail(cli, e); }
    await cli.out(res.Id + '\n');
  },
};
