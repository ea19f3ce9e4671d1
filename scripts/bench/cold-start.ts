// Cold start: the time to import each provider package in a fresh process (what a serverless cold
// start pays), against importing bare openapi-fetch, alternating, one fresh process per sample.
import { execFileSync } from "node:child_process";
import type { BenchProvider } from "./call.js";
import { alternate, ratio, type Summary } from "./stats.js";

function importTime(specifier: string, cwd: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  return Number(
    execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd,
      encoding: "utf8",
    }).trim(),
  );
}

export interface ColdStartResult {
  summaries: Record<string, Summary>;
  /** The first provider's median over openapi-fetch's. */
  ratio: number;
}

export async function coldStartBench(
  cwd: string,
  providers: BenchProvider[],
  rounds: number,
): Promise<ColdStartResult> {
  const summaries: Record<string, Summary> = await alternate<string>(
    {
      "openapi-fetch": async () => importTime("openapi-fetch", cwd),
      ...Object.fromEntries(
        providers.map((p) => [p.packageName, async () => importTime(p.entry, cwd)]),
      ),
    },
    rounds,
  );
  return {
    summaries,
    ratio: ratio(summaries[providers[0]!.packageName]!, summaries["openapi-fetch"]!),
  };
}
