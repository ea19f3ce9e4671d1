// Fault injection against a real HTTP server on loopback: each test asserts how many attempts
// reached the server and bounds how long the call took. Upper bounds sit well below the wait
// they rule out (a 5 s response, a 30 s Retry-After, a day) and well above a busy CI machine's
// noise, so they prove the behaviour without ever failing on a slow run.
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { answer, startScriptedServer, type ScriptedServer, type Step } from "@apiclients/testing";
import {
  AbortError,
  ConnectionError,
  isProblemError,
  TimeoutError,
  unwrap,
} from "@apiclients/problem";
import { createApiClient, type ClientOptions, type ProviderConfig } from "../src/index.js";

interface paths {
  "/things/{id}": {
    get: {
      parameters: { path: { id: string } };
      responses: { 200: { content: { "application/json": unknown } } };
    };
    put: {
      parameters: { path: { id: string } };
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 204: { content?: never } };
    };
    delete: { parameters: { path: { id: string } }; responses: { 204: { content?: never } } };
  };
  "/things": {
    post: {
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 201: { content?: never } };
    };
  };
}

const provider: ProviderConfig = {
  name: "test",
  baseUrl: "http://127.0.0.1:1",
  apiKeyEnvVar: "FAULTS_TEST_API_KEY",
  auth: {
    apiKey: { header: "X-Api-Key" },
    bearerToken: { header: "Authorization", scheme: "Bearer" },
  },
};

