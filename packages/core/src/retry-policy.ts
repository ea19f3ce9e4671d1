// When to send a request again, and how long to wait first.
import { isRetryableStatus } from "@apiclients/problem";

/** Methods that may be repeated without changing the outcome (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

export interface RetryOptions {
  /** Retries after the first attempt; 0 turns retrying off. */
  maxRetries: number;
  /** Also retry POST and PATCH, which may not be safe to repeat. */
  retryNonIdempotent: boolean;
  /** First backoff delay; each retry doubles it. */
  initialDelayMs: number;
  /** Cap on a backoff delay. */
  maxDelayMs: number;
  /** A server asking to wait longer than this is not waited for: the error is returned at once. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxRetries: 2,
  retryNonIdempotent: false,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

export function retriesFor(method: string, options: RetryOptions): number {
  return options.retryNonIdempotent || IDEMPOTENT.has(method) ? options.maxRetries : 0;
}

/** Exponential backoff with a cap, less up to 25% jitter so clients that failed together spread out. */
export function backoffDelay(
  retry: number,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  const base = Math.min(options.initialDelayMs * 2 ** retry, options.maxDelayMs);
  return Math.round(base * (1 - 0.25 * random()));
}

export interface ServerAdvice {
  status: number;
  /** The problem body's `retryable`, if it had one. */
  retryable?: boolean;
  /** When the server said to try again (body `retryAfter`, Retry-After, retry-after-ms). */
  retryAfter?: Date;
}

/**
 * How long to wait before retrying a response, or undefined to return it as it is. The server's
 * word wins: `retryable: false` stops, `retryable: true` retries whatever the status, and its
 * delay is used when it gives one, unless that delay is beyond maxRetryAfterMs.
 */
export function delayForResponse(
  advice: ServerAdvice,
  retry: number,
  options: RetryOptions,
  now = Date.now(),
): number | undefined {
  const retryable = advice.retryable ?? isRetryableStatus(advice.status);
  if (!retryable || advice.status < 400) return undefined;
  if (advice.retryAfter) {
    const wait = Math.max(0, advice.retryAfter.getTime() - now);
    return wait > options.maxRetryAfterMs ? undefined : wait;
  }
  return backoffDelay(retry, options);
}
