// What `pnpm generate` makes of a manifest entry: a whole provider package, created when missing
// and kept current, with the files people keep left alone; bad entries refused with nothing
// written; orphans reported. In-process, on fixture repositories in temp folders: the end-to-end
// run (install, build, lint, tests against Prism) is release/new-provider.test.ts.
import { copyFileSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { main } from "../generate.js";
import { clientDefaults } from "../lib/codegen/client-defaults.js";
import { chooseFirstCall } from "../lib/codegen/first-call.js";
import { providerNames } from "../lib/codegen/names.js";
import { listOperations } from "../lib/codegen/operations.js";
import { readme } from "../lib/codegen/readme.js";
import { parseSpec } from "../lib/codegen/spec.js";
import { ACME_ADMIN_SPEC, AMPERSAND_FULL_SPEC } from "../lib/rehearsal/fixtures.js";
import { callMain } from "./support/in-process.js";
import { copyOf, fixtureEntry, fixtureRepo, type FixtureRepo } from "./support/fixture-repo.js";

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function repoWith(names: string[], entries?: object[]): FixtureRepo {
  const repo = fixtureRepo(names, { entries, packages: false });
  cleanups.push(repo.remove);
  return repo;
}

const generate = (repo: FixtureRepo, ...argv: string[]) => callMain(main, argv, repo.root);

// Two fixture providers generated once; a test that starts from there works on a copy.
let generated: FixtureRepo;
beforeAll(async () => {
  generated = fixtureRepo(["alpha", "beta"], { packages: false });
  await generate(generated);
});
afterAll(() => generated?.remove());

function generatedCopy(): FixtureRepo {
  const repo = copyOf(generated);
  cleanups.push(repo.remove);
  return repo;
}

const setManifest = (repo: FixtureRepo, entries: object[]) =>
  repo.write("scripts/providers.json", JSON.stringify({ providers: entries }, null, 2));

/** Every file of the repository and its contents: "nothing was written" compares two of these. */
function snapshot(repo: FixtureRepo): Record<string, string> {
  return Object.fromEntries(
    readdirSync(repo.root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(repo.root, join(entry.parentPath, entry.name)))
      .sort()
      .map((path) => [path, repo.read(path)]),
  );
}

/** The names a module exports, from its export statements. */
function exportedNames(source: string): string[] {
  const names: string[] = [];
  for (const [, list] of source.matchAll(/export (?:type )?\{([^}]*)\}/g))
    names.push(
      ...list!
        .split(",")
        .map((item) => item.trim().replace(/^type /, ""))
        .filter(Boolean),
    );
  for (const [, name] of source.matchAll(/export (?:async )?(?:function|type|const) (\w+)/g))
    names.push(name!);
  return names.sort();
}

/** A repository with the made-up Acme admin API (JSON, 61 operations, no operationIds, three
 * security schemes) as a provider beside a fixture one. */
function withAcmeAdmin(): FixtureRepo {
  const acme = {
    name: "acme-admin",
    spec: "specs/acme-admin.json",
    package: "packages/acme-admin",
    apiKeyEnvVar: "ACME_ADMIN_API_KEY",
    auth: { apiKey: "apiKeyAuth", bearerToken: "bearerAuth" },
    source: "https://specs.acme-admin.test/openapi.json",
  };
  const repo = repoWith(["alpha"], [fixtureEntry("alpha"), acme]);
  copyFileSync(ACME_ADMIN_SPEC, join(repo.root, acme.spec));
  return repo;
}

const PROVIDER_EXPORTS = [
  "AbortError",
  "ApiClientError",
  "ApiProblem",
  "ClientConfigError",
  "ClientOptions",
  "ConnectionError",
  "InvalidResponseError",
  "PathParameterError",
  "Problem",
  "ProblemError",
  "RedirectError",
  "TimeoutError",
  "TransportError",
  "components",
  "isApiClientError",
  "isProblemError",
  "isTransportError",
  "operations",
  "paths",
  "unwrap",
];

