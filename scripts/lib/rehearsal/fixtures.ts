// Specs the tests, rehearsals and benchmarks use besides specs/ (see scripts/fixtures/README.md).
import { join } from "node:path";
import { repoRoot } from "@apiclients/testing";

/** Ampersand's full public API: 82 operations where specs/ampersand.yaml has one. */
export const AMPERSAND_FULL_SPEC = join(repoRoot, "scripts/fixtures/ampersand-full.openapi.json");

/** A made-up admin API shaped like real ones: JSON, 61 operations, no operationIds, three
 * security schemes. The third provider of the new-provider tests. */
export const ACME_ADMIN_SPEC = join(repoRoot, "scripts/fixtures/acme-admin.openapi.json");
