// Cold start: the time to import a client package in a fresh process (what a serverless cold
// start pays), against importing bare openapi-fetch, alternating, one fresh process per sample.
import { execFileSync } from "node:child_process";
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
  ratio: number;
}

export async function coldStartBench(cwd: string, rounds: number): Promise<ColdStartResult> {
  const summaries = await alternate(
    {
      "openapi-fetch": async () => importTime("openapi-fetch", cwd),
      "@apiclients/ampersand": async () => importTime("@apiclients/ampersand", cwd),
      "@apiclients/basic": async () => importTime("@apiclients/basic", cwd),
    },
    rounds,
  );
  return {
    summaries,
    ratio: ratio(summaries["@apiclients/ampersand"]!, summaries["openapi-fetch"]!),
  };
}
