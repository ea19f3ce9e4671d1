// What a consumer must have seen for the rehearsal to pass: for each provider, its first call
// succeeded, and its failing call arrived as a ProblemError with the expected status
// (examples/consumers/scenario.ts). Pure: the expected providers and statuses are passed in.
import { isDeepStrictEqual } from "node:util";

/** One provider's outcome as a consumer prints it (the consumers are separate projects, so the
 * type is restated here rather than imported). */
export interface CallOutcome {
  provider: string;
  succeeded: boolean;
  failure: {
    isProblemError: boolean;
    instanceOfProblemError: boolean;
    status: number;
    title: string;
    message: string;
  } | null;
}

/** A provider the consumer must cover, and the status its failing call gets (null: none). */
export interface ExpectedOutcome {
  provider: string;
  failureStatus: number | null;
}

/** Parses a consumer's printed outcomes; returns them with every way they fall short. */
export function judgeOutcomes(
  consumer: string,
  printed: string,
  expected: ExpectedOutcome[],
): { outcomes?: CallOutcome[]; failures: string[] } {
  let outcomes: CallOutcome[];
  try {
    outcomes = JSON.parse(printed.trim().split("\n").at(-1) ?? "") as CallOutcome[];
  } catch {
    return { failures: [`${consumer}: printed no outcomes: ${printed.slice(0, 500)}`] };
  }
  const failures: string[] = [];
  for (const { provider, failureStatus } of expected) {
    const outcome = Array.isArray(outcomes)
      ? outcomes.find((o) => o?.provider === provider)
      : undefined;
    const where = `${consumer}, ${provider}`;
    if (!outcome) {
      failures.push(`${where}: no outcome`);
      continue;
    }
    if (outcome.succeeded !== true) failures.push(`${where}: the first call did not succeed`);
    if (failureStatus === null) continue;
    const { failure } = outcome;
    if (failure?.status !== failureStatus)
      failures.push(`${where}: expected a ${failureStatus} problem`);
    if (failure?.isProblemError !== true) failures.push(`${where}: not a ProblemError`);
    if (failure?.instanceOfProblemError !== true)
      failures.push(
        `${where}: the ${failureStatus} is not an instance of the ProblemError class exported`,
      );
    if (!failure?.title) failures.push(`${where}: the problem has no title`);
  }
  return { outcomes, failures };
}

// ── The React consumer: openapi-react-query and swr-openapi on our clients ────────────────────

/** A request the browser sent and the answer it got, as the rehearsal recorded them. */
export interface Exchange {
  /** The value of the request's marker header: which hook call sent it. */
  call: string;
  method: string;
  url: string;
  /** Names in lower case. */
  requestHeaders: Record<string, string>;
  status: number;
  /** The answer's body as text ("" when it has none). */
  body: string;
}

/** One hook call's outcome, as the React page renders it (restated from its src/cases.ts). */
export interface HookOutcome {
  provider: string;
  library: string;
  operation: string;
  call: "ok" | "fail";
  marker: string;
  status: string;
  data?: unknown;
  error?: unknown;
  errorIsError: boolean;
}

/** A call the React page must make with a library, on a provider's client. */
export interface ExpectedHookCall {
  provider: string;
  library: string;
  method: string;
  path: string;
  /** The credential the call sends (only our client knows where it goes), or null. */
  credential: string | null;
  /** The status the failing call gets, or null when there is none to make. */
  failureStatus: number | null;
}

export interface ExpectedHooks {
  calls: ExpectedHookCall[];
  /** Libraries left out for a provider (swr-openapi without a GET to make). */
  skipped: Array<{ provider: string; library: string }>;
}

export interface HookReport {
  outcomes: HookOutcome[];
  skipped: Array<{ provider: string; library: string; reason: string }>;
  /** What went over the network, one line a request: "<marker>: DELETE <url> → 204". */
  requests?: string[];
}

