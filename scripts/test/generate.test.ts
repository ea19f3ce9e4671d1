import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { execFile } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { loadManifest } from "../lib/codegen/manifest.js";

const repo = resolve(__dirname, "../..");
let root: string;
let output: string[];

/** A scratch copy of the parts of the repository the generator reads and writes. */
function scratchRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "apiclients-generate-"));
  cpSync(join(repo, "scripts/providers.json"), join(dir, "scripts/providers.json"));
  cpSync(join(repo, "specs"), join(dir, "specs"), { recursive: true });
  for (const name of ["ampersand", "basic"]) {
    cpSync(
      join(repo, `packages/${name}/src/generated`),
      join(dir, `packages/${name}/src/generated`),
      { recursive: true },
    );
  }
  return dir;
}

const generated = (name: string, file = "schema.ts") =>
  join(root, `packages/${name}/src/generated/${file}`);
/** Runs the real CLI, as `pnpm generate` does, against the scratch repository. */
function run(...argv: string[]): Promise<number> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ["--import", "tsx", join(repo, "scripts/generate.ts"), ...argv, "--root", root],
      { cwd: repo },
      (error, stdout, stderr) => {
        output.push(stdout, stderr);
        done(error ? Number(error.code ?? 1) : 0);
      },
    );
  });
}

