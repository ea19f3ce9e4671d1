import createClient, { type Client } from "openapi-fetch";
import { checkBaseUrl } from "./base-url.js";
import { clientMiddleware } from "./client-middleware.js";
import { ClientConfigError } from "./config-error.js";
import { resolveCredentials } from "./credentials.js";
import { allowsInsecureConnection, retryPolicy, timeoutOf, type ClientOptions } from "./options.js";
import { strictPathSerializer } from "./path-params.js";
import type { ProviderConfig } from "./provider.js";
import { createTransport } from "./transport.js";

/**
 * Creates an openapi-fetch client for a provider. Everything openapi-fetch does works as
 * documented upstream (typed methods, `use()` middleware, per-request options); underneath, the
 * client's `fetch` is a transport that retries, times out and follows redirects without taking
 * credentials to another origin, its `pathSerializer` keeps every path value in its segment,
 * and its first middleware types every failure.
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
    fetch: inner,
    headers,
    maxRetries: _maxRetries,
    timeoutMs: _timeoutMs,
    retryNonIdempotent: _retryNonIdempotent,
    retryDelayMs: _retryDelayMs,
    maxRetryDelayMs: _maxRetryDelayMs,
    maxRetryAfterMs: _maxRetryAfterMs,
    allowInsecureConnection: _allowInsecureConnection,
    ...passThrough
  } = options;
  if (inner !== undefined && typeof inner !== "function") {
    throw new ClientConfigError("fetch", "must be a function");
  }
  const credentials = resolveCredentials(provider, { apiKey, bearerToken, headers });
  const allowInsecureConnection = allowsInsecureConnection(options);
  const transportSettings = {
    timeoutMs: timeoutOf(options),
    retry: retryPolicy(options),
    credentialHeaders: credentials.credentialHeaders,
  };
  const transport = createTransport(inner, transportSettings);
  const client = createClient<Paths>({
    pathSerializer: strictPathSerializer,
    ...passThrough,
    baseUrl: checkBaseUrl(baseUrl ?? provider.baseUrl, {
      hasCredentials: credentials.hasCredentials,
      allowInsecureConnection,
    }),
    headers: credentials.headers,
    fetch: transport,
  });
  client.use(clientMiddleware({ ...transportSettings, transport, allowInsecureConnection }));
  return client;
}
