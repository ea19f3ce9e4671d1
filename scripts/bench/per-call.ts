// Per-call overhead: the same call (the first provider's README first call) made by raw fetch
// with a hand-built URL (the limit), by bare openapi-fetch, and by our client with its default
// options (retries and timeout armed), over an in-process transport and over keep-alive HTTP on
// loopback. Whatever the operation, the peer answers 204 at once: only client-side work counts.
import { fileURLToPath } from "node:url";
import createClient from "openapi-fetch";
import { startProcess, stopProcess, waitForExit } from "@apiclients/testing";
import {
  callOn,
  headersOf,
  ourClient,
  rawUrl,
  type AnyClient,
  type BenchProvider,
} from "./call.js";
import { alternate, perCall, ratio, type Summary } from "./stats.js";

type Fetch = (input: Request, init?: RequestInit) => Promise<Response>;

/**
 * What any per-attempt timeout costs on this runtime: an AbortController, a timer and the signal
 * handed to fetch, around bare openapi-fetch. The floor for a client that can time out at all.
 */
function withMinimalTimeout(fetch: Fetch): Fetch {
  return async (input, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    try {
      return await fetch(input, { ...init, signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  };
}

async function variants(provider: BenchProvider, baseUrl: string, fetch: Fetch) {
  const headers = headersOf(provider);
  const bare = createClient({ baseUrl, fetch, headers }) as unknown as AnyClient;
  const timed = createClient({
    baseUrl,
    fetch: withMinimalTimeout(fetch),
    headers,
  }) as unknown as AnyClient;
  const ours = await ourClient(provider, { baseUrl, fetch });
  const url = rawUrl(baseUrl, provider);
  const expect204 = ({ response }: { response: Response }) => {
    if (response.status !== 204) throw new Error(`unexpected ${response.status}`);
  };
  return {
    "raw fetch": async () => {
      const response = await fetch(new Request(url, { method: provider.method, headers }));
      expect204({ response });
    },
    "openapi-fetch": async () => expect204(await callOn(bare, provider)),
    "openapi-fetch + timeout": async () => expect204(await callOn(timed, provider)),
    ours: async () => expect204(await callOn(ours, provider)),
  };
}

export interface PerCallResult {
  transport: string;
  summaries: Record<string, Summary>;
  /** Our client's median over bare openapi-fetch's. */
  ratio: number;
  /** Our client's median over openapi-fetch with the minimal timeout: what our own code adds. */
  ratioToTimeoutFloor: number;
}

async function measure(
  provider: BenchProvider,
  transport: string,
  baseUrl: string,
  fetch: Fetch,
  batch: number,
  rounds: number,
): Promise<PerCallResult> {
  const calls = await variants(provider, baseUrl, fetch);
  // Warm up every path (JIT, connection pool) before any round counts.
  await alternate(
    Object.fromEntries(Object.entries(calls).map(([k, call]) => [k, perCall(call, batch)])),
    3,
  );
  const summaries = await alternate(
    Object.fromEntries(Object.entries(calls).map(([k, call]) => [k, perCall(call, batch)])),
    rounds,
  );
  const ours = summaries.ours!;
  return {
    transport,
    summaries,
    ratio: ratio(ours, summaries["openapi-fetch"]!),
    ratioToTimeoutFloor: ratio(ours, summaries["openapi-fetch + timeout"]!),
  };
}

/** A fetch that answers at once, so only client-side work is measured. */
const inProcessFetch: Fetch = async () => new Response(null, { status: 204 });

/** A keep-alive HTTP server in its own process (so it does not share our event loop). */
async function startLoopbackServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = fileURLToPath(new URL("./loopback-server.ts", import.meta.url));
  const child = startProcess(process.execPath, ["--import", "tsx", server], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { port: number }).port));
    waitForExit(child).then(
      ({ code }) => reject(new Error(`loopback server exited with ${code}`)),
      reject,
    );
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => stopProcess(child) };
}

export async function perCallBench(
  provider: BenchProvider,
  quick: boolean,
): Promise<PerCallResult[]> {
  const results = [
    await measure(
      provider,
      "in-process",
      "https://api.example.com/v1",
      inProcessFetch,
      quick ? 500 : 2_000,
      quick ? 10 : 40,
    ),
  ];
  const server = await startLoopbackServer();
  try {
    results.push(
      await measure(
        provider,
        "loopback HTTP",
        server.url,
        (input, init) => globalThis.fetch(input, init),
        quick ? 100 : 400,
        quick ? 10 : 30,
      ),
    );
  } finally {
    await server.stop();
  }
  return results;
}
