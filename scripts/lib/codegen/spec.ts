// Loads one OpenAPI document and rejects what the generator cannot use, naming file and reason.
import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";

/** The few parts of an OpenAPI 3.x document the generator reads itself. */
export interface OpenApiDocument {
  openapi: string;
  info?: { title?: unknown; version?: unknown };
  servers?: Array<{ url?: unknown }>;
  components?: { securitySchemes?: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
}

export class SpecError extends Error {
  override name = "SpecError";
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** Parses YAML (JSON is YAML too) and checks that the document claims OpenAPI 3.x. */
export function parseSpec(file: string, text: string): OpenApiDocument {
  // JSON specs are common and large; JSON.parse is an order of magnitude faster than a YAML parser.
  const trimmed = text.trimStart();
  let value: unknown;
  if (trimmed.startsWith("{")) {
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined; // fall through to the YAML parser, which reports line and column
    }
  }
  if (value === undefined) {
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    const [first] = doc.errors;
    if (first) {
      const pos = first.linePos?.[0];
      const at = pos ? ` at line ${pos.line}, column ${pos.col}` : "";
      throw new SpecError(file, `invalid YAML${at}: ${first.message.split("\n")[0]}`);
    }
    value = doc.toJS({ maxAliasCount: 10_000 });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new SpecError(file, "not an OpenAPI document: expected a mapping at the top level");
  }
  const openapi = (value as Record<string, unknown>).openapi;
  if ("swagger" in value && openapi === undefined) {
    throw new SpecError(
      file,
      `Swagger ${String((value as Record<string, unknown>).swagger)} is not supported: convert it to OpenAPI 3.x`,
    );
  }
  if (typeof openapi !== "string" || !/^3\.\d+(\.\d+)?$/.test(openapi)) {
    throw new SpecError(
      file,
      `not OpenAPI 3.x: the "openapi" field is ${JSON.stringify(openapi) ?? "missing"}`,
    );
  }
  return value as OpenApiDocument;
}

export async function loadSpec(file: string, absolutePath: string): Promise<OpenApiDocument> {
  let text: string;
  try {
    text = await readFile(absolutePath, "utf8");
  } catch (error) {
    throw new SpecError(
      file,
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return parseSpec(file, text);
}
