// A server run as a child process for a rehearsal (the remote cache, the npm registry): started
// on loopback with its log in a file, ready once it answers HTTP, stopped with nothing left.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

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
  /** Run with our own node: a .bin shim would put a shell between us and the server, and
   * killing the shell can leave the server running. */
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

const STOP_GRACE_MS = 5_000;

/** A TCP port on `host` that nothing listens on right now. */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? done(address.port) : fail(new Error("no port")),
      );
    });
  });
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

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once("exit", () => done()));
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
  const child = spawn(process.execPath, [options.entry, ...args], {
    env,
    stdio: ["ignore", out, out],
  });
  if (logFd !== undefined) closeSync(logFd); // the child holds its own copy
  const log = () =>
    logFd !== undefined && existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
        await exited(child);
        clearTimeout(timer);
      }
      rmSync(workDir, { recursive: true, force: true });
    })());
  try {
    await waitUntilReady(options, child, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: child.pid!, workDir, exited: exited(child), log, stop };
}

async function waitUntilReady(
  options: ServerProcessOptions,
  child: ChildProcess,
  log: () => string,
): Promise<void> {
  const timeoutMs = options.readyTimeoutMs ?? 15_000;
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited(child).then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`${options.label} exited before it answered:\n${log()}`);
    const status = await httpStatus(options.readyUrl).catch(() => 0);
    if (status === (options.readyStatus ?? 200)) return;
    if (Date.now() > deadline)
      throw new Error(`${options.label} did not answer within ${timeoutMs} ms:\n${log()}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
