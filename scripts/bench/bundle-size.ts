// Bundle size: a browser bundle that creates a client and makes one call, minified and
// gzipped, against the same with bare openapi-fetch. What we add is the difference.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface BundleResult {
  name: string;
  minified: number;
  gzipped: number;
  /** Minified bytes attributed to openapi-fetch, and to our packages, by esbuild's metafile. */
  openapiFetchBytes: number;
  ourBytes: number;
}

const ENTRIES: Record<string, string> = {
  "openapi-fetch": `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://api.example.com/v1", headers: { "X-Api-Key": "k" } });
const { error } = await client.DELETE("/projects/{projectIdOrName}/jwt-keys/{keyId}", { params: { path: { projectIdOrName: "p", keyId: "k" } } });
if (error) console.error(error);`,
  "@apiclients/ampersand": `import { createAmpersandClient, unwrap, isProblemError } from "@apiclients/ampersand";
const client = createAmpersandClient({ apiKey: "k" });
try { await unwrap(client.DELETE("/projects/{projectIdOrName}/jwt-keys/{keyId}", { params: { path: { projectIdOrName: "p", keyId: "k" } } })); }
catch (error) { if (isProblemError(error)) console.error(error.message); else throw error; }`,
  "@apiclients/basic": `import { createBasicClient, unwrap, isProblemError } from "@apiclients/basic";
const client = createBasicClient({ apiKey: "k" });
try { await unwrap(client.DELETE("/project/{id}/key/{key_id}", { params: { path: { id: "p", key_id: "k" } } })); }
catch (error) { if (isProblemError(error)) console.error(error.message); else throw error; }`,
};

async function bundle(name: string, contents: string, resolveDir: string): Promise<BundleResult> {
  const result = await build({
    stdin: { contents, resolveDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  let openapiFetchBytes = 0;
  let ourBytes = 0;
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      if (path.includes("openapi-fetch")) openapiFetchBytes += input.bytesInOutput;
      else if (path.includes("packages/") || path.includes("@apiclients"))
        ourBytes += input.bytesInOutput;
    }
  }
  return {
    name,
    minified: code.byteLength,
    gzipped: gzipSync(code, { level: 9 }).byteLength,
    openapiFetchBytes,
    ourBytes,
  };
}

export async function bundleSizeBench(resolveDir: string): Promise<BundleResult[]> {
  return Promise.all(
    Object.entries(ENTRIES).map(([name, contents]) => bundle(name, contents, resolveDir)),
  );
}
