// "(did you mean X?)": the closest option within edit distance 2, as
// buildkit's suggest package words it.

export function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

export function suggest(val: string, options: readonly string[], caseSensitive: boolean): string | undefined {
  const v = caseSensitive ? val : val.toLowerCase();
  let match: string | undefined;
  let min = 3;
  for (let opt of options) {
    if (!caseSensitive) opt = opt.toLowerCase();
    if (v === opt) return undefined;
    const d = levenshtein(v, opt);
    if (d < min) {
      min = d;
      match = caseSensitive ? opt : val === val.toLowerCase() ? opt.toLowerCase() : val === val.toUpperCase() ? opt.toUpperCase() : opt;
    }
  }
  return match;
}

export function withSuggestion(message: string, val: string, options: readonly string[], caseSensitive: boolean): string {
  const m = suggest(val, options, caseSensitive);
  return m ? `${message} (did you mean ${m}?)` : message;
}
