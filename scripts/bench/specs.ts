// The specs the codegen and type-check benchmarks run on: every provider's (from the manifest),
// then Ampersand's full API and GitHub's REST description, smallest first. GitHub's REST
// description comes from the @octokit/openapi npm package, fetched on demand into the ignored
// .cache/bench folder (never into every install).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadManifest, type ProviderEntry } from "../lib/codegen/manifest.js";
import { parseSpec } from "../lib/codegen/spec.js";
import { AMPERSAND_FULL_SPEC } from "../lib/rehearsal/fixtures.js";

export const OCTOKIT_OPENAPI = "@octokit/openapi@23.0.2";

export interface BenchSpec {
  name: string;
  path: string;
  bytes: number;
  /** How the generator is told about the spec's credentials (a manifest entry's fields). */
  credentials: Pick<ProviderEntry, "auth" | "apiKeyEnvVar">;
}

/**
 * The credentials mapping for a spec no manifest entry describes: its first API-key header
 * scheme and its first bearer scheme, as a maintainer would map them.
 */
function credentialsOf(path: string): BenchSpec["credentials"] {
  const doc = parseSpec(path, readFileSync(path, "utf8")) as {
    components?: {
      securitySchemes?: Record<string, { type?: string; in?: string; scheme?: string }>;
    };
  };
  const schemes = Object.entries(doc.components?.securitySchemes ?? {});
  const apiKey = schemes.find(([, s]) => s.type === "apiKey" && s.in === "header")?.[0];
  const bearer = schemes.find(([, s]) => s.type === "http" && s.scheme === "bearer")?.[0];
  const auth = { ...(apiKey ? { apiKey } : {}), ...(bearer ? { bearerToken: bearer } : {}) };
  return Object.keys(auth).length > 0 ? { auth, apiKeyEnvVar: "BENCH_API_KEY" } : { auth };
}

export async function benchSpecs(root: string): Promise<BenchSpec[]> {
  const cache = resolve(root, ".cache/bench");
  const github = join(cache, "package/generated/api.github.com.json");
  if (!existsSync(github)) {
    mkdirSync(cache, { recursive: true });
    console.error(`• fetching ${OCTOKIT_OPENAPI} into .cache/bench (once)`);
    const tarball = execFileSync("npm", ["pack", OCTOKIT_OPENAPI, "--silent"], {
      cwd: cache,
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .pop()!;
    execFileSync("tar", ["-xzf", tarball, "package/generated/api.github.com.json"], { cwd: cache });
  }
  const specs = [
    ...(await loadManifest(root)).map((p) => ({
      name: p.name,
      path: resolve(root, p.spec),
      credentials: { auth: p.auth, apiKeyEnvVar: p.apiKeyEnvVar },
    })),
    ...[
      { name: "ampersand-full", path: AMPERSAND_FULL_SPEC },
      { name: "github", path: github },
    ].map((s) => ({ ...s, credentials: credentialsOf(s.path) })),
  ];
  return specs
    .map((s) => ({ ...s, bytes: statSync(s.path).size }))
    .sort((a, b) => a.bytes - b.bytes);
}