describe("a new provider: a spec and one manifest entry", () => {
  it("becomes a whole package: manifest, entry point, README, contract test and configs", async () => {
    const repo = withAcmeAdmin();
    const { code, output } = await generate(repo);
    expect({ code, output }).toEqual({
      code: 0,
      output: expect.stringContaining("✚ created packages/acme-admin"),
    });
    const read = (file: string) => repo.read(`packages/acme-admin/${file}`);

    const manifest = JSON.parse(read("package.json")) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: "@apiclients/acme-admin",
      version: "0.0.0",
      description: "Typed client for the Acme Admin API, generated from its OpenAPI spec.",
      type: "module",
      sideEffects: false,
      repository: { directory: "packages/acme-admin" },
      scripts: { generate: "tsx ../../scripts/generate.ts acme-admin" },
      dependencies: { "@apiclients/core": "workspace:^", "openapi-fetch": "catalog:" },
    });
    expect(manifest.keywords).toEqual(
      expect.arrayContaining(["openapi", "acme-admin", "acme", "admin"]),
    );
    // Types first in every condition: the order is the convention, so compare it.
    expect(JSON.stringify(manifest.exports)).toContain(
      '"import":{"types":"./dist/index.d.ts","default":"./dist/index.js"}',
    );

    const index = read("src/index.ts");
    expect(index).toContain("@generated");
    expect(exportedNames(index)).toEqual(
      [...PROVIDER_EXPORTS, "AcmeAdminClient", "createAcmeAdminClient"].sort(),
    );
    expect(index).not.toContain("export *");

    // The README lists every operation, those without an operationId (all of them) included.
    const readme = read("README.md");
    const operations = listOperations(
      parseSpec(ACME_ADMIN_SPEC, readFileSync(ACME_ADMIN_SPEC, "utf8")),
    );
    expect(operations).toHaveLength(61);
    expect(operations.every((op) => op.operationId === undefined)).toBe(true);
    for (const op of operations)
      expect(readme).toContain(`\n- \`${op.method.toUpperCase()} ${op.path}\``);
    expect(readme).toContain("has 61 operations");
    expect(readme).toContain("npm install @apiclients/acme-admin");
    expect(readme).toContain(
      "const acmeAdmin = createAcmeAdminClient(); // the API key comes from ACME_ADMIN_API_KEY",
    );
    expect(readme).toContain('acmeAdmin.GET("/auth/me")');
    expect(readme).toContain("the `X-Admin-Key` header");
    expect(readme).toContain("`Authorization: Bearer <token>`");
    // Its options: ClientOptions' own, with this provider's server and API key variable.
    expect(readme).toMatch(
      /^\| `baseUrl` +\| `https:\/\/eu\.api\.acme-admin\.test`, the spec's first server; the spec also lists /m,
    );
    expect(readme).toMatch(/^\| `apiKey` +\| the `ACME_ADMIN_API_KEY` environment variable/m);
    expect(readme).toMatch(/^\| `allowInsecureConnection` +\| `false` +\| /m);
    expect(readme).toContain("Usage of a project \\| per day");

    const test = read("test/generated/contract.test.ts");
    expect(test).toContain("startPrism(SPEC)");
    expect(test).toContain('on.GET("/auth/me", { headers })');
    expect(test).toContain("is refused without credentials");
    expect(test).toContain("it.each([401, 500])");

    expect(read("turbo.json")).toContain('"$TURBO_ROOT$/specs/acme-admin.json"');
    expect(read(".gitattributes")).toContain("/src/index.ts linguist-generated=true");
    expect(read("tsconfig.json")).toContain('"extends": "../../tsconfig.base.json"');
  });

  it("keeps what people keep: version, unowned fields, README.extra.md, tests, src/problem.ts", async () => {
    const repo = generatedCopy();
    const path = "packages/alpha/package.json";
    const manifest = JSON.parse(repo.read(path)) as Record<string, unknown>;
    repo.write(
      path,
      JSON.stringify(
        {
          ...manifest,
          version: "1.4.2",
          homepage: "https://alpha.test",
          publishConfig: { access: "public", provenance: false },
        },
        null,
        2,
      ),
    );
    repo.write("packages/alpha/CHANGELOG.md", "# @apiclients/alpha\n\n## 1.4.2\n");
    repo.write("packages/alpha/README.extra.md", "## Alpha's quirks\n\nIt rounds down.\n");
    repo.write("packages/alpha/test/quirks.test.ts", "// hand-kept\n");
    repo.write(
      "packages/alpha/src/problem.ts",
      "export const toProblem = (body: unknown) => (body ? { title: String(body) } : undefined);\n",
    );
    const kept = ["CHANGELOG.md", "README.extra.md", "test/quirks.test.ts", "src/problem.ts"].map(
      (file) => [file, repo.read(`packages/alpha/${file}`)],
    );

    expect((await generate(repo, "alpha")).code).toBe(0);

    const after = JSON.parse(repo.read(path)) as Record<string, unknown>;
    expect(after.version).toBe("1.4.2");
    expect(after.homepage).toBe("https://alpha.test");
    expect(after.publishConfig).toEqual({ access: "public", provenance: false });
    for (const [file, text] of kept) expect(repo.read(`packages/alpha/${file}`)).toBe(text);
    const readme = repo.read("packages/alpha/README.md");
    expect(readme).toContain("## Alpha's quirks\n\nIt rounds down.");
    expect(readme.indexOf("Alpha's quirks")).toBeGreaterThan(readme.indexOf("## Credentials"));
    const index = repo.read("packages/alpha/src/index.ts");
    expect(index).toContain('import { toProblem } from "./problem.js";');
    expect(index).toContain("return unwrapProblem(result, { toProblem });");
    expect(exportedNames(index)).toEqual(
      [...PROVIDER_EXPORTS, "AlphaClient", "createAlphaClient"].sort(),
    );

    // An owned field edited by hand is drift; without problem.ts, unwrap is problem's own again.
    repo.write(path, repo.read(path).replace('"type": "module"', '"type": "commonjs"'));
    expect((await generate(repo, "alpha", "--check")).output).toContain(`stale: ${path}`);
    rmSync(join(repo.root, "packages/alpha/src/problem.ts"));
    expect((await generate(repo, "alpha")).code).toBe(0);
    const reexported = repo.read("packages/alpha/src/index.ts");
    expect(reexported).not.toContain("toProblem");
    expect(reexported).toMatch(/export \{[^}]*\bunwrap,[^}]*\} from "@apiclients\/problem"/);
    expect(JSON.parse(repo.read(path)).type).toBe("module");
  });

  it("works from Ampersand's full public API: 82 operations, one JSON file", () => {
    // The README alone, without openapi-typescript and Prettier: the whole package from this
    // spec is generated, built and tested in the release tier (release/spec-release.test.ts).
    const doc = parseSpec(AMPERSAND_FULL_SPEC, readFileSync(AMPERSAND_FULL_SPEC, "utf8"));
    const provider = {
      ...fixtureEntry("amp"),
      auth: { apiKey: "APIKeyHeader", bearerToken: "Bearer" },
    };
    const operations = listOperations(doc);
    const text = readme({
      provider,
      names: providerNames("amp"),
      doc,
      api: "the Ampersand public API",
      defaults: clientDefaults(provider, doc),
      plan: chooseFirstCall(provider, doc),
      operations,
      // The options table is client-options.test.ts's: the two options it fills in per provider.
      clientOptions: {
        own: [
          { name: "apiKey", summary: "API key." },
          { name: "baseUrl", summary: "Base URL." },
        ],
        inherited: [],
      },
    });
    expect(operations).toHaveLength(82);
    expect(text).toContain("has 82 operations");
    expect(text.match(/^- `(GET|PUT|POST|DELETE|PATCH) /gm)).toHaveLength(82);
    for (const op of operations)
      expect(text).toContain(`\n- \`${op.method.toUpperCase()} ${op.path}\``);
    expect(text).toContain('amp.GET("/projects")');
  });
});

