// Small shared helpers of procfs and sysfs.

import type { Random } from '../sched/random.ts';

/** A random UUID (v4 layout) as /proc/sys/kernel/random/boot_id shows it. */
export function bootId(rng: Random): string {
  const b = rng.bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
