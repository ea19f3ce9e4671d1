// Reads scripts/providers.json, the one manifest that maps each spec to its package.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

/** Which security scheme of the spec each credential option of the client fills in. */
export interface AuthMapping {
  apiKey?: string;
  bearerToken?: string;
}

export interface ProviderEntry {
  /** Short lowercase name: the package is @apiclients/<name>. */
  name: string;
  /** Spec path relative to the repository root. */
  spec: string;
  /** Package directory relative to the repository root. */
  package: string;
  /** Environment variable the client reads its API key from when none is passed. */
  apiKeyEnvVar?: string;
  /** Absent for an API without credentials (or whose schemes the client does not support). */
  auth: AuthMapping;
}

export const MANIFEST_PATH = "scripts/providers.json";

export class ManifestError extends Error {
  override name = "ManifestError";
}

const NAME_RE = /^[a-z][a-z0-9-]*$/;
const ENV_RE = /^[A-Z_][A-Z0-9_]*$/;

function requireString(entry: Record<string, unknown>, key: string, where: string): string {
  const value = entry[key];
  if (typeof value !== "string" || value === "") {
    throw new ManifestError(`${MANIFEST_PATH}: ${where}.${key} must be a non-empty string`);
  }
  return value;
}

export function parseManifest(json: unknown): ProviderEntry[] {
  const providers = (json as { providers?: unknown } | null)?.providers;
  if (!Array.isArray(providers) || providers.length === 0) {
    throw new ManifestError(`${MANIFEST_PATH}: "providers" must be a non-empty array`);
  }
  const seen = new Set<string>();
  return providers.map((raw: unknown, i) => {
    const where = `providers[${i}]`;
    if (raw === null || typeof raw !== "object") {
      throw new ManifestError(`${MANIFEST_PATH}: ${where} must be an object`);
    }
    const entry = raw as Record<string, unknown>;
    const name = requireString(entry, "name", where);
    if (!NAME_RE.test(name)) {
      throw new ManifestError(`${MANIFEST_PATH}: ${where}.name "${name}" must match ${NAME_RE}`);
    }
    if (seen.has(name))
      throw new ManifestError(`${MANIFEST_PATH}: provider "${name}" is listed twice`);
    seen.add(name);
    const auth = (entry.auth ?? {}) as Record<string, unknown>;
    if (auth === null || typeof auth !== "object" || Array.isArray(auth)) {
      throw new ManifestError(
        `${MANIFEST_PATH}: ${where}.auth must be an object naming security schemes`,
      );
    }
    const optional = (from: Record<string, unknown>, key: string, at: string) =>
      from[key] === undefined ? undefined : requireString(from, key, at);
    const apiKeyEnvVar = optional(entry, "apiKeyEnvVar", where);
    if (apiKeyEnvVar !== undefined && !ENV_RE.test(apiKeyEnvVar)) {
      throw new ManifestError(
        `${MANIFEST_PATH}: ${where}.apiKeyEnvVar "${apiKeyEnvVar}" is not an environment variable name`,
      );
    }
    const mapping: AuthMapping = {
      apiKey: optional(auth, "apiKey", `${where}.auth`),
      bearerToken: optional(auth, "bearerToken", `${where}.auth`),
    };
    if (apiKeyEnvVar !== undefined && mapping.apiKey === undefined) {
      throw new ManifestError(
        `${MANIFEST_PATH}: ${where}.apiKeyEnvVar is set but ${where}.auth.apiKey names no scheme`,
      );
    }
    return {
      name,
      spec: requireString(entry, "spec", where),
      package: requireString(entry, "package", where),
      apiKeyEnvVar,
      auth: mapping,
    };
  });
}

export async function loadManifest(root: string): Promise<ProviderEntry[]> {
  const text = await readFile(resolve(root, MANIFEST_PATH), "utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`${MANIFEST_PATH}: not valid JSON (${(error as Error).message})`);
  }
  return parseManifest(json);
}
