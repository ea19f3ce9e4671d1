// Path parameters that always land in their own path segment. openapi-fetch's own serializer
// encodes values but not object keys, so {"/../admin": "x"} moves a request to another path;
// this one encodes every part, and refuses what no OpenAPI style can express.
import { ApiClientError } from "@apiclients/problem";

/**
 * A path parameter the client will not send: missing, empty, a dot segment ("." or ".." would
 * move the request to another path once the URL is normalised), of a type no OpenAPI style
 * serialises, or not well-formed Unicode. Thrown before anything is sent; the value is never
 * repeated in the message.
 */
export class PathParameterError extends ApiClientError {
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

type Style = "simple" | "label" | "matrix";

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/** One primitive value, percent-encoded. */
function encode(name: string, value: unknown): string {
  let text: string;
  if (typeof value === "string") text = value;
  else if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new PathParameterError(name, `is ${value}`);
    text = String(value);
  } else if (typeof value === "boolean" || typeof value === "bigint") text = String(value);
  else
    throw new PathParameterError(name, `holds ${describe(value)}, which no path style can express`);
  try {
    return encodeURIComponent(text);
  } catch {
    throw new PathParameterError(name, "is not well-formed Unicode (it has a lone surrogate)");
  }
}

/** The value as OpenAPI's style and explode say (OpenAPI 3.1 §4.8.12.4), every part encoded. */
function serialize(name: string, value: unknown, style: Style, explode: boolean): string {
  const key = encodeURIComponent(name);
  const prefix = style === "label" ? "." : style === "matrix" ? ";" : "";
  if (Array.isArray(value)) {
    if (value.length === 0) throw new PathParameterError(name, "is an empty array");
    const items = value.map((item) => encode(name, item));
    if (style === "matrix")
      return explode
        ? items.map((item) => `;${key}=${item}`).join("")
        : `;${key}=${items.join(",")}`;
    return prefix + items.join(explode && style === "label" ? "." : ",");
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => [encode(name, k), encode(name, v)]);
    if (entries.length === 0) throw new PathParameterError(name, "is an empty object");
    if (explode) {
      const separator = style === "label" ? "." : style === "matrix" ? ";" : ",";
      return prefix + entries.map(([k, v]) => `${k}=${v}`).join(separator);
    }
    const flat = entries.flat().join(",");
    return style === "matrix" ? `;${key}=${flat}` : prefix + flat;
  }
  const item = encode(name, value);
  return style === "matrix" ? `;${key}=${item}` : prefix + item;
}

/**
 * openapi-fetch's `pathSerializer`, made strict: every placeholder is filled or the call is
 * refused, and every value, whatever its type, becomes exactly its own segment.
 */
export function strictPathSerializer(
  pathname: string,
  pathParams: Record<string, unknown> | undefined,
): string {
  return pathname.replace(PLACEHOLDER, (_match, raw: string) => {
    let name = raw;
    let explode = false;
    let style: Style = "simple";
    if (name.endsWith("*")) {
      explode = true;
      name = name.slice(0, -1);
    }
    if (name.startsWith(".")) {
      style = "label";
      name = name.slice(1);
    } else if (name.startsWith(";")) {
      style = "matrix";
      name = name.slice(1);
    }
    const value =
      pathParams !== null && typeof pathParams === "object" && Object.hasOwn(pathParams, name)
        ? pathParams[name]
        : undefined;
    if (value === undefined || value === null) throw new PathParameterError(name, "is missing");
    const segment = serialize(name, value, style, explode);
    if (segment === "") throw new PathParameterError(name, "is empty");
    if (segment === "." || segment === "..")
      throw new PathParameterError(
        name,
        `is "${segment}", which cannot be a path segment on its own`,
      );
    return segment;
  });
}

/** The first placeholder's name in a path template, if it has any. */
export function firstPlaceholder(path: string): string | undefined {
  const match = /\{[.;]?([^{}*]+)\*?\}/.exec(path);
  return match?.[1];
}
