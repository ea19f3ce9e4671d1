// How the release rehearsal judges what a consumer printed (scripts/lib/rehearsal/outcomes.ts).
import { describe, expect, it } from "@jest/globals";
import { judgeOutcomes, type CallOutcome } from "../lib/rehearsal/outcomes.js";

const failure = (status: number) => ({
  isProblemError: true,
  instanceOfProblemError: true,
  status,
  title: "Not Found",
  message: `${status} Not Found`,
});
const expected = [
  { provider: "alpha", failureStatus: 404 },
  { provider: "beta", failureStatus: 401 },
  { provider: "gamma", failureStatus: null },
];
const good: CallOutcome[] = [
  { provider: "alpha", succeeded: true, failure: failure(404) },
  { provider: "beta", succeeded: true, failure: failure(401) },
  { provider: "gamma", succeeded: true, failure: null },
];
const printed = (outcomes: unknown) => `some log line\n${JSON.stringify(outcomes)}\n`;

describe("judgeOutcomes", () => {
  it("passes a consumer whose every provider made its first call and caught its failure as a problem", () => {
    expect(judgeOutcomes("cjs", printed(good), expected)).toEqual({ outcomes: good, failures: [] });
  });

  it("names the consumer, the provider and what fell short", () => {
    const bad = [
      { provider: "alpha", succeeded: false, failure: failure(500) },
      {
        provider: "beta",
        succeeded: true,
        failure: { ...failure(401), instanceOfProblemError: false },
      },
      { provider: "gamma", succeeded: true, failure: null },
    ];
    expect(judgeOutcomes("browser", printed(bad), expected).failures).toEqual([
      "browser, alpha: the first call did not succeed",
      "browser, alpha: expected a 404 problem",
      "browser, beta: the 401 is not an instance of the ProblemError class exported",
    ]);
  });

  it("fails a consumer that printed nothing usable or left a provider out", () => {
    expect(judgeOutcomes("esm", "TypeError: boom", expected).failures).toEqual([
      "esm: printed no outcomes: TypeError: boom",
    ]);
    expect(judgeOutcomes("esm", printed(good.slice(0, 2)), expected).failures).toEqual([
      "esm, gamma: no outcome",
    ]);
    expect(judgeOutcomes("esm", printed({}), expected).failures).toHaveLength(3);
  });
});