/** A body as openapi-fetch reads it: nothing, parsed JSON, or else the text. */
function parsedBody(body: string): unknown {
  if (body === "") return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

const brief = (value: unknown) => {
  const text = value === undefined ? "undefined" : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

/** Whether a URL's path is the operation's path template, its placeholders filled. */
const pathMatches = (url: string, template: string) =>
  new RegExp(
    `${template
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("[^/]+")}$`,
  ).test(new URL(url).pathname);

/**
 * Judges the React page: for each expected call, the library's hook surfaced the data of the
 * request our client sent (the credential on it, the operation's method and path), and for the
 * failing call an `error` that is the answer's parsed body, as openapi-fetch's contract says.
 * `printed` is the page's #outcome text; `exchanges` what the browser sent and got.
 */
export function judgeHookOutcomes(
  consumer: string,
  printed: string,
  exchanges: Exchange[],
  expected: ExpectedHooks,
): { report?: HookReport; failures: string[] } {
  let report: HookReport;
  try {
    report = JSON.parse(printed) as HookReport;
    if (!Array.isArray(report.outcomes) || !Array.isArray(report.skipped)) throw new Error();
  } catch {
    return { failures: [`${consumer}: printed no outcomes: ${printed.slice(0, 500)}`] };
  }
  const failures: string[] = [];
  for (const c of expected.calls)
    for (const call of ["ok", "fail"] as const) {
      if (call === "fail" && c.failureStatus === null) continue;
      const where = `${consumer}, ${c.provider}, ${c.library}${call === "fail" ? ", the failing call" : ""}`;
      const outcome = report.outcomes.find(
        (o) => o?.provider === c.provider && o.library === c.library && o.call === call,
      );
      if (!outcome) {
        failures.push(`${where}: no outcome`);
        continue;
      }
      const sent = exchanges.filter((e) => e.call === outcome.marker);
      const exchange = sent[0];
      if (call === "ok" && outcome.status !== "success")
        failures.push(`${where}: ${c.method} ${c.path} did not succeed: ${brief(outcome.error)}`);
      if (call === "fail" && outcome.status !== "error")
        failures.push(`${where}: the hook reported ${outcome.status}, not an error`);
      if (!exchange) {
        failures.push(`${where}: no request of this call reached the network`);
        continue;
      }
      if (sent.length > 1) failures.push(`${where}: ${sent.length} requests, not one`);
      if (exchange.method !== c.method || !pathMatches(exchange.url, c.path))
        failures.push(
          `${where}: sent ${exchange.method} ${exchange.url}, not ${c.method} ${c.path}`,
        );
      const body = parsedBody(exchange.body);
      if (call === "ok") {
        if (exchange.status < 200 || exchange.status > 299)
          failures.push(`${where}: the mock answered ${exchange.status}`);
        if (
          c.credential !== null &&
          !Object.values(exchange.requestHeaders).some((v) => v.includes(c.credential!))
        )
          failures.push(
            `${where}: the request carried no credential, so our client did not send it (headers: ${Object.keys(exchange.requestHeaders).join(", ")})`,
          );
        const arrived =
          body === undefined ? outcome.data == null : isDeepStrictEqual(outcome.data, body);
        if (outcome.status === "success" && !arrived)
          failures.push(
            `${where}: data is ${brief(outcome.data)}, not the answer's body ${brief(body)}`,
          );
      } else {
        if (exchange.status !== c.failureStatus)
          failures.push(`${where}: the mock answered ${exchange.status}, not ${c.failureStatus}`);
        if (outcome.errorIsError)
          failures.push(
            `${where}: error is an Error (${brief(outcome.error)}), where openapi-fetch's contract has the answer's parsed body`,
          );
        else if (!isDeepStrictEqual(outcome.error, body))
          failures.push(
            `${where}: error is ${brief(outcome.error)}, not the answer's parsed body ${brief(body)}`,
          );
      }
    }
  for (const s of expected.skipped)
    if (!report.skipped.some((r) => r?.provider === s.provider && r.library === s.library))
      failures.push(`${consumer}, ${s.provider}, ${s.library}: left out without saying why`);
  report.requests = exchanges.map((e) => `${e.call}: ${e.method} ${e.url} → ${e.status}`);
  return { report, failures };
}
