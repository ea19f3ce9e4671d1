// Classifies what changed between two versions of a spec, with api-smart-diff, after resolving
// $refs on both sides so that moving a schema into components is not mistaken for a change.
import $RefParser from "@apidevtools/json-schema-ref-parser";
import { apiCompare } from "api-smart-diff";
import type { OpenApiDocument } from "../codegen/spec.js";

export type Bump = "major" | "minor" | "patch";

export interface SpecChange {
  /** breaking, non-breaking, deprecated, annotation or unclassified, as api-smart-diff says. */
  type: string;
  description: string;
  /** Where in the spec, as a JSON pointer. */
  pointer: string;
}

export interface SpecDiff {
  bump: Bump | undefined;
  changes: SpecChange[];
}

async function dereference(doc: OpenApiDocument): Promise<unknown> {
  // Cyclic schemas stay as $refs ("ignore"): both sides are treated alike, so they compare equal.
  return $RefParser.dereference(structuredClone(doc) as never, {
    dereference: { circular: "ignore" },
  });
}

/**
 * The semver bump a change calls for: any breaking change → major; additions, deprecations and
 * changes the library cannot classify → minor (they may matter to users, so they are announced
 * as features, never hidden in a patch); descriptions and examples only → patch.
 */
export function bumpFor(changes: readonly SpecChange[]): Bump | undefined {
  if (changes.length === 0) return undefined;
  if (changes.some((c) => c.type === "breaking")) return "major";
  if (changes.some((c) => c.type !== "annotation")) return "minor";
  return "patch";
}

function pointer(path: readonly (string | number)[]): string {
  return `/${path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
}

export async function diffSpecs(
  before: OpenApiDocument,
  after: OpenApiDocument,
): Promise<SpecDiff> {
  const [a, b] = await Promise.all([dereference(before), dereference(after)]);
  const { diffs } = apiCompare(a, b);
  const changes = diffs.map((d) => ({
    type: d.type,
    description: d.description ?? `${d.action} ${pointer(d.path)}`,
    pointer: pointer(d.path),
  }));
  return { bump: bumpFor(changes), changes };
}
