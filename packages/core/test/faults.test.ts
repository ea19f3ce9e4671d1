// Fault injection. Waiting is never real: where a test is about time (backoff, Retry-After,
// timeouts), jest's fake clock stands in for setTimeout and Date, and the test moves it; where
// a test needs real sockets (resets, refused connections, a server that never answers), it
// waits for events (the request reaching the server), never for a duration, and retries
// without backoff. So the outcome is the same on an idle machine and a loaded one.
import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import { answer, startScriptedServer, type ScriptedServer, type Step } from "@apiclients/testing";
import { isProblemError, unwrap } from "@apiclients/problem";
import {
  AbortError,
  ConnectionError,
  createApiClient,
  TimeoutError,
  type ClientOptions,
  type ProviderConfig,
} from "../src/index.js";
import type { paths } from "./things-api.js";

const provider: ProviderConfig = {
  name: "test",
  baseUrl: "http://127.0.0.1:1",
  auth: { apiKey: { header: "X-Api-Key" } },
};

const params = { path: { id: "t1" } };
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );

/** A promise and the function that settles it. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** The error of a body that stalled for the 200 ms timeout while it was read. */
function expectReadingTimeout(error: unknown) {
  expect(error).toBeInstanceOf(TimeoutError);
  expect((error as Error).message).toMatch(
    /timed out after 200 ms without data while reading the body$/,
  );
}

/** Lets every promise callback that is ready run, without moving any clock. */
const settle = () => new Promise<void>((done) => setImmediate(done));

// ---------------------------------------------------------------------------------------------
// In-process: a fetch that answers from a script, under a fake clock.

type Answer = (request: Request) => Response | Promise<Response>;

interface Attempt {
  request: Request;
  /** Date.now() (the fake clock) when the attempt was sent. */
  at: number;
}

/** A fetch that answers the n-th request with answers[n] (the last one repeats). */
function scriptedFetch(answers: Answer[]) {
  const attempts: Attempt[] = [];
  const fetch = async (input: Request, init?: RequestInit) => {
    const request = new Request(input, init);
    attempts.push({ request, at: Date.now() });
    return answers[Math.min(attempts.length, answers.length) - 1]!(request);
  };
  return { fetch, attempts };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json", ...headers },
    });
const noContent: Answer = () => new Response(null, { status: 204 });
/** Never answers; fails as fetch does when the request's signal is aborted. */
const hang: Answer = (request) =>
  new Promise<Response>((_, reject) => {
    if (request.signal.aborted) reject(request.signal.reason);
    request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
  });

function inProcess(answers: Answer[], options: ClientOptions = {}) {
  const stub = scriptedFetch(answers);
  const client = createApiClient<paths>(provider, {
    apiKey: "test-key-123456",
    fetch: stub.fetch,
    ...options,
  });
  return { client, attempts: stub.attempts };
}

