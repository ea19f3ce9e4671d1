// A self-hosted turbo remote cache (the `turborepo-remote-cache` package) as a child process on
// loopback: local storage in a directory, one bearer token, started on a free port and stopped
// with nothing left running.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { binPath, freePort } from "@apiclients/testing";
import { httpStatus, startServerProcess, type ServerProcess } from "./server-process.js";

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

export interface RemoteCache extends ServerProcess {
  /** What TURBO_API should be. */
  url: string;
  port: number;
  token: string;
  storagePath: string;
}

/** A token the server accepts and a person cannot guess. */
export const newToken = (): string => randomBytes(24).toString("base64url");

/** Whether `token` may read artifact `hash` of `team`: 200 found, 404 absent, 401 refused. */
export function artifactStatus(cache: RemoteCache, hash: string, team: string, token: string) {
  return httpStatus(`${cache.url}/v8/artifacts/${hash}?slug=${encodeURIComponent(team)}`, {
    method: "HEAD",
    headers: { authorization: `Bearer ${token}` },
  });
}

async function startOnce(options: RemoteCacheOptions, port: number): Promise<RemoteCache> {
  const host = options.host ?? "127.0.0.1";
  const token = options.token ?? newToken();
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
  let storagePath = "";
  const server = await startServerProcess({
    label: "remote-cache",
    entry: binPath(import.meta.url, "turborepo-remote-cache"),
    logs: options.logs,
    setup: (workDir) => {
      storagePath = options.storagePath ?? join(workDir, "artifacts");
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
      return { env };
    },
    // The status route needs no token, so readiness never involves the secret.
    readyUrl: `${url}/v8/artifacts/status`,
  });
  return { url, port, token, storagePath, ...server };
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
