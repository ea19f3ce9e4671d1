// @apiclients/basic: Basic's generated types and a client preset for them.
import { createApiClient, type ClientOptions } from "@apiclients/core";
import type { Client } from "openapi-fetch";
import { provider } from "./generated/provider.js";
import type { paths } from "./generated/schema.js";

export type { components, operations, paths } from "./generated/schema.js";
// Errors, unwrap() and the shared option types: the same in every provider package.
export * from "@apiclients/core";

/** An openapi-fetch client typed by Basic's Admin API spec. */
export type BasicClient = Client<paths>;

/**
 * Creates a client for Basic's Admin API. `apiKey` or `bearerToken` goes in
 * Authorization: Bearer (default: the BASIC_API_KEY environment variable).
 */
export function createBasicClient(options?: ClientOptions): BasicClient {
  return createApiClient<paths>(provider, options);
}
