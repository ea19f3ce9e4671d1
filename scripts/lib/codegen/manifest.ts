// Reads scripts/providers.json, the one manifest: each entry is a provider package to generate.
// Everything that can be checked without the file system is checked here, with an error that
// names the entry and the field; the generator checks the rest (the spec, the package folder).
import { readFile } from "node:fs/promises";
import { posix, resolve } from "node:path";
import { MAX_NAME_LENGTH, pascalCase, PROVIDER_NAME_RE } from "./names.js";

/** Which security scheme of the spec each credential option of the client fills in. */
export interface AuthMapping {
  apiKey?: string;
  bearerToken?: string;
}

export interface ProviderEntry {
  /** Lowercase words joined by hyphens: the package is @apiclients/<name>. */
  name: string;
  /** Spec path relative to the repository root, under specs/ (YAML or JSON). */
  spec: string;
  /** Package directory relative to the repository root: packages/<folder>. */
  package: string;
  /** Environment variable the client reads its API key from when none is passed. */
  apiKeyEnvVar?: string;
  /** Empty for an API without credentials (or whose schemes the client does not support). */
  auth: AuthMapping;
  /** Where the provider publishes its spec: an https URL (http only on loopback). */
  source?: string;
  /** The client's default base URL, for a spec whose first server gives none that is absolute. */
  baseUrl?: string;
  /** The operation the README's first call and the generated contract test make, as
   * "METHOD /path"; by default the generator picks one (see first-call.ts). */
  firstCall?: string;
}

export const MANIFEST_PATH = "scripts/providers.json";

const FIELDS = [
  "name",
  "spec",
  "package",
  "apiKeyEnvVar",
  "auth",
  "source",
  "baseUrl",
  "firstCall",
];
const AUTH_FIELDS = ["apiKey", "bearerToken"];
const ENV_RE = /^[A-Z_][A-Z0-9_]*$/;
const PACKAGE_RE = /^packages\/[a-z0-9][a-z0-9._-]*$/;
const FIRST_CALL_RE = /^(GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE) (\/\S*)$/;

export class ManifestError extends Error {
  override name = "ManifestError";
}

/** Each parsed entry's place in the manifest, for messages about it later on. */
const places = new WeakMap<object, number>();

/** "providers[2] ("acme").auth.apiKey": where in the manifest a problem is. */
export function fieldOf(entry: Pick<ProviderEntry, "name">, field: string, index?: number): string {
  const place = index ?? places.get(entry);
  const at = place === undefined ? `"${entry.name}"` : `providers[${place}] ("${entry.name}")`;
  return `${at}.${field}`;
}

/** An error about one field of one entry: `scripts/providers.json: providers[0] ("x").spec: …`. */
export function entryError(
  entry: Pick<ProviderEntry, "name">,
  field: string,
  message: string,
  index?: number,
): ManifestError {
  return new ManifestError(`${MANIFEST_PATH}: ${fieldOf(entry, field, index)}: ${message}`);
}

/** Hosts a plain-http source may name: this machine only (tests serve specs on loopback). */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    /^127(?:\.\d{1,3}){3}$/.test(hostname) ||
    hostname === "[::1]" ||
    hostname === "::1"
  );
}

/** Why a source URL is refused, or undefined when it is fine. */
export function sourceProblem(source: string): string | undefined {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    // Not echoed: an unparsable URL may still hold a password.
    return "is not a URL";
  }
  if (url.username || url.password)
    return "must not carry credentials (user:password@): specs are fetched anonymously";
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return undefined;
  // Only the origin is shown: the path and query may carry a token.
  if (url.protocol === "http:")
    return `${url.origin} is plain http: use https (http is allowed only for loopback hosts)`;
  return `${url.protocol} is not https`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Checks one entry on its own; `index` is its place in the list, for messages. */
