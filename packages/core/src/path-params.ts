import { defaultPathSerializer } from "openapi-fetch";

/**
 * A path parameter the client will not send: missing, empty, a dot segment ("." or ".." would
 * move the request to another path once the URL is normalised), or not well-formed Unicode.
 * Thrown before anything is sent.
 */
export class PathParameterError extends TypeError {
  override name = "PathParameterError";
  constructor(
    /** The parameter's name in the operation's path template. */
    readonly parameter: string,
    problem: string,
  ) {
    super(`path parameter "${parameter}" ${problem}`);
  }
}

const PLACEHOLDER = /\{([^{}]+)\}/g;

const PRIMITIVES = new Set(["string", "number", "boolean", "bigint"]);

function encodeSegment(name: string, value: unknown): string {
  if (!PRIMITIVES.has(typeof value))
    throw new PathParameterError(name, `is a ${typeof value}, not a string or number`);
  if (typeof value === "number" && !Number.isFinite(value))
    throw new PathParameterError(name, `is ${value}`);
  const text = String(value);
  if (text === "") throw new PathParameterError(name, "is empty");
  if (text === "." || text === "..")
    throw new PathParameterError(name, `is "${text}", which cannot be a path segment on its own`);
  try {
    return encodeURIComponent(text);
  } catch {
    throw new PathParameterError(name, "is not well-formed Unicode (it has a lone surrogate)");
  }
}

/**
 * openapi-fetch's path serializer, made strict: every placeholder is filled or the call is
 * refused, and a primitive value always becomes exactly one percent-encoded segment.
 * Label (`{.x}`), matrix (`{;x}`) and exploded (`{x*}`) styles, and array or object values, are
 * serialized by openapi-fetch itself, after the same checks.
 */
export function safePathSerializer(
  pathname: string,
  pathParams: Record<string, unknown> | undefined,
): string {
  return pathname.replace(PLACEHOLDER, (match: string, raw: string) => {
    const name = raw.replace(/^[.;]/, "").replace(/\*$/, "");
    const value = pathParams?.[name];
    if (value === undefined || value === null) throw new PathParameterError(name, "is missing");
    if (typeof value === "object" || raw !== name) {
      if (
        Array.isArray(value)
          ? value.length === 0
          : typeof value === "object" && Object.keys(value).length === 0
      ) {
        throw new PathParameterError(name, "is empty");
      }
      for (const item of Array.isArray(value)
        ? value
        : typeof value === "object"
          ? Object.values(value)
          : [value]) {
        encodeSegment(name, item);
      }
      return defaultPathSerializer(match, { [name]: value });
    }
    return encodeSegment(name, value);
  });
}

/** Whether a path template has placeholders, so a call without `params.path` can be refused. */
export function hasPathParameters(path: string): boolean {
  return path.includes("{");
}
