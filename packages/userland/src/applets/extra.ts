// Applets in their own files, collected for the registry.

import type { Applet } from './types.ts';
import { ls } from './ls.ts';
import * as t from './text.ts';

export const extraApplets: Record<string, Applet> = {
  ls, head: t.head, tail: t.tail, wc: t.wc, grep: t.grep, egrep: t.grep, fgrep: t.grep, sort: t.sort, uniq: t.uniq,
  cut: t.cut, tr: t.tr, tee: t.tee, more: t.more, less: t.more,
};
