// The Operations section of a generated README: one line per operation whatever the spec puts in
// its summaries (lib/codegen/operations.ts shortSummary), and counts in plain English
// (lib/codegen/readme.ts counted). Through `pnpm generate`, generate.test.ts checks the lines.
import { describe, expect, it } from "@jest/globals";
import { shortSummary, SUMMARY_LENGTH } from "../lib/codegen/operations.js";
import { counted } from "../lib/codegen/readme.js";

describe("shortSummary", () => {
  it("keeps a short summary as it is", () => {
    expect(shortSummary("Delete a JWT key")).toBe("Delete a JWT key");
  });

  it("keeps the first sentence of several", () => {
    expect(shortSummary("Lists the keys. Pages by cursor; see `after`.")).toBe("Lists the keys.");
    expect(shortSummary("Is it there? Answers 404 when not.")).toBe("Is it there?");
  });

  it("does not end a sentence at an abbreviation or a version number", () => {
    expect(shortSummary("Lists keys, e.g. the active ones. More.")).toBe(
      "Lists keys, e.g. the active ones.",
    );
    expect(shortSummary("Works as in v1.2 of the API. Then more.")).toBe(
      "Works as in v1.2 of the API.",
    );
  });

  it("makes one line of a summary written over several", () => {
    expect(shortSummary("  Creates\n a   key\tfor a project  ")).toBe(
      "Creates a key for a project",
    );
  });

  it("cuts a long sentence at a word, with an ellipsis", () => {
    const long = `Returns ${"every connection of the project and its installation ".repeat(8)}now`;
    const short = shortSummary(long);
    expect(short.length).toBeLessThanOrEqual(SUMMARY_LENGTH + 1);
    expect(short.endsWith("…")).toBe(true);
    expect(long.startsWith(short.slice(0, -1))).toBe(true);
    expect(long[short.length - 1]).toBe(" "); // the cut falls between words
  });

  it("cuts a long word that has no space to cut at", () => {
    const short = shortSummary("x".repeat(500));
    expect(short).toBe(`${"x".repeat(SUMMARY_LENGTH)}…`);
  });

  it("gives nothing for nothing", () => {
    expect(shortSummary("")).toBe("");
    expect(shortSummary("   ")).toBe("");
  });
});

describe("counted", () => {
  it.each([
    [0, "no operations"],
    [1, "one operation"],
    [2, "2 operations"],
    [182, "182 operations"],
  ])("%i operation(s): %s", (count, text) => {
    expect(counted(count, "operation")).toBe(text);
  });
});
