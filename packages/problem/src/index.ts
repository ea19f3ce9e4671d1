// @apiclients/problem: RFC 9457 Problem Details, the one shape every @apiclients error takes, and
// the root class every @apiclients error extends.
export type {
  ApiProblem,
  ParsedProblem,
  Problem,
  ProblemContext,
  ProblemOptions,
} from "./types.js";
export { ApiClientError, brand, isApiClientError } from "./api-client-error.js";
export { parseProblem } from "./parse.js";
export { isProblem } from "./is-problem.js";
export { isProblemError, ProblemError, type ProblemErrorInit } from "./problem-error.js";
export { retryHints, type RetryHints } from "./retry-hints.js";
export { unwrap, type DataOf, type FetchResultLike } from "./unwrap.js";
