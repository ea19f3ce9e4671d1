// Runs in its own process (with --expose-gc): rounds of sequential and concurrent calls through
// one client, reporting heap and RSS after a full GC at the end of each round.
import createClient from "openapi-fetch";
import { createAmpersandClient, type paths } from "@apiclients/ampersand";

const [variant = "ours", roundsArg = "6"] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

const fetch = async () => new Response(null, { status: 204 });
const baseUrl = "https://api.example.com/v1";
const client =
  variant === "ours"
    ? createAmpersandClient({ baseUrl, fetch, apiKey: "bench-api-key-0123456789" })
    : createClient<paths>({ baseUrl, fetch, headers: { "X-Api-Key": "bench-api-key-0123456789" } });
const call = () =>
  client.DELETE("/projects/{projectIdOrName}/jwt-keys/{keyId}", {
    params: { path: { projectIdOrName: "p", keyId: "k" } },
  });

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
