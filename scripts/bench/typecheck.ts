// Type-check cost: tsc --extendedDiagnostics on a consumer file making the same calls through
// our client and through bare openapi-fetch, both typed by the full Ampersand spec.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { binPath } from "@apiclients/testing";

export interface TypecheckResult {
  variant: string;
  types: number;
  instantiations: number;
  checkTimeSeconds: number;
}

const CALLS = `
export async function calls() {
  await client.DELETE("/projects/{projectIdOrName}/jwt-keys/{keyId}", { params: { path: { projectIdOrName: "p", keyId: "k" } } });
  await client.GET("/projects/{projectIdOrName}/jwt-keys/{keyId}", { params: { path: { projectIdOrName: "p", keyId: "k" } } });
  await client.GET("/projects", {});
  await client.GET("/projects/{projectIdOrName}/integrations", { params: { path: { projectIdOrName: "p" } } });
  const { data } = await client.GET("/projects/{projectIdOrName}", { params: { path: { projectIdOrName: "p" } } });
  return data;
}
`;

const VARIANTS: Record<string, string> = {
  "openapi-fetch": `import createClient from "openapi-fetch";
import type { paths } from "./schema.js";
const client = createClient<paths>({ baseUrl: "https://api.withampersand.com/v1" });
${CALLS}`,
  "@apiclients/core": `import { createApiClient, type ProviderConfig } from "@apiclients/core";
import type { paths } from "./schema.js";
const provider: ProviderConfig = { name: "ampersand", baseUrl: "https://api.withampersand.com/v1", auth: {} };
const client = createApiClient<paths>(provider, {});
${CALLS}`,
};

function diagnostics(output: string): Omit<TypecheckResult, "variant"> {
  const number = (label: string) =>
    Number(new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(output)?.[1] ?? Number.NaN);
  return {
    types: number("Types"),
    instantiations: number("Instantiations"),
    checkTimeSeconds: number("Check time"),
  };
}

/**
 * `schema` is the generated schema.ts of the full spec; `resolveFrom` a directory whose
 * node_modules has openapi-fetch and @apiclients/core.
 */
export function typecheckBench(schema: string, resolveFrom: string): TypecheckResult[] {
  const tsc = binPath(import.meta.url, "typescript", "tsc");
  const results: TypecheckResult[] = [];
  for (const [variant, source] of Object.entries(VARIANTS)) {
    mkdirSync(resolveFrom, { recursive: true });
    const dir = mkdtempSync(join(resolveFrom, "typecheck-"));
    try {
      copyFileSync(schema, join(dir, "schema.ts"));
      writeFileSync(join(dir, "consumer.ts"), source);
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            module: "NodeNext",
            moduleResolution: "NodeNext",
            target: "ES2022",
            lib: ["ES2022", "DOM"],
            noEmit: true,
            skipLibCheck: true,
            types: [],
          },
          files: ["consumer.ts"],
        }),
      );
      const output = execFileSync(process.execPath, [tsc, "-p", dir, "--extendedDiagnostics"], {
        cwd: dir,
        encoding: "utf8",
      });
      results.push({ variant, ...diagnostics(output) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}