/** Open sockets of this process, by kind. */
function openSockets(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (/TCP|Pipe/.test(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** Kinds of socket of which more are open now than in the baseline. */
function grownSince(baseline: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(openSockets()).filter(([kind, n]) => n > (baseline[kind] ?? 0)),
  );
}

// Timers the client code starts and has not yet cleared or seen fire. (Node's resource list
// groups timers, so it cannot count them; this does.)
const liveTimers = new Set<unknown>();
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
beforeEach(() => {
  liveTimers.clear();
  globalThis.setTimeout = ((
    callback: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    const handle = realSetTimeout(() => {
      liveTimers.delete(handle);
      callback(...args);
    }, ms);
    liveTimers.add(handle);
    return handle;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((handle: Parameters<typeof clearTimeout>[0]) => {
    liveTimers.delete(handle);
    realClearTimeout(handle);
  }) as typeof clearTimeout;
});
afterEach(() => {
  globalThis.setTimeout = realSetTimeout;
  globalThis.clearTimeout = realClearTimeout;
});

/**
 * Nothing the call opened is still open: no timer, no socket. Sockets (and the test server's own
 * timers, which stop when its sockets close) get a moment to be torn down first.
 */
async function expectNothingLeftOpen(baseline: Record<string, number>) {
  const settled = () => liveTimers.size === 0 && Object.keys(grownSince(baseline)).length === 0;
  for (let i = 0; i < 50 && !settled(); i++)
    await new Promise((resolve) => realSetTimeout(resolve, 20));
  expect(liveTimers.size).toBe(0);
  expect(grownSince(baseline)).toEqual({});
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server playing `steps`, a client for it with quick backoff, and a timer. */
async function setup(steps: Step[], options: ClientOptions = {}) {
  server = await startScriptedServer(steps);
  const client = createApiClient<paths>(provider, {
    baseUrl: server.url,
    apiKey: "test-key-123456",
    retryDelay: { initialMs: 20, maxMs: 100 },
    ...options,
  });
  const started = performance.now();
  return { client, server, elapsed: () => performance.now() - started };
}

const params = { path: { id: "t1" } };
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );

describe("retries", () => {
  it("waits as Retry-After says after a 503, then succeeds", async () => {
    const { client, server, elapsed } = await setup([
      answer.json(503, { title: "busy" }, { "retry-after": "1" }),
      answer.noContent(),
    ]);
    const { response } = await client.DELETE("/things/{id}", { params });
    expect(response.status).toBe(204);
    expect(server.hits).toHaveLength(2);
    const gap = server.hits[1]!.at - server.hits[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(950);
    expect(elapsed()).toBeLessThan(10_000);
  });

  it("honours retry-after-ms", async () => {
    const { client, server } = await setup([
      answer.json(429, {}, { "retry-after-ms": "150" }),
      answer.noContent(),
    ]);
    expect((await client.DELETE("/things/{id}", { params })).response.status).toBe(204);
    expect(server.hits[1]!.at - server.hits[0]!.at).toBeGreaterThanOrEqual(140);
  });

  it("retries a connection reset mid-response, then succeeds", async () => {
    const { client, server, elapsed } = await setup([
      answer.resetMidBody(),
      answer.json(200, { ok: true }),
    ]);
    const { data } = await client.GET("/things/{id}", { params });
    expect(data).toEqual({ ok: true });
    expect(server.hits).toHaveLength(2);
    expect(elapsed()).toBeLessThan(10_000);
  });

  it("gives up after maxRetries and reports a connection error with its cause", async () => {
    const { client, server, elapsed } = await setup([answer.resetMidBody()], { maxRetries: 2 });
    const error = await failureOf(client.GET("/things/{id}", { params }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).attempts).toBe(3);
    expect((error as Error).cause).toBeDefined();
    expect((error as Error).message).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/things\/t1 failed: could not get a response .* after 3 attempts$/,
    );
    expect(server.hits).toHaveLength(3);
    expect(elapsed()).toBeLessThan(10_000);
  });

  it("does not wait a day for a 429 that says Retry-After: 86400", async () => {
    const { client, server, elapsed } = await setup([
      answer.json(429, { title: "Too many" }, { "retry-after": "86400" }),
    ]);
    const error = await failureOf(unwrap(client.DELETE("/things/{id}", { params })));
    expect(isProblemError(error)).toBe(true);
    if (!isProblemError(error)) return;
    expect(error.status).toBe(429);
    expect(error.retryable).toBe(true);
    expect(error.retryAfter!.getTime()).toBeGreaterThan(Date.now() + 86_000_000);
    expect(server.hits).toHaveLength(1);
    expect(elapsed()).toBeLessThan(10_000);
  });

  it("does not retry a 500 whose problem says retryable: false", async () => {
    const { client, server } = await setup([
      answer.json(
        500,
        { title: "Broken", retryable: false },
        { "content-type": "application/problem+json" },
      ),
    ]);
    const error = await failureOf(unwrap(client.DELETE("/things/{id}", { params })));
    expect(isProblemError(error) && error.status).toBe(500);
    expect(server.hits).toHaveLength(1);
  });

  it("retries a 400 whose problem says retryable: true, at the time it names", async () => {
    const at = new Date(Date.now() + 300).toISOString();
    const { client, server } = await setup([
      answer.json(400, { retryable: true, retryAfter: at }),
      answer.noContent(),
    ]);
    expect((await client.DELETE("/things/{id}", { params })).response.status).toBe(204);
    expect(server.hits).toHaveLength(2);
    expect(server.hits[1]!.at - server.hits[0]!.at).toBeGreaterThanOrEqual(200);
  });

  it("does not retry a POST answered 503, unless asked to", async () => {
    const body = { name: "n" };
    const once = await setup([answer.json(503, {})]);
    expect((await once.client.POST("/things", { body })).response.status).toBe(503);
    expect(once.server.hits).toHaveLength(1);
    await once.server.close();

    const opted = await setup([answer.json(503, {})], { retryNonIdempotent: true });
    expect((await opted.client.POST("/things", { body })).response.status).toBe(503);
    expect(opted.server.hits).toHaveLength(3);
  });

  it("sends the same request afresh on every attempt, body included", async () => {
    const { client, server } = await setup([
      answer.json(502, {}),
      answer.json(504, {}),
      answer.noContent(),
    ]);
    await client.PUT("/things/{id}", { params, body: { name: "same" } });
    expect(server.hits.map((h) => [h.method, h.url, h.body, h.headers["x-api-key"]])).toEqual([
      ["PUT", "/things/t1", '{"name":"same"}', "test-key-123456"],
      ["PUT", "/things/t1", '{"name":"same"}', "test-key-123456"],
      ["PUT", "/things/t1", '{"name":"same"}', "test-key-123456"],
    ]);
  });

  it("makes one attempt only when maxRetries is 0", async () => {
    const { client, server } = await setup([answer.json(503, {})], { maxRetries: 0 });
    expect((await client.DELETE("/things/{id}", { params })).response.status).toBe(503);
    expect(server.hits).toHaveLength(1);
  });

  it("reports a refused connection as a ConnectionError", async () => {
    const closed = await startScriptedServer([answer.noContent()]);
    const url = closed.url;
    await closed.close();
    const client = createApiClient<paths>(provider, {
      baseUrl: url,
      maxRetries: 1,
      retryDelay: { initialMs: 10 },
    });
    const error = await failureOf(client.DELETE("/things/{id}", { params }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("ECONNREFUSED");
    expect((error as ConnectionError).attempts).toBe(2);
  });
});

describe("timeouts and cancellation", () => {
  it("times out a slow response with an error that says so", async () => {
    const baseline = openSockets();
    const { client, server, elapsed } = await setup([answer.slow(5_000)], {
      timeoutMs: 200,
      maxRetries: 0,
    });
    const error = await failureOf(client.DELETE("/things/{id}", { params }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/timed out after 200 ms$/);
    expect(server.hits).toHaveLength(1);
    expect(elapsed()).toBeGreaterThanOrEqual(190);
    expect(elapsed()).toBeLessThan(4_000);
    await server.close();
    await expectNothingLeftOpen(baseline);
  });

  it("retries a timed-out attempt, with a fresh timeout for each", async () => {
    const { client, server, elapsed } = await setup([answer.slow(5_000), answer.noContent()], {
      timeoutMs: 200,
    });
    expect((await client.DELETE("/things/{id}", { params })).response.status).toBe(204);
    expect(server.hits).toHaveLength(2);
    expect(elapsed()).toBeLessThan(4_000);
  });

  it("ends at once when the caller aborts, and never retries", async () => {
    const { client, server, elapsed } = await setup([answer.slow(5_000)]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user navigated away")), 100);
    const error = await failureOf(
      client.DELETE("/things/{id}", { params, signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).name).toBe("AbortError");
    expect(((error as Error).cause as Error).message).toBe("user navigated away");
    expect(server.hits).toHaveLength(1);
    expect(elapsed()).toBeLessThan(4_000);
  });

  it("ends at once when the caller aborts during the wait between attempts", async () => {
    const baseline = openSockets();
    const { client, server, elapsed } = await setup([
      answer.json(503, {}, { "retry-after": "30" }),
    ]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const error = await failureOf(
      client.DELETE("/things/{id}", { params, signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(server.hits).toHaveLength(1);
    expect(elapsed()).toBeLessThan(10_000);
    await server.close();
    await expectNothingLeftOpen(baseline); // the 30 s backoff timer is gone too
  });

  it("with timeoutMs: Infinity, waits as long as it takes, and the caller can still abort", async () => {
    const { client } = await setup([answer.slow(300)], { timeoutMs: Infinity, maxRetries: 0 });
    expect((await client.DELETE("/things/{id}", { params })).response.status).toBe(204);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failureOf(
      client.DELETE("/things/{id}", { params, signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(AbortError);
  });

  it("does not send at all with a signal that is already aborted", async () => {
    const { client, server } = await setup([answer.noContent()]);
    const error = await failureOf(
      client.DELETE("/things/{id}", { params, signal: AbortSignal.abort() }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(server.hits).toHaveLength(0);
  });
});

describe("load", () => {
  it("completes 1,000 requests in flight at once and leaves nothing open", async () => {
    const baseline = openSockets();
    const { client, server } = await setup([answer.json(200, { ok: true })]);
    const results = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) =>
        client.GET("/things/{id}", { params: { path: { id: `t${i}` } } }),
      ),
    );
    expect(results.every((r) => r.response.status === 200 && (r.data as { ok: boolean }).ok)).toBe(
      true,
    );
    expect(new Set(server.hits.map((h) => h.url)).size).toBe(1_000);
    await server.close();
    await expectNothingLeftOpen(baseline);
  }, 120_000);
});
