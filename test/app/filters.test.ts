import { describe, expect, it } from "vitest";
import { filterQuery, resetDependents, toggleValue } from "../../app/lib/filters";

const fields = [
  { kind: "select" as const, name: "prompt", options: [{ value: "greatest" }, { value: "best" }] },
  { kind: "checkboxes" as const, name: "models", options: [{ value: "a" }, { value: "b" }, { value: "c" }] },
];

describe("filter bar query", () => {
  it("keeps a partial model selection in option order and drops a full one", () => {
    expect(filterQuery(fields, { prompt: "best", models: ["c", "a"] })).toBe("prompt=best&models=a%2Cc");
    expect(filterQuery(fields, { prompt: "best", models: ["a", "b", "c"] })).toBe("prompt=best");
    expect(filterQuery(fields, { prompt: "", models: [] })).toBe("");
  });

  it("appends kept parameters the bar does not show, never overriding a control", () => {
    expect(filterQuery(fields, { prompt: "best", models: ["a"] }, { group: "g1", prompt: "greatest", empty: "" })).toBe("prompt=best&models=a&group=g1");
  });

  it("never unchecks the last checked box", () => {
    expect(toggleValue(["a", "b"], "a", false)).toEqual(["b"]);
    expect(toggleValue(["a"], "a", false)).toBeNull();
    expect(toggleValue(["a"], "b", true)).toEqual(["a", "b"]);
  });

  it("drops a choice whose meaning depends on a field that changed (a model pair after the models change)", () => {
    const withPair = [...fields, { kind: "select" as const, name: "pair", options: [{ value: "a~b" }, { value: "a~c" }], resetWith: ["models", "prompt"] }];
    const before = { prompt: "best", models: ["a", "b", "c"], pair: "a~c" };
    // Unchecking a model (or changing the prompt) drops the pair; the view picks its default again.
    expect(resetDependents(withPair, before, { ...before, models: ["a", "b"] })).toEqual({ prompt: "best", models: ["a", "b"], pair: "" });
    expect(filterQuery(withPair, resetDependents(withPair, before, { ...before, prompt: "greatest" }))).toBe("prompt=greatest");
    // Choosing a pair, or changing nothing it depends on, keeps it.
    expect(resetDependents(withPair, before, { ...before, pair: "a~b" })).toEqual({ ...before, pair: "a~b" });
    expect(resetDependents(fields, before, { ...before, models: ["a"] })).toEqual({ ...before, models: ["a"] });
  });
});
