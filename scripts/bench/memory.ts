// Memory: peak RSS over rounds of 10,000 sequential and 1,000 concurrent calls, and whether the
// heap grows from one round to the next (it must not: nothing per call may be retained).
import { fileURLToPath } from "node:url";
import { startProcess, waitForExit } from "@apiclients/testing";
import type { BenchProvider } from "./call.js";

export interface MemoryResult {
  variant: string;
  peakRssMiB: number;
  /** Heap after GC, per round, in MiB. */
  heapMiB: number[];
  /** Heap growth from the second round to the last, in KiB per round (the first warms up). */
  growthKiBPerRound: number;
}

function run(variant: string, rounds: number, provider: BenchProvider): Promise<MemoryResult> {
  return new Promise((resolve, reject) => {
    const worker = fileURLToPath(new URL("./memory-worker.ts", import.meta.url));
    const child = startProcess(
      process.execPath,
      ["--import", "tsx", "--expose-gc", worker, variant, String(rounds), JSON.stringify(provider)],
      { stdio: ["ignore", "inherit", "inherit", "ipc"] },
    );
    child.once("message", (message) => {
      const { rounds: samples, maxRssBytes } = message as {
        rounds: Array<{ heapUsed: number }>;
        maxRssBytes: number;
      };
      const heap = samples.map((s) => s.heapUsed);
      const steady = heap.slice(1);
      const growth = steady.length > 1 ? (steady.at(-1)! - steady[0]!) / (steady.length - 1) : 0;
      resolve({
        variant,
        peakRssMiB: maxRssBytes / 2 ** 20,
        heapMiB: heap.map((h) => h / 2 ** 20),
        growthKiBPerRound: growth / 1024,
      });
    });
    waitForExit(child).then(
      ({ code }) => code !== 0 && reject(new Error(`memory worker exited with ${code}`)),
      reject,
    );
  });
}

export async function memoryBench(
  provider: BenchProvider,
  rounds: number,
): Promise<MemoryResult[]> {
  return [await run("openapi-fetch", rounds, provider), await run("ours", rounds, provider)];
}
