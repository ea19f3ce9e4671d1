import createClient, { type Client, type ClientOptions as FetchClientOptions } from "openapi-fetch";
import { checkBaseUrl } from "./base-url.js";
import { ClientConfigError } from "./config-error.js";
import { defaultHeaders, type HeaderInit } from "./headers.js";
import type { ProviderConfig } from "./provider.js";

/** The fetch a client calls: the global one by default. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

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
}

/**
 * Creates an openapi-fetch client for a provider: every openapi-fetch feature (typed methods,
 * middleware through `use()`, per-request options) works as documented upstream.
 */
export function createApiClient<Paths extends object>(
  provider: ProviderConfig,
  options: ClientOptions = {},
): Client<Paths> {
  if (options === null || typeof options !== "object") {
    throw new ClientConfigError("options", "must be an object");
  }
  const { apiKey, bearerToken, baseUrl, fetch: customFetch, headers, ...passThrough } = options;
  if (customFetch !== undefined && typeof customFetch !== "function") {
    throw new ClientConfigError("fetch", "must be a function");
  }
  // Looked up per call, so test doubles and polyfills installed after creation are honoured.
  const send: FetchLike = customFetch ?? ((input, init) => globalThis.fetch(input, init));
  return createClient<Paths>({
    ...passThrough,
    baseUrl: checkBaseUrl(baseUrl ?? provider.baseUrl),
    headers: defaultHeaders(provider, { apiKey, bearerToken, headers }),
    fetch: send,
  });
}
