// The small configuration files of a provider package: the same for every provider but for the
// spec's path in turbo.json, which makes a spec change a cache miss of that package's tasks.
import { bannerLines, lineBanner } from "./banner.js";
import { GENERATED_DIR } from "./codegen.js";
import type { ProviderEntry } from "./manifest.js";

/** Folder of the generated tests, beside the hand-kept ones in test/. */
export const GENERATED_TEST_DIR = "test/generated";

/** The files in the package's root and src/ that the generator writes whole. */
export const OWNED_FILES = [
  "package.json",
  "README.md",
  "tsconfig.json",
  "jest.config.js",
  "turbo.json",
  ".gitattributes",
  "src/index.ts",
] as const;

/** Hand-kept files the generator reads: their presence or contents change what it writes. */
export const HAND_KEPT_INPUTS = ["README.extra.md", "src/problem.ts"] as const;

export function tsconfigJson(provider: ProviderEntry): string {
  const config = {
    extends: "../../tsconfig.base.json",
    compilerOptions: { types: ["node"] },
    include: ["src", "test"],
  };
  return `${lineBanner(bannerLines(provider, "TypeScript settings of this package."), "//")}${JSON.stringify(config, null, 2)}\n`;
}

export function jestConfig(provider: ProviderEntry): string {
  return `${lineBanner(bannerLines(provider, "Jest settings: the repository's shared ones."), "//")}export { default } from "../../jest.config.base.js";\n`;
}

export function turboJson(provider: ProviderEntry): string {
  const config = {
    $schema: "https://turborepo.com/schema.json",
    extends: ["//"],
    tasks: {
      generate: { inputs: ["$TURBO_EXTENDS$", `$TURBO_ROOT$/${provider.spec}`] },
    },
  };
  return `${lineBanner(bannerLines(provider, "turbo settings: the spec is an input of this package's generate task."), "//")}${JSON.stringify(config, null, 2)}\n`;
}

/** Marks what the generator writes as generated, so review tools collapse it. package.json is
 * left out: its version and unowned fields are people's (and changesets') to change. */
export function gitattributes(provider: ProviderEntry): string {
  const paths = [
    ...OWNED_FILES.filter((file) => file !== "package.json"),
    `${GENERATED_DIR}/**`,
    `${GENERATED_TEST_DIR}/**`,
  ];
  return [
    lineBanner(bannerLines(provider, "Files of this package that pnpm generate writes."), "#"),
    ...paths.map((path) => `/${path} linguist-generated=true`),
    "",
  ].join("\n");
}
