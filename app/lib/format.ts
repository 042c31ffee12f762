// Number formatting shared by server and client components.

const integer = new Intl.NumberFormat("en");

export function formatInt(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : integer.format(value);
}

/** A statistic with a fixed number of decimals and a real minus sign. */
export function formatNum(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const fixed = Math.abs(value) >= 1e5 || (Math.abs(value) < 10 ** -digits && value !== 0) ? value.toExponential(1) : value.toFixed(digits);
  return fixed.replace(/^-/, "\u2212");
}

/** A percentile on the 0..100 scale with as many decimals (up to 4) as it takes not to read as
 * exactly 100 or 0: in a 262k vocabulary the top twenty tokens all round to "100.0" at one decimal. */
function percentileText(p: number): string {
  if (p >= 100 || p <= 0) return p >= 100 ? "100" : "0";
  for (let digits = 1; digits <= 4; digits++) {
    const text = p.toFixed(digits);
    const shown = Number(text);
    if (shown < 100 && shown > 0) return text;
  }
  return p > 50 ? ">99.9999" : "<0.0001";
}

/** A 0..1 percentile (TokenScore, RankedToken) shown on a 0..100 scale. */
export function formatPercentile(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : percentileText(value * 100);
}

/** A percentile already on the 0..100 scale (the identity-group analysis). */
export function formatPercentile100(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : percentileText(value);
}

export function formatParams(count: number | null | undefined): string {
  if (!count) return "—";
  if (count >= 1e9) return `${(count / 1e9).toFixed(count >= 1e10 ? 0 : 1)}B`;
  if (count >= 1e6) return `${(count / 1e6).toFixed(0)}M`;
  return formatInt(count);
}

export interface IntervalValue {
  estimate: number;
  low: number;
  high: number;
}

/** Estimate, low and high in one notation (a bound near 0 must not switch to 4.1e-3 beside a
 * 0.64): exponential only when every nonzero part is too small for `digits`. */
export function formatIntervalParts(value: IntervalValue, digits = 2): [estimate: string, low: string, high: string] {
  const parts = [value.estimate, value.low, value.high] as const;
  if (!parts.every(Number.isFinite)) return [formatNum(value.estimate, digits), formatNum(value.low, digits), formatNum(value.high, digits)];
  const largest = Math.max(...parts.map(Math.abs));
  const tiny = largest > 0 && largest < 10 ** -digits;
  // A value that rounds to zero shows as 0.000, not −0.000.
  const one = (x: number) => (tiny || Math.abs(x) >= 1e5 ? x.toExponential(1) : x.toFixed(digits)).replace(/^-(?=0\.?0*$)/, "").replace(/^-/, "\u2212");
  return [one(value.estimate), one(value.low), one(value.high)];
}

/** "estimate [low, high]". */
export function formatInterval(value: IntervalValue | null | undefined, digits = 2): string {
  if (!value) return "—";
  const [estimate, low, high] = formatIntervalParts(value, digits);
  return `${estimate} [${low}, ${high}]`;
}

/** A model's name where space is short (chart axes, legends, column headers). */
export function chartName(model: { slug: string; displayName: string }): string {
  return model.displayName.length <= 34 ? model.displayName : model.slug;
}

/** A moment as every page shows one: UTC to the second, the zone named ("2025-06-01 14:03:07 UTC").
 * The server renders it, so a reader's local zone cannot be assumed. */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "—" : `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
