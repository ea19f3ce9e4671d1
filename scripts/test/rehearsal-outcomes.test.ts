// How the release rehearsal judges what a consumer printed (scripts/lib/rehearsal/outcomes.ts).
import { describe, expect, it } from "@jest/globals";
import { judgeOutcomes, type DeleteOutcome } from "../lib/rehearsal/outcomes.js";

const notFound = {
  isProblemError: true,
  instanceOfProblemError: true,
  status: 404,
  title: "Not Found",
  message: "Not Found (HTTP 404)",
};
const good: DeleteOutcome[] = [
  { provider: "ampersand", deleted: true, notFound },
  { provider: "basic", deleted: true, notFound },
];
const printed = (outcomes: unknown) => `some log line\n${JSON.stringify(outcomes)}\n`;

describe("judgeOutcomes", () => {
  it("passes a consumer that deleted and caught both 404s as problems", () => {
    expect(judgeOutcomes("cjs", printed(good))).toEqual({ outcomes: good, failures: [] });
  });

  it("names the consumer, the provider and what fell short", () => {
    const bad = [
      { provider: "ampersand", deleted: false, notFound: { ...notFound, status: 500 } },
      {
        provider: "basic",
        deleted: true,
        notFound: { ...notFound, instanceOfProblemError: false },
      },
    ];
    expect(judgeOutcomes("browser", printed(bad)).failures).toEqual([
      "browser, ampersand: the delete did not succeed",
      "browser, ampersand: expected a 404 problem",
      "browser, basic: the 404 is not an instance of the ProblemError class exported",
    ]);
  });

  it("fails a consumer that printed nothing usable or left a provider out", () => {
    expect(judgeOutcomes("esm", "TypeError: boom").failures).toEqual([
      "esm: printed no outcomes: TypeError: boom",
    ]);
    expect(judgeOutcomes("esm", printed([good[0]])).failures).toEqual(["esm, basic: no outcome"]);
    expect(judgeOutcomes("esm", printed({})).failures).toHaveLength(2);
  });
});
