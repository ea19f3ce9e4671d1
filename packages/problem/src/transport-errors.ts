import { isErrorLike, redactError } from "./redact.js";

export interface TransportErrorInit {
  /** HTTP method of the request. */
  method: string;
  /** URL of the request, without query or fragment (they may carry data worth keeping out of logs). */
  url: string;
  /** How many attempts were made, retries included. */
  attempts: number;
  cause?: unknown;
  /** Strings to blank out of the cause chain (the client's credentials). */
  secrets?: readonly string[];
}

function describeCause(cause: unknown): string {
  // undici reports "fetch failed" and keeps the useful part (ECONNRESET, "other side closed") deeper.
  let current = cause;
  let detail = "";
  for (let depth = 0; depth < 5 && isErrorLike(current); depth++) {
    const code = (current as { code?: unknown }).code;
    detail = `${typeof code === "string" ? `${code}: ` : ""}${current.message}`;
    current = current.cause;
  }
  return detail;
}

export function requestUrlForErrors(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url.split(/[?#]/)[0] ?? "";
  }
}

/**
 * The request got no HTTP answer: the connection failed, the attempt timed out, or the caller
 * aborted. `cause` keeps the underlying error.
 */
export class TransportError extends Error {
  override name = "TransportError";
  readonly method: string;
  readonly url: string;
  readonly attempts: number;

  constructor(message: string, init: TransportErrorInit) {
    const cause = redactError(init.cause, init.secrets ?? []);
    super(message, cause === undefined ? undefined : { cause });
    this.method = init.method;
    this.url = requestUrlForErrors(init.url);
    this.attempts = init.attempts;
  }

  /** A plain, loggable form. */
  toJSON() {
    const cause = isErrorLike(this.cause)
      ? { name: this.cause.name, message: this.cause.message }
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
      `${init.method} ${requestUrlForErrors(init.url)} failed: could not get a response${detail ? ` (${detail})` : ""}${attemptsNote(init.attempts)}`,
      init,
    );
  }
}

/** An attempt took longer than the client's timeoutMs. */
export class TimeoutError extends TransportError {
  override name = "TimeoutError";
  readonly timeoutMs: number;
  constructor(init: TransportErrorInit & { timeoutMs: number }) {
    super(
      `${init.method} ${requestUrlForErrors(init.url)} timed out after ${init.timeoutMs} ms${attemptsNote(init.attempts)}`,
      init,
    );
    this.timeoutMs = init.timeoutMs;
  }
}

/** The caller aborted the request through its AbortSignal. Named like fetch's own abort error. */
export class AbortError extends TransportError {
  override name = "AbortError";
  constructor(init: TransportErrorInit) {
    super(`${init.method} ${requestUrlForErrors(init.url)} was aborted by the caller`, init);
  }
}

function attemptsNote(attempts: number): string {
  return attempts > 1 ? ` after ${attempts} attempts` : "";
}

// A brand that survives two copies of this package (ESM and CJS, or two versions).
const BRAND = Symbol.for("@apiclients/problem.TransportError");
Object.defineProperty(TransportError.prototype, BRAND, { value: true });

/** Whether a value is a ConnectionError, TimeoutError or AbortError from any copy of this package. */
export function isTransportError(value: unknown): value is TransportError {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  );
}
