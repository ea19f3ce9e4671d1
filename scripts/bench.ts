// `pnpm bench` measures what users of an API client feel and prints a table; `pnpm bench:check`
// also checks each figure against its budget and exits 1 on a miss. Variants are always run
// side by side in one process or alternating fresh processes, and compared by medians and
// ratios, because the machines are shared and noisy. Never part of `pnpm test`. The client
// suites (per-call, cold start) run on each runtime of `--runtimes` (default: all of them).
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { repoRoot } from "@apiclients/testing";
import { bundleSizeBench } from "./bench/bundle-size.js";
import { codegenScaling, generateSchema, turboGenerate } from "./bench/codegen.js";
import { coldStartBench } from "./bench/cold-start.js";
import { memoryBench } from "./bench/memory.js";
import { perCallBudgets, perCallTable } from "./bench/per-call-report.js";
import { perCallBench } from "./bench/per-call.js";
import { benchPeers } from "./bench/peers.js";
import { benchProviders } from "./bench/providers.js";
import { benchRuntimes, RUNTIME_IDS } from "./bench/runtimes.js";
import { benchSpecs } from "./bench/specs.js";
import { typecheckBench } from "./bench/typecheck.js";

const SUITES = ["per-call", "bundle", "cold-start", "codegen", "typecheck", "memory"] as const;
type Suite = (typeof SUITES)[number];

interface Row {
  suite: Suite;
  metric: string;
  value: string;
  budget?: string;
  ok?: boolean;
}

const scriptsDir = dirname(fileURLToPath(import.meta.url));
const repo = repoRoot;
const { values } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    json: { type: "string" },
    runtimes: { type: "string", default: RUNTIME_IDS.join(",") },
  },
});
const selected = new Set<Suite>(values.only ? (values.only.split(",") as Suite[]) : SUITES);
const quick = values.quick;
const rows: Row[] = [];
const raw: Record<string, unknown> = {};
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
const x = (n: number) => `${n.toFixed(2)}×`;
const within = (value: number, limit: number) => ({ budget: `≤ ${x(limit)}`, ok: value <= limit });

function log(message: string) {
  console.error(`• ${message}`);
}

// Every provider of the manifest, built (pnpm bench builds first); the per-call and memory
// benchmarks use the first, as the representative of all.
const providers = await benchProviders(repo);
const [first] = providers;
if (!first) throw new Error("scripts/providers.json lists no provider");

// The client suites run on every runtime asked for (per-call, cold start); the bundle does not
// depend on one, and the other suites stay on the Node running this.
const runtimes =
  selected.has("per-call") || selected.has("cold-start")
    ? benchRuntimes(repo, values.runtimes.split(","))
    : [];
const peers = selected.has("per-call") || selected.has("bundle") ? benchPeers(repo) : undefined;
let perCallMatrix = "";

if (selected.has("per-call")) {
  log(
    `per-call cost of ${first.packageName} and its peers, on ${runtimes.map((r) => r.id).join(", ")}…`,
  );
  const runs = await perCallBench(scriptsDir, first, runtimes, peers!, quick);
  raw.perCall = runs;
  perCallMatrix = perCallTable(runs);
  rows.push(...perCallBudgets(runs).map((row) => ({ suite: "per-call" as const, ...row })));
}

if (selected.has("bundle")) {
  log("bundle size (esbuild, minified, gzip -9)…");
  const results = await bundleSizeBench(scriptsDir, providers, peers!.nodeModules);
  raw.bundle = results;
  const base = results.find((r) => r.name === "openapi-fetch")!;
  const ky = results.find((r) => r.name === "ky alone")!;
  rows.push({
    suite: "bundle",
    metric: "ky alone: min / min+gz",
    value: `${ky.minified} B / ${ky.gzipped} B`,
  });
  for (const r of results) {
    if (r === ky) continue;
    rows.push({
      suite: "bundle",
      metric: `${r.name}: min / min+gz (openapi-fetch part, our part, minified)`,
      value: `${r.minified} B / ${r.gzipped} B (${r.openapiFetchBytes} B, ${r.ourBytes} B)`,
    });
    if (r === base) continue;
    const added = r.gzipped - base.gzipped;
    rows.push({
      suite: "bundle",
      metric: `${r.name}: added over openapi-fetch, min+gz`,
      value: `${added} B`,
      budget: "≤ 6144 B",
      ok: added <= 6144,
    });
    rows.push({
      suite: "bundle",
      metric: `${r.name} / ky alone, min+gz`,
      value: `${r.gzipped} B / ${ky.gzipped} B`,
      budget: "≤ ky alone",
      ok: r.gzipped <= ky.gzipped,
    });
  }
}

