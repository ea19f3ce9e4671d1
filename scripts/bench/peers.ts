// The libraries the per-call suite measures ours against, and the bundle suite ky against ours:
// pinned, installed on first use into .cache/bench/peers rather than as devDependencies, since
// the workspace install refuses both ky 2 (it declares Node >= 22; it runs on Node 20, which the
// per-call suite checks) and @hey-api/client-fetch (its peer dependency on @hey-api/openapi-ts
// resolves to a release that declares Node >= 22.18).
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { npmInstallOnce } from "./cache-install.js";

// ky: the newest 2.x; openai: the newest 6.x; @hey-api/client-fetch: the newest.
const PEERS = ["ky@2.2.0", "openai@6.49.0", "@hey-api/client-fetch@0.13.1"];

/** The module the per-call worker imports them from: the names of `Peers` in variants.ts. */
const ENTRY = `export { default as ky, isHTTPError } from "ky";
export { default as OpenAI, APIError } from "openai";
export { createClient as createHeyApiClient } from "@hey-api/client-fetch";
`;

export interface BenchPeers {
  /** The entry module above, as a file: URL. */
  url: string;
  /** Where they resolve from, for esbuild. */
  nodeModules: string;
  /** Name → installed version. */
  versions: Record<string, string>;
}

export function benchPeers(root: string): BenchPeers {
  const dir = resolve(root, ".cache/bench/peers");
  npmInstallOnce(dir, PEERS);
  const entry = join(dir, "peers.mjs");
  writeFileSync(entry, ENTRY);
  const nodeModules = join(dir, "node_modules");
  const versions = Object.fromEntries(
    PEERS.map((spec) => spec.slice(0, spec.lastIndexOf("@"))).map((name) => [
      name,
      (
        JSON.parse(readFileSync(join(nodeModules, name, "package.json"), "utf8")) as {
          version: string;
        }
      ).version,
    ]),
  );
  return { url: pathToFileURL(entry).href, nodeModules, versions };
}
