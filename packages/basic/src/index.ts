// @apiclients/basic: a client for Basic's Admin API, typed by its OpenAPI spec.
import { createApiClient, type ClientOptions } from "@apiclients/core";
import { unwrap as unwrapProblem, type DataOf, type FetchResultLike } from "@apiclients/problem";
import type { Client } from "openapi-fetch";
import { provider } from "./generated/provider.js";
import type { paths } from "./generated/schema.js";
import { toProblem } from "./problem.js";

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
export { isProblemError, ProblemError, type ApiProblem, type Problem } from "@apiclients/problem";

/** An openapi-fetch client typed by Basic's Admin API spec. */
export type BasicClient = Client<paths>;

/**
 * Creates a client for Basic's Admin API. `apiKey` or `bearerToken` goes in
 * Authorization: Bearer (default: the BASIC_API_KEY environment variable).
 */
export function createBasicClient(options?: ClientOptions): BasicClient {
  return createApiClient<paths>(provider, options);
}

/**
 * The data of a call's result, or a ProblemError: Basic's `{ error, message }` bodies read as
 * the problem's title and detail.
 */
export function unwrap<R extends FetchResultLike>(result: R | PromiseLike<R>): Promise<DataOf<R>> {
  return unwrapProblem(result, { toProblem });
}
