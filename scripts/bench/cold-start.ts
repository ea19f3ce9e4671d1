// Cold start: the time to import each provider package in a fresh process (what a serverless cold
// start pays), against importing bare openapi-fetch, alternating, one fresh process per sample,
// on one runtime.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchProvider } from "./call.js";
import type { Runtime } from "./runtimes.js";
import { alternate, ratio, type Summary } from "./stats.js";

// A file, not `-e`, so that every runtime runs it alike; it sits in scripts/.cache, so that
// "openapi-fetch" resolves from scripts/node_modules.
const SCRIPT = `const start = performance.now();
await import(process.argv[2]);
console.log(performance.now() - start);
`;

export interface ColdStartResult {
  summaries: Record<string, Summary>;
  /** The first provider's median over openapi-fetch's. */
  ratio: number;
}

export async function coldStartBench(
  scriptsDir: string,
  providers: BenchProvider[],
  runtime: Runtime,
  rounds: number,
): Promise<ColdStartResult> {
  const dir = join(scriptsDir, ".cache/bench");
  mkdirSync(dir, { recursive: true });
  const script = join(dir, "import-time.mjs");
  writeFileSync(script, SCRIPT);
  const importTime = async (specifier: string) =>
    Number(execFileSync(runtime.command, [script, specifier], { encoding: "utf8" }).trim());
  const summaries: Record<string, Summary> = await alternate<string>(
    {
      "openapi-fetch": () => importTime("openapi-fetch"),
      ...Object.fromEntries(providers.map((p) => [p.packageName, () => importTime(p.entry)])),
    },
    rounds,
  );
  return {
    summaries,
    ratio: ratio(summaries[providers[0]!.packageName]!, summaries["openapi-fetch"]!),
  };
}
