// Fresh consumer projects, made outside the repository from examples/consumers/ and installed
// with npm from the rehearsal registry, the way a user's own project would install them.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ProviderDescription } from "../codegen/describe.js";
import {
  providersModuleCjs,
  providersModuleReact,
  providersModuleTs,
  type ReactPlan,
} from "./consumer-providers.js";
import { SCOPE, type Registry } from "./registry.js";

export type ConsumerKind = "node-esm-ts" | "node-cjs" | "browser" | "browser-react";

export interface Consumer {
  kind: ConsumerKind;
  dir: string;
  /** npm's environment for this project: the machine's own npm settings (~/.npmrc, NPM_CONFIG_*),
   * nothing from the pnpm or turbo run around us (pnpm exports npm_config_* to its scripts). */
  env: NodeJS.ProcessEnv;
  remove(): void;
}

/** The version of a tool the repository itself builds with, so consumers use the same one. */
function ourVersion(name: string): string {
  const require = createRequire(import.meta.url);
  return (require(`${name}/package.json`) as { version: string }).version;
}

/**
 * What the React consumer uses our clients with, from the machine's usual registry, at exact
 * versions: the newest of each that installs and runs here, whose peer ranges meet each other's
 * and openapi-fetch 0.17.0's (the one @apiclients/core depends on): openapi-react-query 0.5.4
 * asks for openapi-fetch ^0.17.0 and @tanstack/react-query ^5.80.0; swr-openapi 5.6.0 for
 * openapi-fetch >=0.15, react >=18, swr 2 and typescript 5 (openapi-typescript, optional, is not
 * installed); @tanstack/react-query and swr accept React 19. A bump is a deliberate edit here.
 */
export const REACT_CONSUMER_DEPENDENCIES: Record<string, string> = {
  react: "19.3.1",
  "react-dom": "19.3.1",
  "@tanstack/react-query": "5.108.4",
  "openapi-react-query": "0.5.4",
  swr: "2.5.1",
  "swr-openapi": "5.6.0",
};

/** What each kind of project brings besides our packages. */
function toolsFor(kind: ConsumerKind): Record<string, string> {
  if (kind === "node-esm-ts")
    return { typescript: ourVersion("typescript"), "@types/node": ourVersion("@types/node") };
  if (kind === "browser")
    return { esbuild: ourVersion("esbuild"), typescript: ourVersion("typescript") };
  if (kind === "browser-react")
    return {
      esbuild: ourVersion("esbuild"),
      typescript: ourVersion("typescript"),
      // React ships no types of its own.
      "@types/react": "19.3.3",
      "@types/react-dom": "19.3.0",
    };
  return {};
}

/** Writes the project's list of providers (and, for the React project, its hook calls). */
export function writeProviders(
  kind: ConsumerKind,
  dir: string,
  providers: ProviderDescription[],
  react: ReactPlan[],
): void {
  if (kind === "node-cjs") writeFileSync(join(dir, "providers.cjs"), providersModuleCjs(providers));
  else if (kind === "browser-react")
    writeFileSync(join(dir, "src/providers.ts"), providersModuleReact(react));
  else writeFileSync(join(dir, "src/providers.ts"), providersModuleTs(providers));
}

export function consumerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^(npm_|pnpm_|PNPM_|TURBO_|APICLIENTS_)/.test(key)) env[key] = value;
  return env;
}

export function createConsumer(
  kind: ConsumerKind,
  examples: string,
  registry: Registry,
  dependencies: Record<string, string>,
  providers: ProviderDescription[],
  react: ReactPlan[],
): Consumer {
  const dir = mkdtempSync(join(tmpdir(), `apiclients-consumer-${kind}-`));
  cpSync(join(examples, kind), dir, { recursive: true });
  // The TypeScript scenario is shared by the ESM and browser projects; each gets its own copy,
  // and every project the list of providers it covers, written from the manifest.
  if (kind === "node-esm-ts" || kind === "browser")
    cpSync(join(examples, "scenario.ts"), join(dir, "src/scenario.ts"));
  writeProviders(kind, dir, providers, react);
  // Only our scope comes from the rehearsal registry, anonymously (no token in a consumer);
  // openapi-fetch, React and its libraries and the tools come from the machine's usual registry.
  writeFileSync(join(dir, ".npmrc"), `${SCOPE}:registry=${registry.url}\n`);
  const manifest = {
    name: `rehearsal-${kind}`,
    version: "1.0.0",
    private: true,
    type: kind === "node-cjs" ? "commonjs" : "module",
    dependencies: {
      ...dependencies,
      ...(kind === "browser-react" ? REACT_CONSUMER_DEPENDENCIES : {}),
    },
    devDependencies: toolsFor(kind),
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return {
    kind,
    dir,
    env: consumerEnv(),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** npm install in the project; --prefer-online so a cached packument never hides a publish. */
export const npmInstallArgs = (...specs: string[]) => [
  "install",
  "--no-audit",
  "--no-fund",
  "--prefer-online",
  "--loglevel=error",
  ...specs,
];

/** The version of a package as installed in a consumer's node_modules. */
export const installedVersion = (consumer: Consumer, name: string): string =>
  (
    JSON.parse(readFileSync(join(consumer.dir, "node_modules", name, "package.json"), "utf8")) as {
      version: string;
    }
  ).version;

/** The newest release heading in an installed package's CHANGELOG.md ("## 0.1.0"), if any. */
export function changelogHead(consumer: Consumer, name: string): string | undefined {
  const path = join(consumer.dir, "node_modules", name, "CHANGELOG.md");
  if (!existsSync(path)) return undefined;
  return readFileSync(path, "utf8")
    .split("\n")
    .find((line) => line.startsWith("## "));
}
