// One provider's sync: download its published spec, check it, and when it differs from the
// committed one, write it as published, write its changeset and regenerate its package. Any
// refusal or failure leaves the spec, the changeset and the package as they were.
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { readIfExists, writeAtomic } from "../codegen/files.js";
import { MANIFEST_PATH, type ProviderEntry } from "../codegen/manifest.js";
import type { ChangelogEntry } from "../release/classify.js";
import type { Bump } from "../release/spec-diff.js";
import { fetchSpec, type Clock, type FetchLimits } from "./fetch.js";
import { checkOpenApi } from "./validate.js";

export type SyncOutcome =
  | { provider: string; status: "skipped"; reason: string }
  | { provider: string; status: "failed"; source?: string; reason: string }
  | { provider: string; status: "unchanged"; source: string }
  | {
      provider: string;
      status: "changed";
      source: string;
      /** Undefined when there is no changeset to write; `note` says why. */
      bump: Bump | undefined;
      entries: ChangelogEntry[];
      changeset: string | undefined;
      note?: string;
    };

/** What sync needs from the rest of the tooling; the CLI passes the real ones. */
export interface SyncSteps {
  /** Writes (or removes) the provider's spec changeset, as `pnpm spec:changeset` does. */
  writeChangeset(
    root: string,
    provider: ProviderEntry,
  ): Promise<{
    bump: Bump | undefined;
    entries: ChangelogEntry[];
    path: string | undefined;
    note?: string;
  }>;
  /** Regenerates the provider's package; rejects with the generator's reason. */
  regenerate(root: string, provider: ProviderEntry): Promise<void>;
  changesetPath(provider: ProviderEntry): string;
}

export interface SyncOptions {
  limits?: FetchLimits;
  clock?: Clock;
}

export async function syncProvider(
  root: string,
  provider: ProviderEntry,
  steps: SyncSteps,
  options: SyncOptions = {},
): Promise<SyncOutcome> {
  const name = provider.name;
  // The manifest parser has checked the URL's form (https, or http on loopback; no userinfo).
  const source = provider.source;
  if (source === undefined)
    return { provider: name, status: "skipped", reason: `no source in ${MANIFEST_PATH}` };
  const failed = (reason: string) =>
    ({ provider: name, status: "failed", source, reason }) as const;
  let text: string;
  try {
    const fetched = await fetchSpec(source, options.limits, options.clock);
    ({ text } = await checkOpenApi(`${name} (${fetched.url})`, fetched.body, fetched.contentType));
  } catch (error) {
    return failed((error as Error).message);
  }

  const specPath = resolve(root, provider.spec);
  const changesetPath = resolve(root, steps.changesetPath(provider));
  const [previousSpec, previousChangeset] = await Promise.all([
    readIfExists(specPath),
    readIfExists(changesetPath),
  ]);
  if (previousSpec === text) return { provider: name, status: "unchanged", source };

  // Written as published, byte for byte, to the manifest's spec path whatever its extension: a
  // JSON document is YAML too, so a .yaml path may hold the JSON a provider serves.
  await writeAtomic(specPath, text);
  try {
    const { bump, entries, path, note } = await steps.writeChangeset(root, provider);
    await steps.regenerate(root, provider); // last: it writes nothing when it fails
    return { provider: name, status: "changed", source, bump, entries, changeset: path, note };
  } catch (error) {
    if (previousSpec === undefined) await rm(specPath, { force: true });
    else await writeAtomic(specPath, previousSpec);
    if (previousChangeset === undefined) await rm(changesetPath, { force: true });
    else await writeAtomic(changesetPath, previousChangeset);
    return failed((error as Error).message);
  }
}
