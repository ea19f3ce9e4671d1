// Whether a downloaded body is an OpenAPI 3.x document the generator can take, with the reason
// when it is not. The structure is checked by @redocly/openapi-core, the validator that
// openapi-typescript itself runs (so the two agree, and it is already installed): it checks by
// OpenAPI version (3.0 and 3.1 differ), reports every problem with its JSON pointer, and reads
// JSON and YAML alike.
import { createConfig, lintFromString, type Config } from "@redocly/openapi-core";
import { parseSpec, SpecError, type OpenApiDocument } from "../codegen/spec.js";

/** Why a body is not a spec to sync, in words that fit after "failed: ". */
export class NotASpecError extends Error {
  override name = "NotASpecError";
}

const SHOWN_PROBLEMS = 3;
let config: Promise<Config> | undefined;

function decode(body: Buffer): string {
  try {
    // ignoreBOM keeps a byte order mark in the text, so the text is the body byte for byte.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw new NotASpecError("the body is not UTF-8 text");
  }
}

/** Every `$ref` that points outside the document. */
function externalRefs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) externalRefs(item, found);
  else if (value !== null && typeof value === "object")
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string" && !child.startsWith("#")) found.push(child);
      else externalRefs(child, found);
    }
  return found;
}

/**
 * The document in `body`, checked; throws NotASpecError naming the reason. `label` names the
 * body in messages (the provider and its source).
 */
export async function checkOpenApi(
  label: string,
  body: Buffer,
  contentType?: string,
): Promise<{ text: string; document: OpenApiDocument }> {
  const text = decode(body);
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (/^text\/html\b/i.test(contentType ?? "") || /^<(!doctype html|html|head|body)\b/.test(start))
    throw new NotASpecError("got an HTML page (a login or error page?), not an OpenAPI document");
  if (start.startsWith("<")) throw new NotASpecError("got XML or markup, not JSON or YAML");
  if (start === "") throw new NotASpecError("the body is empty");
  if (start.startsWith("{") || start.startsWith("[")) {
    try {
      JSON.parse(text);
    } catch (error) {
      // "Unexpected end of JSON input" is what a truncated body looks like.
      throw new NotASpecError(`invalid JSON: ${(error as Error).message}`);
    }
  }
  let document: OpenApiDocument;
  try {
    document = parseSpec(label, text); // YAML errors, Swagger 2.0, anything not OpenAPI 3.x
  } catch (error) {
    throw new NotASpecError(error instanceof SpecError ? error.reason : (error as Error).message);
  }
  // A spec is synced as one self-contained document: an external $ref would make the validator
  // and the generator fetch more from wherever it points.
  const [external] = externalRefs(document);
  if (external !== undefined)
    throw new NotASpecError(
      `it has an external $ref (${external}); only self-contained specs are synced`,
    );
  config ??= createConfig({
    extends: [], // these two rules only: is it OpenAPI, not is it good style
    rules: { struct: "error", "no-unresolved-refs": "error" },
  } as never);
  let problems;
  try {
    problems = await lintFromString({
      source: text,
      absoluteRef: "/sync/openapi.json",
      config: await config,
    });
  } catch (error) {
    throw new NotASpecError(`the OpenAPI validator refused it: ${(error as Error).message}`);
  }
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    const shown = errors
      .slice(0, SHOWN_PROBLEMS)
      .map((p) => `${p.location[0]?.pointer ?? "#/"}: ${p.message}`)
      .join("; ");
    const more =
      errors.length > SHOWN_PROBLEMS ? `; and ${errors.length - SHOWN_PROBLEMS} more` : "";
    throw new NotASpecError(
      `not a valid OpenAPI ${document.openapi} document (${errors.length} problem${errors.length === 1 ? "" : "s"}): ${shown}${more}`,
    );
  }
  return { text, document };
}
