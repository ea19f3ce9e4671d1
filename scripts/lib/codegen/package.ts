// One provider package, in memory: every file the generator owns (layout.ts), from the spec, the
// manifest entry and the hand-kept files it reads (package.json's version and unowned fields,
// README.extra.md, whether src/problem.ts exists), and core's ClientOptions for the README's
// options. Nothing is written here.
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { clientDefaults } from "./client-defaults.js";
import { readClientOptions } from "./client-options.js";
import { generatedSources } from "./codegen.js";
import { gitattributes, jestConfig, tsconfigJson, turboJson } from "./config-files.js";
import { contractTest } from "./contract-test.js";
import { chooseFirstCall, type CallPlan } from "./first-call.js";
import { formatted } from "./format.js";
import { indexSource } from "./index-source.js";
import {
  GENERATED_DIR,
  GENERATED_TEST_DIR,
  PROBLEM_FILE,
  README_EXTRA,
  type GeneratedFile,
} from "./layout.js";
import { entryError, type ProviderEntry } from "./manifest.js";
import { providerNames } from "./names.js";
import { listOperations } from "./operations.js";
import { describeApi, packageJson } from "./package-json.js";
import { readme } from "./readme.js";
import { loadSpec, SpecError, type OpenApiDocument } from "./spec.js";
import { readIfExists } from "./files.js";

export interface PackageResult {
  provider: ProviderEntry;
  files: GeneratedFile[];
  /** Folders the generator owns whole: any other file in them is drift. */
  dirs: string[];
  warnings: string[];
  /** True when the package does not exist yet (no package.json). */
  created: boolean;
  plan: CallPlan;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The entry's spec, parsed; a missing file is the entry's fault, a broken one the spec's. */
export async function loadProviderSpec(
  root: string,
  provider: ProviderEntry,
): Promise<OpenApiDocument> {
  const path = resolve(root, provider.spec);
  if (!(await exists(path))) throw entryError(provider, "spec", `${provider.spec} does not exist`);
  return loadSpec(provider.spec, path);
}

function parsePackageJson(provider: ProviderEntry, text: string): Record<string, unknown> {
  try {
    const json = JSON.parse(text) as unknown;
    if (json !== null && typeof json === "object" && !Array.isArray(json))
      return json as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new SpecError(`${provider.package}/package.json`, "is not a JSON object");
}

export async function generatePackage(
  root: string,
  provider: ProviderEntry,
): Promise<PackageResult> {
  const doc = await loadProviderSpec(root, provider);
  const names = providerNames(provider.name);
  const defaults = clientDefaults(provider, doc);
  const plan = chooseFirstCall(provider, doc);
  const api = describeApi(provider, doc);
  const at = (file: string) => resolve(root, provider.package, file);

  const currentPackageJson = await readIfExists(at("package.json"));
  const existing =
    currentPackageJson === undefined ? undefined : parsePackageJson(provider, currentPackageJson);
  const extra = await readIfExists(at(README_EXTRA));
  const hasProblemFile = await exists(at(PROBLEM_FILE));
  const clientOptions = await readClientOptions(root);

  const { files: sources, warnings } = await generatedSources(
    provider,
    doc,
    defaults,
    resolve(root, provider.spec),
  );
  const owned: Array<[string, string]> = [
    ["package.json", packageJson(provider, names, doc, existing)],
    ["src/index.ts", indexSource(provider, names, api, defaults, hasProblemFile)],
    [`${GENERATED_TEST_DIR}/contract.test.ts`, contractTest(provider, names, defaults, plan)],
    [
      "README.md",
      readme({
        provider,
        names,
        doc,
        api,
        defaults,
        plan,
        operations: listOperations(doc),
        clientOptions,
        ...(extra === undefined ? {} : { extra }),
      }),
    ],
    ["tsconfig.json", tsconfigJson(provider)],
    ["jest.config.js", jestConfig(provider)],
    ["turbo.json", turboJson(provider)],
    [".gitattributes", gitattributes(provider)],
  ];
  const files = [
    // src/generated first: its presence is what marks a folder as generated (workspace.ts), so a
    // run interrupted half-way still leaves a folder the next run recognises as its own.
    ...sources,
    ...(await Promise.all(
      owned.map(async ([file, contents]) => {
        const path = `${provider.package}/${file}`;
        return {
          path,
          // Prettier has no parser for .gitattributes; the rest read like hand-formatted files.
          contents: file === ".gitattributes" ? contents : await formatted(root, path, contents),
        };
      }),
    )),
  ];
  return {
    provider,
    files,
    dirs: [`${provider.package}/${GENERATED_DIR}`, `${provider.package}/${GENERATED_TEST_DIR}`],
    warnings,
    created: existing === undefined,
    plan,
  };
}
