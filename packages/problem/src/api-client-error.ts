// The one root of every error the @apiclients packages throw: ProblemError (the server answered
// with an error), and core's TransportError (no usable answer), ClientConfigError (options that
// cannot work) and PathParameterError (a path value that cannot be sent). It lives here, in the
// package every other one depends on.

// A brand, not `instanceof`: two copies of these packages (ESM and CJS, or two versions in one
// dependency tree) make two classes, and an error from one must still be recognised by the other.
const BRAND = Symbol.for("@apiclients/error");

/** Any error thrown by an @apiclients package. */
export class ApiClientError extends Error {
  override name = "ApiClientError";
}

Object.defineProperty(ApiClientError.prototype, BRAND, { value: true });

/** Whether a value is an error of any @apiclients package, from any copy of it. */
export function isApiClientError(value: unknown): value is ApiClientError {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  );
}
