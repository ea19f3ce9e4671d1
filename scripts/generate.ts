#!/usr/bin/env -S npx tsx
// The one codegen entry point: `pnpm generate [--check] [provider...]`.
// Reads scripts/providers.json and, for each entry, creates its provider package when it is
// missing and keeps every generated file in it current (lib/codegen/package.ts says which files
// those are). A full run also keeps the options table of packages/core/README.md current
// (lib/codegen/core-readme.ts), and names the orphans: generated packages no entry names any more.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { applyDrift, findDrift } from "./lib/codegen/files.js";
import { loadManifest, ManifestError } from "./lib/codegen/manifest.js";
import type { GeneratedFile } from "./lib/codegen/layout.js";
import type { PackageResult } from "./lib/codegen/package.js";
import { checkPackageFolders, findOrphans } from "./lib/codegen/workspace.js";

const USAGE = `Usage: generate [--check] [provider...]

Creates or updates the provider packages of scripts/providers.json from their specs.
  --check   write nothing; exit 1 and name every generated file that is out of date (and every
            orphaned package: one the manifest no longer names)
  --root    the repository to work in (default: this checkout)
  provider  limit the run to these providers (default: all, core's README options table, and
            orphans are looked for)`;

/** Runs the CLI on `argv`; resolves with the exit code, having printed why when it is not 0. */
export async function main(argv: string[], defaultRoot: string): Promise<number> {
  try {
    return await generate(argv, defaultRoot);
  } catch (error) {
    // Bad flags are a usage error (2); anything else (unreadable manifest, I/O) is a failure (1).
    const usage = (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") ?? false;
    console.error(`✖ ${(error as Error).message}${usage ? `\n\n${USAGE}` : ""}`);
    // A bad manifest entry is found before anything is generated, let alone written.
    if (error instanceof ManifestError) console.error("Nothing was written.");
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
  await checkPackageFolders(root, manifest);

  // Loaded only now: openapi-typescript brings the TypeScript compiler (seconds to load), which a
  // usage error or an unknown provider has no need to wait for.
  const { generatePackage } = await import("./lib/codegen/package.js");
  const { readClientOptions } = await import("./lib/codegen/client-options.js");
  const { coreReadme } = await import("./lib/codegen/core-readme.js");
  // ClientOptions first: every README's options table is made from it, so a fault in its doc
  // comments is said once rather than once per provider. Core's README (its options table) only
  // on a full run, like the orphans: `generate <provider>` is that provider's turbo task, which
  // writes its own package and nothing else.
  let coreFiles: GeneratedFile[];
  try {
    const clientOptions = await readClientOptions(root);
    coreFiles = positionals.length === 0 ? [await coreReadme(root, clientOptions)] : [];
  } catch (error) {
    console.error(`✖ ${(error as Error).message}`);
    console.error("Nothing was written.");
    return 1;
  }
  // Generate everything in memory first: one bad entry or spec must leave every file untouched.
  const settled = await Promise.allSettled(
    selected.map((provider) => generatePackage(root, provider)),
  );
  const failures = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failures.length > 0) {
    for (const failure of failures)
      console.error(`✖ ${(failure.reason as Error).message ?? failure.reason}`);
    console.error(`Nothing was written: ${failures.length} provider(s) could not be generated.`);
    return 1;
  }
  const results = settled.map((s) => (s as PromiseFulfilledResult<PackageResult>).value);
  for (const { provider, warnings } of results) {
    for (const warning of warnings) console.warn(`⚠ ${provider.spec}: ${warning}`);
  }
  const files = [...results.flatMap((r) => r.files), ...coreFiles];
  const drift = await findDrift(
    root,
    results.flatMap((r) => r.dirs),
    files,
  );
  // Orphans only on a full run: a run for some providers says nothing about the others.
  const orphans = positionals.length === 0 ? await findOrphans(root, manifest) : [];
  const orphanNote = (dir: string) =>
    `${dir} is orphaned: it holds generated code, but no entry in scripts/providers.json names it. Restore its entry, or delete the folder to drop the provider.`;

  if (values.check) {
    for (const item of drift) console.error(`✖ ${item.kind}: ${item.path}`);
    for (const dir of orphans) console.error(`✖ ${orphanNote(dir)}`);
    if (drift.length > 0)
      console.error("Generated code is out of date: run `pnpm generate` and commit the result.");
    if (drift.length > 0 || orphans.length > 0) return 1;
    console.log(`✔ generated code is up to date (${selected.map((p) => p.name).join(", ")})`);
    return 0;
  }
  await applyDrift(root, drift, files);
  for (const { provider, files: written, created } of results)
    if (created)
      console.log(
        `✚ created ${provider.package} (${written.length} files). Next: \`pnpm install\`, \`pnpm api:update\`, and a changeset for its first release (\`pnpm changeset\`).`,
      );
  for (const dir of orphans) console.warn(`⚠ ${orphanNote(dir)}`);
  const changed = drift.length === 0 ? "no changes" : `${drift.length} file(s) updated`;
  console.log(`✔ generated ${selected.map((p) => p.name).join(", ")}: ${changed}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  void main(process.argv.slice(2), root).then((code) => (process.exitCode = code));
}
