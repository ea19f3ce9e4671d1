import createClient, { type Client, type ClientOptions as FetchClientOptions } from "openapi-fetch";
import { searchableSecrets } from "@apiclients/problem";
import { checkBaseUrl } from "./base-url.js";
import { ClientConfigError } from "./config-error.js";
import { defaultHeaders, type HeaderInit } from "./headers.js";
import { hasPathParameters, PathParameterError, safePathSerializer } from "./path-params.js";
import type { ProviderConfig } from "./provider.js";
import { DEFAULT_RETRY, type RetryOptions } from "./retry-policy.js";
import { CALLER_SIGNAL, createSend, type FetchLike } from "./send.js";

export type { FetchLike } from "./send.js";

/** Default time an attempt may take, from sending the request to the last byte of the response. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Options of every provider's create…Client(). Anything openapi-fetch's createClient takes
 * (querySerializer, bodySerializer, Request, requestInitExt…) is passed through.
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
  /** Headers sent with every request. */
  headers?: HeaderInit;
  /** Retries after a failed attempt (408, 429, 5xx, connection errors, timeouts). Default 2; 0 turns retries off. */
  maxRetries?: number;
  /** Time each attempt may take, response body included, in milliseconds. Default 60 000; Infinity turns timeouts off. */
  timeoutMs?: number;
  /** Retry POST and PATCH too. Off by default: they may not be safe to repeat. */
  retryNonIdempotent?: boolean;
  /** Backoff between retries: the first delay, doubling up to the cap. Default 500 ms, capped at 8 000 ms. */
  retryDelay?: { initialMs?: number; maxMs?: number };
  /** Longest Retry-After the client waits for; a longer one returns the error at once. Default 60 000 ms. */
  maxRetryAfterMs?: number;
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

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
      `must be ${integer ? "an integer" : "a number"} ≥ ${min}, got ${String(value)}`,
    );
  }
  return value;
}

function retryOptions(options: ClientOptions): RetryOptions {
  const delay = options.retryDelay ?? {};
  if (typeof delay !== "object" || delay === null)
    throw new ClientConfigError("retryDelay", "must be an object");
  return {
    maxRetries: count("maxRetries", options.maxRetries, DEFAULT_RETRY.maxRetries, {
      integer: true,
    }),
    retryNonIdempotent: options.retryNonIdempotent ?? DEFAULT_RETRY.retryNonIdempotent,
    initialDelayMs: count("retryDelay.initialMs", delay.initialMs, DEFAULT_RETRY.initialDelayMs),
    maxDelayMs: count("retryDelay.maxMs", delay.maxMs, DEFAULT_RETRY.maxDelayMs),
    maxRetryAfterMs: count(
      "maxRetryAfterMs",
      options.maxRetryAfterMs,
      DEFAULT_RETRY.maxRetryAfterMs,
    ),
  };
}

type CallInit =
  ({ params?: { path?: unknown }; signal?: unknown } & Record<string, unknown>) | undefined;

/**
 * Wraps every call method, cheaply, for two things openapi-fetch cannot do from its options:
 * - refuse a call without `params.path` whose path has placeholders (openapi-fetch only calls
 *   the path serializer when `params.path` is given, and would send /keys/{id} as is);
 * - tell our fetch whether the caller passed a signal, so it listens for aborts only then.
 */
function wrapCalls<Paths extends object>(client: Client<Paths>): void {
  const prepare = (
    path: unknown,
    init: CallInit,
  ): { error?: PathParameterError; init: CallInit } => {
    if (typeof path === "string" && hasPathParameters(path) && !init?.params?.path) {
      const name = /\{[.;]?([^{}*]+)\*?\}/.exec(path)?.[1] ?? path;
      return { error: new PathParameterError(name, "is missing"), init };
    }
    return { init: init?.signal ? { ...init, [CALLER_SIGNAL]: true } : init };
  };
  const methods = client as unknown as Record<
    string,
    (path: unknown, init?: CallInit) => Promise<unknown>
  >;
  for (const method of METHODS) {
    const original = methods[method]!;
    methods[method] = (path, init) => {
      const call = prepare(path, init);
      return call.error ? Promise.reject(call.error) : original(path, call.init);
    };
  }
  const request = client.request as unknown as (
    method: string,
    path: unknown,
    init?: CallInit,
  ) => Promise<unknown>;
  (client as unknown as { request: typeof request }).request = (method, path, init) => {
    const call = prepare(path, init);
    return call.error ? Promise.reject(call.error) : request(method, path, call.init);
  };
}

/**
 * Creates an openapi-fetch client for a provider: every openapi-fetch feature (typed methods,
 * middleware through `use()`, per-request options) works as documented upstream, with retries,
 * timeouts and strict path parameters underneath.
 */
export function createApiClient<Paths extends object>(
  provider: ProviderConfig,
  options: ClientOptions = {},
): Client<Paths> {
  if (options === null || typeof options !== "object") {
    throw new ClientConfigError("options", "must be an object");
  }
  const {
    apiKey,
    bearerToken,
    baseUrl,
    fetch: customFetch,
    headers,
    maxRetries: _maxRetries,
    timeoutMs,
    retryNonIdempotent: _retryNonIdempotent,
    retryDelay: _retryDelay,
    maxRetryAfterMs: _maxRetryAfterMs,
    ...passThrough
  } = options;
  if (customFetch !== undefined && typeof customFetch !== "function") {
    throw new ClientConfigError("fetch", "must be a function");
  }
  const resolved = defaultHeaders(provider, { apiKey, bearerToken, headers });
  const client = createClient<Paths>({
    pathSerializer: safePathSerializer,
    ...passThrough,
    baseUrl: checkBaseUrl(baseUrl ?? provider.baseUrl),
    headers: resolved.headers,
    fetch: createSend({
      fetch: customFetch,
      timeoutMs: count("timeoutMs", timeoutMs, DEFAULT_TIMEOUT_MS, { min: 1 }),
      retry: retryOptions(options),
      secrets: searchableSecrets(resolved.secrets),
    }),
  });
  wrapCalls(client);
  return client;
}
