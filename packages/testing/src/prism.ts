// Starts Stoplight Prism as a spec-driven mock server on loopback, and stops it.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port.js";

export interface MockServer {
  /** Base URL, e.g. http://127.0.0.1:43210 */
  url: string;
  /** Stops the server and waits for its process to exit. */
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** The repository root, so specs can be named as in scripts/providers.json ("specs/basic.yaml"). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

function prismBin(): string {
  const pkgPath = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = require(pkgPath) as { bin: string | Record<string, string> };
  return join(dirname(pkgPath), typeof bin === "string" ? bin : bin.prism!);
}

const STARTUP_TIMEOUT_MS = 60_000;

/**
 * Starts `prism mock <spec> --errors` on 127.0.0.1. With --errors, a request that breaks the
 * spec is answered with an error instead of a warning header, so a contract test fails loudly.
 */
export async function startPrism(spec: string): Promise<MockServer> {
  const port = await freePort();
  const specPath = resolve(repoRoot, spec);
  const child = spawn(
    process.execPath,
    [prismBin(), "mock", specPath, "--host", "127.0.0.1", "--port", String(port), "--errors"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const exited = new Promise<void>((done) => child.once("exit", () => done()));

  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => {
      fail(
        new Error(`Prism did not start within ${STARTUP_TIMEOUT_MS} ms for ${spec}:\n${output}`),
      );
    }, STARTUP_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`Prism exited with code ${code} before listening, for ${spec}:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    child.kill("SIGKILL");
    await exited;
    throw error;
  });

  // Keep draining the logs so the pipe never fills up and blocks Prism.
  child.stdout.resume();
  child.stderr.resume();

  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killer);
      child.stdout.destroy();
      child.stderr.destroy();
    },
  };
}
