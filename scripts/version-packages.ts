// `pnpm version-packages`: `changeset version`, then records the spec of every provider whose
// version it bumped as the spec that version is released from (see lib/release/released-specs.ts).
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadManifest } from "./lib/codegen/manifest.js";
import { packageInfo, recordReleasedSpec, releasedSpecPath } from "./lib/release/released-specs.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const providers = await loadManifest(root);
const before = await Promise.all(providers.map((p) => packageInfo(root, p)));

execFileSync("changeset", ["version"], { cwd: root, stdio: "inherit" });

for (const [i, provider] of providers.entries()) {
  const after = await packageInfo(root, provider);
  if (after.version === before[i]!.version) continue;
  await recordReleasedSpec(root, provider);
  console.log(
    `• ${after.name} ${before[i]!.version} → ${after.version}: recorded ${provider.spec} as ${releasedSpecPath(provider)}`,
  );
}
