// What the React page runs: for each provider of the manifest, the hook calls the release
// rehearsal writes into ./providers.ts (scripts/lib/rehearsal/consumer-providers.ts). Each
// `use` is a library's hook on the provider's published client, spelled out with the
// operation's literal method and path, so strict TypeScript checks it against the published
// types the way it checks a user's code.

/** What a hook returned: TanStack Query's and SWR's results both have these. */
export interface HookState {
  status: string;
  data: unknown;
  error: unknown;
}

export interface HookCase {
  provider: string;
  library: "openapi-react-query" | "swr-openapi";
  /** "GET /things/{id}" */
  operation: string;
  /** The status the failing call gets, or null when the spec gives no way to make one fail. */
  failureStatus: number | null;
  /**
   * The library's hook making the call: as the README makes it, or, with `fail`, asking the
   * mock for the error status (or leaving the credential out). `marker` goes in a request header
   * so that the rehearsal can find the request among the page's.
   */
  use(baseUrl: string, fail: boolean, marker: string): HookState;
}

/** A library the page cannot use with a provider, and why (swr-openapi fetches with GET only). */
export interface Skipped {
  provider: string;
  library: HookCase["library"];
  reason: string;
}

/** One call's outcome, as the page renders it. */
export interface HookOutcome {
  provider: string;
  library: HookCase["library"];
  operation: string;
  call: "ok" | "fail";
  /** The request header value that marks the call's request. */
  marker: string;
  status: "success" | "error";
  data?: unknown;
  error?: unknown;
  /** Whether `error` is an Error (openapi-fetch's contract: it is the answer's parsed body). */
  errorIsError: boolean;
}
