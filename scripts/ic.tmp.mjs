// node ic.tmp.mjs <variant> <calls>
import createClient from "openapi-fetch";
const { createApiClient } = await import("../packages/core/dist/index.js");
const f = async () => new Response(null, { status: 204 });
const base = "https://api.example.com/v1";
const P = "/projects/{p}/jwt-keys/{k}"; const params = { path: { p: "x", k: "y" } };
const provider = { name: "x", baseUrl: base, auth: { apiKey: { header: "X-Api-Key" } } };
const [variant, n] = [process.argv[2], Number(process.argv[3])];
const c = variant === "bare" ? createClient({ baseUrl: base, fetch: f, headers: { "X-Api-Key": "k" } }) : createApiClient(provider, { apiKey: "k", fetch: f });
for (let i = 0; i < 2000; i++) await c.DELETE(P, { params });   // warm-up, same in both runs
for (let i = 0; i < n; i++) await c.DELETE(P, { params });
