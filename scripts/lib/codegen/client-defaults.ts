// What a provider's client defaults to, from its spec and manifest entry: the spec's first server
// and where each credential goes (the security scheme the manifest maps it to). The generated
// src/generated/provider.ts holds it; the README and the tooling around the packages read it too.
import { entryError, type ProviderEntry } from "./manifest.js";
import { resolveRef } from "./operations.js";
import { SpecError, type OpenApiDocument } from "./spec.js";

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
  // An OAuth 2 or OpenID Connect access token is sent as a bearer token (RFC 6750); getting one
  // is the caller's business.
  if (scheme.type === "oauth2" || scheme.type === "openIdConnect") {
    return { header: "Authorization", scheme: "Bearer" };
  }
  throw entryError(
    provider,
    field,
    `names security scheme "${schemeName}" of ${provider.spec}, of type ${JSON.stringify(scheme.type)}${scheme.in ? ` in ${String(scheme.in)}` : ""}${scheme.scheme ? ` (${String(scheme.scheme)})` : ""}: the client fills in header API keys and bearer tokens (HTTP bearer, OAuth 2, OpenID Connect) only`,
  );
}

/** Why the spec gives no base URL, with the way out that needs no edit of the spec. */
function noBaseUrl(provider: ProviderEntry, reason: string): SpecError {
  return new SpecError(
    provider.spec,
    `${reason}: the client needs an absolute base URL; give one as baseUrl in the ${provider.name} entry of scripts/providers.json`,
  );
}

/** The manifest's baseUrl, else the spec's first server with its variables at their defaults. */
export function defaultBaseUrl(provider: ProviderEntry, doc: OpenApiDocument): string {
  if (provider.baseUrl !== undefined) return provider.baseUrl;
  const server = doc.servers?.[0] as
    { url?: unknown; variables?: Record<string, { default?: unknown }> } | undefined;
  if (!server || typeof server.url !== "string")
    throw noBaseUrl(provider, "servers[0].url is missing");
  const url = server.url.replace(/\{([^}]+)\}/g, (match, name: string) => {
    const value = server.variables?.[name]?.default;
    if (typeof value !== "string")
      throw noBaseUrl(
        provider,
        `servers[0].url uses {${name}} but servers[0].variables.${name}.default is missing`,
      );
    return value;
  });
  if (!/^https?:\/\/[^/]/i.test(url))
    throw noBaseUrl(provider, `servers[0].url "${url}" is not an absolute http(s) URL`);
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
