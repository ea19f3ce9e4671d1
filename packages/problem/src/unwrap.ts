import { ProblemError } from "./problem-error.js";
import type { ProblemOptions } from "./types.js";

/** The shape of an openapi-fetch result: data on success, error on failure, always the response. */
export interface FetchResultLike {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The success data of an openapi-fetch result type. */
export type DataOf<R> = R extends { data: infer D } ? D : never;

/**
 * Returns the data of an openapi-fetch result, or throws a ProblemError built from its error
 * body and response. Takes the result or a promise of one:
 *
 *   const key = await unwrap(client.GET("/keys/{id}", { params: { path: { id } } }));
 *
 * `options.toProblem` reads a provider's own error shape; provider packages export an `unwrap`
 * that passes theirs.
 */
export async function unwrap<R extends FetchResultLike>(
  result: R | PromiseLike<R>,
  options?: ProblemOptions,
): Promise<DataOf<R>> {
  const settled = await result;
  if (settled.response.ok) return settled.data as DataOf<R>;
  throw ProblemError.fromResponse(settled.response, settled.error, options);
}
