// What `pnpm generate` reads of packages/core besides the specs: src/ (ClientOptions, whose doc
// comments make every README's options table) and README.md (whose options table a full run
// writes). A scratch repository that runs the generator (the tests' fixtures, the codegen
// benchmark) needs them, and TypeScript must resolve the openapi-fetch options ClientOptions
// inherits, so core's node_modules is linked rather than installed.
import { cpSync, symlinkSync } from "node:fs";
import { join } from "node:path";

/** Copies packages/core as the generator reads it from the repository `from` into `to`. */
export function copyCoreInputs(from: string, to: string): void {
  const core = (base: string, file = "") => join(base, "packages/core", file);
  cpSync(core(from, "src"), core(to, "src"), { recursive: true });
  cpSync(core(from, "README.md"), core(to, "README.md"));
  symlinkSync(core(from, "node_modules"), core(to, "node_modules"), "dir");
}
