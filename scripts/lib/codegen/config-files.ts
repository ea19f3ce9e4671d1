// The small configuration files of a provider package: the same for every provider but for the
// spec's path in turbo.json, which makes a spec change a cache miss of that package's tasks.
import { bannerLines, lineBanner } from "./banner.js";
import { GENERATED_DIR, GENERATED_TEST_DIR, OWNED_FILES } from "./layout.js";
import type { ProviderEntry } from "./manifest.js";

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
