// Starts Stoplight Prism as a spec-driven mock server on loopback, and stops it.
import { resolve } from "node:path";
import { binPath, freePort, repoRoot, startProcess, stopProcess, waitForExit } from "./process.js";

export interface MockServer {
  /** Base URL, e.g. http://127.0.0.1:43210 */
  url: string;
  /** Stops the server and waits for its process to exit. */
  stop(): Promise<void>;
}

/**
 * How long startPrism waits for "Prism is listening" before it stops the process and rejects.
 * A jest hook that awaits startPrism needs a longer timeout than this: a hook that times out
 * first leaves Prism starting, with no handle for afterAll to stop it, and jest hangs on it.
 */
export const PRISM_STARTUP_TIMEOUT_MS = 60_000;

/**
 * Starts `prism mock <spec> --errors` on 127.0.0.1. With --errors, a request that breaks the
 * spec is answered with an error instead of a warning header, so a contract test fails loudly.
 * `spec` is absolute or relative to the repository root.
 */
export async function startPrism(spec: string): Promise<MockServer> {
  const port = await freePort();
  const prism = binPath(import.meta.url, "@stoplight/prism-cli", "prism");
  const args = ["mock", resolve(repoRoot, spec), "--host", "127.0.0.1", "--port", String(port)];
  const child = startProcess(process.execPath, [prism, ...args, "--errors"]);
  const stdout = child.stdout!;
  const stderr = child.stderr!;
  let output = "";

  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => {
      fail(
        new Error(
          `Prism did not start within ${PRISM_STARTUP_TIMEOUT_MS} ms for ${spec}:\n${output}`,
        ),
      );
    }, PRISM_STARTUP_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        ready();
      }
    };
    stdout.on("data", onData);
    stderr.on("data", onData);
    waitForExit(child).then(
      ({ code }) => {
        clearTimeout(timer);
        fail(new Error(`Prism exited with code ${code} before listening, for ${spec}:\n${output}`));
      },
      (error: Error) => {
        clearTimeout(timer);
        fail(error);
      },
    );
  }).catch(async (error: unknown) => {
    await stopProcess(child, { graceMs: 0 });
    throw error;
  });

  // Keep draining the logs so the pipe never fills up and blocks Prism.
  stdout.removeAllListeners("data").resume();
  stderr.removeAllListeners("data").resume();

  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await stopProcess(child);
      stdout.destroy();
      stderr.destroy();
    },
  };
}
