// A tiny repository in a temp directory, for the codegen and release CLIs to run on in-process:
// fixture providers with small specs, the manifest that names them, their package.json files,
// what the generator reads of packages/core, a .changeset folder and, on request, a git history.
// Every test makes its own and removes it, so no test depends on another's files, and none on
// the real providers.
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { repoRoot } from "@apiclients/testing";
import { copyCoreInputs } from "../../lib/codegen/core-inputs.js";
import type { ProviderEntry } from "../../lib/codegen/manifest.js";

/** An OpenAPI document, as a plain object the test can change before writing it. */
export type SpecDocument = {
  openapi: string;
  paths: Record<string, Record<string, Record<string, unknown>>>;
  [key: string]: unknown;
};

/** A small valid spec: one server, an API key header and a bearer scheme, one delete. */
export function fixtureSpec(title: string): SpecDocument {
  return {
    openapi: "3.0.3",
    info: { title, version: "1.0.0" },
    servers: [{ url: `https://api.${title.toLowerCase()}.test/v1` }],
    components: {
      securitySchemes: {
        ApiKeyHeader: { type: "apiKey", in: "header", name: "X-Api-Key" },
        BearerAuth: { type: "http", scheme: "bearer" },
      },
    },
    paths: {
      "/things/{id}": {
        delete: {
          operationId: "deleteThing",
          summary: "Delete a thing",
          description: "Deletes the thing for good.",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "204": { description: "Deleted" }, "404": { description: "No such thing" } },
        },
      },
    },
  };
}

/** An operation to add to a fixture spec, e.g. as `paths["/things/{id}"].get`. */
export const getThing = {
  operationId: "getThing",
  summary: "Get a thing",
  parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
  responses: { "200": { description: "The thing" } },
};

/** The manifest entry a fixture provider gets unless the test says otherwise. */
export function fixtureEntry(name: string): ProviderEntry {
  return {
    name,
    spec: `specs/${name}.yaml`,
    package: `packages/${name}`,
    apiKeyEnvVar: `${name.toUpperCase()}_API_KEY`,
    auth: { apiKey: "ApiKeyHeader", bearerToken: "BearerAuth" },
  };
}

export const packageName = (provider: string) => `@fixture/${provider}`;

export interface FixtureRepo {
  root: string;
  providers: ProviderEntry[];
  read(path: string): string;
  write(path: string, text: string): void;
  exists(path: string): boolean;
  writeSpec(provider: string, spec: SpecDocument): void;
  /** git add -A && git commit, so "the committed spec" is what is on disk now. */
  commit(message?: string): void;
  remove(): void;
}

export interface FixtureOptions {
  /** Manifest entries as written to scripts/providers.json; fixtureEntry(name) by default. */
  entries?: object[];
  /** git init and commit everything (the release CLIs compare with the committed spec). */
  git?: boolean;
  /** Write each provider's package.json, as the release CLIs expect (default); without it the
   * repository has specs and a manifest only, as before `pnpm generate` made the packages. */
  packages?: boolean;
  /** Copy what `pnpm generate` reads of packages/core (default): copyCore. */
  core?: boolean;
}

/** This repository's packages/core as `pnpm generate` reads it, into the repository at `root`. */
export function copyCore(root: string): void {
  copyCoreInputs(repoRoot, root);
}

// A test run from inside a git hook inherits GIT_DIR and friends; the fixture's git must not.
const gitEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("GIT_")));

/** The handle on a fixture repository at `root`. */
function repoAt(root: string, providers: ProviderEntry[]): FixtureRepo {
  const path = (relative: string) => join(root, relative);
  const write = (relative: string, text: string) => {
    mkdirSync(dirname(path(relative)), { recursive: true });
    writeFileSync(path(relative), text);
  };
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: root, env: gitEnv(), stdio: ["ignore", "pipe", "pipe"] });
  const repo: FixtureRepo = {
    root,
    providers,
    read: (relative) => readFileSync(path(relative), "utf8"),
    write,
    exists: (relative) => existsSync(path(relative)),
    writeSpec: (provider, spec) => write(`specs/${provider}.yaml`, stringify(spec)),
    commit: (message = "fixture") => {
      git("add", "-A");
      git(
        "-c",
        "user.name=fixture",
        "-c",
        "user.email=fixture@localhost",
        "commit",
        "-qm",
        message,
      );
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  return repo;
}

/** A repository with one fixture provider per name, each with fixtureSpec(name) as its spec. */
export function fixtureRepo(names: string[], options: FixtureOptions = {}): FixtureRepo {
  const root = mkdtempSync(join(tmpdir(), "apiclients-fixture-"));
  const providers = names.map(fixtureEntry);
  const repo = repoAt(root, providers);
  const { write } = repo;
  write(
    "scripts/providers.json",
    JSON.stringify({ providers: options.entries ?? providers }, null, 2),
  );
  for (const provider of providers) {
    repo.writeSpec(provider.name, fixtureSpec(provider.name));
    if (options.packages !== false)
      write(
        `${provider.package}/package.json`,
        JSON.stringify({ name: packageName(provider.name), version: "0.0.0" }, null, 2),
      );
  }
  if (options.core !== false) copyCore(root);
  write(".changeset/config.json", JSON.stringify({ changelog: false, access: "public" }));
  if (options.git) {
    execFileSync("git", ["init", "-q"], { cwd: root, env: gitEnv(), stdio: "ignore" });
    repo.commit("fixture repository");
  }
  return repo;
}

/** A copy of a fixture repository in a folder of its own: one setup shared by many tests. */
export function copyOf(repo: FixtureRepo): FixtureRepo {
  const root = mkdtempSync(join(tmpdir(), "apiclients-fixture-"));
  cpSync(repo.root, root, { recursive: true });
  return repoAt(root, repo.providers);
}
