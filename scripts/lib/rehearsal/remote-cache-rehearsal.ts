// The remote cache rehearsal behind `pnpm cache:rehearse`: two clean copies of this repository
// share one server; the first builds and uploads, the second must be a full remote hit with
// identical dist/ output, and a wrong token must get nothing. The token must appear nowhere.
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { binPath, runProcess, type Running } from "@apiclients/testing";
import { artifactStatus, newToken, startRemoteCache, type RemoteCache } from "./remote-cache.js";
import { scratchCopy, type Scratch } from "./scratch.js";

/** What the CLI around the rehearsal provides: progress lines, cleanup on exit or Ctrl-C. */
export interface RehearsalHooks {
  progress(line: string): void;
  /** Work to undo when the CLI stops, in reverse order. */
  defer(cleanup: () => unknown): void;
  /** The turbo run in progress (stopped on Ctrl-C), or undefined. */
  track(run: Running | undefined): void;
  /** True once Ctrl-C was pressed: a turbo run ending then is not a result. */
  interrupted(): boolean;
}

let hooks: RehearsalHooks;

interface TaskSummary {
  taskId: string;
  hash: string;
  directory: string;
  cache: { status: "HIT" | "MISS"; local: boolean; remote: boolean; source?: string };
}
interface RunSummary {
  execution: { attempted: number; cached: number; exitCode: number };
  tasks: TaskSummary[];
}
interface TurboRun {
  code: number;
  output: string;
  summaryText: string;
  summary?: RunSummary;
}

export interface RunFacts {
  exitCode: number;
  attempted: number;
  cached: number;
  remoteHits: number;
  localHits: number;
  /** turbo said "Remote caching enabled" at the start of the run. */
  remoteCaching: boolean;
  hashes: Record<string, string>;
}

export interface Report {
  ok: boolean;
  failures: string[];
  team: string;
  timingsMs: Record<string, number>;
  first?: RunFacts;
  second?: RunFacts & { localCacheBefore: boolean };
  wrongToken?: RunFacts & {
    /** HEAD of a stored artifact: with the wrong token, and with the right one. */
    probeWrong: number;
    probeRight: number;
    refusedByServer: number;
    storeUnchanged: boolean;
  };
  artifactsStored: number;
  dist: { directories: number; files: number; bytes: number; mismatches: string[] };
  tokenScan: { bytes: number; leaks: string[] };
}

/** The environment turbo runs with in a copy: no inherited TURBO_* (a TURBO_CACHE, TURBO_FORCE
 * or a real team's token would change the experiment), plus the remote cache's coordinates. */
function turboEnv(dir: string, cache: RemoteCache, token: string, team: string) {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^(TURBO_|VERCEL_ARTIFACTS_)/.test(key)) env[key] = value;
  return {
    ...env,
    TURBO_TELEMETRY_DISABLED: "1",
    CI: "true",
    APICLIENTS_SCRATCH: "1",
    TURBO_API: cache.url,
    TURBO_TOKEN: token,
    TURBO_TEAM: team,
    // Spelled out so no inherited setting can make two copies share one local cache.
    TURBO_CACHE_DIR: join(dir, ".turbo/cache"),
  };
}

/** `turbo run build --summarize` in a copy; resolves with its output and run summary. */
async function turboBuild(
  dir: string,
  env: NodeJS.ProcessEnv,
  cacheFlag: string,
): Promise<TurboRun> {
  const runs = join(dir, ".turbo/runs");
  rmSync(runs, { recursive: true, force: true });
  const args = ["run", "build", "--summarize", `--cache=${cacheFlag}`, "--output-logs=errors-only"];
  // The copy's own turbo, with our node; its own process group, so stopping it stops its tasks.
  const turbo = binPath(join(dir, "package.json"), "turbo");
  const run = runProcess(process.execPath, [turbo, ...args], { cwd: dir, env, group: true });
  hooks.track(run);
  const { code, output } = await run.finished.finally(() => hooks.track(undefined));
  if (hooks.interrupted()) throw new Error("interrupted");
  const files = existsSync(runs) ? readdirSync(runs).filter((f) => f.endsWith(".json")) : [];
  const summaryText = files[0] ? readFileSync(join(runs, files[0]), "utf8") : "";
  return {
    code: code ?? 1,
    output,
    summaryText,
    summary: summaryText ? (JSON.parse(summaryText) as RunSummary) : undefined,
  };
}

