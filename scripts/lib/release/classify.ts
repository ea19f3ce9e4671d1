// The semver bump and the changelog entries of a spec change, from the two judges together:
// the spec diff (spec-diff.ts, api-smart-diff) for what changed and its wording, and the
// generated types (type-diff.ts, the TypeScript checker) for what no longer compiles.
//
// The bump is major when either finds a breaking change: the type check catches what breaks a
// consumer's build and the spec diff misses (a response property changed type or removed, a
// request property narrowed), and the spec diff keeps catching what compiles yet breaks at run
// time (a tighter maxLength, a removed server). Otherwise the spec diff decides minor or patch.
import type { ProviderEntry } from "../codegen/manifest.js";
import { parseSpec } from "../codegen/spec.js";
import { bumpFor, diffSpecs, type Bump, type SpecChange } from "./spec-diff.js";
import {
  compareGeneratedTypes,
  describeBreak,
  generatedTypes,
  type TypeBreak,
} from "./type-diff.js";

export interface ChangelogEntry {
  /** breaking, non-breaking, deprecated, annotation or unclassified. */
  type: string;
  description: string;
}

export interface Classification {
  bump: Bump | undefined;
  /** What the changelog lists, type-level breaks first, each description once. */
  entries: ChangelogEntry[];
  /** Everything the type check found, announced or not. */
  typeBreaks: TypeBreak[];
}

export interface SpecVersion {
  /** Where the text came from, for messages (e.g. specs/.released/basic.yaml). */
  source: string;
  text: string;
}

/** Whether one JSON pointer lies at or below another. */
const within = (pointer: string, ancestor: string) =>
  pointer === ancestor || pointer.startsWith(`${ancestor}/`);

/** Entries for the changelog: the type-level breaks, then the spec diff's changes. */
export function changelogEntries(
  changes: readonly SpecChange[],
  typeBreaks: readonly TypeBreak[],
): ChangelogEntry[] {
  const located = typeBreaks.filter((b) => b.pointer !== undefined).map((b) => b.pointer!);
  const announced = changes.filter((c) => c.type === "breaking").map((c) => c.pointer);
  // A break the spec diff already calls breaking at the same place (a removed operation, a
  // removed required property) is listed once, in the spec diff's words.
  const unannounced = typeBreaks.filter(
    (b) =>
      b.pointer === undefined ||
      !announced.some((p) => within(p, b.pointer!) || within(b.pointer!, p)),
  );
  // What the spec diff calls compatible below a type-level break (a type "[Replaced]" under a
  // changed property) is that break, already listed as one.
  const explained = (c: SpecChange) =>
    c.type !== "breaking" && located.some((pointer) => within(c.pointer, pointer));
  const entries = [
    ...unannounced.map((b) => ({ type: "breaking", description: describeBreak(b) })),
    ...changes.filter((c) => !explained(c)).map(({ type, description }) => ({ type, description })),
  ];
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.description) && seen.add(e.description));
}

/** Classifies the change from `before` to `after`, two versions of `provider`'s spec. */
export async function classifySpecChange(
  provider: ProviderEntry,
  before: SpecVersion,
  after: SpecVersion,
): Promise<Classification> {
  const diff = await diffSpecs(
    parseSpec(before.source, before.text),
    parseSpec(after.source, after.text),
  );
  const typesOf = (version: SpecVersion) =>
    generatedTypes(provider, version.text).catch((error: Error) => {
      throw new Error(
        `${provider.name}: cannot generate types from ${version.source}: ${error.message}`,
        { cause: error },
      );
    });
  const [oldTypes, newTypes] = await Promise.all([typesOf(before), typesOf(after)]);
  let typeBreaks: TypeBreak[];
  try {
    typeBreaks = compareGeneratedTypes(oldTypes, newTypes);
  } catch (error) {
    throw new Error(
      `${provider.name}: cannot compare the types generated from ${before.source} and ${after.source}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const bump: Bump | undefined = typeBreaks.length > 0 ? "major" : bumpFor(diff.changes);
  return { bump, entries: changelogEntries(diff.changes, typeBreaks), typeBreaks };
}
