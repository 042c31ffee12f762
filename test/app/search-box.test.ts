// What the token search box shows for the query in the URL (app/lib/tokenText.ts).
import { describe, expect, it } from "vitest";
import { searchBoxText } from "../../app/lib/tokenText";

describe("searchBoxText", () => {
  it("shows a query with a line break as its visible label (an <input> would drop the break)", () => {
    expect(searchBoxText("\n")).toBe("\\n");
    expect(searchBoxText("a\r\nb")).toBe("a\\r\\nb");
  });
  it("leaves every other query as typed, spaces included", () => {
    expect(searchBoxText(" love")).toBe(" love");
    expect(searchBoxText("   ")).toBe("   ");
    expect(searchBoxText("\t")).toBe("\t");
  });
});
