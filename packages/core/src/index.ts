// @apiclients/core: the runtime every provider package shares.
export { createApiClient } from "./client.js";
export { DEFAULT_TIMEOUT_MS, type ClientOptions, type FetchLike } from "./options.js";
export type { HeaderInit } from "./credentials.js";
export type { CredentialPlacement, ProviderConfig } from "./provider.js";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";
export { ClientConfigError } from "./config-error.js";
export { PathParameterError } from "./path-params.js";
export {
  AbortError,
  ConnectionError,
  InvalidResponseError,
  isTransportError,
  RedirectError,
  TimeoutError,
  TransportError,
  type TransportErrorInit,
} from "./transport-errors.js";
export { ApiClientError, isApiClientError } from "@apiclients/problem";
