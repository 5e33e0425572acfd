// What an applet is: a function over its App context returning an exit status.

import type { App } from '../libc/app.ts';

export type Applet = (a: App) => Promise<number>;
