// Go's fmt verbs the builders use in their messages.

import { goQuote } from './dockerfile/index.ts';

/** %q of a []string: ["echo" "hello"] */
export function goQuoteList(a: string[]): string { return `[${a.map(goQuote).join(' ')}]`; }

/** %v of a []string: [echo hello] */
export function goList(a: string[]): string { return `[${a.join(' ')}]`; }
