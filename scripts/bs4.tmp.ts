import { build } from "esbuild";
import { gzipSync } from "node:zlib";
const entry = `import { createAmpersandClient, unwrap, isProblemError } from "../packages/ampersand/src/index.ts";
const client = createAmpersandClient({ apiKey: "k" });
try { await unwrap(client.DELETE("/projects/{projectIdOrName}/jwt-keys/{keyId}", { params: { path: { projectIdOrName: "p", keyId: "k" } } })); }
catch (error) { if (isProblemError(error)) console.error(error.message); else throw error; }`;
const r = await build({ stdin: { contents: entry, resolveDir: process.cwd(), loader: "ts" }, bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", write: false, metafile: true, logLevel: "silent",
  plugins: [{ name: "src", setup(b) { b.onResolve({ filter: /^@apiclients\// }, (a) => ({ path: `/work/wt-runtime/packages/${a.path.split("/")[1]}/src/index.ts` })); } }] });
const code = r.outputFiles[0].contents; console.log("min", code.length, "gz", gzipSync(code, { level: 9 }).length);
for (const o of Object.values(r.metafile.outputs)) for (const [p, i] of Object.entries(o.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) console.log(String(i.bytesInOutput).padStart(6), p.replace(/.*packages\//, ""));
