// The remote cache rehearsal (scripts/remote-cache.ts rehearse), run as `pnpm cache:rehearse`
// would run it: a real server, two clean copies of the repository, three turbo builds.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "@jest/globals";
import { repoRoot, runProcess } from "@apiclients/testing";
import { insideScratch } from "../../lib/rehearsal/scratch.js";
import type { Report } from "../../lib/rehearsal/remote-cache-rehearsal.js";

const MINUTES = 60_000;
// About 35 s on a 2-core machine; the budget leaves room for a busy CI runner.
const BUDGET_MS = 3 * MINUTES;
/** Past the budget less this, the CLI is stopped and given this long to clean up. */
const CLEANUP_MS = 10_000;

/** Runs the CLI; stops it (it then stops its server and removes its copies) past the budget. */
function rehearse(token: string) {
  return runProcess(
    process.execPath,
    ["--import", "tsx", "scripts/remote-cache.ts", "rehearse", "--json"],
    {
      cwd: repoRoot,
      env: { ...process.env, TURBO_TOKEN: token },
      timeoutMs: BUDGET_MS - CLEANUP_MS,
      graceMs: CLEANUP_MS,
    },
  ).finished;
}

// Inside a scratch copy this file must not run again (it would copy the copy, and so on).
const describeOutside = insideScratch ? describe.skip : describe;

describeOutside("a self-hosted remote cache shared by two clean checkouts", () => {
  it(
    "serves the second checkout entirely from the remote cache, and refuses a wrong token",
    async () => {
      // A token we know, so we can check the rehearsal never prints it.
      const token = randomBytes(24).toString("base64url");
      const outcome = await rehearse(token);
      const context = `exit ${outcome.code ?? outcome.signal} after ${outcome.elapsedMs} ms\n${outcome.stderr}`;
      expect({ code: outcome.code, context }).toEqual({ code: 0, context });
      const report = JSON.parse(outcome.stdout) as Report;
      console.log(`remote cache rehearsal: ${outcome.elapsedMs} ms\n${outcome.stderr}`);

      expect(report.failures).toEqual([]);
      expect(report.ok).toBe(true);

      // First checkout: every task ran and was uploaded.
      const first = report.first!;
      expect(first.attempted).toBeGreaterThan(0);
      expect(first.cached).toBe(0);
      expect(first.remoteCaching).toBe(true);
      expect(report.artifactsStored).toBeGreaterThanOrEqual(first.attempted);

      // Second checkout, with no local cache of its own: every task a remote hit, same hashes.
      const second = report.second!;
      expect(second.localCacheBefore).toBe(false);
      expect(second.attempted).toBe(first.attempted);
      expect(second.cached).toBe(second.attempted);
      expect(second.remoteHits).toBe(second.attempted);
      expect(second.localHits).toBe(0);
      expect(second.hashes).toEqual(first.hashes);

      // What the hit restored is what the first checkout built, byte for byte.
      expect(report.dist.files).toBeGreaterThan(0);
      expect(report.dist.mismatches).toEqual([]);

      // A wrong token: refused by the server, no hits for turbo, nothing stored.
      const wrong = report.wrongToken!;
      expect(wrong.probeWrong).toBe(401);
      expect(wrong.probeRight).toBe(200);
      expect(wrong.refusedByServer).toBeGreaterThan(0);
      expect(wrong.attempted).toBe(first.attempted);
      expect(wrong.cached).toBe(0);
      expect(wrong.hashes).toEqual(first.hashes);
      expect(wrong.storeUnchanged).toBe(true);

      // The token is a secret: not in turbo's or the server's logs, nor in our own output.
      expect(report.tokenScan.bytes).toBeGreaterThan(0);
      expect(report.tokenScan.leaks).toEqual([]);
      expect(outcome.stdout).not.toContain(token);
      expect(outcome.stderr).not.toContain(token);

      expect(outcome.elapsedMs).toBeLessThan(BUDGET_MS);
    },
    BUDGET_MS,
  );
});
