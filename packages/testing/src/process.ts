// Child processes, the one way every launcher here starts and stops them (Prism, the rehearsal
// servers, the commands a rehearsal runs, the main job, the benchmarks): stopped with SIGTERM,
// then SIGKILL after a grace period, and waited for; plus what each launcher needs around that:
// a free port on loopback, the repository root, and a package's bin to run with our own node.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file is packages/testing/src/process.ts), so paths can be named as
 * in scripts/providers.json ("specs/basic.yaml"). In a rehearsal's scratch copy, the copy's root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** A TCP port on `host` that nothing listens on right now. Another process can still take it
 * before ours listens: a launcher that cannot tolerate that retries on EADDRINUSE. */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.unref();
    probe.once("error", fail);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? done(address.port) : fail(new Error("no port")),
      );
    });
  });
}

/**
 * The file a package's bin entry names, to run with `process.execPath`: a node_modules/.bin shim
 * can put a shell between us and the program, and stopping the shell can leave the program
 * running. `from` is a file (path or file: URL) of the package that depends on `packageName`:
 * with pnpm a package sees only its own dependencies. `bin` defaults to the package's own name.
 */
export function binPath(from: string, packageName: string, bin?: string): string {
  const manifestPath = createRequire(from).resolve(`${packageName}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    bin?: string | Record<string, string>;
  };
  const name = bin ?? packageName.split("/").at(-1)!;
  const entry = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.[name];
  if (!entry) throw new Error(`${packageName} has no bin named ${name}`);
  return resolve(dirname(manifestPath), entry);
}

export interface StartOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** "pipe" unless given; include "ipc" to talk to a node child with process.send(). */
  stdio?: StdioOptions;
  /** Make the process lead a process group of its own, so stopping it also stops what it
   * started (npm's install scripts, turbo's tasks). Such a process is not in our terminal's
   * foreground group either, so Ctrl-C reaches it only through whoever stops it. */
  group?: boolean;
}

const groupLeaders = new WeakSet<ChildProcess>();

/** Starts a process. Listen for "error" (or use waitForExit) to learn that it could not start. */
export function startProcess(
  command: string,
  args: readonly string[],
  options: StartOptions = {},
): ChildProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: options.stdio ?? "pipe",
    detached: options.group ?? false,
  });
  if (options.group) groupLeaders.add(child);
  return child;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export const hasExited = (child: ChildProcess): boolean =>
  child.exitCode !== null || child.signalCode !== null;

/** Settles when the process has exited (at once if it has already); rejects when it could not
 * be started at all (e.g. ENOENT). */
export function waitForExit(child: ChildProcess): Promise<Exit> {
  if (hasExited(child)) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((done, fail) => {
    child.once("exit", (code, signal) => done({ code, signal }));
    child.once("error", (error) => {
      if (child.pid === undefined) fail(error);
    });
  });
}

/** Sends `signal` to the process, or to its whole group when it leads one. */
export function signalProcess(child: ChildProcess, signal: NodeJS.Signals): void {
  if (groupLeaders.has(child) && child.pid !== undefined) {
    try {
      process.kill(-child.pid, signal);
      return;
    } catch {
      // The group is gone already: fall through to the process itself, which is harmless.
    }
  }
  child.kill(signal);
}

export const STOP_GRACE_MS = 5_000;

/**
 * SIGTERM, then SIGKILL to whatever is still running after `graceMs`; resolves once the process
 * has exited. Safe to call twice or on a process that has exited. For a group leader, the SIGKILL
 * still goes to the group when the grace ends even if the leader exited before: a command's
 * children that outlive it are the ones that would be left behind.
 */
export async function stopProcess(
  child: ChildProcess,
  { graceMs = STOP_GRACE_MS }: { graceMs?: number } = {},
): Promise<void> {
  if (hasExited(child) || child.pid === undefined) return;
  const exit = waitForExit(child).catch(() => undefined);
  signalProcess(child, "SIGTERM");
  const killer = setTimeout(() => signalProcess(child, "SIGKILL"), graceMs);
  killer.unref();
  await exit;
  if (!groupLeaders.has(child)) clearTimeout(killer);
}

export interface Finished extends Exit {
  command: string;
  /** stdout and stderr, interleaved as they came. */
  output: string;
  stdout: string;
  stderr: string;
  elapsedMs: number;
  /** Stopped because it ran past `timeoutMs`. */
  timedOut: boolean;
}

export interface RunOptions extends Omit<StartOptions, "stdio"> {
  /** Stopped (SIGTERM, then SIGKILL after `graceMs`) past this; no limit unless given. */
  timeoutMs?: number;
  graceMs?: number;
}

export interface Running {
  child: ChildProcess;
  /** The command line, for messages. */
  command: string;
  startedAt: number;
  /** The output so far, stdout and stderr interleaved. */
  output(): string;
  /** Settles once the process has exited and its output is drained; rejects only when it could
   * not be started. */
  finished: Promise<Finished>;
  stop(): Promise<void>;
}

/** Runs a command with its output collected, without blocking the event loop (servers started
 * by this process keep being served meanwhile). */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Running {
  const startedAt = performance.now();
  const line = [command, ...args].join(" ");
  const child = startProcess(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let stdout = "";
  let stderr = "";
  let timedOut = false;
  child.stdout!.on("data", (chunk: Buffer) => {
    output += chunk;
    stdout += chunk;
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    output += chunk;
    stderr += chunk;
  });
  const stop = () => stopProcess(child, { graceMs: options.graceMs });
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          output += `\n[stopped after ${options.timeoutMs} ms]`;
          void stop();
        }, options.timeoutMs);
  const finished = new Promise<Finished>((done, fail) => {
    child.once("error", (error) => {
      if (child.pid !== undefined) return; // a failed kill, not a failed start
      clearTimeout(timer);
      fail(new Error(`${line}: ${error.message}`));
    });
    // "close", not "exit": the output is complete only once the pipes have closed.
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      done({
        command: line,
        code,
        signal,
        output,
        stdout,
        stderr,
        elapsedMs: Math.round(performance.now() - startedAt),
        timedOut,
      });
    });
  });
  return { child, command: line, startedAt, output: () => output, finished, stop };
}

/** Resolves with the output so far once it matches `pattern`; rejects when the process ends
 * first or `timeoutMs` passes, with the output in the message. */
export function untilOutput(
  run: Running,
  pattern: RegExp | string,
  timeoutMs: number,
): Promise<string> {
  const matches = () =>
    typeof pattern === "string" ? run.output().includes(pattern) : pattern.test(run.output());
  return new Promise<string>((done, fail) => {
    const streams = [run.child.stdout!, run.child.stderr!];
    const finish = (error?: Error) => {
      clearTimeout(timer);
      for (const stream of streams) stream.off("data", check);
      if (error) fail(error);
      else done(run.output());
    };
    const check = () => {
      if (matches()) finish();
    };
    const timer = setTimeout(
      () =>
        finish(new Error(`${run.command}: no ${pattern} within ${timeoutMs} ms:\n${run.output()}`)),
      timeoutMs,
    );
    for (const stream of streams) stream.on("data", check);
    void run.finished.then(
      () => finish(new Error(`${run.command} ended before printing ${pattern}:\n${run.output()}`)),
      (error: Error) => finish(error),
    );
    check();
  });
}
