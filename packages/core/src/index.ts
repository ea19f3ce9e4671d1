export { createApiClient, type ClientOptions, type FetchLike } from "./client.js";
export { ClientConfigError } from "./config-error.js";
export type { HeaderInit } from "./headers.js";
export type { CredentialPlacement, ProviderConfig } from "./provider.js";
