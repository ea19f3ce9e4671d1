// A spec change on its way to a release, in-process on a tiny git repository per test: the check
// that a changed spec comes with a changeset (check:changesets), the changeset written from the
// spec diff (spec:changeset), and the released spec recorded by version-packages. The same path
// with the full Ampersand spec, real builds and `changeset version` is release/spec-release.test.ts.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import readChangesets from "@changesets/read";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { checkSpecChangesets } from "../check-spec-changesets.js";
import { main as specChangeset } from "../spec-changeset.js";
import { diffSpecs } from "../lib/release/spec-diff.js";
import { versionPackages } from "../version-packages.js";
import { callMain } from "./support/in-process.js";
import {
  copyOf,
  fixtureRepo,
  fixtureSpec,
  getThing,
  packageName,
  type FixtureRepo,
  type SpecDocument,
} from "./support/fixture-repo.js";

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

// Made once and copied per test (git history included): each test still has its own files,
// without paying for git init and commit every time.
let releasedBase: FixtureRepo;
beforeAll(() => {
  releasedBase = fixtureRepo(["alpha", "beta"], { git: true });
});
afterAll(() => releasedBase?.remove());

function ownCopy(base: FixtureRepo): FixtureRepo {
  const repo = copyOf(base);
  cleanups.push(repo.remove);
  return repo;
}

/** Providers alpha and beta, committed with their fixture specs and no pending changeset. */
const released = () => ownCopy(releasedBase);

const writeChangeset = (repo: FixtureRepo, file: string, pkg: string, bump: string) =>
  repo.write(`.changeset/${file}.md`, `---\n"${pkg}": ${bump}\n---\n\nA change.\n`);

const specChangesetIn = (repo: FixtureRepo) => callMain(specChangeset, [], repo.root);

/** A spec with one more operation than the fixture's. */
function withGetThing(provider: string) {
  const spec = fixtureSpec(provider);
  spec.paths["/things/{id}"]!.get = getThing;
  return spec;
}

/**
 * What `changeset version` does, as far as these scripts can tell: each package a pending
 * changeset names gets the highest bump asked for, and the changesets are used up. (The real
 * one runs in the release rehearsal.)
 */
async function fakeChangesetVersion(root: string): Promise<void> {
  const order = ["patch", "minor", "major"];
  const bumps = new Map<string, string>();
  for (const changeset of await readChangesets(root)) {
    for (const { name, type } of changeset.releases)
      if (order.indexOf(type) > order.indexOf(bumps.get(name) ?? "")) bumps.set(name, type);
    rmSync(join(root, ".changeset", `${changeset.id}.md`));
  }
  for (const [name, type] of bumps) {
    const dir = join(root, "packages", name.replace("@fixture/", ""));
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      version: string;
    };
    const [major, minor, patch] = manifest.version.split(".").map(Number) as [
      number,
      number,
      number,
    ];
    manifest.version =
      type === "major"
        ? `${major + 1}.0.0`
        : type === "minor"
          ? `${major}.${minor + 1}.0`
          : `${major}.${minor}.${patch + 1}`;
    writeFileSync(join(dir, "package.json"), JSON.stringify(manifest));
  }
}

describe("check:changesets", () => {
  it("passes while every spec is as committed", async () => {
    const repo = released();
    expect(await checkSpecChangesets(repo.root)).toEqual([]);
  });

  it("catches a spec changed without a pending changeset, and says how to fix it", async () => {
    const repo = released();
    repo.writeSpec("alpha", withGetThing("alpha"));

    const problems = await checkSpecChangesets(repo.root);

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      "specs/alpha.yaml has changed from specs/alpha.yaml as committed at HEAD",
    );
    expect(problems[0]).toContain(`no pending changeset bumps ${packageName("alpha")}`);
    expect(problems[0]).toContain("pnpm spec:changeset");
  });

  it("accepts the change once a pending changeset bumps that provider's package, and only that one", async () => {
    const repo = released();
    repo.writeSpec("alpha", withGetThing("alpha"));

    writeChangeset(repo, "other-package", packageName("beta"), "minor");
    expect(await checkSpecChangesets(repo.root)).toHaveLength(1);

    writeChangeset(repo, "new-operation", packageName("alpha"), "minor");
    expect(await checkSpecChangesets(repo.root)).toEqual([]);
  });
});

