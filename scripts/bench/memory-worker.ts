// Runs in its own process (with --expose-gc): rounds of sequential and concurrent calls through
// one client, reporting heap and RSS after a full GC at the end of each round.
//   memory-worker.ts <ours|openapi-fetch> <rounds> <provider, as JSON (call.ts)>
import createClient from "openapi-fetch";
import { callOn, headersOf, ourClient, type AnyClient, type BenchProvider } from "./call.js";

const [variant = "ours", roundsArg = "6", providerJson = "{}"] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

const provider = JSON.parse(providerJson) as BenchProvider;
const fetch = async () => new Response(null, { status: 204 });
const baseUrl = "https://api.example.com/v1";
const client: AnyClient =
  variant === "ours"
    ? await ourClient(provider, { baseUrl, fetch })
    : (createClient({ baseUrl, fetch, headers: headersOf(provider) }) as unknown as AnyClient);
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
