// The per-call benchmark inside one runtime (Node or Bun; compiled to one file by compile.ts, so
// every runtime runs the same JavaScript), for one answer shape and one transport (in process or
// over loopback): every client makes the call, round after round in alternating order. Before
// any timing, each client's first call is checked (request-check.ts, outcomeProblems), and the
// run stops on a client that did not do what it claims. Prints the summaries as JSON, as its
// last line.
//   per-call-worker.mjs <WorkerConfig as JSON>
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { rawUrl, type BenchProvider } from "./call.js";
import { RequestCheck, type Fetch } from "./request-check.js";
import { respond, SHAPES, type Shape, type TransportName } from "./shapes.js";
import { alternate, perCall, type Summary } from "./stats.js";
import {
  outcomeProblems,
  variants,
  type Peers,
  type Variant,
  type VariantName,
} from "./variants.js";

export interface WorkerConfig {
  provider: BenchProvider;
  /** The module that re-exports the peer libraries (peers.ts). */
  peersUrl: string;
  loopbackUrl: string;
  quick: boolean;
  /** The one answer shape (shapes.ts) and transport this process measures: each gets a fresh
   * process, so what one leaves in the heap cannot slow the next (ky 2.2 keeps about 4 KB per
   * call for good, on Node 20 and 22: hundreds of MB over a shape's rounds, which made each
   * full collection, and the whole run, crawl). */
  shape: string;
  transport: TransportName;
}

export interface ShapeResult {
  transport: string;
  shape: string;
  /** Calls per sample: each sample is the mean of a batch of sequential calls. */
  batch: number;
  summaries: Record<VariantName, Summary>;
}

export interface WorkerResult {
  /** The runtime as it names itself, e.g. "Node v22.23.3" or "Bun 1.4.5". */
  runtime: string;
  result: ShapeResult;
}

interface Transport {
  name: TransportName;
  baseUrl(shape: Shape): string;
  fetch(shape: Shape): Fetch;
}

const config = JSON.parse(process.argv[2] ?? "") as WorkerConfig;
const { provider, quick } = config;
const peers = (await import(config.peersUrl)) as Peers;
const bun = (process.versions as { bun?: string }).bun;
const runtime = bun ? `Bun ${bun}` : `Node ${process.version}`;

const transports: Transport[] = [
  {
    // A fetch that answers at once, so only client-side work (and reading the body) counts.
    name: "in-process",
    baseUrl: () => "https://api.example.com/v1",
    fetch: (shape) => async () => respond(shape),
  },
  {
    // The keep-alive server (loopback-server.ts) picks the answer by the first path segment.
    name: "loopback HTTP",
    baseUrl: (shape) => `${config.loopbackUrl}/${shape.id}`,
    fetch: () => (input, init) => globalThis.fetch(input, init),
  },
];

/** Each variant's first call, checked: the request it made and what it read. */
async function verify(calls: Record<string, Variant>, shape: Shape, check: RequestCheck) {
  for (const [name, call] of Object.entries(calls)) {
    check.begin();
    let problems: string[];
    try {
      problems = outcomeProblems(shape, await call());
    } catch (error) {
      problems = [`threw ${String(error)}`];
    }
    problems.push(...check.end());
    if (problems.length > 0)
      throw new Error(
        `${runtime}, ${shape.id}: ${name} did not make the call: ${problems.join("; ")}`,
      );
  }
}

/** Calls `call` for about `ms`, at least 3 times: the JIT, the connection pool and any cache
 * settle before anything is measured. */
async function warm(call: Variant, ms: number) {
  const until = performance.now() + ms;
  for (let n = 0; n < 3 || performance.now() < until; n++) await call();
}

/** Calls per sample so that a sample of bare openapi-fetch (warm) lasts about `targetMs`:
 * batches grow until one lasts 5 ms, then the fastest of three such batches counts (a pause of
 * a busy machine must not make every later sample one call long). */
async function calibrate(call: Variant, targetMs: number): Promise<number> {
  let batch = 1;
  while (batch < 1_000 && (await perCall(call, batch)()) * batch < 5e6) batch *= 4;
  const samples = [];
  for (let i = 0; i < 3; i++) samples.push(await perCall(call, batch)());
  return Math.max(1, Math.min(10_000, Math.round((targetMs * 1e6) / Math.min(...samples))));
}

/**
 * A full garbage collection, run before each sample: a sample then pays for the garbage of its
 * own calls, not for what the client measured before it left behind (a 1 MB body makes enough
 * to turn the medians of the large shapes into noise otherwise).
 */
function collector(): () => void {
  const bun = (globalThis as { Bun?: { gc(force: boolean): void } }).Bun;
  if (bun) return () => bun.gc(true);
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}
const collect = collector();

/** `perCall`, after a full collection. */
const sampled = (call: Variant, batch: number) => {
  const sample = perCall(call, batch);
  return () => {
    collect();
    return sample();
  };
};

const transport = transports.find(({ name }) => name === config.transport);
const shape = SHAPES.find(({ id }) => id === config.shape);
if (!transport || !shape)
  throw new Error(`no transport "${config.transport}" with a shape "${config.shape}" to measure`);
const baseUrl = transport.baseUrl(shape);
const check = new RequestCheck({
  method: provider.method,
  url: rawUrl(baseUrl, provider),
  ...(provider.header ? { header: provider.header } : {}),
});
const calls = await variants(shape, {
  provider,
  baseUrl,
  fetch: check.wrap(transport.fetch(shape)),
  peers,
});
await verify(calls, shape, check);
for (const call of Object.values(calls)) await warm(call, quick ? 100 : 300);
const batch = await calibrate(calls["openapi-fetch"], quick ? 20 : 50);
const timed = Object.fromEntries(
  Object.entries(calls).map(([name, call]) => [name, sampled(call, batch)]),
) as Record<VariantName, () => Promise<number>>;
const summaries = await alternate(timed, quick ? 10 : 30);
console.error(`  ${runtime}: ${transport.name}, ${shape.id} (${batch} calls per sample)`);
const result = { transport: transport.name, shape: shape.id, batch, summaries };
console.log(JSON.stringify({ runtime, result } satisfies WorkerResult));
