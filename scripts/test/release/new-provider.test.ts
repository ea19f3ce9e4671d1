// A third provider, added the way the README says: a spec file and one manifest entry, then
// `pnpm generate && pnpm install`, in a scratch copy of the repository. The package must build,
// lint with the rules every published package gets, typecheck, pass its generated tests (the
// README's first call against Prism), pass publint and arethetypeswrong, and list every path in
// its README. The spec is a made-up admin API shaped like real ones: JSON, 61 operations, none
// with an operationId, three security schemes. What generate writes is tested in-process, fast,
// in ../provider-packages.test.ts.
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { listOperations } from "../../lib/codegen/operations.js";
import { parseSpec } from "../../lib/codegen/spec.js";
import { ACME_ADMIN_SPEC } from "../../lib/rehearsal/fixtures.js";
import { insideScratch, scratchCopy, type Scratch } from "../../lib/rehearsal/scratch.js";

const MINUTES = 60_000;
const NAME = "@apiclients/acme-admin";
const DIR = "packages/acme-admin";

const copies: Scratch[] = [];
afterEach(() => {
  for (const copy of copies.splice(0)) copy.remove();
});

// Inside a scratch copy this file must not run again (it would copy the copy, and so on).
const describeOutside = insideScratch ? describe.skip : describe;

describeOutside("a third provider: a spec and one manifest entry", () => {
  it(
    "becomes a package that builds, lints, typechecks, passes its tests and package checks, and makes its first call",
    async () => {
      const copy = scratchCopy("new-provider");
      copies.push(copy);
      const read = (path: string) => readFileSync(join(copy.dir, path), "utf8");

      // What a maintainer writes: the spec as the provider publishes it, and one entry.
      copyFileSync(ACME_ADMIN_SPEC, join(copy.dir, "specs/acme-admin.json"));
      const manifest = JSON.parse(read("scripts/providers.json")) as { providers: unknown[] };
      manifest.providers.push({
        name: "acme-admin",
        spec: "specs/acme-admin.json",
        package: DIR,
        apiKeyEnvVar: "ACME_ADMIN_API_KEY",
        auth: { apiKey: "apiKeyAuth", bearerToken: "bearerAuth" },
        source: "https://specs.acme-admin.test/openapi.json",
      });
      writeFileSync(
        join(copy.dir, "scripts/providers.json"),
        `${JSON.stringify(manifest, null, 2)}\n`,
      );

      // What the maintainer runs.
      expect(copy.run("pnpm", ["generate"])).toContain(`✚ created ${DIR}`);
      // The copy runs with CI=true, where pnpm keeps the lockfile frozen; a maintainer's
      // `pnpm install` adds the new package to it.
      try {
        copy.run("pnpm", ["install", "--no-frozen-lockfile", "--offline"]);
      } catch {
        copy.run("pnpm", ["install", "--no-frozen-lockfile"]);
      }
      copy.run("pnpm", ["build"]);
      copy.run("pnpm", ["lint"]);
      copy.run("pnpm", ["typecheck"]);
      copy.run("pnpm", ["format:check"]);
      expect(copy.run("pnpm", ["generate", "--check"])).toContain("generated code is up to date");
      const packageChecks = copy.run("pnpm", ["turbo", "run", "check:package", `--filter=${NAME}`]);
      expect(packageChecks).toMatch(/Tasks:\s+(\d+) successful, \1 total/);

      // Its tests pass: the generated contract test makes the README's first call against Prism.
      const results = join(copy.dir, "jest-results.json");
      copy.run("pnpm", ["--filter", NAME, "test", "--json", `--outputFile=${results}`]);
      const report = JSON.parse(readFileSync(results, "utf8")) as {
        numFailedTests: number;
        testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }>;
      };
      const passed = report.testResults
        .flatMap((file) => file.assertionResults)
        .filter((test) => test.status === "passed")
        .map((test) => test.title);
      expect(report.numFailedTests).toBe(0);
      expect(passed).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^makes the first call, GET \/auth\/me, with apiKey/),
          "is refused without credentials: the mock enforces the spec's security",
        ]),
      );

      // The README lists every operation of the spec.
      const readme = read(`${DIR}/README.md`);
      const operations = listOperations(
        parseSpec("acme-admin.json", readFileSync(ACME_ADMIN_SPEC, "utf8")),
      );
      for (const op of operations)
        expect(readme).toContain(`\n- \`${op.method.toUpperCase()} ${op.path}\``);
      expect(readme).toContain(`has ${operations.length} operations`);

      // The browser-safety rules apply to the new package's sources without an edit.
      writeFileSync(join(copy.dir, DIR, "src/probe.ts"), "export const env = process.env;\n");
      expect(copy.runFailing("pnpm", ["exec", "eslint", `${DIR}/src/probe.ts`])).toContain(
        "no-restricted-globals",
      );
      rmSync(join(copy.dir, DIR, "src/probe.ts"));

      // pnpm start serves the new spec beside the others; the walkthrough, a hand-written tour of
      // the first two providers, runs as before.
      const started = copy.run("pnpm", ["start"]);
      expect(started).toContain("Prism mock for specs/acme-admin.json");
      expect(started).toContain("stopped 3 mock server(s)");

      // Its public API gets a report like every other published package's.
      copy.run("pnpm", ["api:update"]);
      expect(read(`${DIR}/api-report.md`)).toContain(
        "export function createAcmeAdminClient(options?: ClientOptions): AcmeAdminClient;",
      );
      copy.run("pnpm", ["api:check"]);
    },
    20 * MINUTES,
  );
});
