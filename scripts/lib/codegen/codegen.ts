// Turns one provider's spec into the files of its src/generated/ folder, in memory: the types
// (openapi-typescript) and the client defaults (the spec's first server, where credentials go).
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { bannerLines, blockBanner } from "./banner.js";
import { entryError, type ProviderEntry } from "./manifest.js";
import { resolveRef } from "./operations.js";
import { SpecError, type OpenApiDocument } from "./spec.js";

export const GENERATED_DIR = "src/generated";

export interface GeneratedFile {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  contents: string;
}

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

export interface CredentialPlacement {
  header: string;
  scheme?: string;
}

/** Where the client puts a credential, from the security scheme the manifest maps it to. */
export function credentialPlacement(
  provider: ProviderEntry,
  doc: OpenApiDocument,
  option: "apiKey" | "bearerToken",
  schemeName: string,
): CredentialPlacement {
  const schemes = (doc.components?.securitySchemes ?? {}) as Record<string, unknown>;
  const scheme = resolveRef(doc, schemes[schemeName]);
  const field = `auth.${option}`;
  if (!scheme || typeof scheme !== "object") {
    const known = Object.keys(schemes);
    throw entryError(
      provider,
      field,
      `names security scheme "${schemeName}", which ${provider.spec} does not define (${known.length > 0 ? `it defines ${known.join(", ")}` : "it defines none in components.securitySchemes"})`,
    );
  }
  if (scheme.type === "apiKey" && scheme.in === "header" && typeof scheme.name === "string") {
    return { header: scheme.name };
  }
  if (
    scheme.type === "http" &&
    typeof scheme.scheme === "string" &&
    scheme.scheme.toLowerCase() === "bearer"
  ) {
    return { header: "Authorization", scheme: "Bearer" };
  }
  throw entryError(
    provider,
    field,
    `names security scheme "${schemeName}" of ${provider.spec}, of type ${JSON.stringify(scheme.type)}${scheme.in ? ` in ${String(scheme.in)}` : ""}${scheme.scheme ? ` (${String(scheme.scheme)})` : ""}: only header API keys and HTTP bearer are supported`,
  );
}

/** The spec's first server, with server variables replaced by their defaults. */
export function defaultBaseUrl(provider: ProviderEntry, doc: OpenApiDocument): string {
  const server = doc.servers?.[0] as
    { url?: unknown; variables?: Record<string, { default?: unknown }> } | undefined;
  if (!server || typeof server.url !== "string") {
    throw new SpecError(
      provider.spec,
      "servers[0].url is missing: the client needs a default base URL",
    );
  }
  const url = server.url.replace(/\{([^}]+)\}/g, (match, name: string) => {
    const value = server.variables?.[name]?.default;
    if (typeof value !== "string") {
      throw new SpecError(
        provider.spec,
        `servers[0].url uses {${name}} but servers[0].variables.${name}.default is missing`,
      );
    }
    return value;
  });
  if (!/^https?:\/\/[^/]/i.test(url)) {
    throw new SpecError(provider.spec, `servers[0].url "${url}" is not an absolute http(s) URL`);
  }
  return url;
}

/** What the generated provider.ts tells @apiclients/core (its ProviderConfig). */
export interface ClientDefaults {
  name: string;
  baseUrl: string;
  apiKeyEnvVar?: string;
  auth: { apiKey?: CredentialPlacement; bearerToken?: CredentialPlacement };
}

export function clientDefaults(provider: ProviderEntry, doc: OpenApiDocument): ClientDefaults {
  const auth: ClientDefaults["auth"] = {};
  for (const option of ["apiKey", "bearerToken"] as const) {
    const scheme = provider.auth[option];
    if (scheme !== undefined) auth[option] = credentialPlacement(provider, doc, option, scheme);
  }
  return {
    name: provider.name,
    baseUrl: defaultBaseUrl(provider, doc),
    ...(provider.apiKeyEnvVar === undefined ? {} : { apiKeyEnvVar: provider.apiKeyEnvVar }),
    auth,
  };
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

/** The files of src/generated/, and what openapi-typescript warned about. */
export async function generatedSources(
  provider: ProviderEntry,
  doc: OpenApiDocument,
  defaults: ClientDefaults,
  absoluteSpec: string,
): Promise<{ files: GeneratedFile[]; warnings: string[] }> {
  const { source, warnings } = await generateSchemaTypes(
    provider,
    doc,
    pathToFileURL(absoluteSpec),
  );
  const dir = `${provider.package}/${GENERATED_DIR}`;
  return {
    warnings,
    files: [
      {
        path: `${dir}/schema.ts`,
        contents:
          banner(provider, `TypeScript types for ${provider.spec}, made by openapi-typescript.`) +
          source,
      },
      { path: `${dir}/provider.ts`, contents: providerModule(provider, defaults) },
    ],
  };
}
