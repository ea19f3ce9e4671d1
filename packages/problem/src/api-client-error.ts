// The one root of every error the @apiclients packages throw: ProblemError (the server answered
// with an error), and core's TransportError (no usable answer), ClientConfigError (options that
// cannot work) and PathParameterError (a path value that cannot be sent). It lives here, in the
// package every other one depends on.

/**
 * Brands a class's instances and returns the check for the brand. A brand, not `instanceof`: two
 * copies of these packages (ESM and CJS, or two versions in one dependency tree) make two
 * classes, and an error from one must still be recognised by the other. `key` names the class
 * for every copy, e.g. "@apiclients/error".
 */
export function brand<T>(target: abstract new (...args: never[]) => T, key: string) {
  const symbol = Symbol.for(key);
  Object.defineProperty(target.prototype, symbol, { value: true });
  return (value: unknown): value is T =>
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[symbol] === true;
}

/** Any error thrown by an @apiclients package. */
export class ApiClientError extends Error {
  override name = "ApiClientError";
}

/** Whether a value is an error of any @apiclients package, from any copy of it. */
export const isApiClientError = brand(ApiClientError, "@apiclients/error");
