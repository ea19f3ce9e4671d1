// Runs a command without blocking the event loop (servers we started in this process keep being
// served while it runs) and keeps its output for the report.
import { spawn, type ChildProcess } from "node:child_process";
import { exited } from "./server-process.js";

export interface Ran {
  command: string;
  code: number;
  /** stdout and stderr, interleaved as they came. */
  output: string;
  stdout: string;
  elapsedMs: number;
}

export interface ExecOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Killed (SIGTERM, then SIGKILL) past this; the default is 10 minutes. */
  timeoutMs?: number;
}

/** Every command run so far, for the token scan and for a failure's context. */
export const transcript: Ran[] = [];

interface Running {
  child: ChildProcess;
  line: string;
  cwd: string;
  started: number;
  output(): string;
}

// Commands still running, so an interrupted rehearsal can say what it was waiting for and leave
// nothing behind (npm install, for one, runs install scripts in processes of its own).
const running = new Set<Running>();

/** Signals a command's whole process group: each command leads one (spawned detached). */
function signalTree(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal); // the group is gone already, or the child never started
  }
}

const KILL_GRACE_MS = 5_000;

/** SIGTERM to the command and its children, then SIGKILL to what is left after the grace. */
function terminate(child: ChildProcess): void {
  signalTree(child, "SIGTERM");
  setTimeout(() => signalTree(child, "SIGKILL"), KILL_GRACE_MS).unref();
}

/** What is running now, and for how long, with the last of its output. */
export function describeRunning(): string[] {
  return [...running].map(
    (r) =>
      `still running after ${Math.round(performance.now() - r.started)} ms: ${r.line} (in ${r.cwd})\n` +
      tail(r.output(), 10),
  );
}

/** Stops every command still running, and their children, and waits until they have exited. */
export async function stopRunning(): Promise<void> {
  const stopping = [...running].map(({ child }) => {
    const done = exited(child);
    terminate(child);
    return done;
  });
  await Promise.all(stopping);
}

/** Resolves with the exit code and output; rejects only when the command cannot start. */
export function exec(command: string, args: string[], options: ExecOptions): Promise<Ran> {
  const started = performance.now();
  const line = [command, ...args].join(" ");
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group, so stopRunning() reaches its children too
    });
    let output = "";
    let stdout = "";
    const entry: Running = {
      child,
      line,
      cwd: options.cwd,
      started,
      output: () => output,
    };
    running.add(entry);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      stdout += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const timeoutMs = options.timeoutMs ?? 10 * 60_000;
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs} ms]`;
      terminate(child);
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      running.delete(entry);
      fail(new Error(`${line}: ${error.message}`));
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      running.delete(entry);
      const ran = {
        command: line,
        code: code ?? (signal ? 128 : 1),
        output,
        stdout,
        elapsedMs: Math.round(performance.now() - started),
      };
      transcript.push(ran);
      done(ran);
    });
  });
}

/** Like exec, but a non-zero exit is an error that carries the command's output. */
export async function mustExec(command: string, args: string[], options: ExecOptions) {
  const ran = await exec(command, args, options);
  if (ran.code !== 0)
    throw new Error(
      `\`${ran.command}\` (in ${options.cwd}) exited ${ran.code}:\n${tail(ran.output)}`,
    );
  return ran;
}

/** The last lines of a long output: where a failing tool says why. */
export function tail(text: string, lines = 40): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
