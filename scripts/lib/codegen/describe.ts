// What the tooling around the packages needs to know of each provider, from the manifest and the
// specs alone: its names, client defaults and first call. The release rehearsal's consumers and
// the benchmarks use it, so that they cover every provider without naming any.
import { resolve } from "node:path";
import { clientDefaults, type ClientDefaults } from "./client-defaults.js";
import { chooseFirstCall, type CallPlan } from "./first-call.js";
import { loadManifest, type ProviderEntry } from "./manifest.js";
import { providerNames, type ProviderNames } from "./names.js";
import { loadSpec } from "./spec.js";

export interface ProviderDescription {
  entry: ProviderEntry;
  names: ProviderNames;
  defaults: ClientDefaults;
  /** The README's first call, as the generated contract test makes it. */
  plan: CallPlan;
}

/** Every provider of the manifest at `root`, in manifest order. */
export async function describeProviders(root: string): Promise<ProviderDescription[]> {
  const manifest = await loadManifest(root);
  return Promise.all(
    manifest.map(async (entry) => {
      const doc = await loadSpec(entry.spec, resolve(root, entry.spec));
      return {
        entry,
        names: providerNames(entry.name),
        defaults: clientDefaults(entry, doc),
        plan: chooseFirstCall(entry, doc),
      };
    }),
  );
}
