// Runs in its own process (with --expose-gc): rounds of sequential and concurrent calls through
// one client, reporting heap and RSS after a full GC at the end of each round.
//   memory-worker.ts <ours|openapi-fetch> <rounds> <provider, as JSON (providers.ts)>
import createClient from "openapi-fetch";
import { callOn, ourClient, type AnyClient, type BenchProvider } from "./providers.js";

const [variant = "ours", roundsArg = "6", providerJson = "{}"] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

// The header travels as its pair: a function does not survive JSON.
const { headerPair, ...provider } = JSON.parse(providerJson) as BenchProvider & {
  headerPair?: [string, string];
};
const apiKey = "bench-api-key-0123456789";
const fetch = async () => new Response(null, { status: 204 });
const baseUrl = "https://api.example.com/v1";
const client: AnyClient =
  variant === "ours"
    ? await ourClient(provider, { baseUrl, fetch }, apiKey)
    : (createClient({
        baseUrl,
        fetch,
        headers: headerPair ? Object.fromEntries([headerPair]) : {},
      }) as unknown as AnyClient);
const call = () => callOn(client, provider);

const rounds: Array<{ heapUsed: number; rss: number }> = [];
for (let round = 0; round < Number(roundsArg); round++) {
  for (let i = 0; i < 10_000; i++) await call();
  await Promise.all(Array.from({ length: 1_000 }, call));
  // Let timers and finalizers run, then collect everything collectable.
  await new Promise((resolve) => setTimeout(resolve, 10));
  gc();
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  rounds.push({ heapUsed, rss });
}
process.send?.({ rounds, maxRssBytes: process.resourceUsage().maxRSS * 1024 });
