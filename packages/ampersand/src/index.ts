// @apiclients/ampersand: a client for Ampersand's public API, typed by its OpenAPI spec.
import { createApiClient, type ClientOptions } from "@apiclients/core";
import type { Client } from "openapi-fetch";
import { provider } from "./generated/provider.js";
import type { paths } from "./generated/schema.js";

export type { components, operations, paths } from "./generated/schema.js";
export type { ClientOptions } from "@apiclients/core";
export {
  AbortError,
  ClientConfigError,
  ConnectionError,
  InvalidResponseError,
  isTransportError,
  PathParameterError,
  RedirectError,
  TimeoutError,
  TransportError,
} from "@apiclients/core";
export {
  isProblemError,
  ProblemError,
  unwrap,
  type ApiProblem,
  type Problem,
} from "@apiclients/problem";

/** An openapi-fetch client typed by Ampersand's spec. */
export type AmpersandClient = Client<paths>;

/**
 * Creates a client for Ampersand's public API. `apiKey` goes in X-Api-Key (default: the
 * AMPERSAND_API_KEY environment variable), `bearerToken` in Authorization.
 */
export function createAmpersandClient(options?: ClientOptions): AmpersandClient {
  return createApiClient<paths>(provider, options);
}
