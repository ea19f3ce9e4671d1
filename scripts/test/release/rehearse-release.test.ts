// The release rehearsal (scripts/rehearse-release.ts), run as `pnpm release:rehearse` would run
// it: Verdaccio on loopback, two releases from a copy of the repository, four consumer projects
// covering every provider of the manifest.
import { describe, expect, it } from "@jest/globals";
import { repoRoot, runProcess } from "@apiclients/testing";
import { loadManifest } from "../../lib/codegen/manifest.js";
import { providerNames } from "../../lib/codegen/names.js";
import { insideScratch } from "../../lib/rehearsal/scratch.js";
import type { Report } from "../../rehearse-release.js";

const MINUTES = 60_000;
// About 70 s on a 2-core machine (plus a minute to install Chromium on a fresh one); the budget
// leaves room for a busy CI runner.
const BUDGET_MS = 8 * MINUTES;
/** Past the budget less this, the CLI is stopped and given this long to clean up. */
const CLEANUP_MS = 15_000;

/** Runs the CLI; stops it (it then stops its servers and removes its copies) past the budget. */
function rehearse() {
  return runProcess(
    process.execPath,
    ["--import", "tsx", "scripts/rehearse-release.ts", "--json"],
    { cwd: repoRoot, timeoutMs: BUDGET_MS - CLEANUP_MS, graceMs: CLEANUP_MS },
  ).finished;
}

// Inside a scratch copy this file must not run again (it would copy the copy, and so on).
const describeOutside = insideScratch ? describe.skip : describe;

describeOutside("releasing to a real registry and installing from it", () => {
  it(
    "publishes every package, serves four kinds of consumer, and ships a spec change's new operations",
    async () => {
      const providers = (await loadManifest(repoRoot)).map((p) => p.name);
      const PACKAGES = [
        ...providers.map((name) => providerNames(name).packageName),
        "@apiclients/core",
        "@apiclients/problem",
      ].sort();
      const outcome = await rehearse();
      const context = `exit ${outcome.code ?? outcome.signal} after ${outcome.elapsedMs} ms\n${outcome.stderr}`;
      expect({ code: outcome.code, context }).toEqual({ code: 0, context });
      const report = JSON.parse(outcome.stdout) as Report;
      console.log(`release rehearsal: ${outcome.elapsedMs} ms\n${outcome.stderr}`);
      expect(report.failures).toEqual([]);
      expect(report.ok).toBe(true);

      // First release: every package, each the registry's latest, and the workspace ranges
      // turned into real ones.
      const first = report.first!;
      expect(Object.keys(first.versions).sort()).toEqual(PACKAGES);
      for (const name of PACKAGES) {
        const version = first.versions[name]!;
        expect(version).toMatch(/^\d+\.\d+\.\d+$/);
        expect(version).not.toBe("0.0.0");
        expect(first.registry[name]).toEqual({ versions: [version], latest: version });
      }
      for (const name of providers.map((p) => providerNames(p).packageName)) {
        expect(first.dependencies[name]!["@apiclients/core"]).toBe(
          `^${first.versions["@apiclients/core"]}`,
        );
        expect(first.dependencies[name]).toHaveProperty("openapi-fetch");
      }

      // Every consumer installed what was published, made each provider's first call, and caught
      // the failing one as a problem.
      for (const kind of ["node-esm-ts", "node-cjs", "browser"] as const) {
        const consumer = report.consumers[kind]!;
        expect(consumer.installed).toEqual(first.versions);
        for (const name of PACKAGES)
          expect(consumer.changelogs[name]).toBe(`## ${first.versions[name]}`);
        expect(consumer.outcomes!.map((o) => o.provider)).toEqual(providers);
        for (const result of consumer.outcomes!) {
          expect(result.succeeded).toBe(true);
          if (result.failure !== null)
            expect(result.failure).toMatchObject({
              isProblemError: true,
              instanceOfProblemError: true,
            });
        }
      }
      expect(report.chromium!.version).toMatch(/^\d+\./);

      // The React project: openapi-react-query made every provider's first call and its failing
      // one; swr-openapi, GET only, made a GET or says why it could not.
      const react = report.consumers["browser-react"]!;
      expect(react.installed).toEqual(first.versions);
      for (const provider of providers) {
        const made = react.hooks!.outcomes.filter(
          (o) => o.provider === provider && o.library === "openapi-react-query",
        );
        expect(made.find((o) => o.call === "ok")?.status).toBe("success");
        for (const o of made.filter((o) => o.call === "fail")) expect(o.status).toBe("error");
        const swr = react.hooks!.outcomes.some(
          (o) => o.provider === provider && o.library === "swr-openapi",
        );
        const left = react.hooks!.skipped.some(
          (s) => s.provider === provider && s.library === "swr-openapi",
        );
        expect(swr || left).toBe(true);
      }

      // The spec change: a minor release of Ampersand only, with GET /projects in its types.
      const change = report.specChange!;
      expect(change.changeset).toContain("ampersand: minor");
      const [major, minor] = first.versions["@apiclients/ampersand"]!.split(".").map(Number);
      expect(change.versions["@apiclients/ampersand"]).toBe(`${major}.${minor! + 1}.0`);
      expect(change.registry["@apiclients/ampersand"]!.versions).toHaveLength(2);
      for (const name of PACKAGES.filter((n) => n !== "@apiclients/ampersand"))
        expect(change.versions[name]).toBe(first.versions[name]);
      expect(change.beforeCompiles).toBe(false);
      expect(change.beforeDiagnostics).toContain('"/projects"');
      expect(change.afterCompiles).toBe(true);
      expect(Array.isArray(change.projects)).toBe(true);
      // …and swr-openapi made its GET on the new version, the page took its data and its error.
      const swr = change.hooks!.outcomes.filter(
        (o) => o.provider === "ampersand" && o.library === "swr-openapi",
      );
      expect(swr.map((o) => `${o.operation} ${o.call} ${o.status}`)).toEqual([
        "GET /projects ok success",
        "GET /projects fail error",
      ]);

      // The publish token never showed: not in npm's, pnpm's or Verdaccio's output.
      expect(report.tokenScan.bytes).toBeGreaterThan(0);
      expect(report.tokenScan.leaks).toEqual([]);
      expect(outcome.elapsedMs).toBeLessThan(BUDGET_MS);
    },
    BUDGET_MS,
  );
});
