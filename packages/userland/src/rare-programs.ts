// The programs a host does not need to boot and give a prompt, gathered for
// one dynamic import (index.ts): the applets with busybox's and coreutils'
// multi-call dispatch, the network clients, tini, findmnt.

export { busybox, coreutils, runApplet } from './applets/registry.ts';
export { clientPrograms } from './net-clients/index.ts';
export { findmnt } from './util-linux/findmnt.ts';
export { dockerInit } from './tini/docker-init.ts';
