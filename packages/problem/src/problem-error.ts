import { ApiClientError, brand } from "./api-client-error.js";
import { parseProblem } from "./parse.js";
import { requestIdFromHeaders, retryAfterFromHeaders } from "./response-headers.js";
import { retryHints } from "./retry-hints.js";
import { parseRfc3339 } from "./rfc3339.js";
import { oneLine, truncate } from "./text.js";
import type { ParsedProblem, ProblemOptions } from "./types.js";

/** Longest message a ProblemError has, whatever the server sent. */
export const MAX_MESSAGE_LENGTH = 2_000;

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

function messageFor(
  problem: ParsedProblem,
  status: number,
  requestId: string | undefined,
  retryAfter: Date | undefined,
) {
  const title = oneLine(problem.title, 200);
  let message = status > 0 ? `${status} ${title}` : title;
  const detail = problem.detail === undefined ? "" : oneLine(problem.detail, 1_000);
  if (detail && detail !== title) message += `: ${detail}`;
  const remedy = problem.remedy === undefined ? "" : oneLine(problem.remedy, 500);
  if (remedy) message += ` (${remedy})`;
  if (retryAfter) message += ` [retry after ${retryAfter.toISOString()}]`;
  if (requestId) message += ` [request id ${oneLine(requestId, 200)}]`;
  return truncate(message, MAX_MESSAGE_LENGTH);
}

/**
 * A request the server answered with an error. `problem` is the body as an RFC 9457 problem,
 * whatever shape it came in; `message` says what went wrong and, when the server said, how
 * to fix it, on one line of bounded length.
 */
export class ProblemError extends ApiClientError {
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
    const hints = retryHints(status, problem);
    const retryAfter = hints.retryAfter ?? init.retryAfter;
    super(
      messageFor(problem, status, requestId, retryAfter),
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.problem = problem;
    this.status = status;
    this.requestId = requestId === undefined ? undefined : truncate(requestId, 200);
    this.retryable = hints.retryable;
    this.retryAfter = retryAfter;
    this.time = parseRfc3339(problem.time);
  }

  /**
   * The error for a response whose body has already been read (as openapi-fetch does): the
   * body, the status, the request id and Retry-After from the headers. `options.toProblem`
   * reads a provider's own error shape.
   */
  static fromResponse(response: Response, body: unknown, options?: ProblemOptions): ProblemError {
    const problem = parseProblem(
      body,
      {
        status: response.status,
        url: response.url || undefined,
        statusText: response.statusText,
      },
      options,
    );
    return new ProblemError(problem, {
      status: response.status,
      requestId: requestIdFromHeaders(response.headers),
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

/** Whether a value is a ProblemError from any copy of this package. */
export const isProblemError = brand(ProblemError, "@apiclients/problem.ProblemError");