describe("with a fake clock", () => {
  beforeEach(() => {
    // Only timers and Date: promise and I/O callbacks (nextTick, microtasks, setImmediate)
    // stay real, so fetch and Response bodies work as they do in production.
    jest.useFakeTimers({
      doNotFake: ["nextTick", "queueMicrotask", "setImmediate", "clearImmediate"],
      now: new Date("2026-01-01T00:00:00Z"),
    });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  describe("retries", () => {
    it("waits as Retry-After says after a 503, and not a moment less", async () => {
      const { client, attempts } = inProcess([
        json(503, { title: "busy" }, { "retry-after": "1" }),
        noContent,
      ]);
      const call = client.DELETE("/things/{id}", { params });
      await jest.advanceTimersByTimeAsync(999);
      expect(attempts).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      expect((await call).response.status).toBe(204);
      expect(attempts.map((a) => a.at - attempts[0]!.at)).toEqual([0, 1_000]);
    });

    it("honours retry-after-ms", async () => {
      const { client, attempts } = inProcess([
        json(429, {}, { "retry-after-ms": "150" }),
        noContent,
      ]);
      const call = client.DELETE("/things/{id}", { params });
      await jest.advanceTimersByTimeAsync(149);
      expect(attempts).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      expect((await call).response.status).toBe(204);
    });

    it("still backs off when the server says to retry at once, or at a time already past", async () => {
      jest.spyOn(Math, "random").mockReturnValue(0);
      const past = new Date(Date.now() - 60_000).toUTCString();
      for (const headers of <Array<Record<string, string>>>[
        { "retry-after": "0" },
        { "retry-after": past },
        { "retry-after-ms": "0" },
      ]) {
        const { client, attempts } = inProcess([json(503, {}, headers), noContent], {
          retryDelayMs: 400,
        });
        const call = client.DELETE("/things/{id}", { params });
        await jest.advanceTimersByTimeAsync(399);
        expect(attempts).toHaveLength(1);
        await jest.advanceTimersByTimeAsync(1);
        expect((await call).response.status).toBe(204);
      }
    });

    it("backs off exponentially, with jitter, up to the cap", async () => {
      jest.spyOn(Math, "random").mockReturnValue(0);
      const { client, attempts } = inProcess([json(503, {})], {
        maxRetries: 4,
        retryDelayMs: 100,
        maxRetryDelayMs: 300,
      });
      const call = client.DELETE("/things/{id}", { params });
      await jest.advanceTimersByTimeAsync(10_000);
      expect((await call).response.status).toBe(503);
      const gaps = attempts.slice(1).map((a, i) => a.at - attempts[i]!.at);
      expect(gaps).toEqual([100, 200, 300, 300]);

      // The most jitter takes a quarter off.
      jest.spyOn(Math, "random").mockReturnValue(0.999_999);
      const jittered = inProcess([json(503, {})], {
        maxRetries: 1,
        retryDelayMs: 100,
      });
      const again = jittered.client.DELETE("/things/{id}", { params });
      await jest.advanceTimersByTimeAsync(10_000);
      await again;
      expect(jittered.attempts[1]!.at - jittered.attempts[0]!.at).toBe(75);
    });

    it("does not wait a day for a 429 that says Retry-After: 86400", async () => {
      const { client, attempts } = inProcess([
        json(429, { title: "Too many" }, { "retry-after": "86400" }),
      ]);
      const error = await failureOf(unwrap(client.DELETE("/things/{id}", { params })));
      expect(isProblemError(error)).toBe(true);
      if (!isProblemError(error)) return;
      expect(error.status).toBe(429);
      expect(error.retryable).toBe(true);
      expect(error.retryAfter?.getTime()).toBe(Date.now() + 86_400_000);
      expect(attempts).toHaveLength(1);
      expect(jest.getTimerCount()).toBe(0);
    });

    it("does not retry a 500 whose problem says retryable: false", async () => {
      const { client, attempts } = inProcess([
        json(
          500,
          { title: "Broken", retryable: false },
          {
            "content-type": "application/problem+json",
          },
        ),
      ]);
      const error = await failureOf(unwrap(client.DELETE("/things/{id}", { params })));
      expect(isProblemError(error) && error.status).toBe(500);
      expect(attempts).toHaveLength(1);
    });

    it("retries a 400 whose problem says retryable: true, at the time it names", async () => {
      const at = new Date(Date.now() + 300).toISOString();
      const { client, attempts } = inProcess([
        json(400, { retryable: true, retryAfter: at }),
        noContent,
      ]);
      const call = client.DELETE("/things/{id}", { params });
      await jest.advanceTimersByTimeAsync(299);
      expect(attempts).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      expect((await call).response.status).toBe(204);
      expect(attempts[1]!.at - attempts[0]!.at).toBe(300);
    });

    it("does not retry a POST answered 503, unless asked to", async () => {
      const body = { name: "n" };
      const once = inProcess([json(503, {})]);
      expect((await once.client.POST("/things", { body })).response.status).toBe(503);
      expect(once.attempts).toHaveLength(1);

      const opted = inProcess([json(503, {})], { retryNonIdempotent: true });
      const call = opted.client.POST("/things", { body });
      await jest.advanceTimersByTimeAsync(60_000);
      expect((await call).response.status).toBe(503);
      expect(opted.attempts).toHaveLength(3);
      for (const { request } of opted.attempts) expect(await request.text()).toBe('{"name":"n"}');
    });

    it("makes one attempt only when maxRetries is 0", async () => {
      const { client, attempts } = inProcess([json(503, {})], { maxRetries: 0 });
      expect((await client.DELETE("/things/{id}", { params })).response.status).toBe(503);
      expect(attempts).toHaveLength(1);
      expect(jest.getTimerCount()).toBe(0);
    });
  });

  describe("timeouts and cancellation", () => {
    it("times out an attempt after timeoutMs, not before, and says so", async () => {
      const { client, attempts } = inProcess([hang], { timeoutMs: 200, maxRetries: 0 });
      const call = failureOf(client.DELETE("/things/{id}", { params }));
      await jest.advanceTimersByTimeAsync(199);
      expect(attempts[0]!.request.signal.aborted).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      const error = await call;
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as Error).message).toMatch(/timed out after 200 ms$/);
      expect(jest.getTimerCount()).toBe(0);
    });

    it("retries a timed-out attempt, with a fresh timeout for each", async () => {
      jest.spyOn(Math, "random").mockReturnValue(0);
      const { client, attempts } = inProcess([hang, noContent], {
        timeoutMs: 200,
        retryDelayMs: 50,
      });
      const call = client.DELETE("/things/{id}", { params });
      await jest.advanceTimersByTimeAsync(250);
      expect((await call).response.status).toBe(204);
      expect(attempts.map((a) => a.at - attempts[0]!.at)).toEqual([0, 250]);
      expect(jest.getTimerCount()).toBe(0);
    });

    it("ends at once when the caller aborts during the wait between attempts", async () => {
      const { client, attempts } = inProcess([json(503, {}, { "retry-after": "30" })]);
      const controller = new AbortController();
      const call = failureOf(client.DELETE("/things/{id}", { params, signal: controller.signal }));
      await settle();
      expect(jest.getTimerCount()).toBe(1); // the 30 s wait
      controller.abort(new Error("user navigated away"));
      const error = await call;
      expect(error).toBeInstanceOf(AbortError);
      expect(((error as Error).cause as Error).message).toBe("user navigated away");
      expect(attempts).toHaveLength(1);
      expect(jest.getTimerCount()).toBe(0); // the wait's timer is gone too
    });

    it("with timeoutMs: Infinity, waits as long as it takes, and the caller can still abort", async () => {
      const answered = deferred<Response>();
      const { client } = inProcess([() => answered.promise], {
        timeoutMs: Infinity,
        maxRetries: 0,
      });
      const call = client.DELETE("/things/{id}", { params });
      await jest.advanceTimersByTimeAsync(30 * 24 * 3_600_000);
      answered.resolve(new Response(null, { status: 204 }));
      expect((await call).response.status).toBe(204);

      const stuck = inProcess([hang], { timeoutMs: Infinity, maxRetries: 0 });
      const controller = new AbortController();
      const aborted = failureOf(
        stuck.client.DELETE("/things/{id}", { params, signal: controller.signal }),
      );
      await jest.advanceTimersByTimeAsync(30 * 24 * 3_600_000);
      controller.abort();
      expect(await aborted).toBeInstanceOf(AbortError);
    });

    it("does not send at all with a signal that is already aborted", async () => {
      const { client, attempts } = inProcess([noContent]);
      const error = await failureOf(
        client.DELETE("/things/{id}", { params, signal: AbortSignal.abort() }),
      );
      expect(error).toBeInstanceOf(AbortError);
      expect(attempts).toHaveLength(0);
    });
  });

  describe("reading a parsed body", () => {
    /** A JSON answer whose body arrives as the test pushes it. */
    function trickle() {
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
      return {
        answer: (() =>
          new Response(body, { headers: { "content-type": "application/json" } })) as Answer,
        push: (text: string) => controller.enqueue(new TextEncoder().encode(text)),
        end: () => controller.close(),
      };
    }

    it("never times out a body that keeps arriving, however long it takes in all", async () => {
      const body = trickle();
      const { client } = inProcess([body.answer], { timeoutMs: 200, maxRetries: 0 });
      const call = client.GET("/things/{id}", { params });
      for (const part of ['{"parts":', "[1,", "2,", "3]}"]) {
        await jest.advanceTimersByTimeAsync(150);
        body.push(part);
      }
      body.end();
      expect((await call).data).toEqual({ parts: [1, 2, 3] });
      expect(jest.getTimerCount()).toBe(0);
    });

    it("times out a body that stalls, timeoutMs after its last chunk and not before", async () => {
      const body = trickle();
      const { client } = inProcess([body.answer], { timeoutMs: 200, maxRetries: 0 });
      const call = failureOf(client.GET("/things/{id}", { params }));
      await jest.advanceTimersByTimeAsync(150);
      body.push('{"half":');
      let settled = false;
      void call.then(() => (settled = true));
      await jest.advanceTimersByTimeAsync(199);
      expect(settled).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expectReadingTimeout(await call);
      expect(jest.getTimerCount()).toBe(0);
    });

    it("does not count the time middleware takes between the headers and the body", async () => {
      const { client } = inProcess([json(200, { ok: true })], { timeoutMs: 200, maxRetries: 0 });
      client.use({
        async onResponse() {
          await new Promise((resolve) => setTimeout(resolve, 10_000));
        },
      });
      const call = client.GET("/things/{id}", { params });
      await jest.advanceTimersByTimeAsync(10_000);
      expect((await call).data).toEqual({ ok: true });
    });

    it("arms one timer per attempt, not one per chunk", async () => {
      const body = trickle();
      const { client } = inProcess([body.answer], { timeoutMs: 200, maxRetries: 0 });
      const armed = jest.spyOn(globalThis, "setTimeout");
      const call = client.GET("/things/{id}", { params });
      await settle();
      body.push("[");
      for (let i = 0; i < 50; i++) body.push(`${i},`);
      body.push("50]");
      body.end();
      expect(((await call).data as number[]).length).toBe(51);
      expect(armed).toHaveBeenCalledTimes(1);
    });

    it("parses a JSON answer once, and an error answer once", async () => {
      const parse = jest.spyOn(JSON, "parse");
      const ok = inProcess([json(200, { ok: true })]);
      await ok.client.GET("/things/{id}", { params });
      expect(parse).toHaveBeenCalledTimes(1);
      parse.mockClear();
      const failed = inProcess([json(404, { title: "Not Found" })]);
      const { error } = await failed.client.GET("/things/{id}", { params });
      expect(error).toEqual({ title: "Not Found" });
      expect(parse).toHaveBeenCalledTimes(1);
    });
  });

  describe("load", () => {
    it("holds 1,000 calls in flight at once, each with its own timeout, and leaves no timer", async () => {
      const all = deferred();
      let inFlight = 0;
      const { client, attempts } = inProcess([
        async () => {
          if (++inFlight === 1_000) all.resolve();
          await all.promise;
          inFlight--;
          return new Response('{"ok":true}', { headers: { "content-type": "application/json" } });
        },
      ]);
      const calls = Promise.all(
        Array.from({ length: 1_000 }, (_, i) =>
          client.GET("/things/{id}", { params: { path: { id: `t${i}` } } }),
        ),
      );
      await all.promise; // resolves only once all 1,000 are in flight together
      expect(jest.getTimerCount()).toBe(1_000);
      const results = await calls;
      expect(results.every((r) => r.response.status === 200 && r.data !== undefined)).toBe(true);
      expect(new Set(attempts.map((a) => a.request.url)).size).toBe(1_000);
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Over real sockets on loopback.

/** Open sockets of this process, by kind. */
function openSockets(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (/TCP|Pipe/.test(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** No more sockets are open than in the baseline, once the closing ones have closed. */
async function expectNoSocketLeft(baseline: Record<string, number>) {
  const grown = () =>
    Object.fromEntries(
      Object.entries(openSockets()).filter(([kind, n]) => n > (baseline[kind] ?? 0)),
    );
  // Waits for the close events, not for a duration: each turn of the loop is one pass of the
  // event loop; the deadline only stops a test that would otherwise hang.
  for (const deadline = performance.now() + 10_000; Object.keys(grown()).length > 0;) {
    if (performance.now() > deadline) break;
    await settle();
  }
  expect(grown()).toEqual({});
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server playing `steps` and a client for it that retries without waiting. */
async function overLoopback(steps: Step[], options: ClientOptions = {}) {
  server = await startScriptedServer(steps);
  const client = createApiClient<paths>(provider, {
    baseUrl: server.url,
    apiKey: "test-key-123456",
    retryDelayMs: 0,
    maxRetryDelayMs: 0,
    ...options,
  });
  return { client, server };
}

/** Cuts the connection as soon as the request has arrived: no status, no headers. */
const resetBeforeAnswer: Step = (req) => req.socket.destroy();

/** A step that never answers, and a promise that settles when a request reaches it. */
function held() {
  const arrived = deferred();
  const step: Step = () => arrived.resolve();
  return { step, arrived: arrived.promise };
}

describe("over loopback", () => {
  it("retries a connection reset before the answer, then succeeds", async () => {
    const { client, server } = await overLoopback([
      resetBeforeAnswer,
      answer.json(200, { ok: true }),
    ]);
    const { data } = await client.GET("/things/{id}", { params });
    expect(data).toEqual({ ok: true });
    expect(server.hits).toHaveLength(2);
  });

  it("gives up after maxRetries and reports a connection error with its cause", async () => {
    const { client, server } = await overLoopback([resetBeforeAnswer], { maxRetries: 2 });
    const error = await failureOf(client.GET("/things/{id}", { params }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).attempts).toBe(3);
    expect((error as Error).cause).toBeDefined();
    expect((error as Error).message).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/things\/t1 failed: could not get a response .* after 3 attempts$/,
    );
    expect(server.hits).toHaveLength(3);
  });

  it("retries an error answer whose body breaks off, then succeeds", async () => {
    const brokenError: Step = (_req, res) => {
      res.writeHead(503, { "content-type": "application/json", "content-length": "100" });
      // Cut once the partial body is flushed. (Waiting for "finish" after end() found the socket
      // already handed back to the keep-alive pool: the client then waited 5 s for the rest.)
      res.write('{"title":', () => res.destroy());
    };
    const { client, server } = await overLoopback([brokenError, answer.json(200, { ok: true })]);
    expect((await client.GET("/things/{id}", { params })).data).toEqual({ ok: true });
    expect(server.hits).toHaveLength(2);
  });

  it("streams a successful answer, so a break in its body reaches the caller, not a retry", async () => {
    const { client, server } = await overLoopback([answer.resetMidBody(), answer.json(200, {})]);
    const error = await failureOf(client.GET("/things/{id}", { params }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("UND_ERR_SOCKET");
    expect(server.hits).toHaveLength(1);
  });

  it("sends the same request afresh on every attempt, body included", async () => {
    const { client, server } = await overLoopback([
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

  it("reports a refused connection as a ConnectionError", async () => {
    const closed = await startScriptedServer([answer.noContent()]);
    const url = closed.url;
    await closed.close();
    const client = createApiClient<paths>(provider, {
      baseUrl: url,
      maxRetries: 1,
      retryDelayMs: 0,
    });
    const error = await failureOf(client.DELETE("/things/{id}", { params }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("ECONNREFUSED");
    expect((error as ConnectionError).attempts).toBe(2);
  });

  it("ends at once when the caller aborts, and never retries", async () => {
    const baseline = openSockets();
    const { step, arrived } = held();
    const { client, server } = await overLoopback([step]);
    const controller = new AbortController();
    const call = failureOf(client.DELETE("/things/{id}", { params, signal: controller.signal }));
    await arrived;
    controller.abort(new Error("user navigated away"));
    const error = await call;
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).name).toBe("AbortError");
    expect(((error as Error).cause as Error).message).toBe("user navigated away");
    expect(server.hits).toHaveLength(1);
    await server.close();
    await expectNoSocketLeft(baseline);
  });

  it("times out a body that stalls between chunks, and says it was reading", async () => {
    jest.useFakeTimers({
      doNotFake: ["nextTick", "queueMicrotask", "setImmediate", "clearImmediate", "performance"],
    });
    try {
      const firstChunk = deferred();
      const { client } = await overLoopback(
        [
          (_req, res) => {
            res.writeHead(200, { "content-type": "application/octet-stream" });
            res.write("first chunk", () => firstChunk.resolve());
            // and nothing more, ever
          },
        ],
        { timeoutMs: 200, maxRetries: 0 },
      );
      const { data } = await client.GET("/things/{id}", { params, parseAs: "stream" });
      const reader = (data as ReadableStream<Uint8Array>).getReader();
      await firstChunk.promise;
      expect(new TextDecoder().decode((await reader.read()).value)).toBe("first chunk");
      const next = reader.read().then(
        () => undefined,
        (error: unknown) => error,
      );
      await jest.advanceTimersByTimeAsync(199);
      await settle();
      await jest.advanceTimersByTimeAsync(1);
      expectReadingTimeout(await next);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it("never times out a body the caller is slow to read: the clock runs only while waiting on the server", async () => {
    jest.useFakeTimers({
      doNotFake: ["nextTick", "queueMicrotask", "setImmediate", "clearImmediate", "performance"],
    });
    try {
      const { client } = await overLoopback([answer.json(200, { ok: true })], { timeoutMs: 200 });
      const { response } = await client.GET("/things/{id}", { params, parseAs: "stream" });
      await jest.advanceTimersByTimeAsync(10_000); // the caller is busy elsewhere
      expect(await response.json()).toEqual({ ok: true });
    } finally {
      jest.useRealTimers();
    }
  });

  it("closes the connection of an attempt that timed out", async () => {
    jest.useFakeTimers({
      doNotFake: ["nextTick", "queueMicrotask", "setImmediate", "clearImmediate", "performance"],
    });
    try {
      const baseline = openSockets();
      const { step, arrived } = held();
      const { client, server } = await overLoopback([step], { timeoutMs: 200, maxRetries: 0 });
      const call = failureOf(client.DELETE("/things/{id}", { params }));
      await arrived;
      await jest.advanceTimersByTimeAsync(200);
      expect(await call).toBeInstanceOf(TimeoutError);
      expect(server.hits).toHaveLength(1);
      await server.close();
      await expectNoSocketLeft(baseline);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
