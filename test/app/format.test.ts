// Number formatting of the dashboard's statistics (app/lib/format.ts).
import { describe, expect, it } from "vitest";
import { formatInterval, formatNum, formatPercentile, formatPercentile100, formatUtc } from "../../app/lib/format";

describe("formatInterval", () => {
  it("keeps one notation across estimate and bounds", () => {
    expect(formatInterval({ estimate: -0.37, low: -0.64, high: 0.0041 })).toBe("\u22120.37 [\u22120.64, 0.00]");
    expect(formatInterval({ estimate: 0.06, low: -0.03, high: 0.15 })).toBe("0.06 [\u22120.03, 0.15]");
  });
  it("switches to exponential only when every part is below the shown precision", () => {
    expect(formatInterval({ estimate: 0.0004, low: -0.0001, high: 0.0009 })).toBe("4.0e-4 [\u22121.0e-4, 9.0e-4]");
    expect(formatInterval({ estimate: 0.0004, low: 0, high: 0.0009 }, 4)).toBe("0.0004 [0.0000, 0.0009]");
  });
  it("never shows a negative zero", () => {
    expect(formatInterval({ estimate: -0.0001, low: -0.038, high: 0.049 }, 3)).toBe("0.000 [\u22120.038, 0.049]");
  });
  it("shows missing values as a dash", () => {
    expect(formatInterval(null)).toBe("—");
    expect(formatInterval({ estimate: Number.NaN, low: 0.1, high: 0.2 })).toBe("— [0.10, 0.20]");
    expect(formatNum(undefined)).toBe("—");
  });
});

describe("formatPercentile", () => {
  // percentile = 1 - (rank - 1) / (tokenCount - 1), as the API defines it
  const percentile = (rank: number, count: number) => 1 - (rank - 1) / (count - 1);
  it("shows the ends exactly and never rounds a near-end token onto them", () => {
    expect(formatPercentile(percentile(1, 262_145))).toBe("100");
    expect(formatPercentile(percentile(262_145, 262_145))).toBe("0");
    expect(formatPercentile(percentile(2, 262_145))).toBe("99.9996");
    expect(formatPercentile(percentile(20, 128_256))).toBe("99.99");
    expect(formatPercentile(percentile(128_250, 128_256))).toBe("0.005");
  });
  it("keeps one decimal away from the ends", () => {
    expect(formatPercentile(percentile(26_694, 262_145))).toBe("89.8");
    expect(formatPercentile100(56.44)).toBe("56.4");
    expect(formatPercentile100(0.34)).toBe("0.3");
  });
  it("bounds what a vocabulary too large for four decimals would show", () => {
    expect(formatPercentile(1 - 1e-8)).toBe(">99.9999");
    expect(formatPercentile(1e-8)).toBe("<0.0001");
    expect(formatPercentile(null)).toBe("—");
  });
});

describe("formatUtc", () => {
  it("shows every moment in UTC to the second, the zone named, whatever offset it was sent with", () => {
    expect(formatUtc("2025-06-01T14:03:07.123Z")).toBe("2025-06-01 14:03:07 UTC");
    expect(formatUtc("2025-06-01T16:03:07+02:00")).toBe("2025-06-01 14:03:07 UTC");
    expect(formatUtc(null)).toBe("—");
    expect(formatUtc("not a date")).toBe("—");
  });
});
