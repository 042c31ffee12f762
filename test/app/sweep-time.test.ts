import { describe, expect, it } from "vitest";
import { formatSeconds, sweepSeconds, timeBreakdown } from "../../app/lib/sweepTime";

describe("a sweep's time as pages show it", () => {
  it("is scoring plus completion, with the parts spelled out", () => {
    const sweep = { wallSeconds: 0.42, inferenceSeconds: 0.31, completionSeconds: 0.55 };
    expect(sweepSeconds(sweep)).toBeCloseTo(0.97, 12);
    expect(timeBreakdown(sweep)).toBe("0.97 s: scoring 0.42 s (inference 0.31 s), storing and ranking 0.55 s");
  });

  it("says what is missing instead of reading as zero", () => {
    expect(sweepSeconds({ wallSeconds: null, inferenceSeconds: null, completionSeconds: null })).toBeNull();
    expect(formatSeconds(sweepSeconds({}))).toBe("—");
    expect(timeBreakdown({})).toMatch(/not recorded/);
    // A sweep still scoring has no completion yet: its time so far is its scoring time.
    expect(timeBreakdown({ wallSeconds: 12.345, inferenceSeconds: 10 })).toBe("12.3 s: scoring 12.3 s (inference 10.0 s), storing and ranking —");
  });
});