describe("bad entries", () => {
  const alpha = fixtureEntry("alpha");
  const beta = fixtureEntry("beta");
  const cases: Array<[string, object[], string, (repo: FixtureRepo) => void]> = [
    [
      "a missing spec",
      [alpha, { ...beta, spec: "specs/nope.yaml" }],
      'scripts/providers.json: providers[1] ("beta").spec: specs/nope.yaml does not exist',
      () => {},
    ],
    [
      "an unknown security scheme",
      [{ ...alpha, auth: { ...alpha.auth, apiKey: "Nope" } }, beta],
      'scripts/providers.json: providers[0] ("alpha").auth.apiKey: names security scheme "Nope", which specs/alpha.yaml does not define (it defines ApiKeyHeader, BearerAuth)',
      () => {},
    ],
    [
      "a name npm would refuse",
      [alpha, { ...beta, name: "Beta_2" }],
      'scripts/providers.json: providers[1] ("Beta_2").name: is not a valid provider name',
      () => {},
    ],
    [
      "two entries in one package folder",
      [alpha, { ...beta, package: "packages/alpha" }],
      'scripts/providers.json: providers[1] ("beta").package: the package folder "packages/alpha" is already taken by providers[0] ("alpha")',
      () => {},
    ],
    [
      "two names with one TypeScript name",
      [
        alpha,
        { ...beta, name: "alpha-2" },
        { ...beta, name: "alpha2", package: "packages/alpha2" },
      ],
      'scripts/providers.json: providers[2] ("alpha2").name: the TypeScript name "Alpha2" is already taken by providers[1] ("alpha-2")',
      () => {},
    ],
    [
      "a hand-written package's folder",
      [alpha, { ...beta, package: "packages/core" }],
      'scripts/providers.json: providers[1] ("beta").package: packages/core holds @apiclients/core, a hand-written package',
      (repo) => repo.write("packages/core/package.json", '{ "name": "@apiclients/core" }\n'),
    ],
    [
      "an npm name another folder has",
      [alpha, beta],
      'scripts/providers.json: providers[1] ("beta").name: @apiclients/beta is already the name of packages/legacy',
      (repo) => repo.write("packages/legacy/package.json", '{ "name": "@apiclients/beta" }\n'),
    ],
    [
      "a source that is not https",
      [alpha, { ...beta, source: "http://specs.example.com/beta.json" }],
      'scripts/providers.json: providers[1] ("beta").source: http://specs.example.com is plain http',
      () => {},
    ],
    [
      "a misspelt field",
      [alpha, { ...beta, sorce: "https://specs.example.com/beta.json" }],
      'scripts/providers.json: providers[1] ("beta").sorce: is not a manifest field',
      () => {},
    ],
    [
      "a first call the spec lacks",
      [alpha, { ...beta, firstCall: "GET /things" }],
      'scripts/providers.json: providers[1] ("beta").firstCall: specs/beta.yaml has no operation GET /things',
      () => {},
    ],
  ];

  it.each(cases)(
    "%s: refused, naming the entry and the field, and nothing is written",
    async (_what, entries, message, prepare) => {
      const repo = generatedCopy();
      // Stale generated code a successful run would rewrite: it must stay as it is.
      repo.write("packages/alpha/README.md", "stale\n");
      setManifest(repo, entries);
      prepare(repo);
      const before = snapshot(repo);

      const { code, output } = await generate(repo);

      expect(code).toBe(1);
      expect(output).toContain(message);
      expect(output).toContain("Nothing was written");
      expect(snapshot(repo)).toEqual(before);
    },
  );
});

describe("a provider removed from the manifest", () => {
  it("leaves its package in place, and generate says it is orphaned; --check fails on it", async () => {
    const repo = generatedCopy();
    setManifest(repo, [fixtureEntry("alpha")]);
    const before = snapshot(repo);

    const run = await generate(repo);
    expect(run.code).toBe(0);
    expect(run.output).toContain(
      "⚠ packages/beta is orphaned: it holds generated code, but no entry in scripts/providers.json names it",
    );
    expect(snapshot(repo)).toEqual(before);

    const check = await generate(repo, "--check");
    expect(check.code).toBe(1);
    expect(check.output).toContain("✖ packages/beta is orphaned");
    // A run for some providers says nothing about the others.
    expect((await generate(repo, "alpha", "--check")).code).toBe(0);
  });
});