function parseEntry(raw: unknown, index: number): ProviderEntry {
  if (!isPlainObject(raw))
    throw new ManifestError(`${MANIFEST_PATH}: providers[${index}] must be an object`);
  const rawName = raw.name;
  if (typeof rawName !== "string" || rawName === "")
    throw new ManifestError(
      `${MANIFEST_PATH}: providers[${index}].name must be a non-empty string`,
    );
  const fail = (field: string, message: string) =>
    entryError({ name: rawName }, field, message, index);
  if (!PROVIDER_NAME_RE.test(rawName) || rawName.length > MAX_NAME_LENGTH)
    throw fail(
      "name",
      `is not a valid provider name: use lowercase letters and digits in words joined by single hyphens, starting with a letter (it becomes the npm package @apiclients/${rawName} and a TypeScript name), at most ${MAX_NAME_LENGTH} characters`,
    );

  for (const key of Object.keys(raw))
    if (!FIELDS.includes(key) && !key.startsWith("$"))
      throw fail(key, `is not a manifest field (the fields are ${FIELDS.join(", ")})`);

  const string = (from: Record<string, unknown>, key: string, field = key): string | undefined => {
    const value = from[key];
    if (value === undefined) return undefined;
    if (typeof value !== "string" || value.trim() === "")
      throw fail(field, "must be a non-empty string");
    return value;
  };
  const required = (key: string): string => {
    const value = string(raw, key);
    if (value === undefined) throw fail(key, "is required");
    return value;
  };

  const spec = required("spec");
  if (posix.normalize(spec) !== spec || !spec.startsWith("specs/") || spec.includes("\\"))
    throw fail(
      "spec",
      `"${spec}" must be a normalised path under specs/, e.g. specs/${rawName}.yaml`,
    );

  const pkg = required("package");
  if (!PACKAGE_RE.test(pkg))
    throw fail(
      "package",
      `"${pkg}" must be a folder directly under packages/ (the workspace's packages), e.g. packages/${rawName}`,
    );

  const auth = raw.auth ?? {};
  if (!isPlainObject(auth)) throw fail("auth", "must be an object naming security schemes");
  for (const key of Object.keys(auth))
    if (!AUTH_FIELDS.includes(key))
      throw fail(`auth.${key}`, `is not a credential option (they are ${AUTH_FIELDS.join(", ")})`);
  const mapping: AuthMapping = {};
  const apiKey = string(auth, "apiKey", "auth.apiKey");
  const bearerToken = string(auth, "bearerToken", "auth.bearerToken");
  if (apiKey !== undefined) mapping.apiKey = apiKey;
  if (bearerToken !== undefined) mapping.bearerToken = bearerToken;

  const entry: ProviderEntry = { name: rawName, spec, package: pkg, auth: mapping };

  const apiKeyEnvVar = string(raw, "apiKeyEnvVar");
  if (apiKeyEnvVar !== undefined) {
    if (!ENV_RE.test(apiKeyEnvVar))
      throw fail("apiKeyEnvVar", `"${apiKeyEnvVar}" is not an environment variable name`);
    if (mapping.apiKey === undefined)
      throw fail(
        "apiKeyEnvVar",
        `is set but providers[${index}].auth.apiKey names no scheme for the key to fill in`,
      );
    entry.apiKeyEnvVar = apiKeyEnvVar;
  }

  const source = string(raw, "source");
  if (source !== undefined) {
    const problem = sourceProblem(source);
    if (problem !== undefined) throw fail("source", problem);
    entry.source = source;
  }

  const baseUrl = string(raw, "baseUrl");
  if (baseUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(baseUrl);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password)
      throw fail("baseUrl", `"${baseUrl}" must be an absolute http(s) URL without credentials`);
    entry.baseUrl = baseUrl;
  }

  const firstCall = string(raw, "firstCall");
  if (firstCall !== undefined) {
    if (!FIRST_CALL_RE.test(firstCall))
      throw fail("firstCall", `"${firstCall}" must be "METHOD /path", e.g. "GET /things/{id}"`);
    entry.firstCall = firstCall;
  }
  return entry;
}

/** Two entries must not share a name, a package folder or the names derived from the name. */
function checkClashes(entries: ProviderEntry[]): void {
  const claims = new Map<string, number>();
  const claim = (what: string, value: string, index: number, field: string) => {
    const key = `${what}\0${value}`;
    const earlier = claims.get(key);
    if (earlier !== undefined)
      throw entryError(
        entries[index]!,
        field,
        `${what} "${value}" is already taken by providers[${earlier}] ("${entries[earlier]!.name}")`,
        index,
      );
    claims.set(key, index);
  };
  entries.forEach((entry, index) => {
    claim("the name", entry.name, index, "name");
    claim("the package folder", entry.package, index, "package");
    claim("the TypeScript name", pascalCase(entry.name), index, "name");
  });
}

export function parseManifest(json: unknown): ProviderEntry[] {
  const providers = (json as { providers?: unknown } | null)?.providers;
  if (!Array.isArray(providers) || providers.length === 0) {
    throw new ManifestError(`${MANIFEST_PATH}: "providers" must be a non-empty array`);
  }
  const entries = providers.map(parseEntry);
  entries.forEach((entry, index) => places.set(entry, index));
  checkClashes(entries);
  return entries;
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
