// How the release rehearsal judges what a consumer printed (scripts/lib/rehearsal/outcomes.ts).
import { describe, expect, it } from "@jest/globals";
import {
  judgeHookOutcomes,
  judgeOutcomes,
  type CallOutcome,
  type Exchange,
  type ExpectedHooks,
  type HookOutcome,
} from "../lib/rehearsal/outcomes.js";

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

describe("judgeHookOutcomes", () => {
  const expectedHooks: ExpectedHooks = {
    calls: [
      {
        provider: "alpha",
        library: "openapi-react-query",
        method: "DELETE",
        path: "/things/{id}",
        credential: "rehearsal-key",
        failureStatus: 404,
      },
      {
        provider: "alpha",
        library: "swr-openapi",
        method: "GET",
        path: "/things",
        credential: "rehearsal-key",
        failureStatus: null,
      },
    ],
    skipped: [{ provider: "beta", library: "swr-openapi" }],
  };
  const outcome = (library: string, call: "ok" | "fail", rest: Partial<HookOutcome>) => ({
    provider: "alpha",
    library,
    operation: "",
    call,
    marker: `alpha ${library} ${call}`,
    status: "success",
    errorIsError: false,
    ...rest,
  });
  const exchange = (call: string, rest: Partial<Exchange>): Exchange => ({
    call,
    method: "GET",
    url: "http://127.0.0.1:4010/things",
    requestHeaders: { "x-api-key": "rehearsal-key", "x-rehearsal-call": call },
    status: 200,
    body: "",
    ...rest,
  });
  const notFound = { type: "about:blank", title: "Not Found", status: 404 };
  const outcomes = [
    outcome("openapi-react-query", "ok", {}),
    outcome("openapi-react-query", "fail", { status: "error", error: notFound }),
    outcome("swr-openapi", "ok", { data: [{ id: 1 }] }),
  ];
  const skipped = [{ provider: "beta", library: "swr-openapi", reason: "no GET" }];
  const exchanges = [
    exchange("alpha openapi-react-query ok", {
      method: "DELETE",
      url: "http://127.0.0.1:4010/things/a%20b",
      status: 204,
    }),
    exchange("alpha openapi-react-query fail", {
      method: "DELETE",
      url: "http://127.0.0.1:4010/things/1",
      status: 404,
      body: JSON.stringify(notFound),
    }),
    exchange("alpha swr-openapi ok", { body: '[{"id":1}]' }),
  ];
  const page = (o: unknown[], s: unknown[] = skipped) =>
    JSON.stringify({ outcomes: o, skipped: s });

  it("passes data that is the answer's body and an error that is the answer's parsed body", () => {
    const judged = judgeHookOutcomes("react", page(outcomes), exchanges, expectedHooks);
    expect(judged.failures).toEqual([]);
    expect(judged.report?.requests).toEqual([
      "alpha openapi-react-query ok: DELETE http://127.0.0.1:4010/things/a%20b → 204",
      "alpha openapi-react-query fail: DELETE http://127.0.0.1:4010/things/1 → 404",
      "alpha swr-openapi ok: GET http://127.0.0.1:4010/things → 200",
    ]);
  });

  it("says what fell short: the call, the request, the credential, the data and the error", () => {
    const bad = [
      outcome("openapi-react-query", "ok", { status: "error", error: "TypeError: boom" }),
      outcome("openapi-react-query", "fail", {
        status: "error",
        error: "ProblemError: 404 Not Found",
        errorIsError: true,
      }),
      outcome("swr-openapi", "ok", { data: [] }),
    ];
    const sent = [
      exchanges[0]!,
      { ...exchanges[1]!, status: 400 },
      { ...exchanges[2]!, url: "http://127.0.0.1:4010/other", requestHeaders: {} },
      exchanges[2]!,
    ];
    expect(judgeHookOutcomes("react", page(bad, []), sent, expectedHooks).failures).toEqual([
      'react, alpha, openapi-react-query: DELETE /things/{id} did not succeed: "TypeError: boom"',
      "react, alpha, openapi-react-query, the failing call: the mock answered 400, not 404",
      "react, alpha, openapi-react-query, the failing call: error is an Error (\"ProblemError: 404 Not Found\"), where openapi-fetch's contract has the answer's parsed body",
      "react, alpha, swr-openapi: 2 requests, not one",
      "react, alpha, swr-openapi: sent GET http://127.0.0.1:4010/other, not GET /things",
      "react, alpha, swr-openapi: the request carried no credential, so our client did not send it (headers: )",
      'react, alpha, swr-openapi: data is [], not the answer\'s body [{"id":1}]',
      "react, beta, swr-openapi: left out without saying why",
    ]);
  });

  it("fails an error that is not the body, a call that never left, and a page without outcomes", () => {
    const wrongError = outcomes.map((o) =>
      o.call === "fail" ? { ...o, error: { ...notFound, title: "Other" } } : o,
    );
    expect(judgeHookOutcomes("react", page(wrongError), exchanges, expectedHooks).failures).toEqual(
      [
        `react, alpha, openapi-react-query, the failing call: error is ${JSON.stringify({ ...notFound, title: "Other" })}, not the answer's parsed body ${JSON.stringify(notFound)}`,
      ],
    );
    expect(
      judgeHookOutcomes("react", page(outcomes), exchanges.slice(1), expectedHooks).failures,
    ).toEqual(["react, alpha, openapi-react-query: no request of this call reached the network"]);
    expect(judgeHookOutcomes("react", "waiting for: x", [], expectedHooks).failures).toEqual([
      "react: printed no outcomes: waiting for: x",
    ]);
    expect(
      judgeHookOutcomes("react", page(outcomes.slice(1)), exchanges, expectedHooks).failures,
    ).toEqual(["react, alpha, openapi-react-query: no outcome"]);
  });
});
