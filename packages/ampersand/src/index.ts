// @apiclients/ampersand: Ampersand's generated types and a client preset for them.
import { createApiClient, type ClientOptions } from "@apiclients/core";
import type { Client } from "openapi-fetch";
import { provider } from "./generated/provider.js";
import type { paths } from "./generated/schema.js";

export type { components, operations, paths } from "./generated/schema.js";
// Errors, unwrap() and the shared option types: the same in every provider package.
export * from "@apiclients/core";

/** An openapi-fetch client typed by Ampersand's spec. */
export type AmpersandClient = Client<paths>;

/**
 * Creates a client for Ampersand's public API. `apiKey` goes in X-Api-Key (default: the
 * AMPERSAND_API_KEY environment variable), `bearerToken` in Authorization.
 */
export function createAmpersandClient(options?: ClientOptions): AmpersandClient {
  return createApiClient<paths>(provider, options);
}
