// Per-call cost on each runtime: the worker (per-call-worker.ts, compiled once) runs in a child
// process under each runtime in turn, against one keep-alive loopback server that all of them
// share, so only the client side changes from one runtime to the next.
import { fileURLToPath } from "node:url";
import { startProcess, stopProcess, waitForExit } from "@apiclients/testing";
import type { BenchProvider } from "./call.js";
import { compileWorker } from "./compile.js";
import type { BenchPeers } from "./peers.js";
import type { ShapeResult, WorkerConfig, WorkerResult } from "./per-call-worker.js";
import type { Runtime } from "./runtimes.js";
import { SHAPES, TRANSPORTS } from "./shapes.js";

/** One runtime's results: every answer shape over every transport. */
export interface PerCallRun {
  runtimeId: string;
  /** The runtime as it names itself (WorkerResult.runtime). */
  runtime: string;
  results: ShapeResult[];
}

/** A keep-alive HTTP server in its own process (so it does not share our event loop). */
async function startLoopbackServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = fileURLToPath(new URL("./loopback-server.ts", import.meta.url));
  const child = startProcess(process.execPath, ["--import", "tsx", server], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { port: number }).port));
    waitForExit(child).then(
      ({ code }) => reject(new Error(`loopback server exited with ${code}`)),
      reject,
    );
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => stopProcess(child) };
}

async function runWorker(runtime: Runtime, worker: string, config: WorkerConfig) {
  // Its progress goes to our stderr as it comes; its result is the last line of its stdout.
  const child = startProcess(runtime.command, [worker, JSON.stringify(config)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk));
  const { code, signal } = await waitForExit(child);
  if (code !== 0)
    throw new Error(
      `the per-call worker failed on ${runtime.id} (${code ?? signal}; its error is above)`,
    );
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as WorkerResult;
}

export async function perCallBench(
  scriptsDir: string,
  provider: BenchProvider,
  runtimes: readonly Runtime[],
  peers: BenchPeers,
  quick: boolean,
): Promise<PerCallRun[]> {
  const worker = await compileWorker(scriptsDir);
  const server = await startLoopbackServer();
  try {
    const runs: PerCallRun[] = [];
    for (const runtime of runtimes) {
      // A fresh process for each transport and shape (WorkerConfig.shape says why).
      const config = { provider, peersUrl: peers.url, loopbackUrl: server.url, quick };
      const measured: WorkerResult[] = [];
      for (const transport of TRANSPORTS)
        for (const { id: shape } of SHAPES)
          measured.push(await runWorker(runtime, worker, { ...config, shape, transport }));
      runs.push({
        runtimeId: runtime.id,
        runtime: measured[0]!.runtime,
        results: measured.map(({ result }) => result),
      });
    }
    return runs;
  } finally {
    await server.stop();
  }
}