beforeEach(() => {
  root = scratchRepo();
  output = [];
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("pnpm generate", () => {
  it("reproduces the committed output byte for byte, and touches nothing when it is current", async () => {
    const before = statSync(generated("ampersand")).mtimeMs;
    expect(await run()).toBe(0);
    for (const name of ["ampersand", "basic"]) {
      for (const file of ["schema.ts", "provider.ts"]) {
        expect(readFileSync(generated(name, file), "utf8")).toBe(
          readFileSync(join(repo, `packages/${name}/src/generated/${file}`), "utf8"),
        );
      }
    }
    expect(statSync(generated("ampersand")).mtimeMs).toBe(before);
    expect(output.join("\n")).toContain("no changes");
  });

  it("writes a do-not-edit banner", () => {
    const text = readFileSync(join(repo, "packages/ampersand/src/generated/schema.ts"), "utf8");
    expect(text.startsWith("/**")).toBe(true);
    expect(text).toContain("Do not edit");
    expect(text).toContain("specs/ampersand.yaml");
  });

  it("--check passes on current output and names every stale, missing or extraneous file", async () => {
    expect(await run("--check")).toBe(0);
    writeFileSync(generated("ampersand"), "// hand edit\n");
    rmSync(generated("basic", "provider.ts"));
    writeFileSync(generated("basic", "leftover.ts"), "");
    expect(await run("--check")).toBe(1);
    const text = output.join("\n");
    expect(text).toContain("stale: packages/ampersand/src/generated/schema.ts");
    expect(text).toContain("missing: packages/basic/src/generated/provider.ts");
    expect(text).toContain("extraneous: packages/basic/src/generated/leftover.ts");
    // --check never writes
    expect(readFileSync(generated("ampersand"), "utf8")).toBe("// hand edit\n");
    // and a normal run repairs all three
    expect(await run()).toBe(0);
    expect(await run("--check")).toBe(0);
  });

  it("regenerates when a spec changes, and only the provider asked for", async () => {
    const spec = join(root, "specs/basic.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("Delete API key", "Remove API key"));
    expect(await run("ampersand", "--check")).toBe(0);
    expect(await run("basic", "--check")).toBe(1);
    expect(await run("basic")).toBe(0);
    expect(readFileSync(generated("basic"), "utf8")).toContain("Remove API key");
  });

  const broken: Array<[string, string, RegExp]> = [
    [
      "a YAML error",
      "openapi: 3.0.1\ninfo: {title: x\n  version: [\n",
      /specs\/basic\.yaml: invalid YAML at line \d+, column \d+/,
    ],
    [
      "a dangling $ref",
      "openapi: 3.0.1\ninfo: {title: x, version: '1'}\nservers: [{url: 'https://x.test'}]\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Missing'}\ncomponents:\n  securitySchemes:\n    apiKeyAuth: {type: http, scheme: bearer}\n    bearerAuth: {type: http, scheme: bearer}\n",
      /specs\/basic\.yaml: Can't resolve \$ref/,
    ],
    [
      "OpenAPI 2",
      "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n",
      /specs\/basic\.yaml: Swagger 2\.0 is not supported/,
    ],
    [
      "no openapi field",
      "info: {title: x, version: '1'}\npaths: {}\n",
      /specs\/basic\.yaml: not OpenAPI 3\.x: the "openapi" field is missing/,
    ],
    ["a list", "- 1\n- 2\n", /specs\/basic\.yaml: not an OpenAPI document/],
  ];

  it.each(broken)(
    "fails on %s with the file and the reason, writing nothing",
    async (_what, text, message) => {
      writeFileSync(join(root, "specs/basic.yaml"), text);
      const before = ["ampersand", "basic"].map((name) => readFileSync(generated(name), "utf8"));
      writeFileSync(generated("ampersand"), "// stale, would be rewritten by a successful run\n");
      expect(await run()).toBe(1);
      expect(output.join("\n")).toMatch(message);
      expect(output.join("\n")).toContain("Nothing was written");
      // Not even the healthy provider's stale file was touched: no partial writes.
      expect(readFileSync(generated("ampersand"), "utf8")).toBe(
        "// stale, would be rewritten by a successful run\n",
      );
      expect(readFileSync(generated("basic"), "utf8")).toBe(before[1]);
    },
  );

  it("fails when the manifest names a security scheme the spec lacks", async () => {
    const manifestPath = join(root, "scripts/providers.json");
    writeFileSync(
      manifestPath,
      readFileSync(manifestPath, "utf8").replace('"apiKey": "APIKeyHeader"', '"apiKey": "Nope"'),
    );
    expect(await run()).toBe(1);
    expect(output.join("\n")).toContain(
      'specs/ampersand.yaml: scripts/providers.json maps ampersand.auth.apiKey to security scheme "Nope"',
    );
  });

  it("refuses unknown providers and flags", async () => {
    expect(await run("nope")).toBe(2);
    expect(output.join("\n")).toContain("Unknown provider nope");
    expect(await run("--frobnicate")).toBe(2);
    expect(output.join("\n")).toMatch(/Unknown option '--frobnicate'[\s\S]*Usage: generate/);
  });
});

describe("the turbo generate task", () => {
  it("has each provider's spec among its inputs, so a spec change is a cache miss", async () => {
    for (const provider of await loadManifest(repo)) {
      const config = JSON.parse(
        readFileSync(join(repo, provider.package, "turbo.json"), "utf8"),
      ) as {
        tasks: { generate: { inputs: string[] } };
      };
      expect(config.tasks.generate.inputs).toContain(`$TURBO_ROOT$/${provider.spec}`);
    }
  });
});

describe("a provider without credentials", () => {
  it("is generated with no auth and no environment variable", async () => {
    const manifestPath = join(root, "scripts/providers.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
      providers: Array<Record<string, unknown>>;
    };
    delete manifest.providers[1]!.auth;
    delete manifest.providers[1]!.apiKeyEnvVar;
    writeFileSync(manifestPath, JSON.stringify(manifest));
    expect(await run("basic")).toBe(0);
    const provider = readFileSync(generated("basic", "provider.ts"), "utf8");
    expect(provider).toContain('"auth": {}');
    expect(provider).not.toContain("apiKeyEnvVar");
  });

  it("refuses an environment variable without an API key scheme", async () => {
    const manifestPath = join(root, "scripts/providers.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
      providers: Array<Record<string, unknown>>;
    };
    delete manifest.providers[1]!.auth;
    writeFileSync(manifestPath, JSON.stringify(manifest));
    expect(await run("basic")).toBe(1);
    expect(output.join("\n")).toContain(
      "providers[1].apiKeyEnvVar is set but providers[1].auth.apiKey names no scheme",
    );
  });
});
