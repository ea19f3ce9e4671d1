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
  /** API key; defaults to the provider's environment variable when no credential is passed. */
  apiKey?: string;
  /** Bearer token, sent as `Authorization: Bearer <token>`. */
  bearerToken?: string;
  /** Base URL of the API; defaults to the spec's first server. */
  baseUrl?: string;
  /** fetch implementation; defaults to globalThis.fetch, looked up at call time. */
  fetch?: FetchLike;
  /** Headers sent with every request; `null` removes a default one, as in openapi-fetch. */
  headers?: HeaderInit;
  /** Time an attempt may wait for the response headers, and for each chunk of the body, in ms. Default 60 000; Infinity turns timeouts off. */
  timeoutMs?: number;
  /** Retries after a failed attempt (408, 429, 500, 502, 503, 504, connection errors, timeouts). Default 2; 0 turns retries off. */
  maxRetries?: number;
  /** Retry POST and PATCH too. Off by default: they may not be safe to repeat. */
  retryNonIdempotent?: boolean;
  /** The first backoff delay in ms, doubled for each retry after it. Default 500. */
  retryDelayMs?: number;
  /** The longest backoff delay in ms. Default 8 000. */
  maxRetryDelayMs?: number;
  /** Longest Retry-After the client waits for, in ms; a longer one returns the error at once. Default 60 000. */
  maxRetryAfterMs?: number;
  /** Send credentials over plain http to hosts other than this machine. Off by default. */
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
