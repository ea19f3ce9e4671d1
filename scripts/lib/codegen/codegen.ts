// Turns one provider's spec into the files of its src/generated/ folder, in memory: the types
// (openapi-typescript) and the client defaults (the spec's first server, where credentials go).
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { bannerLines, blockBanner } from "./banner.js";
import type { ClientDefaults } from "./client-defaults.js";
import { GENERATED_DIR, type GeneratedFile } from "./layout.js";
import type { ProviderEntry } from "./manifest.js";
import { SpecError, type OpenApiDocument } from "./spec.js";

function banner(provider: ProviderEntry, what: string): string {
  // Not ours to lint: openapi-typescript's output follows its own style.
  return `${blockBanner(bannerLines(provider, what))}/* eslint-disable */\n`;
}

/**
 * Runs openapi-typescript's Node API. It reports some problems through console.error before
 * throwing, so those lines are captured and folded into one error that names the spec.
 */
async function generateSchemaTypes(provider: ProviderEntry, doc: OpenApiDocument, specUrl: URL) {
  const captured: string[] = [];
  const original = { error: console.error, warn: console.warn };
  const capture = (...args: unknown[]) => captured.push(args.map(String).join(" ").trim());
  console.error = capture;
  console.warn = capture;
  try {
    // structuredClone: the bundler may annotate the object it is given; keep ours pristine.
    const ast = await openapiTS(structuredClone(doc) as never, { cwd: specUrl, silent: true });
    return { source: astToString(ast), warnings: captured };
  } catch (error) {
    const reason = (error as Error).message || captured.join("; ") || String(error);
    throw new SpecError(provider.spec, reason.replace(/^\s*✘\s*/u, ""));
  } finally {
    console.error = original.error;
    console.warn = original.warn;
  }
}

function providerModule(provider: ProviderEntry, defaults: ClientDefaults): string {
  return [
    banner(
      provider,
      `Client defaults for ${provider.name}: the spec's first server and its security schemes.`,
    ),
    'import type { ProviderConfig } from "@apiclients/core";',
    "",
    `export const provider: ProviderConfig = ${JSON.stringify(defaults, null, 2)};`,
    "",
  ].join("\n");
}

/** The contents of src/generated/schema.ts: openapi-typescript's output under the banner. */
export async function schemaModule(
  provider: ProviderEntry,
  doc: OpenApiDocument,
  absoluteSpec: string,
): Promise<{ contents: string; warnings: string[] }> {
  const { source, warnings } = await generateSchemaTypes(
    provider,
    doc,
    pathToFileURL(absoluteSpec),
  );
  const what = `TypeScript types for ${provider.spec}, made by openapi-typescript.`;
  return { contents: banner(provider, what) + source, warnings };
}

/** The files of src/generated/, and what openapi-typescript warned about. */
export async function generatedSources(
  provider: ProviderEntry,
  doc: OpenApiDocument,
  defaults: ClientDefaults,
  absoluteSpec: string,
): Promise<{ files: GeneratedFile[]; warnings: string[] }> {
  const schema = await schemaModule(provider, doc, absoluteSpec);
  const dir = `${provider.package}/${GENERATED_DIR}`;
  return {
    warnings: schema.warnings,
    files: [
      { path: `${dir}/schema.ts`, contents: schema.contents },
      { path: `${dir}/provider.ts`, contents: providerModule(provider, defaults) },
    ],
  };
}
