// Failures without a usable HTTP answer. Each names the method and the URL (origin and path only:
// a query may carry data worth keeping out of logs), and keeps the underlying error as `cause`,
// with every credential of the request blanked out of it.
import { ApiClientError, brand } from "@apiclients/problem";
import { isErrorLike, redactError } from "./redact.js";

export interface TransportErrorInit {
  /** HTTP method of the request. */
  method: string;
  /** URL of the request; only its origin and path are kept. */
  url: string;
  /** How many attempts were made, retries included. */
  attempts: number;
  cause?: unknown;
  /** Strings to blank out of the cause chain (the request's credentials). */
  secrets?: readonly string[];
}

const MAX_DETAIL_LENGTH = 300;

/** Text from an underlying error, fit for one line of a message. */
function clean(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, " ").trim();
  return line.length > MAX_DETAIL_LENGTH ? `${line.slice(0, MAX_DETAIL_LENGTH - 1)}…` : line;
}

/** undici reports "fetch failed" and keeps the useful part (ECONNRESET, "other side closed") deeper. */
function describeCause(cause: unknown): string {
  let current = cause;
  let detail = "";
  for (let depth = 0; depth < 5 && isErrorLike(current); depth++) {
    const code = (current as { code?: unknown }).code;
    detail = clean(`${typeof code === "string" ? `${code}: ` : ""}${current.message}`);
    current = current.cause;
  }
  return detail;
}

/** The origin and path of a URL: what an error may show of it. */
export function urlForErrors(url: string): string {
  try {
    const parsed = new URL(url);
    return clean(`${parsed.origin}${parsed.pathname}`);
  } catch {
    return "(invalid URL)";
  }
}

const attemptsNote = (attempts: number) => (attempts > 1 ? ` after ${attempts} attempts` : "");

/**
 * The request got no usable HTTP answer: the connection failed, an attempt timed out, the caller
 * aborted, a redirect could not be followed, or a success body did not parse.
 */
export class TransportError extends ApiClientError {
  override name = "TransportError";
  readonly method: string;
  readonly url: string;
  readonly attempts: number;

  constructor(message: string, init: TransportErrorInit) {
    const cause = redactError(init.cause, init.secrets ?? []);
    super(message, cause === undefined ? undefined : { cause });
    this.method = init.method;
    this.url = urlForErrors(init.url);
    this.attempts = init.attempts;
  }

  /** A plain, loggable form. */
  toJSON() {
    const cause = isErrorLike(this.cause)
      ? { name: clean(String(this.cause.name)), message: clean(String(this.cause.message)) }
      : undefined;
    return {
      name: this.name,
      message: this.message,
      method: this.method,
      url: this.url,
      attempts: this.attempts,
      cause,
    };
  }
}

/** The connection failed or broke before a whole response arrived (DNS, refused, reset). */
export class ConnectionError extends TransportError {
  override name = "ConnectionError";
  constructor(init: TransportErrorInit) {
    const detail = describeCause(redactError(init.cause, init.secrets ?? []));
    super(
      `${init.method} ${urlForErrors(init.url)} failed: could not get a response${detail ? ` (${detail})` : ""}${attemptsNote(init.attempts)}`,
      init,
    );
  }
}

/** An attempt waited longer than the client's timeoutMs for the headers or for the body. */
export class TimeoutError extends TransportError {
  override name = "TimeoutError";
  readonly timeoutMs: number;
  constructor(init: TransportErrorInit & { timeoutMs: number; reading?: boolean }) {
    super(
      `${init.method} ${urlForErrors(init.url)} timed out after ${init.timeoutMs} ms${init.reading ? " without data while reading the body" : ""}${attemptsNote(init.attempts)}`,
      init,
    );
    this.timeoutMs = init.timeoutMs;
  }
}

/** The caller aborted the request through its AbortSignal. Named like fetch's own abort error. */
export class AbortError extends TransportError {
  override name = "AbortError";
  constructor(init: TransportErrorInit) {
    super(`${init.method} ${urlForErrors(init.url)} was aborted by the caller`, init);
  }
}

/**
 * A redirect the client would not follow: too many of them, a loop, a Location that is not a
 * URL, or a runtime that hides where a redirect goes. Never retried.
 */
export class RedirectError extends TransportError {
  override name = "RedirectError";
  constructor(init: TransportErrorInit & { reason: string }) {
    super(`${init.method} ${urlForErrors(init.url)} was redirected: ${init.reason}`, init);
  }
}

/** A successful response whose body is not what it claims to be (JSON that does not parse). */
export class InvalidResponseError extends TransportError {
  override name = "InvalidResponseError";
  /** The response's HTTP status. */
  readonly status: number;
  /** The response's Content-Type, as sent ("" when absent). */
  readonly contentType: string;
  constructor(init: TransportErrorInit & { status: number; contentType: string; reason: string }) {
    const contentType = clean(init.contentType);
    super(
      `${init.method} ${urlForErrors(init.url)} answered ${init.status} (${contentType || "no content type"}) with a body that ${init.reason}`,
      init,
    );
    this.status = init.status;
    this.contentType = contentType;
  }

  override toJSON() {
    return { ...super.toJSON(), status: this.status, contentType: this.contentType };
  }
}

/** Whether a value is one of the errors above, from any copy of this package. */
export const isTransportError = brand(TransportError, "@apiclients/core.TransportError");