function facts(run: TurboRun): RunFacts {
  const tasks = run.summary?.tasks ?? [];
  return {
    // turbo can exit 0 when stopped by a signal; its summary still records the failure.
    exitCode: run.code || (run.summary?.execution.exitCode ?? 0),
    attempted: run.summary?.execution.attempted ?? 0,
    cached: run.summary?.execution.cached ?? 0,
    remoteHits: tasks.filter((t) => t.cache.status === "HIT" && t.cache.source === "REMOTE").length,
    localHits: tasks.filter((t) => t.cache.status === "HIT" && t.cache.source !== "REMOTE").length,
    remoteCaching: run.output.includes("Remote caching enabled"),
    hashes: Object.fromEntries(tasks.map((t) => [t.taskId, t.hash])),
  };
}

/** Same tasks with the same hashes: the runs asked the cache for the same artifacts. */
const sameHashes = (a: RunFacts, b: RunFacts) => {
  const sorted = (f: RunFacts) => JSON.stringify(Object.entries(f.hashes).sort());
  return sorted(a) === sorted(b);
};

/** Every file below `dir`, as paths relative to it, sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** dist/ of every package the run built, compared byte for byte between the two copies. */
function compareDist(a: string, b: string, summary: RunSummary): Report["dist"] {
  const result: Report["dist"] = { directories: 0, files: 0, bytes: 0, mismatches: [] };
  for (const directory of new Set(summary.tasks.map((t) => t.directory))) {
    const dist = join(directory, "dist");
    if (!existsSync(join(a, dist))) continue;
    result.directories++;
    const left = filesUnder(join(a, dist));
    const right = new Set(filesUnder(join(b, dist)));
    for (const file of left) {
      const ours = readFileSync(join(a, dist, file));
      result.files++;
      result.bytes += ours.length;
      if (!right.delete(file))
        result.mismatches.push(`${dist}/${file}: missing in the second copy`);
      else if (!ours.equals(readFileSync(join(b, dist, file))))
        result.mismatches.push(`${dist}/${file}: differs`);
    }
    for (const file of right) result.mismatches.push(`${dist}/${file}: only in the second copy`);
  }
  return result;
}

/** Path, size and mtime of every stored artifact: any write would change it. */
const storeSnapshot = (path: string) =>
  filesUnder(path)
    .map((file) => {
      const { size, mtimeMs } = statSync(join(path, file));
      return `${file} ${size} ${mtimeMs}`;
    })
    .join("\n");

/** The task logs turbo keeps in each package, to search for the token with everything else. */
const taskLogs = (dir: string, summary: RunSummary | undefined) =>
  [...new Set((summary?.tasks ?? []).map((t) => join(dir, t.directory, ".turbo")))].flatMap(
    (logs) => filesUnder(logs).map((file) => readFileSync(join(logs, file), "utf8")),
  );

/** Requests the server turned away for a bad token: one warning line in its log each. */
const refusals = (log: string) =>
  log.split("\n").filter((line) => line.includes('"Invalid authorization token"')).length;

async function timed<T>(timings: Record<string, number>, name: string, work: () => T | Promise<T>) {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings[name] = Math.round(performance.now() - start);
  }
}

function copy(label: string): Scratch {
  const scratch = scratchCopy(label);
  hooks.defer(() => scratch.remove());
  return scratch;
}

