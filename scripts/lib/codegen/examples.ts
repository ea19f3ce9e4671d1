// Example values for parameters and request bodies, for the README's first call and the generated
// contract test: the spec's own example when it gives one, else a value its schema accepts. A value must also
// type-check against the generated types (a number for an integer, an enum's member), and Prism
// must accept it (it validates every request against the spec).
import type { Parameter } from "./operations.js";

type Schema = Record<string, unknown>;
type Primitive = string | number | boolean;
/** Follows a schema's $ref (the generator's resolveRef, bound to the spec). */
export type SchemaResolver = (schema: unknown) => Schema;

/** Formats Prism checks, each with a value it accepts. */
const STRING_FORMATS: Record<string, string> = {
  uuid: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  "date-time": "2024-01-02T03:04:05Z",
  date: "2024-01-02",
  time: "03:04:05Z",
  email: "user@example.com",
  uri: "https://example.com",
  url: "https://example.com",
  hostname: "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  byte: "ZXhhbXBsZQ==",
};

/** The schema's type, ignoring "null" in OpenAPI 3.1's type lists. */
function typeOf(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.find((t) => t !== "null") as string | undefined;
  return undefined;
}

function kebab(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.length > 0 ? words.join("-") : "value";
}

/** A string the schema accepts, or undefined when only a pattern could say. */
function stringFor(name: string, schema: Schema): string | undefined {
  const format = typeof schema.format === "string" ? STRING_FORMATS[schema.format] : undefined;
  if (format !== undefined) return format;
  if (schema.pattern !== undefined) return undefined;
  let value = kebab(name);
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Infinity;
  if (value.length < min) value = value.padEnd(min, "x");
  if (value.length > max) value = value.slice(0, Math.max(max, 0));
  return value.length >= min ? value : undefined;
}

/** 1, moved into [minimum, maximum] (exclusive bounds in the 3.0 and 3.1 styles). */
function numberFor(schema: Schema, integer: boolean): number | undefined {
  let low = -Infinity;
  let high = Infinity;
  const step = integer ? 1 : 0.5;
  if (typeof schema.minimum === "number")
    low = schema.exclusiveMinimum === true ? schema.minimum + step : schema.minimum;
  if (typeof schema.exclusiveMinimum === "number") low = schema.exclusiveMinimum + step;
  if (typeof schema.maximum === "number")
    high = schema.exclusiveMaximum === true ? schema.maximum - step : schema.maximum;
  if (typeof schema.exclusiveMaximum === "number") high = schema.exclusiveMaximum - step;
  let value = Math.min(Math.max(1, low), high);
  if (integer) value = Math.ceil(value);
  return value >= low && value <= high && Number.isFinite(value) ? value : undefined;
}

/** A value given by the spec, made to fit the schema's type (specs write "5" for an integer). */
function fitted(
  value: unknown,
  schema: Schema,
  resolve: SchemaResolver,
): Primitive | Primitive[] | undefined {
  const type = typeOf(schema);
  const one = (v: unknown): Primitive | undefined => {
    if ((type === "integer" || type === "number") && typeof v === "string" && v.trim() !== "")
      return Number.isFinite(Number(v)) ? Number(v) : undefined;
    if (type === "string" && (typeof v === "number" || typeof v === "boolean")) return String(v);
    if (type === "boolean" && (v === "true" || v === "false")) return v === "true";
    return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : undefined;
  };
  if (type === "array" || Array.isArray(value)) {
    if (!Array.isArray(value)) return undefined;
    const items = resolve(schema.items ?? {});
    const values = value.map((v) => fitted(v, items, resolve));
    return values.every((v) => v !== undefined && !Array.isArray(v))
      ? (values as Primitive[])
      : undefined;
  }
  return one(value);
}

/** The value a schema suggests itself: example, default, const or an enum member. */
function declared(schema: Schema): unknown {
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum.find((v) => v !== null);
  return undefined;
}

