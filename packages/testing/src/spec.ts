// Reads what a spec declares, so contract tests follow the spec rather than a copy of it.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "yaml";
import { repoRoot } from "./process.js";

interface Operation {
  responses?: Record<string, unknown>;
}

/** The response status codes a spec declares for one operation, e.g. [204, 404, 500]. */
export function declaredStatuses(spec: string, path: string, method: string): number[] {
  const doc = parse(readFileSync(resolve(repoRoot, spec), "utf8")) as {
    paths?: Record<string, Record<string, Operation>>;
  };
  const operation = doc.paths?.[path]?.[method.toLowerCase()];
  if (!operation?.responses) throw new Error(`${spec} declares no ${method.toUpperCase()} ${path}`);
  return Object.keys(operation.responses)
    .filter((code) => /^\d{3}$/.test(code))
    .map(Number)
    .sort((a, b) => a - b);
}
