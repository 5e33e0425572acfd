// Time as dockerd puts it in inspect: RFC 3339 with nanoseconds, with the
// zero time for an instant that has not happened. The layouts themselves
// (and go-units' HumanDuration for ps) are @dockersim/image's.

import { rfc3339Nano as goRfc3339Nano } from '@dockersim/image';

/** RFC3339Nano of a time in epoch ms (sub-ms digits come from `nanos`); 0 is Go's zero time, "never". */
export function rfc3339Nano(ms: number, nanos = 0): string {
  if (ms <= 0) return '0001-01-01T00:00:00Z';
  return goRfc3339Nano(Math.floor(ms), nanos % 1_000_000);
}
