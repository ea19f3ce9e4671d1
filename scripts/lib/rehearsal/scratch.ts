// A throwaway copy of the repository (tracked and new files, as in the working tree) with its
// dependencies installed, for rehearsals that change specs, versions or builds.
import { execFileSync, type ExecFileSyncOptions } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "@apiclients/testing";
import { tail } from "./exec.js";

export interface Scratch {
  dir: string;
  /** The environment commands in the copy run with. */
  env: NodeJS.ProcessEnv;
  /** Runs a command in the copy; returns stdout, throws (with output) on a non-zero exit. */
  run(command: string, args: string[], options?: ExecFileSyncOptions): string;
  /** Runs a command expected to fail; returns its stdout and stderr, throws if it succeeds. */
  runFailing(command: string, args: string[]): string;
  remove(): void;
}

/** True inside a scratch copy's own runs: rehearsals skip themselves there. */
export const insideScratch = process.env.APICLIENTS_SCRATCH === "1";

export function scratchCopy(label: string): Scratch {
  const dir = mkdtempSync(join(tmpdir(), `apiclients-${label}-`));
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  // Piping tar to tar needs a shell; do it with one, the file list passed on stdin.
  execFileSync("sh", ["-c", `tar -c --null -T - -f - | tar -x -f - -C "${dir}"`], {
    cwd: repoRoot,
    input: files,
  });
  // APICLIENTS_SCRATCH marks runs inside a scratch copy, so a rehearsal never starts itself again.
  const env = {
    ...process.env,
    TURBO_TELEMETRY_DISABLED: "1",
    CI: "true",
    APICLIENTS_SCRATCH: "1",
  };
  const run: Scratch["run"] = (command, args, options = {}) => {
    try {
      return execFileSync(command, args, {
        cwd: dir,
        env,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
        stdio: ["ignore", "pipe", "pipe"],
        ...options,
      }) as string;
    } catch (error) {
      // execFileSync's message carries stderr only, and turbo and jest say what failed on stdout.
      const { stdout } = error as { stdout?: string | Buffer };
      if (stdout) (error as Error).message += `\n${tail(String(stdout), 80)}`;
      throw error;
    }
  };
  const runFailing: Scratch["runFailing"] = (command, args) => {
    try {
      run(command, args);
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      return `${e.stdout ?? ""}${e.stderr ?? ""}`;
    }
    throw new Error(`${command} ${args.join(" ")} was expected to fail`);
  };
  // A git repository of its own, so "the committed spec" means this copy's HEAD.
  run("git", ["init", "-q"]);
  run("git", ["add", "-A"]);
  run("git", [
    "-c",
    "user.name=rehearsal",
    "-c",
    "user.email=rehearsal@localhost",
    "commit",
    "-qm",
    "scratch copy",
  ]);
  try {
    run("pnpm", ["install", "--frozen-lockfile", "--offline"]);
  } catch {
    run("pnpm", ["install", "--frozen-lockfile"]);
  }
  return { dir, env, run, runFailing, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
