// What an error answer says about sending the request again: whether it may succeed, and when.
// ProblemError reports it; @apiclients/core's retry loop decides by it, before (and without)
// parsing the whole problem.
import { isRetryableStatus } from "./http-status.js";
import { retryAfterFromHeaders } from "./response-headers.js";
import { parseRfc3339 } from "./rfc3339.js";

export interface RetryHints {
  /** Whether the same request may succeed if sent again: the body's `retryable`, else the status. */
  retryable: boolean;
  /** When to send it again, if the server said: the body's `retryAfter`, else the headers. */
  retryAfter: Date | undefined;
}

/**
 * The retry hints of an error answer: its status, its body (parsed, or as text) and, when given,
 * its headers (`Retry-After`, `retry-after-ms`); the body's word wins over the headers'.
 */
export function retryHints(status: number, body: unknown, headers?: Headers): RetryHints {
  const members =
    body !== null && typeof body === "object" && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  return {
    retryable:
      typeof members.retryable === "boolean" ? members.retryable : isRetryableStatus(status),
    retryAfter: parseRfc3339(members.retryAfter) ?? (headers && retryAfterFromHeaders(headers)),
  };
}
