import { parseProblem } from "./parse.js";
import { redactData, redactText, secretsOf } from "./redact.js";
import { requestIdFromHeaders, retryAfterFromHeaders } from "./retry-after.js";
import { parseRfc3339 } from "./rfc3339.js";
import type { ParsedProblem } from "./types.js";

// A brand that survives two copies of this package (ESM and CJS, or two versions).
const BRAND = Symbol.for("@apiclients/problem.ProblemError");

export interface ProblemErrorInit {
  /** The HTTP status; defaults to the problem's status. */
  status?: number;
  /** The request id from the response headers, used when the body carries none. */
  requestId?: string;
  /** When the request may be retried, from the response headers; the body's word wins. */
  retryAfter?: Date;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** Statuses worth retrying when the server does not say otherwise. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function messageFor(
  problem: ParsedProblem,
  status: number,
  requestId: string | undefined,
  retryAfter: Date | undefined,
) {
  let message = status > 0 ? `${status} ${problem.title}` : problem.title;
  if (problem.detail && problem.detail !== problem.title) message += `: ${problem.detail}`;
  if (problem.remedy) message += ` (${problem.remedy.trim()})`;
  if (retryAfter) message += ` [retry after ${retryAfter.toISOString()}]`;
  if (requestId) message += ` [request id ${requestId}]`;
  return message;
}

/**
 * A request the server answered with an error. `problem` is the body as an RFC 9457 problem,
 * whatever shape it came in; `message` says what went wrong and, when the server said, how
 * to fix it.
 */
export class ProblemError extends Error {
  override name = "ProblemError";
  /** The error body, parsed into a problem. */
  readonly problem: ParsedProblem;
  /** The HTTP status of the response (0 when unknown). */
  readonly status: number;
  /** The request id, from the body or the response headers, for support tickets and logs. */
  readonly requestId: string | undefined;
  /** Whether sending the same request again may succeed: the server's word, else the status. */
  readonly retryable: boolean;
  /** When the request may be retried, if the server said. */
  readonly retryAfter: Date | undefined;
  /** When the problem occurred, if the server said. */
  readonly time: Date | undefined;

  constructor(problem: ParsedProblem, init: ProblemErrorInit = {}) {
    const status = init.status ?? problem.status ?? 0;
    const requestId = problem.requestId ?? init.requestId;
    const retryAfter = parseRfc3339(problem.retryAfter) ?? init.retryAfter;
    super(
      messageFor(problem, status, requestId, retryAfter),
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.problem = problem;
    this.status = status;
    this.requestId = requestId;
    this.retryable =
      typeof problem.retryable === "boolean" ? problem.retryable : isRetryableStatus(status);
    this.retryAfter = retryAfter;
    this.time = parseRfc3339(problem.time);
  }

  /**
   * Builds the error for a response whose body has already been read (as openapi-fetch does).
   * Secrets the client marked the response with are blanked out of everything it keeps.
   */
  static fromResponse(response: Response, body: unknown): ProblemError {
    const secrets = secretsOf(response);
    const problem = parseProblem(redactData(body, secrets), {
      status: response.status,
      url: response.url || undefined,
      statusText: redactText(response.statusText, secrets),
    });
    const requestId = requestIdFromHeaders(response.headers);
    return new ProblemError(problem, {
      status: response.status,
      requestId: requestId === undefined ? undefined : redactText(requestId, secrets),
      retryAfter: retryAfterFromHeaders(response.headers),
    });
  }

  /** A plain, loggable form: no headers, no request, nothing but what the server said. */
  toJSON() {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      requestId: this.requestId,
      retryable: this.retryable,
      retryAfter: this.retryAfter?.toISOString(),
      problem: this.problem,
    };
  }
}

Object.defineProperty(ProblemError.prototype, BRAND, { value: true });

export function isProblemError(value: unknown): value is ProblemError {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  );
}
