// A self-hosted turbo remote cache (the `turborepo-remote-cache` package) as a child process on
// loopback: local storage in a directory, one bearer token, started on a free port and stopped
// with nothing left running.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

export interface RemoteCacheOptions {
  /** Bearer token turbo must send; a random one when not given. */
  token?: string;
  /** 127.0.0.1 unless asked otherwise: the server speaks plain HTTP. */
  host?: string;
  /** A free port when not given. */
  port?: number;
  /** Where artifacts go; a fresh temp directory (removed by stop()) when not given. */
  storagePath?: string;
  /** "file" keeps the server's log in a file (see `log()`); "inherit" shares our terminal. */
  logs?: "file" | "inherit";
  /** pino level for the server's own log. */
  logLevel?: "debug" | "info" | "warn" | "error";
}

export interface RemoteCache {
  /** What TURBO_API should be. */
  url: string;
  port: number;
  token: string;
  storagePath: string;
  pid: number;
  /** Settles when the server process exits, for whatever reason. */
  exited: Promise<void>;
  /** The server's log so far ("" when it goes to the terminal). */
  log(): string;
  /** Stops the server and waits until the process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;

/** A token the server accepts and a person cannot guess. */
export const newToken = (): string => randomBytes(24).toString("base64url");

/** The package's own CLI entry, run with our node directly: a .bin shim would put a shell
 * between us and the server, and killing the shell can leave the server running. */
function serverEntry(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("turborepo-remote-cache/package.json");
  const { bin } = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    bin: Record<string, string>;
  };
  return resolve(dirname(manifestPath), bin["turborepo-remote-cache"]!);
}

function freePort(host: string): Promise<number> {
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

/** Whether `token` may read artifact `hash` of `team`: 200 found, 404 absent, 401 refused. */
export function artifactStatus(cache: RemoteCache, hash: string, team: string, token: string) {
  return httpStatus(`${cache.url}/v8/artifacts/${hash}?slug=${encodeURIComponent(team)}`, {
    method: "HEAD",
    headers: { authorization: `Bearer ${token}` },
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once("exit", () => done()));
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let gone = false;
  void exited(child).then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`the remote cache server exited before it answered:\n${log()}`);
    // The status route needs no token, so readiness never involves the secret.
    const status = await httpStatus(`${url}/v8/artifacts/status`).catch(() => 0);
    if (status === 200) return;
    if (Date.now() > deadline)
      throw new Error(`the remote cache server did not answer within ${READY_TIMEOUT_MS} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function startOnce(options: RemoteCacheOptions, port: number): Promise<RemoteCache> {
  const host = options.host ?? "127.0.0.1";
  const token = options.token ?? newToken();
  const scratch = mkdtempSync(join(tmpdir(), "apiclients-remote-cache-"));
  const storagePath = options.storagePath ?? join(scratch, "artifacts");
  const logFile = join(scratch, "server.log");
  // A log file rather than a pipe: a caller that blocks (execFileSync) cannot stall the server
  // on a full pipe, and log() can read it back until stop().
  const logFd = options.logs === "inherit" ? undefined : openSync(logFile, "a");
  const out = logFd ?? "inherit";
  // Only what the server needs: an inherited AUTH_MODE, S3_* or NODE_ENV=development (which
  // makes it read a .env file) would quietly change what we are testing.
  const env = {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    HOST: host,
    PORT: String(port),
    AUTH_MODE: "static",
    TURBO_TOKEN: token,
    STORAGE_PROVIDER: "local",
    STORAGE_PATH: storagePath,
    // Otherwise STORAGE_PATH is taken relative to the OS temp directory.
    STORAGE_PATH_USE_TMP_FOLDER: "false",
    LOG_LEVEL: options.logLevel ?? "warn",
  };
  const child = spawn(process.execPath, [serverEntry()], { env, stdio: ["ignore", out, out] });
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
      rmSync(scratch, { recursive: true, force: true });
    })());
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
  try {
    await waitUntilReady(url, child, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, token, storagePath, pid: child.pid!, exited: exited(child), log, stop };
}

/** Starts the server and resolves once it answers HTTP. */
export async function startRemoteCache(options: RemoteCacheOptions = {}): Promise<RemoteCache> {
  const host = options.host ?? "127.0.0.1";
  if (options.port !== undefined) return startOnce(options, options.port);
  // A free port can be taken between our probe and the server's listen; try a few.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, await freePort(host));
    } catch (error) {
      if (attempt === 3 || !String(error).includes("EADDRINUSE")) throw error;
    }
  }
}
