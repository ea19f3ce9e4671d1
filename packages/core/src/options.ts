// A client's options, checked and resolved once, when the client is made: every call reads the
// settings made here and never the options again.
import type {
  BodySerializer,
  ClientOptions as FetchClientOptions,
  PathSerializer,
  QuerySerializer,
  QuerySerializerOptions,
} from "openapi-fetch";
import { createQuerySerializer, defaultBodySerializer, removeTrailingSlash } from "openapi-fetch";
import { checkBaseUrl } from "./base-url.js";
import { ClientConfigError } from "./config-error.js";
import { resolveCredentials, type HeaderInit } from "./credentials.js";
import { strictPathSerializer } from "./path-params.js";
import { secretsOf } from "./redact.js";
import type { ProviderConfig } from "./provider.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";

/** What the client calls to send a request: `fetch`, or anything with its signature. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** Default time an attempt may wait for the response headers, and for each chunk of the body. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Options of every provider's create…Client(). Those inherited from openapi-fetch's
 * ClientOptions (querySerializer, bodySerializer, Request, requestInitExt…) work as they do there.
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
   * API key, sent where the provider's spec puts it.
   * @defaultValue the provider's environment variable, when no credential is passed
   */
  apiKey?: string;
  /** Bearer token, sent as `Authorization: Bearer <token>` where the spec has a bearer scheme. */
  bearerToken?: string;
  /**
   * Base URL of the API: an absolute http(s) URL, without `user:password@`, query or fragment.
   * @defaultValue the spec's first server
   */
  baseUrl?: string;
  /**
   * fetch implementation, called for each attempt and redirect hop; it must honour
   * `init.signal`, or timeouts and aborts cannot cancel the request. A per-call `fetch` replaces
   * it for that call, retries and timeouts included.
   * @defaultValue `globalThis.fetch`, looked up at call time
   */
  fetch?: FetchLike;
  /**
   * Headers sent with every request, before the credentials (which win over a header of the
   * same name); as in openapi-fetch, a `null` value removes a header it would otherwise send
   * (`"Content-Type": null`).
   */
  headers?: HeaderInit;
  /**
   * How long, in ms, each attempt may wait for the response headers, and then for each chunk of
   * the body: it bounds every wait, not the whole attempt (a body that keeps arriving is never
   * cut off, and neither the time middleware takes nor a caller slow to read a stream counts).
   * `Infinity` turns timeouts off.
   * @defaultValue `60000`
   */
  timeoutMs?: number;
  /**
   * How many times a failed attempt is retried, at most: after a connection error, a timeout, or
   * an answer of 408, 429, 500, 502, 503 or 504 (a problem's `retryable` decides over the
   * status); only for idempotent methods unless `retryNonIdempotent`. `0` turns retrying off.
   * @defaultValue `2`
   */
  maxRetries?: number;
  /**
   * Also retry methods that are not idempotent (POST, PATCH), which may not be safe to repeat.
   * @defaultValue `false`
   */
  retryNonIdempotent?: boolean;
  /**
   * The first backoff delay in ms, doubled for each retry after it up to `maxRetryDelayMs`, less
   * up to 25% jitter; waited when the server names no wait of its own.
   * @defaultValue `500`
   */
  retryDelayMs?: number;
  /**
   * The longest backoff delay in ms; at least `retryDelayMs`. A wait the server asks for is
   * bounded by `maxRetryAfterMs` instead.
   * @defaultValue `8000`
   */
  maxRetryDelayMs?: number;
  /**
   * The longest wait in ms the client accepts from the server (`Retry-After`, `retry-after-ms`
   * or a problem's `retryAfter`); a longer one returns the error at once.
   * @defaultValue `60000`
   */
  maxRetryAfterMs?: number;
  /**
   * Send credentials over plain http to a host other than this machine (`localhost`,
   * `*.localhost`, `127.x.x.x`, `[::1]`), which is refused otherwise, when the client is created
   * and for each call.
   * @defaultValue `false`
   */
  allowInsecureConnection?: boolean;
}

