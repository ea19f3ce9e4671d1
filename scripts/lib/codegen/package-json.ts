// A provider package's package.json. The generator owns the fields every provider package shares
// (the conventions below) and the ones the spec decides (description, keywords); it keeps
// `version` (changesets bumps it; a new package starts at 0.0.0) and every field it does not own
// (a maintainer's `homepage`, `author`…) as they are, after its own. `publishConfig` holds
// defaults: a member already there keeps its value (the release rehearsal turns provenance off
// in its scratch copy, which has no CI identity to sign with, and builds regenerate).
import type { ProviderEntry } from "./manifest.js";
import type { ProviderNames } from "./names.js";
import type { OpenApiDocument } from "./spec.js";

export const NEW_PACKAGE_VERSION = "0.0.0";

/** Where the repository is meant to live (see README, Decisions). */
const REPOSITORY_URL = "git+https://github.com/apiclients/apiclients.git";

/** Words of a title that say nothing as npm keywords. */
const FILLER = new Set(
  "a an and api apis for http in of on openapi public rest service the to v with".split(" "),
);

/** One line: the spec's title, as the package's description. */
export function describeApi(provider: ProviderEntry, doc: OpenApiDocument): string {
  const title =
    typeof doc.info?.title === "string" ? doc.info.title.replace(/\s+/g, " ").trim() : "";
  const api = title === "" ? `${provider.name} API` : title;
  return /^the\b/i.test(api) ? api : `the ${api}`;
}

function keywords(provider: ProviderEntry, doc: OpenApiDocument): string[] {
  const title = typeof doc.info?.title === "string" ? doc.info.title : "";
  const words = title
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !FILLER.has(word) && !/^v?\d+$/.test(word));
  return [...new Set(["openapi", "openapi-fetch", "client", provider.name, ...words])];
}

/** The fields the generator writes, in the order it writes them (`version` is kept, not owned). */
export const OWNED_FIELDS = [
  "name",
  "description",
  "keywords",
  "license",
  "repository",
  "type",
  "sideEffects",
  "engines",
  "exports",
  "main",
  "module",
  "types",
  "files",
  "publishConfig",
  "scripts",
  "dependencies",
  "devDependencies",
] as const;

function ownedFields(
  provider: ProviderEntry,
  names: ProviderNames,
  doc: OpenApiDocument,
): Record<(typeof OWNED_FIELDS)[number], unknown> {
  return {
    name: names.packageName,
    description: `Typed client for ${describeApi(provider, doc)}, generated from its OpenAPI spec.`,
    keywords: keywords(provider, doc),
    license: "MIT",
    repository: { type: "git", url: REPOSITORY_URL, directory: provider.package },
    type: "module",
    sideEffects: false,
    engines: { node: ">=20" },
    // Types first in each condition, and declarations for each module format (publint, attw).
    exports: {
      ".": {
        import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
        require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
      },
      "./package.json": "./package.json",
    },
    main: "./dist/index.cjs",
    module: "./dist/index.js",
    types: "./dist/index.d.cts",
    files: ["dist", "README.md", "CHANGELOG.md"],
    publishConfig: { access: "public", provenance: true },
    scripts: {
      generate: `tsx ../../scripts/generate.ts ${provider.name}`,
      build: "tsup --config ../../tsup.config.ts",
      test: "jest",
      "check:package": "publint --strict && attw --pack .",
    },
    dependencies: {
      "@apiclients/core": "workspace:^",
      "@apiclients/problem": "workspace:^",
      "openapi-fetch": "catalog:",
    },
    devDependencies: {
      "@apiclients/testing": "workspace:*",
      "@jest/globals": "catalog:",
      "@types/node": "catalog:",
      jest: "catalog:",
      tsup: "catalog:",
      typescript: "catalog:",
    },
  };
}

/**
 * The package.json to write, given the one on disk (undefined for a new package): owned fields
 * from the generator, `version` and every other field from disk.
 */
export function packageJson(
  provider: ProviderEntry,
  names: ProviderNames,
  doc: OpenApiDocument,
  existing: Record<string, unknown> | undefined,
): string {
  const { name, ...owned } = ownedFields(provider, names, doc);
  const publishConfig = existing?.publishConfig;
  if (publishConfig !== null && typeof publishConfig === "object" && !Array.isArray(publishConfig))
    owned.publishConfig = { ...(owned.publishConfig as object), ...publishConfig };
  const kept = Object.fromEntries(
    Object.entries(existing ?? {}).filter(
      ([key]) => key !== "version" && !(OWNED_FIELDS as readonly string[]).includes(key),
    ),
  );
  const version = existing?.version ?? NEW_PACKAGE_VERSION;
  return `${JSON.stringify({ name, version, ...owned, ...kept }, null, 2)}\n`;
}
