// `pnpm spec:changeset`: compares each spec with the one its package was last released from and
// writes .changeset/spec-<provider>.md for each package whose spec changed, with the bump the
// change calls for (lib/release/classify.ts: the spec diff and the generated types) and the list
// of changes. Running it again rewrites the same file. `pnpm specs:sync` writes its changesets
// with writeSpecChangeset below.
import { readFile, rm, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadManifest, type ProviderEntry } from "./lib/codegen/manifest.js";
import { baselineSpec, packageInfo } from "./lib/release/released-specs.js";
import { classifySpecChange, type ChangelogEntry } from "./lib/release/classify.js";
import type { Bump } from "./lib/release/spec-diff.js";

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

/** The changes under their headings, as markdown (the changeset's body, a sync PR's body). */
export function changesMarkdown(entries: readonly ChangelogEntry[]): string {
  const lines: string[] = [];
  for (const [type, heading] of Object.entries(HEADINGS)) {
    const listed = entries.filter((e) => e.type === type);
    if (listed.length === 0) continue;
    lines.push(`${heading}:`, "");
    for (const { description } of listed) lines.push(`- ${description}`);
    lines.push("");
  }
  return lines.join("\n");
}

export function changesetText(
  packageName: string,
  spec: string,
  bump: Bump,
  entries: readonly ChangelogEntry[],
): string {
  const head = ["---", `"${packageName}": ${bump}`, "---", ""];
  return [...head, `Regenerated from a new version of ${spec}.`, "", changesMarkdown(entries)].join(
    "\n",
  );
}

/** "2 breaking, 1 non-breaking" */
export function countsText(entries: readonly ChangelogEntry[]): string {
  const counts = new Map<string, number>();
  for (const { type } of entries) counts.set(type, (counts.get(type) ?? 0) + 1);
  return [...counts].map(([type, n]) => `${n} ${type}`).join(", ");
}

export type SpecChangesetResult =
  | { kind: "no-baseline" }
  | { kind: "unchanged"; baseline: string }
  | { kind: "written"; bump: Bump; entries: ChangelogEntry[]; path: string };

/**
 * Writes (or, when the spec is back to its baseline, removes) one provider's spec changeset.
 */
export async function writeSpecChangeset(
  root: string,
  provider: ProviderEntry,
): Promise<SpecChangesetResult> {
  const target = resolve(root, changesetPath(provider));
  const baseline = await baselineSpec(root, provider);
  if (baseline === undefined) return { kind: "no-baseline" };
  const current = await readFile(resolve(root, provider.spec), "utf8");
  const { bump, entries } =
    current === baseline.text
      ? { bump: undefined, entries: [] }
      : await classifySpecChange(provider, baseline, { source: provider.spec, text: current });
  if (bump === undefined) {
    await rm(target, { force: true }); // an earlier run's changeset for a change since undone
    return { kind: "unchanged", baseline: baseline.source };
  }
  const { name } = await packageInfo(root, provider);
  await writeFile(target, changesetText(name, provider.spec, bump, entries));
  return { kind: "written", bump, entries, path: changesetPath(provider) };
}

export async function main(argv: string[], root: string): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { root: { type: "string" } } });
  root = resolve(values.root ?? root);
  let written = 0;
  for (const provider of await loadManifest(root)) {
    const result = await writeSpecChangeset(root, provider);
    if (result.kind === "no-baseline") {
      console.log(
        `• ${provider.name}: no released or committed spec to compare with; nothing written`,
      );
    } else if (result.kind === "unchanged") {
      console.log(`• ${provider.name}: ${provider.spec} matches ${result.baseline}`);
    } else {
      written++;
      console.log(
        `✔ ${provider.name}: ${result.bump} (${countsText(result.entries)}) → ${result.path}`,
      );
    }
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