function valueFor(
  name: string,
  schema: Schema,
  resolve: SchemaResolver,
  depth = 0,
): Primitive | Primitive[] | undefined {
  const suggested = declared(schema);
  if (suggested !== undefined) return fitted(suggested, schema, resolve);
  // A schema that is only an allOf/oneOf/anyOf wrapper: its first member decides.
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    const members = schema[key];
    if (depth < 4 && Array.isArray(members) && members.length > 0 && typeOf(schema) === undefined)
      return valueFor(name, resolve(members[0]), resolve, depth + 1);
  }
  switch (typeOf(schema) ?? "string") {
    case "string":
      return stringFor(name, schema);
    case "integer":
      return numberFor(schema, true);
    case "number":
      return numberFor(schema, false);
    case "boolean":
      return true;
    case "array": {
      const item = valueFor(name, resolve(schema.items ?? {}), resolve, depth + 1);
      const minItems = typeof schema.minItems === "number" ? schema.minItems : 0;
      return item === undefined || Array.isArray(item) || minItems > 1 ? undefined : [item];
    }
    default:
      return undefined; // objects: no generic way to serialise them into a path or query
  }
}

/**
 * A value for a parameter that Prism accepts and the generated types allow, or undefined when
 * there is none the generator can be sure of (a pattern without an example, an object).
 */
export function exampleFor(
  parameter: Parameter,
  resolve: SchemaResolver = (schema) => schema as Schema,
): Primitive | Primitive[] | undefined {
  const schema = parameter.schema ?? {};
  if (parameter.example !== undefined) return fitted(parameter.example, schema, resolve);
  const value = valueFor(parameter.name, schema, resolve);
  // A path segment or header holds one value.
  if (Array.isArray(value) && parameter.in !== "query") return undefined;
  return value;
}

/** A JSON value for a request body schema: its required properties only, each an example. */
export function bodyFor(
  schema: Schema,
  resolve: SchemaResolver = (s) => s as Schema,
  depth = 0,
): unknown {
  if (depth > 8) return undefined;
  const suggested = declared(schema);
  if (suggested !== undefined && typeOf(schema) !== "object")
    return fitted(suggested, schema, resolve);
  const allOf = Array.isArray(schema.allOf) ? schema.allOf.map(resolve) : [];
  const choice = ["oneOf", "anyOf"]
    .map((key) => schema[key])
    .find((members): members is unknown[] => Array.isArray(members) && members.length > 0);
  if (choice && allOf.length === 0 && schema.properties === undefined)
    return bodyFor(resolve(choice[0]), resolve, depth + 1);
  const type = typeOf(schema) ?? (schema.properties || allOf.length > 0 ? "object" : undefined);
  if (type === "object") {
    const parts = [schema, ...allOf];
    const properties = Object.assign(
      {},
      ...parts.map((part) => (part.properties ?? {}) as Record<string, unknown>),
    ) as Record<string, unknown>;
    const required = parts.flatMap((part) => (Array.isArray(part.required) ? part.required : []));
    const body: Record<string, unknown> = {};
    for (const name of new Set(required as string[])) {
      const property = resolve(properties[name] ?? {});
      // Required yet read-only: the types demand it and the server refuses it. No safe value.
      if (property.readOnly === true) return undefined;
      const value =
        typeOf(property) === "object" || property.properties || property.allOf
          ? bodyFor(property, resolve, depth + 1)
          : (valueFor(name, property, resolve, depth + 1) ??
            (typeOf(property) === "array" ? bodyFor(property, resolve, depth + 1) : undefined));
      if (value === undefined) return undefined;
      body[name] = value;
    }
    return body;
  }
  if (type === "array") {
    const minItems = typeof schema.minItems === "number" ? schema.minItems : 0;
    if (minItems === 0) return [];
    const item = bodyFor(resolve(schema.items ?? {}), resolve, depth + 1);
    return item === undefined || minItems > 1 ? undefined : [item];
  }
  return valueFor("value", schema, resolve, depth + 1);
}
