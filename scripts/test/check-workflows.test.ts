// `pnpm workflows:check` (scripts/check-workflows.ts): actionlint's findings and `pnpm` scripts
// that package.json does not have both fail a workflow; the repository's own workflows pass.
import { describe, expect, it } from "@jest/globals";
import { repoRoot } from "@apiclients/testing";
import { checkWorkflow, checkWorkflows, pnpmScripts } from "../check-workflows.js";

const scripts = { test: "turbo run test", "specs:sync": "tsx scripts/specs-sync.ts" };

const workflow = (steps: string) => `on: push
permissions: {}
jobs:
  test:
    runs-on: ubuntu-24.04
    steps:
${steps}`;

describe("pnpmScripts", () => {
  it("finds the root scripts a shell snippet runs, and nothing else", () => {
    expect(
      pnpmScripts(
        [
          "pnpm install --frozen-lockfile",
          'pnpm --silent specs:sync --json "$REPORT" "$PROVIDER"',
          "CI=true pnpm test && pnpm run version-packages",
          "pnpm --filter @apiclients/core build",
          "pnpm exec tsc; echo pnpm lint",
          'jq -r .x "$REPORT" | pnpm release',
        ].join("\n"),
      ),
    ).toEqual(["specs:sync", "test", "version-packages", "release"]);
  });
});

describe("checkWorkflow", () => {
  it("names a pnpm script package.json lacks, in a run step or an action's input", async () => {
    const problems = await checkWorkflow(
      "wf.yml",
      workflow(`      - run: pnpm tset
      - uses: changesets/action@a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d # v1.9.0
        with:
          version: pnpm version-packages
`),
      scripts,
    );
    expect(problems).toEqual([
      'wf.yml: jobs.test.steps[0].run runs `pnpm tset`, but package.json has no script "tset"',
      'wf.yml: jobs.test.steps[1].with.version runs `pnpm version-packages`, but package.json has no script "version-packages"',
    ]);
  });

  it("reports what actionlint finds, with file, line and column", async () => {
    const problems = await checkWorkflow(
      "wf.yml",
      workflow("      - run: echo ${{ matrix.node }}\n").replace("    runs-on: ubuntu-24.04\n", ""),
      scripts,
    );
    expect(problems).toEqual([
      expect.stringMatching(/^wf\.yml:4:3: "runs-on" section is missing in job "test"/),
      expect.stringMatching(/^wf\.yml:6:\d+: property "node" is not defined/),
    ]);
  });

  it("passes the repository's own workflows", async () => {
    expect(await checkWorkflows(repoRoot)).toEqual({ files: 3, problems: [] });
  });
});
