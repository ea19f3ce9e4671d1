// What an error response's headers say about it: its request id, and when to try again.

/** Largest delay a header may express before it is treated as nonsense (about 100 years). */
const MAX_DELAY_MS = 100 * 365 * 24 * 3600 * 1000;

/**
 * When the server says the request may be retried: `retry-after-ms` (milliseconds, a de facto
 * standard), then `Retry-After` (RFC 9110: delay-seconds or an HTTP-date). Undefined when absent
 * or malformed.
 */
export function retryAfterFromHeaders(
  headers: Headers,
  now: number = Date.now(),
): Date | undefined {
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms) && Number(ms) <= MAX_DELAY_MS)
    return new Date(now + Number(ms));
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) {
    const seconds = Number(value);
    return seconds * 1000 <= MAX_DELAY_MS ? new Date(now + seconds * 1000) : undefined;
  }
  // An HTTP-date; Date.parse reads IMF-fixdate and the two obsolete forms in every engine.
  if (!/^[A-Za-z]{3},? /.test(value) && !/^[A-Za-z]+, \d/.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time) : undefined;
}

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid", "x-correlation-id"];

/** The request id a server put in its response headers, if any. */
export function requestIdFromHeaders(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name)?.trim();
    if (value) return value;
  }
  return undefined;
}
