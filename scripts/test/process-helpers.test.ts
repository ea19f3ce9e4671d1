// The process helpers of @apiclients/testing (packages/testing/src/process.ts), which every
// launcher uses: Prism, the rehearsal servers and commands, the main job, the benchmarks. Tested
// here because this package has jest; packages/testing has no test setup of its own.
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { describe, expect, it } from "@jest/globals";
import {
  binPath,
  freePort,
  runProcess,
  startProcess,
  stopProcess,
  waitForExit,
  untilOutput,
  type Running,
} from "@apiclients/testing";

/** A shell program as a command line: a shell starts in milliseconds, node in a tenth of a second. */
const sh = (program: string) => ["sh", ["-c", program]] as const;

/** Resolves once the process has printed `text` (so its signal handlers are in place). */
const printed = (run: Running, text: string) => untilOutput(run, text, 10_000);

describe("freePort", () => {
  it("names a port on 127.0.0.1 that a server can listen on", async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((done, fail) => {
      server.once("error", fail);
      server.listen(port, "127.0.0.1", done);
    });
    await new Promise((done) => server.close(done));
  });
});

describe("binPath", () => {
  it("finds a dependency's bin file, to run with our own node", () => {
    const tsc = binPath(import.meta.url, "typescript", "tsc");
    expect(tsc).toMatch(/[/\\]typescript[/\\]bin[/\\]tsc$/);
    expect(existsSync(tsc)).toBe(true);
    expect(() => binPath(import.meta.url, "typescript", "nope")).toThrow(
      "typescript has no bin named nope",
    );
  });
});

describe("stopProcess", () => {
  it("stops a process with SIGTERM", async () => {
    const run = runProcess(...sh("echo ready; exec sleep 60"));
    await printed(run, "ready");
    await run.stop();
    expect((await run.finished).signal).toBe("SIGTERM");
  });

  it("sends SIGKILL when the process outlives the grace period", async () => {
    // An ignored signal stays ignored across exec: this sleep ignores SIGTERM.
    const run = runProcess(...sh('trap "" TERM; echo ready; exec sleep 60'), { graceMs: 50 });
    await printed(run, "ready");
    await run.stop();
    expect((await run.finished).signal).toBe("SIGKILL");
  });

  it("stops the whole process group of a group leader", async () => {
    // The leader's child shares its stdout: the output ends (`finished`) once both have exited,
    // which happens before the test times out only if the child got the signal too.
    const run = runProcess(...sh("sleep 60 & echo ready; wait"), { group: true });
    await printed(run, "ready");
    await run.stop();
    expect((await run.finished).signal).toBe("SIGTERM");
  });

  it("returns at once for a process that has exited", async () => {
    const child = startProcess(...sh("exit 3"));
    expect(await waitForExit(child)).toEqual({ code: 3, signal: null });
    await stopProcess(child);
    expect(child.signalCode).toBe(null);
  });
});

describe("runProcess", () => {
  it("collects stdout and stderr, apart and interleaved", async () => {
    const finished = await runProcess(...sh("echo out; echo err >&2; exit 2")).finished;
    expect(finished).toMatchObject({ code: 2, signal: null, stdout: "out\n", stderr: "err\n" });
    expect(finished.output).toContain("out\n");
    expect(finished.output).toContain("err\n");
    expect(finished.timedOut).toBe(false);
  });

  it("stops a command that runs past its time limit, and says so", async () => {
    const finished = await runProcess("sleep", ["60"], { timeoutMs: 50 }).finished;
    expect(finished.timedOut).toBe(true);
    expect(finished.output).toContain("[stopped after 50 ms]");
  });

  it("rejects when the command cannot be started", async () => {
    await expect(runProcess("apiclients-no-such-command", []).finished).rejects.toThrow(
      "apiclients-no-such-command: spawn apiclients-no-such-command ENOENT",
    );
  });
});
