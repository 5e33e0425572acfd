// time.Time's String() for a network's creation time ("2006-01-02 15:04:05.999999999 +0000 UTC").

export function rfc3339ToGoTime(s: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(s);
  if (!m) return s;
  return `${m[1]} ${m[2]}${(m[3] ?? '').replace(/0+$/, '').replace(/\.$/, '')} +0000 UTC`;
}