describe("spec:changeset", () => {
  it("calls an added operation minor and lists it; the check then passes", async () => {
    const repo = released();
    repo.writeSpec("alpha", withGetThing("alpha"));

    const { output } = await specChangesetIn(repo);

    expect(output).toContain("✔ alpha: minor (1 non-breaking) → .changeset/spec-alpha.md");
    const changeset = repo.read(".changeset/spec-alpha.md");
    expect(changeset.startsWith(`---\n"${packageName("alpha")}": minor\n---\n`)).toBe(true);
    expect(changeset).toContain(
      "Additions and compatible changes:\n\n- [Added] operation GET /things/{id}\n",
    );
    expect(repo.exists(".changeset/spec-beta.md")).toBe(false);
    expect(await checkSpecChangesets(repo.root)).toEqual([]);
  });

  it("calls a description-only change patch, and removes the changeset when the change is undone", async () => {
    const repo = released();
    const reworded = fixtureSpec("alpha");
    reworded.paths["/things/{id}"]!.delete!.description = "Deletes the thing; no way back.";
    repo.writeSpec("alpha", reworded);

    expect((await specChangesetIn(repo)).output).toContain("alpha: patch (");
    expect(repo.read(".changeset/spec-alpha.md")).toMatch(
      new RegExp(`^---\\n"${packageName("alpha")}": patch\\n---\\n[\\s\\S]*Documentation:`),
    );

    repo.writeSpec("alpha", fixtureSpec("alpha"));
    expect((await specChangesetIn(repo)).output).toContain(
      "alpha: specs/alpha.yaml matches specs/alpha.yaml as committed at HEAD",
    );
    expect(repo.exists(".changeset/spec-alpha.md")).toBe(false);
  });

  it("calls a removed operation major", async () => {
    const repo = released();
    const spec = fixtureSpec("alpha");
    spec.paths["/things/{id}"] = { get: getThing };
    repo.writeSpec("alpha", spec);

    expect((await specChangesetIn(repo)).output).toMatch(/alpha: major \(1 breaking/);
    const changeset = repo.read(".changeset/spec-alpha.md");
    expect(changeset.startsWith(`---\n"${packageName("alpha")}": major\n---\n`)).toBe(true);
    expect(changeset).toContain("Breaking changes:\n\n- [Removed] operation DELETE /things/{id}\n");
  });
});

describe("spec:changeset judges a change by what breaks a consumer's build", () => {
  // Schemas inline, as in Basic's spec: there the spec diff calls all three breaking changes
  // below compatible, and only the generated types show that they stop code compiling.
  const thing = () => ({
    type: "object",
    required: ["id", "name"],
    properties: { id: { type: "string" }, name: { type: "string" }, label: { type: "string" } },
  });
  /** alpha's fixture spec with GET /things (a list of things) and POST /things (a new thing). */
  function withThings(): SpecDocument {
    const spec = fixtureSpec("alpha");
    spec.paths["/things"] = {
      get: {
        summary: "List things",
        responses: {
          "200": {
            description: "The things",
            content: { "application/json": { schema: { type: "array", items: thing() } } },
          },
        },
      },
      post: {
        summary: "Make a thing",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["name"],
                properties: { name: { type: "string" }, kind: { type: "string" } },
              },
            },
          },
        },
        responses: { "201": { description: "Made" } },
      },
    };
    return spec;
  }
  type Schema = { properties: Record<string, Record<string, unknown>> };
  type Content = { content: Record<string, { schema: Schema & { items: Schema } }> };
  const listed = (spec: SpecDocument) =>
    (spec.paths["/things"]!.get!.responses as Record<string, Content>)["200"]!.content[
      "application/json"
    ]!.schema.items;
  const posted = (spec: SpecDocument) =>
    (spec.paths["/things"]!.post!.requestBody as Content).content["application/json"]!.schema;

  let thingsBase: FixtureRepo;
  beforeAll(() => {
    thingsBase = fixtureRepo(["alpha"], { git: true });
    thingsBase.writeSpec("alpha", withThings());
    thingsBase.commit("GET and POST /things");
  });
  afterAll(() => thingsBase?.remove());

  /** Commits withThings(), applies `change`, runs spec:changeset; returns alpha's changeset. */
  async function changesetFor(change: (spec: SpecDocument) => void) {
    const repo = ownCopy(thingsBase);
    const changed = withThings();
    change(changed);
    repo.writeSpec("alpha", changed);
    const spec = await diffSpecs(withThings() as never, changed as never);
    const { output } = await specChangesetIn(repo);
    return { output, text: repo.read(".changeset/spec-alpha.md"), specDiffBump: spec.bump };
  }
  const bumpOf = (text: string) => /^---\n"[^"]+": (\w+)\n/.exec(text)?.[1];
  const breaking = (text: string) =>
    /Breaking changes:\n\n((?:- .*\n)+)/.exec(text)?.[1]?.trimEnd().split("\n") ?? [];

  it("a response property's type changed (string → integer): major", async () => {
    const { text, specDiffBump } = await changesetFor((spec) => {
      listed(spec).properties.id = { type: "integer" };
    });
    expect(specDiffBump).toBe("minor"); // what the spec diff alone would have said
    expect(bumpOf(text)).toBe("major");
    expect(breaking(text)).toEqual([
      "- GET /things: response 200 (application/json), `[].id`: was `string`, now `number`",
    ]);
  });

  it("a response property removed: major", async () => {
    const { text, specDiffBump } = await changesetFor((spec) => {
      delete listed(spec).properties.label;
    });
    expect(specDiffBump).toBe("minor");
    expect(bumpOf(text)).toBe("major");
    expect(breaking(text)).toEqual([
      "- GET /things: response 200 (application/json), `[].label`: removed (was `string`)",
    ]);
  });

  it("a request property narrowed (string → enum): major", async () => {
    const { text, specDiffBump } = await changesetFor((spec) => {
      posted(spec).properties.kind = { type: "string", enum: ["big", "small"] };
    });
    expect(specDiffBump).toBe("minor");
    expect(bumpOf(text)).toBe("major");
    expect(breaking(text)).toEqual([
      '- POST /things: request body (application/json), `kind`: was `string`, now `"big" | "small"`',
    ]);
  });

  it("additions (an operation, an optional response property, a status): minor", async () => {
    const { output, text } = await changesetFor((spec) => {
      spec.paths["/things/{id}"]!.get = getThing;
      listed(spec).properties.colour = { type: "string" };
      (spec.paths["/things"]!.get!.responses as Record<string, unknown>)["429"] = {
        description: "Slow down",
      };
    });
    expect(bumpOf(text)).toBe("minor");
    expect(text).not.toContain("Breaking changes");
    expect(text).toContain("- [Added] operation GET /things/{id}");
    expect(output).toMatch(/alpha: minor \(\d+ non-breaking\)/);
  });

  it("descriptions and summaries only: patch", async () => {
    const { text } = await changesetFor((spec) => {
      spec.paths["/things"]!.get!.summary = "List every thing";
      spec.paths["/things"]!.get!.description = "Oldest first.";
    });
    expect(bumpOf(text)).toBe("patch");
    expect(text).toContain("Documentation:");
  });
});

