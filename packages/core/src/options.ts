import type { ClientOptions as FetchClientOptions } from "openapi-fetch";
import { ClientConfigError } from "./config-error.js";
import type { HeaderInit } from "./credentials.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";
import type { FetchLike } from "./transport.js";

/** Default time an attempt may wait for the response headers, and for each chunk of the body. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Options of every provider's create…Client(). Anything else openapi-fetch's createClient takes
 * (querySerializer, bodySerializer, Request, requestInitExt…) is passed through to it.
 */
export interface ClientOptions extends Omit<FetchClientOptions, "baseUrl" | "fetch" | "headers"> {
  // These doc comments are the options' documentation: `pnpm generate` makes the options table
  // of this package's README and of every provider's from them (scripts/lib/codegen/
  // client-options.ts), and refuses to unless each option has a doc comment that says what it
  // does, and states a default, when there is one, in a `@defaultValue` tag and nowhere else
  // (the summary does not use the word "default"; no tag: the table says "none"). Markdown;
  // only @defaultValue and @deprecated tags are read. What is inherited from openapi-fetch is
  // named from the type and linked to openapi-fetch's documentation.

  /**
   * API key.
   * @defaultValue the provider's environment variable, when no credential is passed
   */
  apiKey?: string;
  /** Bearer token, sent as `Authorization: Bearer <token>`. */
  bearerToken?: string;
  /**
   * Base URL of the API.
   * @defaultValue the spec's first server
   */
  baseUrl?: string;
  /**
   * fetch implementation.
   * @defaultValue `globalThis.fetch`, looked up at call time
   */
  fetch?: FetchLike;
  /**
   * Headers sent with every request; as in openapi-fetch, `null` removes a header it would
   * otherwise send.
   */
  headers?: HeaderInit;
  /**
   * Time an attempt may wait for the response headers, and for each chunk of the body, in ms;
   * Infinity turns timeouts off.
   * @defaultValue `60000`
   */
  timeoutMs?: number;
  /**
   * Retries after a failed attempt (408, 429, 500, 502, 503, 504, connection errors, timeouts);
   * 0 turns retries off.
   * @defaultValue `2`
   */
  maxRetries?: number;
  /**
   * Retry POST and PATCH too, which may not be safe to repeat.
   * @defaultValue `false`
   */
  retryNonIdempotent?: boolean;
  /**
   * The first backoff delay in ms, doubled for each retry after it.
   * @defaultValue `500`
   */
  retryDelayMs?: number;
  /**
   * The longest backoff delay in ms.
   * @defaultValue `8000`
   */
  maxRetryDelayMs?: number;
  /**
   * Longest Retry-After the client waits for, in ms; a longer one returns the error at once.
   * @defaultValue `60000`
   */
  maxRetryAfterMs?: number;
  /**
   * Send credentials over plain http to hosts other than this machine.
   * @defaultValue `false`
   */
  allowInsecureConnection?: boolean;
}

function count(
  option: string,
  value: unknown,
  fallback: number,
  { min = 0, integer = false } = {},
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== "number" ||
    Number.isNaN(value) ||
    value < min ||
    (integer && !Number.isInteger(value))
  ) {
    throw new ClientConfigError(
      option,
      `must be ${integer ? "an integer" : "a number"} ≥ ${min}, got ${typeof value === "number" ? value : typeof value}`,
    );
  }
  return value;
}

function flag(option: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean")
    throw new ClientConfigError(option, `must be true or false, got ${typeof value}`);
  return value;
}

export function retryPolicy(options: ClientOptions): RetryPolicy {
  const d = DEFAULT_RETRY_POLICY;
  const policy: RetryPolicy = {
    maxRetries: count("maxRetries", options.maxRetries, d.maxRetries, { integer: true }),
    retryNonIdempotent: flag(
      "retryNonIdempotent",
      options.retryNonIdempotent,
      d.retryNonIdempotent,
    ),
    retryDelayMs: count("retryDelayMs", options.retryDelayMs, d.retryDelayMs),
    maxRetryDelayMs: count("maxRetryDelayMs", options.maxRetryDelayMs, d.maxRetryDelayMs),
    maxRetryAfterMs: count("maxRetryAfterMs", options.maxRetryAfterMs, d.maxRetryAfterMs),
  };
  if (policy.maxRetryDelayMs < policy.retryDelayMs) {
    throw new ClientConfigError("maxRetryDelayMs", "must be at least retryDelayMs");
  }
  return policy;
}

export function timeoutOf(options: ClientOptions): number {
  return count("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS, { min: 1 });
}

export function allowsInsecureConnection(options: ClientOptions): boolean {
  return flag("allowInsecureConnection", options.allowInsecureConnection, false);
}
