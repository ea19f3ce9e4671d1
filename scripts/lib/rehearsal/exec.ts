// Runs a rehearsal's commands without blocking the event loop (servers we started in this
// process keep being served while one runs), keeps their output for the report and the token
// scan, and can say what is still running and stop it when the rehearsal is interrupted.
import { runProcess, type Running } from "@apiclients/testing";

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
  /** Stopped (SIGTERM, then SIGKILL) past this; the default is 10 minutes. */
  timeoutMs?: number;
}

/** Every command run so far, for the token scan and for a failure's context. */
export const transcript: Ran[] = [];

// Commands still running, so an interrupted rehearsal can say what it was waiting for and leave
// nothing behind (npm install, for one, runs install scripts in processes of its own: each
// command leads a process group, and stopping it stops the group).
const running = new Map<Running, string>();

/** What is running now, and for how long, with the last of its output. */
export function describeRunning(): string[] {
  return [...running].map(
    ([r, cwd]) =>
      `still running after ${Math.round(performance.now() - r.startedAt)} ms: ${r.command} (in ${cwd})\n` +
      tail(r.output(), 10),
  );
}

/** Stops every command still running, and their children, and waits until they have exited. */
export async function stopRunning(): Promise<void> {
  await Promise.all([...running.keys()].map((r) => r.stop()));
}

/** Resolves with the exit code and output; rejects only when the command cannot start. */
export async function exec(command: string, args: string[], options: ExecOptions): Promise<Ran> {
  const run = runProcess(command, args, {
    cwd: options.cwd,
    env: options.env,
    group: true,
    timeoutMs: options.timeoutMs ?? 10 * 60_000,
  });
  running.set(run, options.cwd);
  try {
    const { code, signal, output, stdout, elapsedMs } = await run.finished;
    const ran = {
      command: run.command,
      code: code ?? (signal ? 128 : 1),
      output,
      stdout,
      elapsedMs,
    };
    transcript.push(ran);
    return ran;
  } finally {
    running.delete(run);
  }
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
