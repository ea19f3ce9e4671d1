// `pnpm spec:changeset`: compares each spec with the one its package was last released from and
// writes .changeset/spec-<provider>.md for each package whose spec changed, with the bump the
// change calls for and the list of changes. Running it again rewrites the same file.
import { readFile, rm, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadManifest, type ProviderEntry } from "./lib/codegen/manifest.js";
import { baselineSpec, packageInfo } from "./lib/release/released-specs.js";
import { diffSpecs, type SpecChange, type SpecDiff } from "./lib/release/spec-diff.js";
import { parseSpec } from "./lib/codegen/spec.js";

const HEADINGS: Record<string, string> = {
  breaking: "Breaking changes",
  "non-breaking": "Additions and compatible changes",
  deprecated: "Deprecations",
  unclassified: "Other changes",
  annotation: "Documentation",
};

export function changesetPath(provider: ProviderEntry): string {
  return `.changeset/spec-${provider.name}.md`;
}

export function changesetText(packageName: string, spec: string, diff: SpecDiff): string {
  const lines = [
    "---",
    `"${packageName}": ${diff.bump}`,
    "---",
    "",
    `Regenerated from a new version of ${spec}.`,
    "",
  ];
  for (const [type, heading] of Object.entries(HEADINGS)) {
    const changes = diff.changes.filter((c: SpecChange) => c.type === type);
    if (changes.length === 0) continue;
    lines.push(`${heading}:`, "");
    for (const description of [...new Set(changes.map((c) => c.description))])
      lines.push(`- ${description}`);
    lines.push("");
  }
  return lines.join("\n");
}

export async function main(argv: string[], root: string): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { root: { type: "string" } } });
  root = resolve(values.root ?? root);
  let written = 0;
  for (const provider of await loadManifest(root)) {
    const target = resolve(root, changesetPath(provider));
    const baseline = await baselineSpec(root, provider);
    if (baseline === undefined) {
      console.log(
        `• ${provider.name}: no released or committed spec to compare with; nothing written`,
      );
      continue;
    }
    const current = await readFile(resolve(root, provider.spec), "utf8");
    const diff = await diffSpecs(
      parseSpec(baseline.source, baseline.text),
      parseSpec(provider.spec, current),
    );
    const { name } = await packageInfo(root, provider);
    if (diff.bump === undefined) {
      await rm(target, { force: true }); // an earlier run's changeset for a change since undone
      console.log(`• ${provider.name}: ${provider.spec} matches ${baseline.source}`);
      continue;
    }
    await writeFile(target, changesetText(name, provider.spec, diff));
    written++;
    const counts = new Map<string, number>();
    for (const change of diff.changes) counts.set(change.type, (counts.get(change.type) ?? 0) + 1);
    const summary = [...counts].map(([type, n]) => `${n} ${type}`).join(", ");
    console.log(`✔ ${provider.name}: ${diff.bump} (${summary}) → ${changesetPath(provider)}`);
  }
  if (written === 0) console.log("No spec changed since its last release.");
  return 0;
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
