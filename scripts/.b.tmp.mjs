import { build } from "esbuild";
import { gzipSync } from "node:zlib";
const contents = `import { createAmpersandClient, unwrap, isProblemError } from "/work/main/packages/ampersand/src/index.ts";
const client = createAmpersandClient({ apiKey: "k" });
try { await unwrap(client.DELETE("/projects/{projectIdOrName}/jwt-keys/{keyId}", {params:{path:{projectIdOrName:"p",keyId:"k"}}})); }
catch (error) { if (isProblemError(error)) console.error(error.message); else throw error; }`;
const r = await build({ stdin: { contents, resolveDir: "/work/main/scripts", loader: "js" }, bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", write: false, metafile: true, logLevel: "silent",
  alias: { "@apiclients/core": "/work/main/packages/core/src/index.ts", "@apiclients/problem": "/work/main/packages/problem/src/index.ts" } });
const code = r.outputFiles[0].contents;
console.log(code.byteLength, "min", gzipSync(code, { level: 9 }).byteLength, "gz");
const rows = Object.entries(r.metafile.outputs).flatMap(([, o]) => Object.entries(o.inputs)).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
for (const [p, i] of rows) console.log("  ", i.bytesInOutput, p.replace(/.*packages\//, ""));
if (process.argv[2]) (await import("node:fs")).writeFileSync(process.argv[2], code);
