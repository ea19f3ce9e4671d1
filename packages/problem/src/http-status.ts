// Reason phrases (RFC 9110) of the statuses APIs commonly answer with: the title of a problem
// whose body says nothing. The rest fall back to the response's own status text, then a class.
const REASONS: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function reasonPhrase(status: number | undefined, statusText?: string): string {
  if (status === undefined) return "Request failed";
  return (
    REASONS[status] ??
    (statusText?.trim() ||
      (status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : `HTTP ${status}`))
  );
}

/** A valid HTTP status code: an integer from 100 to 599. */
export function isHttpStatus(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 100 && value <= 599;
}

/**
 * Statuses worth retrying when the server does not say otherwise: a timeout, a rate limit, and
 * the server errors that are passing by nature. 501 Not Implemented and 505 HTTP Version Not
 * Supported will answer the same way every time, so they are not retried.
 */
const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE.has(status);
}