/** A client's options, checked and resolved: what every call of the client reads. */
export interface ClientSettings {
  /** The base URL, checked, without its trailing slash. */
  baseUrl: string;
  /** The client's headers, credentials included, as openapi-fetch's mergeHeaders takes them. */
  headers: Record<string, string | string[] | null>;
  /** The same as name-value pairs, as mergeHeaders would make them of the headers alone. */
  headerPairs: Array<[string, string]>;
  /** Lower-case names of the headers the provider's credentials travel in. */
  credentialHeaders: ReadonlySet<string>;
  /** The client's own credentials, as errors must never show them: worked out once. */
  secrets: readonly string[];
  /** The client's fetch; undefined: the global one, looked up at each call. */
  fetch: FetchLike | undefined;
  /** The client's Request class; undefined: the global one, looked up at each call. */
  Request: typeof Request | undefined;
  /** The client's query serializer, made once: openapi-fetch's, or the one passed. */
  querySerializer: QuerySerializer<unknown>;
  /** The client's query serializer options, which a call's own options are merged with. */
  querySerializerOptions: QuerySerializerOptions | undefined;
  bodySerializer: BodySerializer<unknown>;
  pathSerializer: PathSerializer;
  /** Extra fetch options (undici's `dispatcher`…), for runtimes that take them. */
  requestInitExt: Record<string, unknown> | undefined;
  /** Every other option: RequestInit members (`credentials`, `cache`, `signal`…) for each request. */
  requestInit: Record<string, unknown>;
  timeoutMs: number;
  retry: RetryPolicy;
  allowInsecureConnection: boolean;
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

function retryPolicy(options: ClientOptions): RetryPolicy {
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

/**
 * Checks a client's options and resolves them, once: credentials placed where the provider's
 * spec says, defaults filled in. Throws a ClientConfigError naming the first option at fault.
 */
export function resolveSettings(provider: ProviderConfig, options: unknown): ClientSettings {
  if (options === null || typeof options !== "object") {
    throw new ClientConfigError("options", "must be an object");
  }
  const {
    apiKey,
    bearerToken,
    baseUrl,
    fetch,
    headers,
    Request,
    querySerializer,
    bodySerializer,
    pathSerializer,
    requestInitExt,
    maxRetries: _maxRetries,
    timeoutMs,
    retryNonIdempotent: _retryNonIdempotent,
    retryDelayMs: _retryDelayMs,
    maxRetryDelayMs: _maxRetryDelayMs,
    maxRetryAfterMs: _maxRetryAfterMs,
    allowInsecureConnection: insecure,
    ...requestInit
  } = options as ClientOptions;
  if (fetch !== undefined && typeof fetch !== "function") {
    throw new ClientConfigError("fetch", "must be a function");
  }
  const credentials = resolveCredentials(provider, { apiKey, bearerToken, headers });
  const headerPairs = Object.entries(credentials.headers).flatMap(([name, value]) =>
    value === null ? [] : (Array.isArray(value) ? value : [value]).map((v) => [name, v]),
  ) as Array<[string, string]>;
  const allowInsecureConnection = flag("allowInsecureConnection", insecure, false);
  return {
    baseUrl: removeTrailingSlash(
      checkBaseUrl(baseUrl ?? provider.baseUrl, {
        hasCredentials: credentials.hasCredentials,
        allowInsecureConnection,
      }),
    ),
    headers: credentials.headers,
    headerPairs,
    credentialHeaders: credentials.credentialHeaders,
    secrets: secretsOf(headerPairs, credentials.credentialHeaders),
    fetch,
    Request,
    querySerializer:
      typeof querySerializer === "function"
        ? querySerializer
        : createQuerySerializer(querySerializer),
    querySerializerOptions: typeof querySerializer === "object" ? querySerializer : undefined,
    bodySerializer: bodySerializer ?? defaultBodySerializer,
    pathSerializer: pathSerializer ?? strictPathSerializer,
    // openapi-fetch passes requestInitExt only where fetch is undici's (Node 18+).
    requestInitExt: isUndici() ? requestInitExt : undefined,
    requestInit,
    timeoutMs: count("timeoutMs", timeoutMs, DEFAULT_TIMEOUT_MS, { min: 1 }),
    retry: retryPolicy(options as ClientOptions),
    allowInsecureConnection,
  };
}

/** Whether the global fetch is undici's, which takes extra init members such as `dispatcher`. */
function isUndici(): boolean {
  const versions = (globalThis as { process?: { versions?: Record<string, string> } }).process
    ?.versions;
  return Number.parseInt(versions?.node ?? "0", 10) >= 18 && versions?.undici !== undefined;
}
