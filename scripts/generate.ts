#!/usr/bin/env -S npx tsx
// The one codegen entry point: `pnpm generate [--check] [provider...]`.
// Reads scripts/providers.json and writes packages/<provider>/src/generated/ for each spec.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { GenerateResult } from "./lib/codegen/codegen.js";
import { applyDrift, findDrift } from "./lib/codegen/files.js";
import { loadManifest } from "./lib/codegen/manifest.js";

const USAGE = `Usage: generate [--check] [provider...]

Regenerates packages/<provider>/src/generated/ from the specs listed in scripts/providers.json.
  --check   write nothing; exit 1 and name every generated file that is out of date
  --root    the repository to work in (default: this checkout)
  provider  limit the run to these providers (default: all)`;

/** Runs the CLI on `argv`; resolves with the exit code, having printed why when it is not 0. */
export async function main(argv: string[], defaultRoot: string): Promise<number> {
  try {
    return await generate(argv, defaultRoot);
  } catch (error) {
    // Bad flags are a usage error (2); anything else (unreadable manifest, I/O) is a failure (1).
    const usage = (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") ?? false;
    console.error(`✖ ${(error as Error).message}${usage ? `\n\n${USAGE}` : ""}`);
    return usage ? 2 : 1;
  }
}

async function generate(argv: string[], defaultRoot: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      check: { type: "boolean", default: false },
      root: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const root = resolve(values.root ?? defaultRoot);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const manifest = await loadManifest(root);
  const unknown = positionals.filter((name) => !manifest.some((p) => p.name === name));
  if (unknown.length > 0) {
    console.error(
      `Unknown provider ${unknown.join(", ")}: scripts/providers.json lists ${manifest.map((p) => p.name).join(", ")}.`,
    );
    return 2;
  }
  const selected =
    positionals.length > 0 ? manifest.filter((p) => positionals.includes(p.name)) : manifest;

  // Loaded only now: openapi-typescript brings the TypeScript compiler (seconds to load), which a
  // usage error or an unknown provider has no need to wait for.
  const { generateProvider, GENERATED_DIR } = await import("./lib/codegen/codegen.js");
  // Generate everything in memory first: one broken spec must leave every committed file untouched.
  const settled = await Promise.allSettled(
    selected.map((provider) => generateProvider(root, provider)),
  );
  const failures = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failures.length > 0) {
    for (const failure of failures)
      console.error(`✖ ${(failure.reason as Error).message ?? failure.reason}`);
    console.error(`Nothing was written: ${failures.length} spec(s) could not be generated.`);
    return 1;
  }
  const results = settled.map((s) => (s as PromiseFulfilledResult<GenerateResult>).value);
  for (const { provider, warnings } of results) {
    for (const warning of warnings) console.warn(`⚠ ${provider.spec}: ${warning}`);
  }
  const files = results.flatMap((r) => r.files);
  const dirs = selected.map((p) => `${p.package}/${GENERATED_DIR}`);
  const drift = await findDrift(root, dirs, files);

  if (values.check) {
    if (drift.length === 0) {
      console.log(`✔ generated code is up to date (${selected.map((p) => p.name).join(", ")})`);
      return 0;
    }
    for (const item of drift) console.error(`✖ ${item.kind}: ${item.path}`);
    console.error("Generated code is out of date: run `pnpm generate` and commit the result.");
    return 1;
  }
  await applyDrift(root, drift, files);
  const changed = drift.length === 0 ? "no changes" : `${drift.length} file(s) updated`;
  console.log(`✔ generated ${selected.map((p) => p.name).join(", ")}: ${changed}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  void main(process.argv.slice(2), root).then((code) => (process.exitCode = code));
}
