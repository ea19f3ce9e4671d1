// `pnpm specs:sync [--json <file>] [provider...]`: for each provider whose manifest entry names a
// `source`, downloads the spec it publishes and, when it changed, writes it to specs/, writes its
// changeset (as `pnpm spec:changeset` does) and regenerates its package. One line per provider;
// exit 1 when any failed, after all the others were done. The library is in lib/sync/.
import { writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { main as generate } from "./generate.js";
import { loadManifest, ManifestError, type ProviderEntry } from "./lib/codegen/manifest.js";
import { changesetPath, changesMarkdown, writeSpecChangeset } from "./spec-changeset.js";
import { outcomeLine, providerReport } from "./lib/sync/report.js";
import { syncProvider, type SyncOptions, type SyncSteps } from "./lib/sync/sync.js";

const USAGE = `Usage: specs:sync [--json <file>] [provider...]

Downloads each provider's published spec (the manifest's "source") and, when it changed, updates
specs/, the provider's changeset and its generated package.
  --json <file>  also write a machine-readable report there (for the spec-sync workflow)
  --root <dir>   the repository to work in (default: this checkout)
  provider       limit the run to these providers (default: all)`;

/** Runs `fn` with console output captured: the lines go into the result, not the terminal. */
async function quietly<T>(fn: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const lines: string[] = [];
  const saved = { log: console.log, warn: console.warn, error: console.error };
  const capture = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  console.log = console.warn = console.error = capture;
  try {
    return { value: await fn(), lines };
  } finally {
    Object.assign(console, saved);
  }
}

const steps: SyncSteps = {
  changesetPath,
  async writeChangeset(root, provider) {
    const result = await writeSpecChangeset(root, provider);
    if (result.kind === "written")
      return { bump: result.bump, entries: result.entries, path: result.path };
    const note =
      result.kind === "unchanged"
        ? `the spec matches ${result.baseline}`
        : "no released or committed spec to compare with";
    return { bump: undefined, entries: [], path: undefined, note };
  },
  async regenerate(root, provider) {
    const { value: code, lines } = await quietly(() => generate([provider.name], root));
    if (code !== 0) {
      const reasons = lines.filter((line) => line.startsWith("✖")).map((l) => l.slice(2));
      throw new Error(`the generator refused it: ${reasons.join("; ") || `exit code ${code}`}`);
    }
  },
};

export async function main(
  argv: string[],
  defaultRoot: string,
  options: SyncOptions = {},
): Promise<number> {
  let values, positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "string" },
        root: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    console.error(`✖ ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const root = resolve(values.root ?? defaultRoot);
  let manifest: ProviderEntry[];
  try {
    manifest = await loadManifest(root);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    console.error(`✖ ${error.message}\nNothing was fetched or written.`);
    return 2;
  }
  const unknown = positionals.filter((name) => !manifest.some((p) => p.name === name));
  if (unknown.length > 0) {
    console.error(
      `✖ Unknown provider ${unknown.join(", ")}: scripts/providers.json lists ${manifest.map((p) => p.name).join(", ")}.`,
    );
    return 2;
  }
  const selected: ProviderEntry[] =
    positionals.length > 0 ? manifest.filter((p) => positionals.includes(p.name)) : manifest;

  const outcomes = [];
  // One provider at a time: each regenerates in this process, and its lines stay in order.
  for (const provider of selected) {
    const outcome = await syncProvider(root, provider, steps, options).catch((error: Error) => ({
      provider: provider.name,
      status: "failed" as const,
      reason: error.message,
    }));
    console.log(outcomeLine(outcome));
    outcomes.push(outcome);
  }
  const failed = outcomes.filter((o) => o.status === "failed").length;
  if (values.json !== undefined) {
    const byName = new Map(manifest.map((p) => [p.name, p]));
    const context = {
      spec: (name: string) => byName.get(name)!.spec,
      packageDir: (name: string) => byName.get(name)!.package,
      changesMarkdown,
    };
    const report = { failed, providers: outcomes.map((o) => providerReport(o, context)) };
    await writeFile(resolve(values.json), `${JSON.stringify(report, null, 2)}\n`);
  }
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  main(process.argv.slice(2), root).then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      console.error(`✖ ${error.message}`);
      process.exitCode = 1;
    },
  );
}
