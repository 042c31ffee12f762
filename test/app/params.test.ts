import { describe, expect, it } from "vitest";
import { parseNormalization, parseTokenFilter } from "../../app/lib/params";

describe("URL filter options", () => {
  it("reads a known value and falls back to the default for a missing or unknown one", () => {
    expect(parseTokenFilter({ tokens: "words" }).api).toBe("WORDS");
    expect(parseTokenFilter({}).api).toBe("ALL");
    expect(parseTokenFilter({ tokens: "<script>" }).api).toBe("ALL");
    expect(parseNormalization({ norm: "fold" }).api).toBe("STRIP_SPACE_CASEFOLD");
    expect(parseNormalization({ norm: "WORDS" }).api).toBe("PAPER");
  });
});
