// Which spec each package was last released from, as the repository records it.
//
// `pnpm version-packages` copies the spec of every provider it bumps to
// specs/.released/<provider>.yaml, in the same commit as the version bump, so the record travels
// with the repository: no tags, no base branch, no network. Before a provider's first release
// there is no record, and the baseline is the spec as committed at HEAD.
import { execFileSync } from "node:child_process";
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { ProviderEntry } from "../codegen/manifest.js";
import { readIfExists } from "../codegen/files.js";

export const RELEASED_DIR = "specs/.released";

export function releasedSpecPath(provider: ProviderEntry): string {
  return `${RELEASED_DIR}/${provider.name}.yaml`;
}

export interface Baseline {
  /** The spec text the current one is compared with. */
  text: string;
  /** Where it came from, for messages. */
  source: string;
  /** Whether it is a recorded release (else the committed spec of a never-released package). */
  released: boolean;
}

function committedSpec(root: string, spec: string): string | undefined {
  try {
    return execFileSync("git", ["show", `HEAD:${spec}`], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    return undefined; // not a git checkout, or the spec is not committed yet
  }
}

/** The last released spec, else the committed one; undefined when neither exists (a new provider). */
export async function baselineSpec(
  root: string,
  provider: ProviderEntry,
): Promise<Baseline | undefined> {
  const released = await readIfExists(resolve(root, releasedSpecPath(provider)));
  if (released !== undefined)
    return { text: released, source: releasedSpecPath(provider), released: true };
  const committed = committedSpec(root, provider.spec);
  if (committed === undefined) return undefined;
  return {
    text: committed,
    source: `${provider.spec} as committed at HEAD (no release recorded yet)`,
    released: false,
  };
}

/** Records the current spec as the one the provider's package is released from. */
export async function recordReleasedSpec(root: string, provider: ProviderEntry): Promise<void> {
  const target = resolve(root, releasedSpecPath(provider));
  await mkdir(dirname(target), { recursive: true });
  await copyFile(resolve(root, provider.spec), target);
}

export async function packageInfo(
  root: string,
  provider: ProviderEntry,
): Promise<{ name: string; version: string }> {
  const json = JSON.parse(
    await readFile(resolve(root, provider.package, "package.json"), "utf8"),
  ) as { name: string; version: string };
  return { name: json.name, version: json.version };
}
