export {
  createApiClient,
  DEFAULT_TIMEOUT_MS,
  type ClientOptions,
  type FetchLike,
} from "./client.js";
export { ClientConfigError } from "./config-error.js";
export type { HeaderInit } from "./headers.js";
export { PathParameterError } from "./path-params.js";
export type { CredentialPlacement, ProviderConfig } from "./provider.js";
export { DEFAULT_RETRY, type RetryOptions } from "./retry-policy.js";

// What a client's users handle, re-exported so every provider package offers it with one line.
export {
  AbortError,
  ConnectionError,
  isProblemError,
  isTransportError,
  ProblemError,
  TimeoutError,
  TransportError,
  unwrap,
  type ApiProblem,
  type Problem,
} from "@apiclients/problem";
