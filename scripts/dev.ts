// `pnpm dev`: builds everything once, then regenerates and rebuilds a provider package as soon
// as its spec is saved (turbo's own watch mode does not see files outside the packages), and
// rebuilds a package when its hand-written source changes. Ctrl-C stops it.
import { relative, resolve, sep } from "node:path";
import { watch } from "chokidar";
import { repoRoot, startProcess, waitForExit } from "@apiclients/testing";
import { loadManifest } from "./lib/codegen/manifest.js";

const DEBOUNCE_MS = 150;

async function turboBuild(filters: string[]): Promise<number> {
  const args = ["turbo", "run", "build", "--output-logs=errors-only"];
  const child = startProcess("pnpm", [...args, ...filters.map((f) => `--filter=${f}`)], {
    cwd: repoRoot,
    stdio: "inherit",
  });
  const { code } = await waitForExit(child).catch(() => ({ code: 1 }));
  return code ?? 1;
}

const providers = await loadManifest(repoRoot);
const packageNames = new Map<string, string>(); // package dir -> package name
for (const dir of ["packages/problem", "packages/core", ...providers.map((p) => p.package)]) {
  const { name } = (
    await import(resolve(repoRoot, dir, "package.json"), { with: { type: "json" } })
  ).default as { name: string };
  packageNames.set(dir, name);
}

/** Which packages a changed file calls for rebuilding. */
function packagesFor(file: string): string[] {
  const path = relative(repoRoot, file).split(sep).join("/");
  const bySpec = providers.filter((p) => p.spec === path).map((p) => packageNames.get(p.package)!);
  if (bySpec.length > 0) return bySpec;
  for (const [dir, name] of packageNames)
    if (path.startsWith(`${dir}/src/`) && !path.includes("/generated/")) return [name];
  return [];
}

let pending = new Set<string>();
let timer: NodeJS.Timeout | undefined;
let running: Promise<void> = Promise.resolve();

function schedule(names: string[]) {
  for (const name of names) pending.add(name);
  clearTimeout(timer);
  timer = setTimeout(() => {
    const batch = [...pending];
    pending = new Set();
    // One build at a time; saves that land during a build are batched into the next one.
    running = running.then(async () => {
      const started = performance.now();
      const code = await turboBuild(batch);
      const took = Math.round(performance.now() - started);
      console.log(
        code === 0
          ? `✔ rebuilt ${batch.join(", ")} in ${took} ms`
          : `✖ rebuilding ${batch.join(", ")} failed (see above); waiting for the next save`,
      );
    });
  }, DEBOUNCE_MS);
}

console.log("• first build…");
await turboBuild([]);
const watched = [
  ...providers.map((p) => resolve(repoRoot, p.spec)),
  ...[...packageNames.keys()].map((dir) => resolve(repoRoot, dir, "src")),
];
const watcher = watch(watched, {
  ignoreInitial: true,
  ignored: (path) => path.includes(`${sep}generated${sep}`),
});
watcher.on("all", (_event, file) => {
  const names = packagesFor(file);
  if (names.length === 0) return;
  console.log(`• ${relative(repoRoot, file)} changed`);
  schedule(names);
});
watcher.on("ready", () =>
  console.log(
    `• watching ${providers.map((p) => p.spec).join(", ")} and package sources (Ctrl-C to stop)`,
  ),
);

const stop = async () => {
  clearTimeout(timer);
  await watcher.close();
  await running;
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
