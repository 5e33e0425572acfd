// .dockerignore patterns (moby/patternmatcher): Go filepath.Match per
// segment plus `**` for any number of segments, `!` exceptions, later
// patterns winning; a directory that matches excludes what is under it.

export interface IgnorePattern { re: RegExp; exclusion: boolean; dirPrefix: RegExp }

function clean(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') { out.pop(); continue; }
    out.push(part);
  }
  return out.join('/');
}

function toRegex(pattern: string): string {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) { re += '\\['; continue; }
      const cls = pattern.slice(i + 1, end);
      re += `[${cls.startsWith('^') ? '^' + cls.slice(1) : cls}]`;
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return re;
}

export function parseDockerignore(text: string): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  for (let line of text.split('\n')) {
    line = line.replace(/\r$/, '');
    if (line.startsWith('#')) continue;
    line = line.trim();
    if (!line) continue;
    let exclusion = false;
    if (line.startsWith('!')) { exclusion = true; line = line.slice(1).trim(); }
    const p = clean(line);
    if (!p) continue;
    const body = toRegex(p);
    out.push({ re: new RegExp(`^${body}$`), exclusion, dirPrefix: new RegExp(`^${body}/`) });
  }
  return out;
}

/** Whether a context path (relative, "/"-separated) is excluded. */
export function isIgnored(path: string, patterns: IgnorePattern[]): boolean {
  let matched = false;
  for (const p of patterns) {
    if (p.re.test(path) || p.dirPrefix.test(path)) matched = !p.exclusion;
    else if (!p.exclusion) {
      // A parent directory matched by a plain pattern excludes this path.
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) if (p.re.test(parts.slice(0, i).join('/'))) { matched = true; break; }
    }
  }
  return matched;
}
