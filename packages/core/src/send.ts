// The fetch every client hands to openapi-fetch: one call becomes up to 1 + maxRetries attempts,
// each with its own timeout, each sending the request afresh, all ending at once when the
// caller aborts. Nothing (timer, listener, socket) outlives the call.
import {
  AbortError,
  attachSecrets,
  ConnectionError,
  parseProblem,
  parseRfc3339,
  retryAfterFromHeaders,
  TimeoutError,
  type TransportErrorInit,
} from "@apiclients/problem";
import { delayForResponse, backoffDelay, retriesFor, type RetryOptions } from "./retry-policy.js";

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export interface SendOptions {
  /** fetch to call; undefined means globalThis.fetch, looked up per call. */
  fetch: FetchLike | undefined;
  timeoutMs: number;
  retry: RetryOptions;
  /** The client's credentials, blanked out of every error. */
  secrets: readonly string[];
}

/** Statuses whose responses never have a body (and HEAD responses). */
const NO_BODY = new Set([101, 103, 204, 205, 304]);

const TIMED_OUT = Symbol("timed out");

/** setTimeout treats longer delays as 1 ms; cap them (about 24.8 days) instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Waits, unless the caller aborts first. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    };
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(done, Math.min(ms, MAX_TIMER_MS));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Whether a response has a body to read (HEAD answers and some statuses never do). */
function hasBody(response: Response, method: string): boolean {
  return response.body !== null && !NO_BODY.has(response.status) && method !== "HEAD";
}

/**
 * Reads the whole body inside the attempt, so its timeout covers it and a connection that breaks
 * mid-body is a retryable connection error rather than a failure in the caller's hands.
 */
async function buffered(response: Response): Promise<Response> {
  const bytes = await response.arrayBuffer();
  const copy = new Response(bytes.byteLength === 0 ? null : bytes, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // A constructed Response has no url; keep the real one (it resolves relative problem types).
  Object.defineProperty(copy, "url", { value: response.url });
  return copy;
}

/**
 * One attempt, under a signal that fires on the timeout or, when the caller passed a signal,
 * on the caller's abort. (Listening to a signal nobody can abort would only cost time.)
 */
async function attempt(
  request: Request,
  init: RequestInit | undefined,
  caller: AbortSignal | undefined,
  options: SendOptions,
): Promise<Response> {
  const send = options.fetch ?? globalThis.fetch;
  if (options.timeoutMs === Infinity) {
    // No timeout: request.signal already follows the caller's signal, if there is one.
    const response = await send(request, init);
    return hasBody(response, request.method) ? await buffered(response) : response;
  }
  const controller = new AbortController();
  const onAbort = () => controller.abort(caller!.reason);
  caller?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(
    () => controller.abort(TIMED_OUT),
    Math.min(options.timeoutMs, MAX_TIMER_MS),
  );
  try {
    // The signal goes in init rather than a new Request: fetch builds its Request from the two
    // anyway, so this costs nothing beyond what openapi-fetch's own call would.
    const response = await send(request, { ...init, signal: controller.signal });
    return hasBody(response, request.method) ? await buffered(response) : response;
  } finally {
    clearTimeout(timer);
    caller?.removeEventListener("abort", onAbort);
  }
}

/** What the server said about retrying, read from a buffered error response. */
async function adviceOf(response: Response) {
  const retryAfter = retryAfterFromHeaders(response.headers);
  if (response.body === null || !/json/i.test(response.headers.get("content-type") ?? "")) {
    return { status: response.status, retryAfter };
  }
  const problem = parseProblem(await response.clone().text(), { status: response.status });
  return {
    status: response.status,
    retryable: problem.retryable,
    retryAfter: parseRfc3339(problem.retryAfter) ?? retryAfter,
  };
}

/**
 * Set on the request (through openapi-fetch, which copies unknown per-call options onto its
 * Request) when the caller passed a signal: request.signal then follows the caller's.
 */
export const CALLER_SIGNAL = "apiclientsCallerSignal";

export function createSend(options: SendOptions): FetchLike {
  return async function send(request, init) {
    const caller =
      (request as unknown as Record<string, unknown>)[CALLER_SIGNAL] === true
        ? request.signal
        : undefined;
    const maxRetries = retriesFor(request.method, options.retry);
    const errorInit = (attempts: number, cause: unknown): TransportErrorInit => ({
      method: request.method,
      url: request.url,
      attempts,
      cause,
      secrets: options.secrets,
    });

    for (let retry = 0; ; retry++) {
      const more = retry < maxRetries;
      // Keep the original unread while another attempt may follow: each attempt gets a fresh copy.
      const input = more && request.body !== null ? request.clone() : request;
      let delay: number | undefined;
      let response: Response | undefined;
      try {
        if (caller?.aborted) throw caller.reason;
        response = await attempt(input, init, caller, options);
      } catch (error) {
        if (caller?.aborted) throw new AbortError(errorInit(retry + 1, caller.reason));
        const timedOut =
          error === TIMED_OUT || (error as { cause?: unknown } | null)?.cause === TIMED_OUT;
        const failure = timedOut
          ? new TimeoutError({ ...errorInit(retry + 1, undefined), timeoutMs: options.timeoutMs })
          : new ConnectionError(errorInit(retry + 1, error));
        if (!more) throw failure;
        delay = backoffDelay(retry, options.retry);
      }
      if (response) {
        delay =
          more && response.status >= 400
            ? delayForResponse(await adviceOf(response), retry, options.retry)
            : undefined;
        if (delay === undefined) {
          if (response.status >= 400) attachSecrets(response, options.secrets);
          return response;
        }
      }
      try {
        await sleep(delay!, caller);
      } catch (reason) {
        throw new AbortError(errorInit(retry + 1, reason));
      }
    }
  };
}
