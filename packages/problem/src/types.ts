/**
 * A Problem Details object (RFC 9457). Every member is optional on the wire; members a
 * provider adds beyond these are extensions and are kept as they came.
 */
export interface Problem {
  /** A URI reference that identifies the problem type; "about:blank" when absent. */
  type?: string;
  /** A short, human-readable summary of the problem type. */
  title?: string;
  /** The HTTP status code of this occurrence. */
  status?: number;
  /** A human-readable explanation of this occurrence. */
  detail?: string;
  /** A URI reference that identifies this occurrence. */
  instance?: string;
  [extension: string]: unknown;
}

/**
 * Problem plus the extension members of the Ampersand error schema. The shape is the wire
 * shape (timestamps stay RFC 3339 strings), so every error body a spec declares is assignable
 * to it; ProblemError offers the parsed Dates.
 */
export interface ApiProblem extends Problem {
  /** A URL of human-readable documentation for the problem type. */
  href?: string;
  /** The subsystem that generated the problem. */
  subsystem?: string;
  /** When the problem occurred (RFC 3339). */
  time?: string;
  /** A unique identifier for the request, for support and debugging. */
  requestId?: string;
  /** The problems that caused this one, in no particular order. */
  causes?: string[];
  /** How to resolve the problem. */
  remedy?: string;
  supportEmail?: string;
  supportPhone?: string;
  supportUrl?: string;
  /** Whether the same request may succeed if sent again. */
  retryable?: boolean;
  /** When the request may be retried (RFC 3339). */
  retryAfter?: string;
  /** Additional context for the problem. */
  context?: Record<string, unknown>;
}

/** What parseProblem returns: an ApiProblem whose `type` and `title` are always present. */
export type ParsedProblem = ApiProblem & { type: string; title: string };

/** Where the body came from, when known. */
export interface ProblemContext {
  /** The HTTP status of the response; it wins over a `status` member that disagrees. */
  status?: number;
  /** The response URL; relative `type` and `instance` are resolved against it. */
  url?: string;
  /** The response's reason phrase, a title of last resort for statuses without a known one. */
  statusText?: string;
}

/**
 * How a provider whose errors are not RFC 9457 documents describes them. Provider packages pass
 * one to `unwrap` (Basic's `{ error, message }` becomes `title` and `detail`); the members it
 * returns take precedence over the body's own.
 */
export interface ProblemOptions {
  /** RFC 9457 members for a provider's own error body; undefined when it does not recognise it. */
  toProblem?: (body: unknown) => Problem | undefined;
}