describe("version-packages", () => {
  it("records the spec of each bumped provider, and compares with that record from then on", async () => {
    const repo = released();
    const releasedSpec = withGetThing("alpha");
    repo.writeSpec("alpha", releasedSpec);
    await specChangesetIn(repo);

    const { output } = await callMain(
      (_argv, root) => versionPackages(root, fakeChangesetVersion).then(() => 0),
      [],
      repo.root,
    );

    expect(output).toContain(
      `• ${packageName("alpha")} 0.0.0 → 0.1.0: recorded specs/alpha.yaml as specs/.released/alpha.yaml`,
    );
    expect(repo.read("specs/.released/alpha.yaml")).toBe(repo.read("specs/alpha.yaml"));
    // beta was not bumped, so it has no record: its baseline stays the committed spec.
    expect(repo.exists("specs/.released/beta.yaml")).toBe(false);
    // The spec differs from HEAD but not from its release: nothing to announce.
    expect(await checkSpecChangesets(repo.root)).toEqual([]);

    // Back to the committed spec: HEAD would call that "no change", the release calls it a
    // removed operation.
    repo.writeSpec("alpha", fixtureSpec("alpha"));
    const problems = await checkSpecChangesets(repo.root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      `has changed since ${packageName("alpha")}@0.1.0 was released (specs/.released/alpha.yaml)`,
    );
    expect((await specChangesetIn(repo)).output).toMatch(/alpha: major \(1 breaking/);
    expect(repo.read(".changeset/spec-alpha.md")).toContain(
      "- [Removed] operation GET /things/{id}",
    );
  });
});
