// A spec change on its way to a release, end to end in a scratch copy of the repository: the real
// root scripts, generation, builds, lint, typecheck, package checks, tests, `changeset version`
// and the `pnpm dev` watcher. How changes are classified and checked is unit-tested on tiny
// fixtures in ../spec-release.test.ts. Each test works in a copy of its own.
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import readChangesets from "@changesets/read";
import { afterEach, describe, expect, it } from "@jest/globals";
import { runProcess, untilOutput } from "@apiclients/testing";
import { parse, stringify } from "yaml";
import { loadManifest } from "../../lib/codegen/manifest.js";
import { AMPERSAND_FULL_SPEC } from "../../lib/rehearsal/fixtures.js";
import { insideScratch, scratchCopy, type Scratch } from "../../lib/rehearsal/scratch.js";

const MINUTES = 60_000;

const copies: Scratch[] = [];
afterEach(() => {
  for (const copy of copies.splice(0)) copy.remove();
});

/** A copy of the repository with its dependencies installed and no pending changeset, so only
 * what the test writes counts (changesets' own reader decides what is pending). */
async function releasedCopy(label: string): Promise<Scratch> {
  const copy = scratchCopy(label);
  copies.push(copy);
  for (const { id } of await readChangesets(copy.dir))
    rmSync(join(copy.dir, ".changeset", `${id}.md`));
  return copy;
}

const read = (copy: Scratch, path: string) => readFileSync(join(copy.dir, path), "utf8");

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const minorBump = (version: string) => {
  const [major, minor] = version.split(".").map(Number);
  return `${major}.${minor! + 1}.0`;
};

// Inside a scratch copy this file must not run again (it would copy the copy, and so on).
const describeOutside = insideScratch ? describe.skip : describe;

describeOutside("Ampersand's full public API on its way to a release", () => {
  it(
    "is caught, announced as minor, generated, built, checked, tested and released, with its spec recorded",
    async () => {
      const copy = await releasedCopy("spec-release");
      const manifest = () =>
        JSON.parse(read(copy, "packages/ampersand/package.json")) as { version: string };
      const before = manifest().version;

      // 1. The new spec, without a changeset: `pnpm test`'s check fails and says how to fix it.
      copyFileSync(AMPERSAND_FULL_SPEC, join(copy.dir, "specs/ampersand.yaml"));
      const caught = copy.runFailing("pnpm", ["--silent", "check:changesets"]);
      expect(caught).toContain("no pending changeset bumps @apiclients/ampersand");

      // 2. `pnpm spec:changeset` writes a minor changeset listing the 82 new operations.
      expect(copy.run("pnpm", ["--silent", "spec:changeset"])).toContain(
        "ampersand: minor (82 non-breaking)",
      );
      const changeset = read(copy, ".changeset/spec-ampersand.md");
      expect(changeset.startsWith('---\n"@apiclients/ampersand": minor\n---\n')).toBe(true);
      expect(changeset).toContain("- [Added] operation GET /projects\n");
      expect(copy.run("pnpm", ["--silent", "check:changesets"])).toContain(
        "every changed spec has a pending changeset",
      );

      // 3. Regenerated, and everything that depends on the package still builds and passes.
      copy.run("pnpm", ["generate"]);
      expect(read(copy, "packages/ampersand/src/generated/schema.ts")).toContain('"/projects": {');
      copy.run("pnpm", ["typecheck"]);
      copy.run("pnpm", ["lint"]);
      const output = copy.run("pnpm", [
        "turbo",
        "run",
        "build",
        "check:package",
        "test",
        "--filter=@apiclients/ampersand...",
        "--filter=...@apiclients/ampersand",
      ]);
      expect(output).toMatch(/Tasks:\s+(\d+) successful, \1 total/);

      // 4. `pnpm version-packages` bumps the package and records the spec it was released from.
      const after = minorBump(before);
      expect(copy.run("pnpm", ["version-packages"])).toContain(
        `@apiclients/ampersand ${before} → ${after}: recorded specs/ampersand.yaml as specs/.released/ampersand.yaml`,
      );
      expect(manifest().version).toBe(after);
      expect(read(copy, "packages/ampersand/CHANGELOG.md")).toContain(
        "[Added] operation GET /projects",
      );
      expect(read(copy, "specs/.released/ampersand.yaml")).toBe(
        readFileSync(AMPERSAND_FULL_SPEC, "utf8"),
      );
      expect(copy.run("pnpm", ["--silent", "check:changesets"])).toContain(
        "every changed spec has a pending changeset",
      );
    },
    15 * MINUTES,
  );
});

describeOutside("pnpm dev", () => {
  it(
    "regenerates and rebuilds a package as soon as its spec is saved",
    async () => {
      const copy = await releasedCopy("dev");
      const [provider] = await loadManifest(copy.dir);
      const { name } = JSON.parse(read(copy, `${provider!.package}/package.json`)) as {
        name: string;
      };
      const dev = runProcess("pnpm", ["dev"], { cwd: copy.dir, env: copy.env, group: true });
      try {
        await untilOutput(dev, "• watching", 3 * MINUTES);

        // A new summary for the spec's first operation: it shows in the types' JSDoc.
        const marker = `Saved while pnpm dev watched ${Date.now()}`;
        const spec = parse(read(copy, provider!.spec)) as {
          paths: Record<string, Record<string, { summary?: string }>>;
        };
        const [operation] = Object.values(spec.paths).flatMap((item) =>
          Object.entries(item)
            .filter(([method]) => HTTP_METHODS.includes(method))
            .map(([, operation]) => operation),
        );
        operation!.summary = marker;
        writeFileSync(join(copy.dir, provider!.spec), stringify(spec));

        const log = await untilOutput(dev, /[✔✖] rebuil/, 3 * MINUTES);
        expect(log).toContain(`✔ rebuilt ${name}`);
        expect(read(copy, `${provider!.package}/src/generated/schema.ts`)).toContain(marker);
        expect(read(copy, `${provider!.package}/dist/index.d.ts`)).toContain(marker);
      } finally {
        await dev.stop();
      }
    },
    8 * MINUTES,
  );
});
