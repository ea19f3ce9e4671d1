// The per-call worker as one JavaScript file that any runtime runs as it is (no tsx, whose
// loader is Node's): esbuild bundles the bench's own modules and leaves every package external,
// so openapi-fetch loads from scripts/node_modules as it would in a user's program.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export async function compileWorker(scriptsDir: string): Promise<string> {
  const outfile = join(scriptsDir, ".cache/bench/per-call-worker.mjs");
  await build({
    entryPoints: [fileURLToPath(new URL("./per-call-worker.ts", import.meta.url))],
    outfile,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
  return outfile;
}
