// Part of `pnpm test`: a spec that changed since its package's last release must come with a
// pending changeset for that package, or the change would ship without a version bump.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readFile } from "node:fs/promises";
import { packagesWithPendingChangesets } from "./lib/release/changesets.js";
import { loadManifest } from "./lib/codegen/manifest.js";
import { baselineSpec, packageInfo } from "./lib/release/released-specs.js";

export async function checkSpecChangesets(root: string): Promise<string[]> {
  const problems: string[] = [];
  const pending = await packagesWithPendingChangesets(root);
  for (const provider of await loadManifest(root)) {
    const baseline = await baselineSpec(root, provider);
    const current = await readFile(resolve(root, provider.spec), "utf8");
    if (baseline === undefined || baseline.text === current) continue;
    const { name, version } = await packageInfo(root, provider);
    if (pending.has(name)) continue;
    const since = baseline.released
      ? `since ${name}@${version} was released (${baseline.source})`
      : `from ${baseline.source}`;
    problems.push(
      `${provider.spec} has changed ${since}, but no pending changeset bumps ${name}.\n` +
        `  Run \`pnpm spec:changeset\` to write one from the spec diff (breaking → major, additive → minor, docs → patch),\n` +
        `  or \`pnpm changeset\` to write one by hand, and commit it with the spec.`,
    );
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  checkSpecChangesets(root).then(
    (problems) => {
      for (const problem of problems) console.error(`✖ ${problem}`);
      if (problems.length === 0) console.log("✔ every changed spec has a pending changeset");
      process.exitCode = problems.length === 0 ? 0 : 1;
    },
    (error: Error) => {
      console.error(`✖ ${error.message}`);
      process.exitCode = 1;
    },
  );
}
