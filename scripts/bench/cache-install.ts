// Pinned npm packages the benchmarks need and no install should carry (other runtimes, the peer
// libraries), installed on first use into a folder of the git-ignored .cache/bench, like the
// GitHub spec the codegen suite fetches there.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Installs `specs` (exact versions) into `dir` unless it already holds exactly those. */
export function npmInstallOnce(dir: string, specs: readonly string[]): void {
  // Written last, so an install that was cut short is made again.
  const stamp = join(dir, "installed.json");
  const wanted = JSON.stringify(specs);
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === wanted) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), '{ "private": true }\n');
  console.error(`• installing ${specs.join(", ")} into ${dir} (once)`);
  execFileSync(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--save-exact",
      // npm's own defaults, said out loud against any inherited config: an engines field is a
      // warning here (ky 2 declares Node >= 22 and runs on 20), and a peer dependency that only
      // brings types (@hey-api/client-fetch's on @hey-api/openapi-ts) is not installed.
      "--engine-strict=false",
      "--legacy-peer-deps",
      ...specs,
    ],
    // npm's report goes to our stderr: stdout carries the table.
    { cwd: dir, stdio: ["ignore", 2, 2] },
  );
  writeFileSync(stamp, wanted);
}
