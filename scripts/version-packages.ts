// `pnpm version-packages`: `changeset version`, then records the spec of every provider whose
// version it bumped as the spec that version is released from (see lib/release/released-specs.ts).
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadManifest } from "./lib/codegen/manifest.js";
import { packageInfo, recordReleasedSpec, releasedSpecPath } from "./lib/release/released-specs.js";

/** Applies the pending changesets in `root`: versions, changelogs, internal dependants. */
export type ApplyChangesets = (root: string) => void | Promise<void>;

const changesetVersion: ApplyChangesets = (root) => {
  execFileSync("changeset", ["version"], { cwd: root, stdio: "inherit" });
};

/** Versions the packages, then records the spec of each provider that got a new version. */
export async function versionPackages(
  root: string,
  applyChangesets: ApplyChangesets = changesetVersion,
): Promise<void> {
  const providers = await loadManifest(root);
  const before = await Promise.all(providers.map((p) => packageInfo(root, p)));
  await applyChangesets(root);
  for (const [i, provider] of providers.entries()) {
    const after = await packageInfo(root, provider);
    if (after.version === before[i]!.version) continue;
    await recordReleasedSpec(root, provider);
    console.log(
      `• ${after.name} ${before[i]!.version} → ${after.version}: recorded ${provider.spec} as ${releasedSpecPath(provider)}`,
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void versionPackages(resolve(dirname(fileURLToPath(import.meta.url)), "..")).catch(
    (error: Error) => {
      console.error(`✖ ${error.message}`);
      process.exitCode = 1;
    },
  );
}
