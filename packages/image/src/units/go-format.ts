// Go's fmt verbs that Docker's output depends on: %.Ng (strconv 'g' format
// with a precision), which picks %e for large exponents and drops trailing
// zeros, so 999.9 at precision 3 prints "1e+03" exactly as docker does.

/** Go's fmt.Sprintf("%.*g", precision, x) for finite x. */
export function goFormatG(x: number, precision: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : x < 0 ? '-Inf' : 'NaN';
  const prec = Math.max(1, precision);
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  let digits: string;
  let dp: number; // position of the decimal point relative to the digits
  if (abs === 0) {
    digits = '0';
    dp = 1;
  } else {
    const [mant, exp] = abs.toExponential(prec - 1).split('e') as [string, string];
    digits = mant.replace('.', '').replace(/0+$/, '') || '0';
    dp = Number(exp) + 1;
  }
  const nd = digits.length;
  let eprec = prec;
  if (eprec > nd && nd >= dp) eprec = nd;
  const exp = dp - 1;
  let out: string;
  if (exp < -4 || exp >= eprec) {
    const p = Math.min(prec, nd);
    const frac = digits.slice(1, p);
    const e = Math.abs(exp);
    out = `${digits[0]}${frac ? `.${frac}` : ''}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  } else {
    const p = prec > dp ? nd : prec;
    const decimals = Math.max(p - dp, 0);
    out = fixed(digits, dp, decimals);
  }
  return neg ? `-${out}` : out;
}

// Digits d with the point after dp of them, written with exactly `decimals` decimals.
function fixed(d: string, dp: number, decimals: number): string {
  let intPart: string;
  if (dp <= 0) intPart = '0';
  else intPart = d.slice(0, dp).padEnd(dp, '0');
  if (decimals === 0) return intPart;
  let frac = '';
  for (let i = 0; i < decimals; i++) {
    const idx = dp + i;
    frac += idx >= 0 && idx < d.length ? d[idx] : '0';
  }
  return `${intPart}.${frac}`;
}
