// Runs a command without blocking the event loop (servers we started in this process keep being
// served while it runs) and keeps its output for the report.
import { spawn } from "node:child_process";

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

/** Resolves with the exit code and output; rejects only when the command cannot start. */
export function exec(command: string, args: string[], options: ExecOptions): Promise<Ran> {
  const started = performance.now();
  const line = [command, ...args].join(" ");
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      stdout += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const timeoutMs = options.timeoutMs ?? 10 * 60_000;
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs} ms]`;
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      fail(new Error(`${line}: ${error.message}`));
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
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
