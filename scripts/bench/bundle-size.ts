// Bundle size: a browser bundle that creates a client and makes one call (each provider's README
// first call), minified and gzipped, against the same call through bare openapi-fetch (what we
// add is the difference) and through ky alone (the smallest client a user might pick instead).
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { BENCH_API_KEY, headersOf, rawPath, type BenchProvider } from "./call.js";

export interface BundleResult {
  name: string;
  minified: number;
  gzipped: number;
  /** Minified bytes attributed to openapi-fetch, and to our packages, by esbuild's metafile. */
  openapiFetchBytes: number;
  ourBytes: number;
}

const call = (p: BenchProvider) =>
  `client.${p.method}(${JSON.stringify(p.path)}, ${JSON.stringify(p.init)})`;

/** The entry of each bundle: bare openapi-fetch and ky making the first provider's call, then
 * ours (ky configured as in the per-call suite, see variants.ts). */
function entries(providers: BenchProvider[]): Record<string, string> {
  const first = providers[0]!;
  return {
    "ky alone": `import ky, { isHTTPError } from "ky";
const api = ky.create({ baseUrl: "https://api.example.com/v1/", headers: ${JSON.stringify(headersOf(first))}, retry: { limit: 2 }, timeout: 60000 });
try { console.log(await api(${JSON.stringify(rawPath(first).slice(1))}, { method: ${JSON.stringify(first.method)} }).json()); }
catch (error) { if (isHTTPError(error)) console.error(error.data); else throw error; }`,
    "openapi-fetch": `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://api.example.com/v1", headers: ${JSON.stringify(headersOf(first))} });
const { error } = await ${call(first)};
if (error) console.error(error);`,
    ...Object.fromEntries(
      providers.map((p) => [
        p.packageName,
        `import { ${p.factory}, unwrap, isProblemError } from ${JSON.stringify(fileURLToPath(p.entry))};
const client = ${p.factory}(${p.credential ? `{ ${p.credential}: ${JSON.stringify(BENCH_API_KEY)} }` : ""});
try { await unwrap(${call(p)}); }
catch (error) { if (isProblemError(error)) console.error(error.message); else throw error; }`,
      ]),
    ),
  };
}

async function bundle(
  name: string,
  contents: string,
  resolveDir: string,
  nodePaths: string[],
): Promise<BundleResult> {
  const result = await build({
    stdin: { contents, resolveDir, loader: "js" },
    nodePaths,
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

/** `peersNodeModules`: where ky resolves from (peers.ts). */
export async function bundleSizeBench(
  resolveDir: string,
  providers: BenchProvider[],
  peersNodeModules: string,
): Promise<BundleResult[]> {
  return Promise.all(
    Object.entries(entries(providers)).map(([name, contents]) =>
      bundle(name, contents, resolveDir, [peersNodeModules]),
    ),
  );
}
