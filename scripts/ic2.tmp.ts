import createClient from "openapi-fetch";
import { createApiClient } from "../packages/core/src/index.js";
import { createTransport } from "../packages/core/src/transport.js";
import { DEFAULT_RETRY_POLICY } from "../packages/core/src/retry-policy.js";
const f = async () => new Response(null, { status: 204 });
const base = "https://api.example.com/v1";
const P = "/projects/{p}/jwt-keys/{k}"; const params = { path: { p: "x", k: "y" } };
const provider = { name: "x", baseUrl: base, auth: { apiKey: { header: "X-Api-Key" } } };
const [variant, n] = [process.argv[2]!, Number(process.argv[3])];
const make = (): any => {
  switch (variant) {
    case "bare": return createClient({ baseUrl: base, fetch: f, headers: { "X-Api-Key": "k" } });
    case "mw": { const c = createClient({ baseUrl: base, fetch: f, headers: { "X-Api-Key": "k" } }); c.use({ onRequest() {}, onResponse() {} }); return c; }
    case "transport": return createClient({ baseUrl: base, fetch: createTransport(f, { timeoutMs: 60000, retry: DEFAULT_RETRY_POLICY, credentialHeaders: new Set(["x-api-key"]) }), headers: { "X-Api-Key": "k" } });
    case "transportInf": return createClient({ baseUrl: base, fetch: createTransport(f, { timeoutMs: Infinity, retry: DEFAULT_RETRY_POLICY, credentialHeaders: new Set(["x-api-key"]) }), headers: { "X-Api-Key": "k" } });
    case "floor": return createClient({ baseUrl: base, headers: { "X-Api-Key": "k" }, fetch: async (r: Request, i?: RequestInit) => { const c = new AbortController(); const t = setTimeout(() => c.abort(), 60000); try { return await f(); } finally { clearTimeout(t); } } });
    case "floorL": return createClient({ baseUrl: base, headers: { "X-Api-Key": "k" }, fetch: async (r: Request, i?: RequestInit) => { const c = new AbortController(); const on = () => c.abort(); r.signal.addEventListener("abort", on, { once: true }); const t = setTimeout(() => c.abort(), 60000); try { return await f(); } finally { clearTimeout(t); r.signal.removeEventListener("abort", on); } } });
    case "ours": return createApiClient(provider, { apiKey: "k", fetch: f });
  }
};
const c = make();
for (let i = 0; i < 2000; i++) await c.DELETE(P, { params });
for (let i = 0; i < n; i++) await c.DELETE(P, { params });