export async function rehearseRemoteCache(
  team: string,
  callerHooks: RehearsalHooks,
): Promise<Report> {
  hooks = callerHooks;
  const token = process.env.TURBO_TOKEN || newToken();
  const timings: Record<string, number> = {};
  const failures: string[] = [];
  // Failure messages quote turbo's output; should the token ever be in it, it stops here.
  const fail = (failure: string) => failures.push(failure.replaceAll(token, "[token]"));
  const check = (ok: boolean, failure: string) => ok || fail(failure);
  const report: Report = {
    ok: false,
    failures,
    team,
    timingsMs: timings,
    artifactsStored: 0,
    dist: { directories: 0, files: 0, bytes: 0, mismatches: [] },
    tokenScan: { bytes: 0, leaks: [] },
  };
  const started = performance.now();
  const wrongToken = `wrong-${randomBytes(18).toString("base64url")}`;
  const cache = await timed(timings, "serverStart", () => startRemoteCache({ token }));
  hooks.defer(() => cache.stop());
  hooks.progress(`remote cache server on ${cache.url} (pid ${cache.pid}), team "${team}"`);

  const first = await timed(timings, "copyFirst", () => copy("remote-cache-first"));
  const second = await timed(timings, "copySecond", () => copy("remote-cache-second"));
  hooks.progress(`two clean copies with dependencies: ${first.dir}, ${second.dir}`);
  const scanned: string[] = [];

  hooks.progress("first copy: turbo run build (expect misses, uploaded to the remote cache)");
  const runA = await timed(timings, "buildFirst", () =>
    turboBuild(first.dir, turboEnv(first.dir, cache, token, team), "local:rw,remote:rw"),
  );
  scanned.push(runA.output, runA.summaryText, ...taskLogs(first.dir, runA.summary));
  report.first = facts(runA);
  if (report.first.exitCode !== 0 || !runA.summary) {
    fail(`the first build failed (exit ${report.first.exitCode}):\n${runA.output}`);
    return report;
  }
  check(report.first.attempted > 0, "the first build ran no tasks");
  check(report.first.cached === 0, `the first build had ${report.first.cached} cache hit(s)`);
  check(report.first.remoteCaching, "turbo did not enable remote caching in the first build");
  const teamDir = join(cache.storagePath, team);
  report.artifactsStored = filesUnder(teamDir).filter((f) => !f.endsWith(".tag")).length;
  check(
    report.artifactsStored >= report.first.attempted,
    `${report.artifactsStored} artifact(s) uploaded for ${report.first.attempted} task(s)`,
  );

  hooks.progress("second copy: turbo run build (expect every task from the remote cache)");
  const localCacheBefore = existsSync(join(second.dir, ".turbo"));
  const runB = await timed(timings, "buildSecond", () =>
    turboBuild(second.dir, turboEnv(second.dir, cache, token, team), "local:rw,remote:rw"),
  );
  scanned.push(runB.output, runB.summaryText, ...taskLogs(second.dir, runB.summary));
  report.second = { ...facts(runB), localCacheBefore };
  const b = report.second;
  check(!localCacheBefore, "the second copy already had a .turbo directory");
  check(b.exitCode === 0, `the second build failed (exit ${b.exitCode}):\n${runB.output}`);
  check(
    b.attempted === report.first.attempted && b.cached === b.attempted,
    `second build: ${b.cached} cached of ${b.attempted} (first build ran ${report.first.attempted})`,
  );
  check(
    b.remoteHits === b.attempted,
    `second build: ${b.remoteHits} remote hit(s) of ${b.attempted}`,
  );
  check(b.remoteCaching, "turbo did not enable remote caching in the second build");
  check(sameHashes(b, report.first), "the two copies computed different task hashes");
  report.dist = compareDist(first.dir, second.dir, runA.summary);
  check(report.dist.files > 0, "no dist/ files to compare");
  check(report.dist.mismatches.length === 0, `dist/ differs: ${report.dist.mismatches.join("; ")}`);

  hooks.progress("wrong token: the server must refuse it, and turbo must get no hits");
  const someHash = Object.values(report.first.hashes)[0]!;
  const probeWrong = await artifactStatus(cache, someHash, team, wrongToken);
  const probeRight = await artifactStatus(cache, someHash, team, token);
  const before = storeSnapshot(cache.storagePath);
  const refusedBefore = refusals(cache.log());
  // Local cache off, so the hits the second copy just stored locally cannot answer; remote
  // read-write, so turbo also tries (and must fail) to upload.
  const runC = await timed(timings, "buildWrongToken", () =>
    turboBuild(second.dir, turboEnv(second.dir, cache, wrongToken, team), "remote:rw"),
  );
  scanned.push(runC.output, runC.summaryText, ...taskLogs(second.dir, runC.summary));
  const refusedByServer = refusals(cache.log()) - refusedBefore;
  report.wrongToken = {
    ...facts(runC),
    probeWrong,
    probeRight,
    refusedByServer,
    storeUnchanged: storeSnapshot(cache.storagePath) === before,
  };
  const c = report.wrongToken;
  check(probeWrong === 401, `HEAD with the wrong token answered ${probeWrong}, not 401`);
  check(probeRight === 200, `HEAD with the right token answered ${probeRight}, not 200`);
  check(c.exitCode === 0, `the wrong-token build failed (exit ${c.exitCode}):\n${runC.output}`);
  check(c.attempted > 0 && c.cached === 0, `wrong token: ${c.cached} cached of ${c.attempted}`);
  check(
    sameHashes(c, report.first),
    "the wrong-token build computed different task hashes, so its misses prove nothing",
  );
  check(refusedByServer > 0, "the server logged no refused request for the wrong token");
  check(c.storeUnchanged, "the server stored something sent with the wrong token");

  // The token must not appear in anything turbo or the server wrote.
  const serverLog = cache.log();
  report.tokenScan.bytes = [...scanned, serverLog].reduce((sum, text) => sum + text.length, 0);
  if (scanned.some((text) => text.includes(token)))
    report.tokenScan.leaks.push("turbo output, run summaries or task logs");
  if (serverLog.includes(token)) report.tokenScan.leaks.push("the server log");
  check(report.tokenScan.leaks.length === 0, `the token appears in ${report.tokenScan.leaks}`);

  timings.total = Math.round(performance.now() - started);
  report.ok = failures.length === 0;
  return report;
}

