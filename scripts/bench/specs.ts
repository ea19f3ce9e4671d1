// The specs the codegen and type-check benchmarks run on: every provider's (from the manifest),
// then Ampersand's full API and GitHub's REST description, smallest first. GitHub's REST
// description comes from the @octokit/openapi npm package, fetched on demand into the ignored
// .cache/bench folder (never into every install).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadManifest } from "../lib/codegen/manifest.js";
import { AMPERSAND_FULL_SPEC } from "../lib/rehearsal/fixtures.js";

export const OCTOKIT_OPENAPI = "@octokit/openapi@23.0.2";

export interface BenchSpec {
  name: string;
  path: string;
  bytes: number;
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
    ...(await loadManifest(root)).map((p) => ({ name: p.name, path: resolve(root, p.spec) })),
    { name: "ampersand-full", path: AMPERSAND_FULL_SPEC },
    { name: "github", path: github },
  ];
  return specs
    .map((s) => ({ ...s, bytes: statSync(s.path).size }))
    .sort((a, b) => a.bytes - b.bytes);
}
