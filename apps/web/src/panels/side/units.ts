// Byte counts for the panels: layer sizes as docker prints them (SI, "8.31MB"),
// memory as the kernel counts it (binary, "12.0MiB").

export function siBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
  return i === 0 ? `${n}B` : `${n.toPrecision(3).replace(/\.?0+$/, '')}${units[i]}`;
}

export function binBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return i === 0 ? `${n}B` : `${n.toFixed(1)}${units[i]}`;
}

export const short = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);
