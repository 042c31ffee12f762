// A sweep's time as pages show it: scoring (splice, inference, COPY) plus completing (the whole
// check and the move into the ranked, indexed Score table), with the parts spelled out.
export interface SweepTimings {
  wallSeconds?: number | null;
  inferenceSeconds?: number | null;
  completionSeconds?: number | null;
}

/** Scoring + completion; null when neither was recorded (imported, or not run yet). */
export function sweepSeconds(s: SweepTimings): number | null {
  if (s.wallSeconds == null && s.completionSeconds == null) return null;
  return (s.wallSeconds ?? 0) + (s.completionSeconds ?? 0);
}

export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds == null) return "—";
  return `${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1)} s`;
}

export function timeBreakdown(s: SweepTimings): string {
  const total = sweepSeconds(s);
  if (total === null) return "not recorded (imported, or not run yet)";
  return (
    `${formatSeconds(total)}: scoring ${formatSeconds(s.wallSeconds)} (inference ${formatSeconds(s.inferenceSeconds)}), ` +
    `storing and ranking ${formatSeconds(s.completionSeconds)}`
  );
}
