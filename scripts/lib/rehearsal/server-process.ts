// A server run as a child process for a rehearsal (the remote cache, the npm registry): started
// on loopback with its log in a file, ready once it answers HTTP, stopped with nothing left.
// Starting and stopping are @apiclients/testing's process helpers; this adds the log file, the
// readiness probe and the server's own directory.
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startProcess, stopProcess, waitForExit } from "@apiclients/testing";

export interface ServerProcess {
  pid: number;
  /** A directory of the server's own (its log, and whatever the caller puts there); removed by
   * stop(). */
  workDir: string;
  /** Settles when the process exits, for whatever reason. */
  exited: Promise<void>;
  /** The server's log so far ("" when it goes to the terminal). */
  log(): string;
  /** Stops the server, waits until the process has exited, removes workDir. Safe to call twice. */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  /** Names the server in errors and its temp directory. */
  label: string;
  /** The server's script, run with our own node (see binPath in @apiclients/testing). */
  entry: string;
  /** Writes what the server needs into its workDir; returns its arguments and its whole
   * environment (only what it needs, so nothing inherited changes what we test). */
  setup(workDir: string): { args?: string[]; env: NodeJS.ProcessEnv };
  /** Polled until it answers `readyStatus` (200 unless given). */
  readyUrl: string;
  readyStatus?: number;
  readyTimeoutMs?: number;
  /** "file" keeps the log in workDir (see `log()`); "inherit" shares our terminal. */
  logs?: "file" | "inherit";
}

/** One HTTP request without keep-alive (no pooled socket outlives it); resolves to the status. */
export function httpStatus(
  url: string,
  init: { method?: string; headers?: Record<string, string> } = {},
): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(url, { method: init.method ?? "GET", headers: init.headers, agent: false });
    req.once("error", fail);
    req.setTimeout(5_000, () => req.destroy(new Error(`no answer from ${url}`)));
    req.once("response", (res) => {
      res.resume();
      res.once("end", () => done(res.statusCode ?? 0));
    });
    req.end();
  });
}

/** Starts the server and resolves once it answers; on failure nothing is left running. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const workDir = mkdtempSync(join(tmpdir(), `apiclients-${options.label}-`));
  const logFile = join(workDir, "server.log");
  const { args = [], env } = options.setup(workDir);
  // A log file rather than a pipe: a caller that blocks (execFileSync) cannot stall the server
  // on a full pipe, and log() can read it back until stop().
  const logFd = options.logs === "inherit" ? undefined : openSync(logFile, "a");
  const out = logFd ?? "inherit";
  const child = startProcess(process.execPath, [options.entry, ...args], {
    env,
    stdio: ["ignore", out, out],
  });
  if (logFd !== undefined) closeSync(logFd); // the child holds its own copy
  const exited = waitForExit(child).then(
    () => undefined,
    () => undefined, // could not start: the readiness probe reports it with the log
  );
  const log = () =>
    logFd !== undefined && existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= stopProcess(child).then(() => rmSync(workDir, { recursive: true, force: true })));
  try {
    await waitUntilReady(options, exited, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: child.pid!, workDir, exited, log, stop };
}

const READY_POLL_MS = 100;

async function waitUntilReady(
  options: ServerProcessOptions,
  exited: Promise<void>,
  log: () => string,
): Promise<void> {
  const timeoutMs = options.readyTimeoutMs ?? 15_000;
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`${options.label} exited before it answered:\n${log()}`);
    const status = await httpStatus(options.readyUrl).catch(() => 0);
    if (status === (options.readyStatus ?? 200)) return;
    if (Date.now() > deadline)
      throw new Error(`${options.label} did not answer within ${timeoutMs} ms:\n${log()}`);
    await sleep(READY_POLL_MS);
  }
}
