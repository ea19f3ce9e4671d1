export type { ApiProblem, ParsedProblem, Problem, ProblemContext } from "./types.js";
export { parseProblem } from "./parse.js";
export { isProblem } from "./is-problem.js";
export {
  isProblemError,
  isRetryableStatus,
  ProblemError,
  type ProblemErrorInit,
} from "./problem-error.js";
export { requestIdFromHeaders, retryAfterFromHeaders } from "./retry-after.js";
export { parseRfc3339 } from "./rfc3339.js";
export { unwrap, type DataOf, type FetchResultLike } from "./unwrap.js";
export {
  AbortError,
  ConnectionError,
  isTransportError,
  TimeoutError,
  TransportError,
  type TransportErrorInit,
} from "./transport-errors.js";
export { attachSecrets, REDACTED, redactError, redactText, searchableSecrets } from "./redact.js";
