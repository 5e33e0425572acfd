// @dockersim/userland: the programs that run on the simulated kernel.

import { isSysError, lazyProgram } from '@dockersim/kernel';
import type { LazyProgram, Program, Sys } from '@dockersim/kernel';
import { strerror as strerrorFn } from './libc/errors.ts';
import type { Flavour as FlavourT } from './libc/errors.ts';
import { APPLET_NAMES, busyboxApplets, coreutilsApplets } from './applets/names.ts';
import { shellProgram } from './sh/main.ts';
import { init } from './init.ts';
import { serverPrograms } from './servers/index.ts';
export { preloadServers } from './servers/index.ts';

// What a host needs to boot and give a prompt (init, the shells) is here;
// the rest loads on first use (see the kernel's program-load.ts), a chunk
// of its own in the web bundle: the applets, the clients, tini, findmnt.
type Rare = typeof import('./rare-programs.ts');
const rare = (pick: (m: Rare) => Program): LazyProgram => lazyProgram(() => import('./rare-programs.ts').then(pick));

const bash = shellProgram('bash');
const dash = shellProgram('dash');
const ash = shellProgram('ash');

/** Every program by registry name. Applets also run under their own name (busybox flavour). */
export const programs: Record<string, Program | LazyProgram> = {
  busybox: rare((m) => m.busybox), coreutils: rare((m) => m.coreutils), bash, dash, ash, sh: ash, init,
  curl: rare((m) => m.clientPrograms.curl!), 'curl-bookworm': rare((m) => m.clientPrograms['curl-bookworm']!),
  getent: rare((m) => m.clientPrograms.getent!),
  ...serverPrograms,
};
// util-linux's findmnt (Debian and Ubuntu images)
programs.findmnt = rare((m) => m.findmnt);
// tini, as dockerd's docker-init for `docker run --init`
programs['docker-init'] = rare((m) => m.dockerInit);
// the package managers and what only their packages install (pkg/index.ts)
for (const name of ['apk', 'apt-get', 'apt', 'dpkg', 'curl-alpine', 'curl-deb12', 'curl-noble']) {
  programs[name] = lazyProgram(() => import('./pkg/index.ts').then((m) => m.pkgPrograms[name]!));
}

export { busyboxApplets, coreutilsApplets, shellProgram };
export type { Applet } from './applets/types.ts';

// libc-ish helpers for other packages' programs
export { App, AppExit, BUSYBOX_BANNER } from './libc/app.ts';
export { readAll, readFile, readFileBytes, writeAll, writeFile, Out, LineReader, utf8, text, concat } from './libc/io.ts';
export { gunzip } from './libc/gzip.ts';
export { strerror, errnoOf, gnuQuote } from './libc/errors.ts';
export type { Flavour } from './libc/errors.ts';
export { getopt, optMap } from './libc/getopt.ts';
export type { GetoptSpec, GetoptResult, LongOpt } from './libc/getopt.ts';
export { readPasswd, readGroups, Names } from './libc/passwd.ts';
export type { PasswdEntry, GroupEntry } from './libc/passwd.ts';
export { basename, dirname, joinPath, normalize } from './libc/path.ts';
export { fnmatch, glob } from './libc/fnmatch.ts';
export { printf as formatPrintf } from './libc/printf.ts';

/** perror(3) in a flavour's words: "PROG: PREFIX: strerror" on stderr. Rethrows non-SysErrors. */
export async function perror(sys: Sys, prog: string, prefix: string, e: unknown, flavour: FlavourT = 'busybox'): Promise<void> {
  if (!isSysError(e)) throw e;
  await sys.write(2, `${prog}: ${prefix ? `${prefix}: ` : ''}${strerrorFn(flavour, e.errno)}\n`);
}

for (const name of APPLET_NAMES) {
  if (!(name in programs)) programs[name] = rare((m) => (p) => m.runApplet(p, name, 'busybox'));
}
// the DNS wire format and one-query exchange (dockerd's embedded DNS server uses them)
export { encodeDns, decodeDns, dnsMessage, reverseName, T_A, T_AAAA, T_PTR, C_IN, RCODE_NOERROR, RCODE_SERVFAIL, RCODE_NXDOMAIN } from './libc/dns.ts';
export type { DnsMessage, DnsRecord } from './libc/dns.ts';
export { dnsExchange } from './libc/resolv.ts';
