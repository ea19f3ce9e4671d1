// When to send a request again, and how long to wait first. The one home of these rules: the
// transport asks this module after every failed attempt.
import type { RetryHints } from "@apiclients/problem";

/** Methods that may be repeated without changing the outcome (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

/** The retry options of a client, named as in ClientOptions. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. */
  maxRetries: number;
  /** Also retry POST and PATCH, which may not be safe to repeat. */
  retryNonIdempotent: boolean;
  /** First backoff delay; each retry doubles it. */
  retryDelayMs: number;
  /** Cap on a backoff delay. */
  maxRetryDelayMs: number;
  /** A server asking to wait longer than this is not waited for: the error is returned at once. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxRetries: 2,
  retryNonIdempotent: false,
  retryDelayMs: 500,
  maxRetryDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** How many retries a request of this method may have. */
export function retriesFor(method: string, policy: RetryPolicy): number {
  return policy.retryNonIdempotent || IDEMPOTENT.has(method) ? policy.maxRetries : 0;
}

/**
 * The wait before retry number `retry + 1` after a failure without an answer: exponential, capped,
 * less up to 25% jitter so clients that failed together spread out.
 */
export function backoffDelay(retry: number, policy: RetryPolicy): number {
  const base = Math.min(policy.retryDelayMs * 2 ** retry, policy.maxRetryDelayMs);
  return Math.round(base * (1 - 0.25 * Math.random()));
}

/**
 * How long to wait before retrying an error answer, or undefined to return it as it is. The
 * server's word wins: its `retryable` (else the status) decides whether, its Retry-After or
 * `retryAfter` when, unless that is beyond maxRetryAfterMs. "Retry at once" (Retry-After: 0, or a
 * time already past) is no reason to skip the backoff, so a server cannot make a client hammer it.
 */
export function delayAfterAnswer(
  hints: RetryHints,
  retry: number,
  policy: RetryPolicy,
): number | undefined {
  if (!hints.retryable) return undefined;
  const wait = hints.retryAfter === undefined ? 0 : hints.retryAfter.getTime() - Date.now();
  if (wait > policy.maxRetryAfterMs) return undefined;
  return wait > 0 ? wait : backoffDelay(retry, policy);
}
