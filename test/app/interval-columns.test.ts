import { describe, expect, it } from "vitest";
import { intervalColumns } from "../../app/lib/intervalColumns";

describe("intervalColumns", () => {
  it("gives the estimate, then its bounds, with null bounds where the interval is undefined", () => {
    expect(Object.entries(intervalColumns("tau", 0.5, { low: 0.4, high: 0.6 }))).toEqual([["tau", 0.5], ["tauLow", 0.4], ["tauHigh", 0.6]]);
    expect(intervalColumns("rho", 0.2, null)).toEqual({ rho: 0.2, rhoLow: null, rhoHigh: null });
  });
});
