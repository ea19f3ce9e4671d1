// The per-call results as a table (answer shape × transport × runtime, every client's median and
// its ratio to bare openapi-fetch) and as the budget rows `pnpm bench:check` judges:
// in process, ours at most 1.25× openapi-fetch and faster than every peer; over loopback, at
// most 1.05×; per shape and per runtime.
import type { PerCallRun } from "./per-call.js";
import { SHAPE_LABELS } from "./shapes.js";
import { ratio } from "./stats.js";
import { PEERS, VARIANTS } from "./variants.js";

export interface BudgetRow {
  metric: string;
  value: string;
  budget?: string;
  ok?: boolean;
}

const BUDGETS: Record<string, number> = { "in-process": 1.25, "loopback HTTP": 1.05 };
const x = (n: number) => `${n.toFixed(2)}×`;
const time = (ns: number) =>
  ns < 1e6 ? `${(ns / 1e3).toFixed(1)} µs` : `${(ns / 1e6).toFixed(2)} ms`;

function markdown(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [
    line(header),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...rows.map(line),
  ].join("\n");
}

/** Every client's median per call, and ÷ openapi-fetch's. */
export function perCallTable(runs: readonly PerCallRun[]): string {
  const rows = runs.flatMap((run) =>
    run.results.map(({ transport, shape, summaries }) => [
      run.runtime,
      transport,
      SHAPE_LABELS[shape] ?? shape,
      ...VARIANTS.map((name) =>
        name === "openapi-fetch"
          ? time(summaries[name].median)
          : `${time(summaries[name].median)} ${x(ratio(summaries[name], summaries["openapi-fetch"]))}`,
      ),
    ]),
  );
  return markdown(["runtime", "transport", "answer", ...VARIANTS], rows);
}

export function perCallBudgets(runs: readonly PerCallRun[]): BudgetRow[] {
  return runs.flatMap((run) =>
    run.results.map(({ transport, shape, summaries }) => {
      const limit = BUDGETS[transport]!;
      const toBase = ratio(summaries.ours, summaries["openapi-fetch"]);
      const where = `${run.runtimeId} ${transport} ${SHAPE_LABELS[shape] ?? shape}`;
      if (transport !== "in-process")
        return {
          metric: `${where}: ours ÷ openapi-fetch`,
          value: x(toBase),
          budget: `≤ ${x(limit)}`,
          ok: toBase <= limit,
        };
      const fastest = [...PEERS].sort((a, b) => summaries[a].median - summaries[b].median)[0]!;
      const toPeer = ratio(summaries.ours, summaries[fastest]);
      return {
        metric: `${where}: ours ÷ openapi-fetch; ÷ fastest peer (${fastest})`,
        value: `${x(toBase)}; ${x(toPeer)}`,
        budget: `≤ ${x(limit)}; < 1×`,
        ok: toBase <= limit && toPeer < 1,
      };
    }),
  );
}
