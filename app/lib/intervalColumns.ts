// Download columns for an estimate and its interval: name, nameLow, nameHigh (null bounds where the
// interval is undefined), in that order.
import type { IntervalValue } from "./format";

export function intervalColumns<N extends string>(name: N, estimate: number | null, interval: Pick<IntervalValue, "low" | "high"> | null | undefined) {
  return { [name]: estimate, [`${name}Low`]: interval?.low ?? null, [`${name}High`]: interval?.high ?? null } as Record<N | `${N}Low` | `${N}High`, number | null>;
}