if (selected.has("cold-start")) {
  const coldStart: Record<string, unknown> = {};
  raw.coldStart = coldStart;
  for (const runtime of runtimes) {
    log(`cold start on ${runtime.id} (import in a fresh process, alternating)…`);
    const result = await coldStartBench(scriptsDir, providers, runtime, quick ? 10 : 30);
    coldStart[runtime.id] = result;
    const s = result.summaries;
    const names = ["openapi-fetch", ...providers.map((p) => p.packageName)];
    rows.push({
      suite: "cold-start",
      metric: `${runtime.id}: import time: ${names.join(" / ")}`,
      value: names.map((name) => ms(s[name]!.median)).join(" / "),
    });
    rows.push({
      suite: "cold-start",
      metric: `${runtime.id}: ${first.packageName} ÷ openapi-fetch`,
      value: x(result.ratio),
      ...within(result.ratio, 1.5),
    });
  }
}

const specs = selected.has("codegen") || selected.has("typecheck") ? await benchSpecs(repo) : [];

if (selected.has("codegen")) {
  log("codegen: pnpm generate cold and warm…");
  const turbo = await turboGenerate(repo, quick ? 2 : 4);
  raw.turboGenerate = turbo;
  rows.push({
    suite: "codegen",
    metric: "pnpm generate: cold (--force) / warm (turbo cache hit)",
    value: `${ms(turbo.cold.median)} / ${ms(turbo.warm.median)}`,
  });
  log("codegen: our generator against the openapi-typescript CLI, growing specs…");
  const scaling = await codegenScaling(repo, specs, quick ? 2 : 4);
  raw.codegenScaling = scaling;
  for (const r of scaling) {
    const largest = r === scaling.at(-1);
    rows.push({
      suite: "codegen",
      metric: `${r.spec} (${(r.bytes / 1024).toFixed(0)} KiB): ours / openapi-typescript CLI`,
      value: `${ms(r.ours.median)} / ${ms(r.bare.median)} = ${x(r.ratio)}`,
      ...(largest ? within(r.ratio, 1.2) : {}),
    });
  }
}

if (selected.has("typecheck")) {
  log("type-check cost on the full Ampersand spec…");
  const full = specs.find((s) => s.name === "ampersand-full")!;
  const { schema, cleanup } = generateSchema(repo, full);
  try {
    const results = typecheckBench(schema, resolve(scriptsDir, ".cache/typecheck"));
    raw.typecheck = results;
    const [bare, ours] = results as [(typeof results)[0], (typeof results)[0]];
    rows.push({
      suite: "typecheck",
      metric: "types / instantiations / check time: openapi-fetch",
      value: `${bare.types} / ${bare.instantiations} / ${bare.checkTimeSeconds} s`,
    });
    rows.push({
      suite: "typecheck",
      metric: "types / instantiations / check time: ours",
      value: `${ours.types} / ${ours.instantiations} / ${ours.checkTimeSeconds} s`,
    });
    const r = ours.instantiations / bare.instantiations;
    rows.push({
      suite: "typecheck",
      metric: "instantiations: ours ÷ openapi-fetch",
      value: x(r),
      ...within(r, 1.2),
    });
  } finally {
    cleanup();
  }
}

if (selected.has("memory")) {
  log("memory: rounds of 10,000 sequential + 1,000 concurrent calls…");
  const results = await memoryBench(first, quick ? 4 : 8);
  raw.memory = results;
  for (const r of results) {
    rows.push({
      suite: "memory",
      metric: `${r.variant}: peak RSS / heap after GC per round`,
      value: `${r.peakRssMiB.toFixed(1)} MiB / ${r.heapMiB.map((h) => h.toFixed(1)).join(", ")} MiB`,
    });
    // A retained object per call would grow the heap by 11,000 × its size each round: megabytes.
    rows.push({
      suite: "memory",
      metric: `${r.variant}: heap growth per round after warm-up`,
      value: `${r.growthKiBPerRound.toFixed(0)} KiB`,
      budget: "≤ 256 KiB",
      ok: r.growthKiBPerRound <= 256,
    });
  }
}

const versions = [
  ...runtimes.map((r) => `${r.id} ${r.version}`),
  ...Object.entries(peers?.versions ?? {}).map(([name, version]) => `${name} ${version}`),
];
const machine = `${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${versions.length > 0 ? `; ${versions.join(", ")}` : ""}`;
console.log(`\n${machine}\n`);
if (perCallMatrix) console.log(`Per call, median (÷ bare openapi-fetch):\n\n${perCallMatrix}\n`);
// A Markdown table, as BENCHMARKS.md quotes it: the last column says whether a budget is met.
const cells = (r: Row) => [
  r.suite,
  r.metric,
  r.value,
  r.budget ?? "",
  r.ok === undefined ? "" : r.ok ? "✔" : "✖ over budget",
];
const table = [["suite", "metric", "value", "budget", ""], ...rows.map(cells)];
const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
console.log(line(table[0]!));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of table.slice(1)) console.log(line(row));

if (values.json) writeFileSync(values.json, JSON.stringify({ machine, rows, raw }, null, 2));
const missed = rows.filter((r) => r.ok === false);
if (values.check) {
  if (missed.length > 0) {
    console.error(
      `\n✖ ${missed.length} budget(s) missed: ${missed.map((r) => `${r.suite} ${r.metric} = ${r.value}`).join("; ")}`,
    );
    process.exitCode = 1;
  } else console.error("\n✔ every budget met");
}