export function summarize(report: Report): string {
  const run = (f?: RunFacts) =>
    f ? `${f.cached} cached of ${f.attempted} (${f.remoteHits} remote), exit ${f.exitCode}` : "-";
  const { dist, wrongToken: wrong, tokenScan } = report;
  const lines = [
    `first copy:   ${run(report.first)}; ${report.artifactsStored} artifact(s) uploaded`,
    `second copy:  ${run(report.second)}`,
    `dist/:        ${dist.files} file(s), ${dist.bytes} bytes in ${dist.directories} package(s), ` +
      `${dist.mismatches.length} mismatch(es)`,
    `wrong token:  ${run(wrong)}` +
      (wrong
        ? `; HEAD ${wrong.probeWrong} (right token ${wrong.probeRight}), ` +
          `${wrong.refusedByServer} request(s) refused, ` +
          `store ${wrong.storeUnchanged ? "unchanged" : "CHANGED"}`
        : ""),
    `token:        ${tokenScan.leaks.length ? `FOUND in ${tokenScan.leaks.join(", ")}` : "absent"} ` +
      `(${tokenScan.bytes} bytes of logs and summaries searched)`,
    `timings (ms): ${Object.entries(report.timingsMs)
      .map(([step, ms]) => `${step} ${ms}`)
      .join(", ")}`,
  ];
  const verdict = report.ok
    ? "✔ the remote cache is shared, complete and token-protected"
    : `✖ ${report.failures.length} check(s) failed:\n` +
      report.failures.map((f) => `  - ${f}`).join("\n");
  return `${lines.join("\n")}\n${verdict}`;
}
