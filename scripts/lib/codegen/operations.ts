// Every operation of a spec, as the README's table and the first call need them: method, path,
// summary, parameters (path-level and operation-level merged, local $refs followed), whether a
// body is required, the declared statuses and the security that applies.
import type { OpenApiDocument } from "./spec.js";

/** The HTTP methods of a path item, in the order OpenAPI lists them. */
export const METHODS = [
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
] as const;
export type Method = (typeof METHODS)[number];

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema?: Record<string, unknown>;
  /** The parameter's own `example`, or the first of its `examples`. */
  example?: unknown;
}

/** One alternative of a security requirement: every scheme named must be satisfied. */
export type SecurityAlternative = string[];

export interface Operation {
  method: Method;
  path: string;
  operationId?: string;
  /** One short line (shortSummary): of the summary, else of the description, else "". */
  summary: string;
  deprecated: boolean;
  parameters: Parameter[];
  /** A request body the spec marks required, and its JSON schema when it takes JSON. */
  requiredBody?: { jsonSchema?: Record<string, unknown> };
  /** Numeric statuses the spec declares, ascending ("default" and "4XX" ranges left out). */
  statuses: number[];
  /** What its 2xx answers carry: JSON or nothing (openapi-fetch's default reading works), or
   * only other media types (text, binary), which must be read as text. */
  successBody: "json" | "other";
  /** The alternatives that satisfy the operation's security; [] when it declares none, and an
   * empty alternative when anonymous calls are one of the options. */
  security: SecurityAlternative[];
}

/** Follows a local `$ref` ("#/components/…") until it reaches an object; other refs stay as they are. */
export function resolveRef<T = Record<string, unknown>>(doc: OpenApiDocument, value: unknown): T {
  let current = value;
  for (let hops = 0; hops < 32; hops++) {
    const ref = (current as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/")) return current as T;
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
  }
  return current as T;
}

function oneLine(text: unknown): string {
  return typeof text === "string" ? text.replace(/\s+/g, " ").trim() : "";
}

/** About how long a README's line for one operation may make its summary. */
export const SUMMARY_LENGTH = 100;

/**
 * `text` (a summary or a description; anything but a string is "") as one short line: its first
 * sentence, cut at a word before about SUMMARY_LENGTH characters with an ellipsis when the
 * sentence is longer. Real specs put paragraphs in `summary`; the README gives each operation one
 * readable line.
 */
export function shortSummary(text: unknown): string {
  const line = oneLine(text);
  // The first sentence: up to the first full stop, question or exclamation mark followed by the
  // end or by a capital or digit (so "e.g. the" and "v1.2" do not end one).
  const sentence = /^(.+?[.!?])(?=\s+[\p{Lu}\p{N}]|$)/u.exec(line)?.[1] ?? line;
  if (sentence.length <= SUMMARY_LENGTH) return sentence;
  const cut = sentence.slice(0, SUMMARY_LENGTH);
  // At the last space, unless that leaves less than half: a very long word is cut where it is.
  const space = cut.lastIndexOf(" ");
  const atWord = space >= SUMMARY_LENGTH / 2 ? cut.slice(0, space).replace(/[,;:]+$/, "") : cut;
  return `${atWord}…`;
}

function summaryOf(operation: Record<string, unknown>): string {
  return shortSummary(operation.summary) || shortSummary(operation.description);
}

function parameterOf(doc: OpenApiDocument, raw: unknown): Parameter | undefined {
  const p = resolveRef(doc, raw);
  if (
    typeof p?.name !== "string" ||
    !["path", "query", "header", "cookie"].includes(p.in as string)
  )
    return undefined;
  const examples = p.examples as Record<string, unknown> | undefined;
  const firstExample =
    examples && typeof examples === "object"
      ? resolveRef<{ value?: unknown }>(doc, Object.values(examples)[0])?.value
      : undefined;
  const schema = p.schema === undefined ? undefined : resolveRef(doc, p.schema);
  return {
    name: p.name,
    in: p.in as Parameter["in"],
    required: p.in === "path" || p.required === true,
    ...(schema && typeof schema === "object" ? { schema } : {}),
    ...(p.example !== undefined
      ? { example: p.example }
      : firstExample !== undefined
        ? { example: firstExample }
        : {}),
  };
}

/** Path-level parameters, overridden by operation-level ones of the same name and location. */
function parametersOf(doc: OpenApiDocument, pathLevel: unknown, own: unknown): Parameter[] {
  const merged = new Map<string, Parameter>();
  for (const list of [pathLevel, own])
    for (const raw of Array.isArray(list) ? list : []) {
      const parameter = parameterOf(doc, raw);
      if (parameter) merged.set(`${parameter.in}\0${parameter.name}`, parameter);
    }
  return [...merged.values()];
}

function securityOf(requirements: unknown): SecurityAlternative[] {
  if (!Array.isArray(requirements)) return [];
  return requirements
    .filter((r): r is Record<string, unknown> => r !== null && typeof r === "object")
    .map((r) => Object.keys(r));
}

const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json\b/i;

/** JSON or no content in some declared 2xx answer ("json"), or only other media types. */
function successBodyOf(doc: OpenApiDocument, responses: Record<string, unknown>): "json" | "other" {
  const answers = Object.entries(responses)
    .filter(([code]) => /^2(\d\d|XX)$/.test(code))
    .map(([, response]) => resolveRef(doc, response));
  const types = answers.map((answer) => Object.keys((answer?.content ?? {}) as object));
  if (types.length === 0) return "json"; // no 2xx declared: nothing says otherwise
  return types.some((media) => media.length === 0 || media.some((t) => JSON_MEDIA.test(t)))
    ? "json"
    : "other";
}

/** Every operation, in the spec's order of paths and methods. */
export function listOperations(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  const paths = (doc.paths ?? {}) as Record<string, unknown>;
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolveRef(doc, rawItem);
    if (!item || typeof item !== "object") continue;
    for (const method of METHODS) {
      const operation = item[method] as Record<string, unknown> | undefined;
      if (!operation || typeof operation !== "object") continue;
      const body = resolveRef(doc, operation.requestBody);
      const content = (body?.content ?? {}) as Record<string, { schema?: unknown }>;
      // application/json, or any JSON media type (application/vnd.x+json); openapi-fetch sends JSON.
      const json = Object.entries(content).find(([type]) => JSON_MEDIA.test(type))?.[1];
      const responses = (operation.responses ?? {}) as Record<string, unknown>;
      operations.push({
        method,
        path,
        ...(typeof operation.operationId === "string"
          ? { operationId: operation.operationId }
          : {}),
        summary: summaryOf(operation),
        deprecated: operation.deprecated === true,
        parameters: parametersOf(doc, item.parameters, operation.parameters),
        ...(body?.required === true
          ? {
              requiredBody:
                json?.schema === undefined ? {} : { jsonSchema: resolveRef(doc, json.schema) },
            }
          : {}),
        statuses: Object.keys(responses)
          .filter((code) => /^\d{3}$/.test(code))
          .map(Number)
          .sort((a, b) => a - b),
        successBody: successBodyOf(doc, responses),
        security: securityOf(operation.security ?? doc.security),
      });
    }
  }
  return operations;
}
