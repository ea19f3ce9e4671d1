export {
  createApiClient,
  DEFAULT_TIMEOUT_MS,
  type ClientOptions,
  type FetchLike,
} from "./client.js";
export { ClientConfigError } from "./config-error.js";
export type { HeaderInit } from "./headers.js";
export { PathParameterError, safePathSerializer } from "./path-params.js";
export type { CredentialPlacement, ProviderConfig } from "./provider.js";
export {
  backoffDelay,
  DEFAULT_RETRY,
  delayForResponse,
  type RetryOptions,
} from "./retry-policy.js";
