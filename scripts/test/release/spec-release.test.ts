// The release path from a spec change, rehearsed on a scratch copy of the repository with
// Ampersand's full public API (scripts/fixtures/ampersand-full.openapi.json, 82 operations).
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import readChangesets from "@changesets/read";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { AMPERSAND_FULL_SPEC } from "../../lib/rehearsal/fixtures.js";
import { insideScratch, scratchCopy, type Scratch } from "../../lib/rehearsal/scratch.js";

const FIXTURE = AMPERSAND_FULL_SPEC;
const MINUTES = 60_000;
let repo: Scratch;

const read = (path: string) => readFileSync(join(repo.dir, path), "utf8");
const write = (path: string, text: string) => writeFileSync(join(repo.dir, path), text);
const tsx = (script: string, ...args: string[]) =>
  repo.run(process.execPath, ["--import", "tsx", script, ...args]);

/** Runs a command expected to fail; returns its output. */
function failing(command: string, args: string[]): string {
  try {
    repo.run(command, args);
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ""}${e.stderr ?? ""}`;
  }
  throw new Error(`${command} ${args.join(" ")} was expected to fail`);
}

beforeAll(async () => {
  if (insideScratch) return;
  repo = scratchCopy("spec-release");
  // Start from a released state: no pending changesets, so only what this test writes counts.
  // changesets' own reader decides what is pending, as `changeset version` would.
  for (const { id } of await readChangesets(repo.dir))
    rmSync(join(repo.dir, ".changeset", `${id}.md`));
}, 3 * MINUTES);
afterAll(() => repo?.remove());

// Inside a scratch copy this file must not run again (it would copy the copy, and so on).
const describeOutside = insideScratch ? describe.skip : describe;

describeOutside("a spec change on its way to a release", () => {
  it("is caught by the check when it comes without a changeset", () => {
    expect(tsx("scripts/check-spec-changesets.ts")).toContain(
      "every changed spec has a pending changeset",
    );
    copyFileSync(FIXTURE, join(repo.dir, "specs/ampersand.yaml"));
    const output = failing(process.execPath, [
      "--import",
      "tsx",
      "scripts/check-spec-changesets.ts",
    ]);
    expect(output).toContain(
      "specs/ampersand.yaml has changed from specs/ampersand.yaml as committed at HEAD",
    );
    expect(output).toContain("no pending changeset bumps @apiclients/ampersand");
    expect(output).toContain("pnpm spec:changeset");
  });

  it("is classified as minor by spec:changeset, with the new operations listed", () => {
    expect(tsx("scripts/spec-changeset.ts")).toContain("ampersand: minor (82 non-breaking)");
    const changeset = read(".changeset/spec-ampersand.md");
    expect(changeset.startsWith('---\n"@apiclients/ampersand": minor\n---\n')).toBe(true);
    expect(changeset).toContain("- [Added] operation GET /projects\n");
    expect(changeset).toContain(
      "- [Added] operation POST /projects/{projectIdOrName}/integrations\n",
    );
    expect(existsSync(join(repo.dir, ".changeset/spec-basic.md"))).toBe(false);
    expect(tsx("scripts/check-spec-changesets.ts")).toContain(
      "every changed spec has a pending changeset",
    );
  });

  it(
    "regenerates, builds, typechecks and passes the tests",
    () => {
      repo.run("pnpm", ["generate"]);
      expect(read("packages/ampersand/src/generated/schema.ts")).toContain('"/projects": {');
      const output = repo.run("pnpm", [
        "turbo",
        "run",
        "build",
        "typecheck",
        "lint",
        "check:package",
        "test",
        "--filter=@apiclients/ampersand...",
        "--filter=...@apiclients/ampersand",
        // The scripts package depends on the clients (for benchmarks) and holds this very test.
        "--filter=!@apiclients/scripts",
      ]);
      expect(output).toMatch(/Tasks:\s+(\d+) successful, \1 total/);
    },
    10 * MINUTES,
  );

  it("is classified as patch when only a description changed, and the changeset goes when the change does", () => {
    copyFileSync(join(repo.dir, "specs/basic.yaml"), join(repo.dir, "basic.orig"));
    write(
      "specs/basic.yaml",
      read("specs/basic.yaml").replace(
        "This action cannot be\n        undone.",
        "It cannot be undone.",
      ),
    );
    tsx("scripts/spec-changeset.ts");
    expect(read(".changeset/spec-basic.md")).toMatch(
      /^---\n"@apiclients\/basic": patch\n---\n[\s\S]*Documentation:/,
    );
    copyFileSync(join(repo.dir, "basic.orig"), join(repo.dir, "specs/basic.yaml"));
    tsx("scripts/spec-changeset.ts");
    expect(existsSync(join(repo.dir, ".changeset/spec-basic.md"))).toBe(false);
  });

  it("records the released spec when versions are bumped, and compares with it from then on", () => {
    copyFileSync(FIXTURE, join(repo.dir, "specs/ampersand.yaml"));
    tsx("scripts/spec-changeset.ts");
    const output = repo.run("pnpm", ["version-packages"]);
    expect(output).toContain(
      "@apiclients/ampersand 0.0.0 → 0.1.0: recorded specs/ampersand.yaml as specs/.released/ampersand.yaml",
    );
    expect(JSON.parse(read("packages/ampersand/package.json")).version).toBe("0.1.0");
    expect(read("packages/ampersand/CHANGELOG.md")).toContain("[Added] operation GET /projects");
    expect(read("specs/.released/ampersand.yaml")).toBe(readFileSync(FIXTURE, "utf8"));
    expect(tsx("scripts/check-spec-changesets.ts")).toContain(
      "every changed spec has a pending changeset",
    );

    write(
      "specs/ampersand.yaml",
      read("specs/ampersand.yaml").replace(
        '"summary": "List projects"',
        '"summary": "List all projects"',
      ),
    );
    const failure = failing(process.execPath, [
      "--import",
      "tsx",
      "scripts/check-spec-changesets.ts",
    ]);
    expect(failure).toContain(
      "has changed since @apiclients/ampersand@0.1.0 was released (specs/.released/ampersand.yaml)",
    );
  });

  it("is classified as major when an operation of the released spec is taken away", () => {
    const spec = JSON.parse(read("specs/ampersand.yaml")) as {
      paths: Record<string, Record<string, unknown>>;
    };
    delete spec.paths["/projects"]!.get;
    write("specs/ampersand.yaml", JSON.stringify(spec, null, 2));
    expect(tsx("scripts/spec-changeset.ts")).toMatch(/ampersand: major \(1 breaking/);
    const changeset = read(".changeset/spec-ampersand.md");
    expect(changeset.startsWith('---\n"@apiclients/ampersand": major\n---\n')).toBe(true);
    expect(changeset).toContain("Breaking changes:\n\n- [Removed] operation GET /projects\n");
  });
});

describeOutside("pnpm dev", () => {
  it(
    "regenerates and rebuilds a package as soon as its spec is saved",
    async () => {
      const dev = spawn("pnpm", ["dev"], {
        cwd: repo.dir,
        detached: true,
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
      });
      let output = "";
      dev.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      dev.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((done) => dev.once("exit", (code) => done(code)));
      const until = async (what: string, ok: () => boolean, ms = 2 * MINUTES) => {
        for (const start = Date.now(); !ok();) {
          if (Date.now() - start > ms)
            throw new Error(`timed out waiting for ${what}; output:\n${output}`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      };
      try {
        await until("the watcher", () => output.includes("• watching"));
        write(
          "specs/basic.yaml",
          read("specs/basic.yaml").replace("summary: Delete API key", "summary: Remove an API key"),
        );
        await until(
          "the rebuilt declarations",
          () =>
            existsSync(join(repo.dir, "packages/basic/dist/index.d.ts")) &&
            read("packages/basic/dist/index.d.ts").includes("Remove an API key"),
        );
        expect(read("packages/basic/src/generated/schema.ts")).toContain("Remove an API key");
        await until("the report", () => output.includes("✔ rebuilt @apiclients/basic"));
      } finally {
        process.kill(-dev.pid!, "SIGTERM");
        await exited;
      }
    },
    5 * MINUTES,
  );
});
