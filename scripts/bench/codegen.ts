// Codegen: `pnpm generate` cold and warm (a turbo cache hit), and our generator against the
// bare openapi-typescript CLI on specs of growing size, each run a fresh process.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { binPath } from "@apiclients/testing";
import { copyCoreInputs } from "../lib/codegen/core-inputs.js";
import { alternate, ratio, type Summary } from "./stats.js";
import type { BenchSpec } from "./specs.js";

function timed(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const start = performance.now();
  execFileSync(command, args, { cwd, env, stdio: "ignore", maxBuffer: 512 * 1024 * 1024 });
  return performance.now() - start;
}

/** A one-provider repository layout for our generator, around one spec, with what it reads of
 * `repo`'s packages/core. */
export function generatorRoot(repo: string, spec: BenchSpec): string {
  const root = mkdtempSync(join(tmpdir(), `apiclients-bench-${spec.name}-`));
  copyCoreInputs(repo, root);
  mkdirSync(join(root, "scripts"), { recursive: true });
  mkdirSync(join(root, "specs"), { recursive: true });
  copyFileSync(spec.path, join(root, "specs/spec.yaml"));
  writeFileSync(
    join(root, "scripts/providers.json"),
    JSON.stringify({
      providers: [
        { name: spec.name, spec: "specs/spec.yaml", package: "packages/out", ...spec.credentials },
      ],
    }),
  );
  return root;
}

export interface CodegenScaling {
  spec: string;
  bytes: number;
  ours: Summary;
  bare: Summary;
  ratio: number;
}

export async function codegenScaling(
  repo: string,
  specs: BenchSpec[],
  rounds: number,
): Promise<CodegenScaling[]> {
  const cli = binPath(import.meta.url, "openapi-typescript");
  const results: CodegenScaling[] = [];
  for (const spec of specs) {
    const root = generatorRoot(repo, spec);
    const out = join(root, "bare.ts");
    try {
      const summaries = await alternate(
        {
          ours: async () =>
            timed(
              process.execPath,
              ["--import", "tsx", join(repo, "scripts/generate.ts"), "--root", root],
              repo,
            ),
          bare: async () =>
            timed(process.execPath, [cli, spec.path, "--output", out, "--silent"], repo),
        },
        rounds,
      );
      results.push({
        spec: spec.name,
        bytes: spec.bytes,
        ours: summaries.ours,
        bare: summaries.bare,
        ratio: ratio(summaries.ours, summaries.bare),
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return results;
}

export interface TurboGenerate {
  cold: Summary;
  warm: Summary;
}

/** `pnpm generate` through turbo: forced (no cache) and repeated (every task a cache hit). */
export async function turboGenerate(repo: string, rounds: number): Promise<TurboGenerate> {
  const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1" };
  const turbo = ["turbo", "run", "generate", "--output-logs=none"];
  const summaries = await alternate(
    {
      cold: async () => timed("pnpm", [...turbo, "--force"], repo, env),
      warm: async () => timed("pnpm", turbo, repo, env),
    },
    rounds,
  );
  return { cold: summaries.cold, warm: summaries.warm };
}

/** Generates the schema types of one spec with our generator; returns the schema.ts path. */
export function generateSchema(
  repo: string,
  spec: BenchSpec,
): { schema: string; cleanup: () => void } {
  const root = generatorRoot(repo, spec);
  execFileSync(
    process.execPath,
    ["--import", "tsx", join(repo, "scripts/generate.ts"), "--root", root],
    { cwd: repo, stdio: "ignore" },
  );
  return {
    schema: join(root, "packages/out/src/generated/schema.ts"),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
