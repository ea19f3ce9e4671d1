// What a hostile or broken server can do to a client that holds admin credentials, over real
// sockets on loopback: redirect anywhere, answer with any size, depth or garbage, echo the
// credentials back. Two servers on two ports are two origins.
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "@jest/globals";
import { answer, startScriptedServer, type ScriptedServer, type Step } from "@apiclients/testing";
import { isProblemError, unwrap, type ProblemError } from "@apiclients/problem";
import {
  ConnectionError,
  createApiClient,
  InvalidResponseError,
  isTransportError,
  RedirectError,
  type ClientOptions,
  type ProviderConfig,
} from "../src/index.js";
import type { paths } from "./things-api.js";

const provider: ProviderConfig = {
  name: "test",
  baseUrl: "https://api.example.com",
  auth: {
    apiKey: { header: "X-Api-Key" },
    bearerToken: { header: "Authorization", scheme: "Bearer" },
  },
};

const API_KEY = "sk_live_0123456789abcdef";
const PER_CALL_KEY = "sk_call_fedcba9876543210";
const params = { path: { id: "t1" } };

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(steps: Step[]): Promise<ScriptedServer> {
  const server = await startScriptedServer(steps);
  servers.push(server);
  return server;
}

function client(server: ScriptedServer, options: ClientOptions = {}) {
  return createApiClient<paths>(provider, {
    baseUrl: server.url,
    apiKey: API_KEY,
    retryDelayMs: 0,
    maxRetryDelayMs: 0,
    ...options,
  });
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );

const redirect =
  (status: number, location: string): Step =>
  (_req, res) =>
    res.writeHead(status, { location }).end();

/** Every way an error may be turned into text; none may throw. */
function renderings(error: unknown): string[] {
  const e = error as Error & { toJSON?: () => unknown };
  return [
    String(e),
    String(e.message),
    String(e.stack),
    JSON.stringify(e),
    inspect(e, { depth: Infinity, showHidden: true }),
  ];
}

describe("redirects", () => {
  it("are followed on the same origin, credentials and method kept, body sent again (307)", async () => {
    const server = await serve([redirect(307, "/things/t2"), answer.noContent()]);
    const { response } = await client(server).PUT("/things/{id}", {
      params,
      body: { name: "n" },
    });
    expect(response.status).toBe(204);
    expect(server.hits.map((h) => [h.method, h.url, h.body, h.headers["x-api-key"]])).toEqual([
      ["PUT", "/things/t1", '{"name":"n"}', API_KEY],
      ["PUT", "/things/t2", '{"name":"n"}', API_KEY],
    ]);
  });

  it("turn a POST into a GET without a body on 303 (and on 301/302)", async () => {
    for (const status of [301, 302, 303]) {
      const server = await serve([redirect(status, "/things/t9"), answer.json(200, {})]);
      await client(server).POST("/things", { body: { name: "n" } });
      expect(server.hits[1]).toMatchObject({ method: "GET", url: "/things/t9", body: "" });
      expect(server.hits[1]!.headers["content-type"]).toBeUndefined();
    }
  });

  it("to another origin leave every credential behind, client-level and per-call", async () => {
    const elsewhere = await serve([answer.noContent()]);
    const home = await serve([redirect(308, `${elsewhere.url}/landing`)]);
    const { response } = await client(home, { headers: { "X-Trace": "t-1" } }).DELETE(
      "/things/{id}",
      {
        params,
        headers: { Authorization: `Bearer ${PER_CALL_KEY}`, "X-Session-Token": "s".repeat(12) },
      },
    );
    expect(response.status).toBe(204);
    expect(home.hits[0]!.headers["x-api-key"]).toBe(API_KEY);
    const landed = elsewhere.hits[0]!;
    expect(landed.method).toBe("DELETE");
    expect(landed.headers["x-api-key"]).toBeUndefined();
    expect(landed.headers.authorization).toBeUndefined();
    expect(landed.headers["x-session-token"]).toBeUndefined();
    expect(landed.headers["x-trace"]).toBe("t-1"); // not a credential: kept
  });

  it("stop after five hops with a RedirectError that is not retried", async () => {
    const server = await serve([
      redirect(302, "/r1"),
      redirect(302, "/r2"),
      redirect(302, "/r3"),
      redirect(302, "/r4"),
      redirect(302, "/r5"),
      redirect(302, "/r6"),
    ]);
    const error = await failureOf(client(server).GET("/things/{id}", { params }));
    expect(error).toBeInstanceOf(RedirectError);
    expect(isTransportError(error)).toBe(true);
    expect((error as Error).message).toContain("more than 5 redirects");
    expect(server.hits).toHaveLength(6);
  });

  it("in a loop fail at once with a RedirectError, not as a retried connection failure", async () => {
    const server = await serve([redirect(301, "/things/b"), redirect(301, "/things/t1")]);
    const error = await failureOf(client(server).GET("/things/{id}", { params }));
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as Error).message).toContain("in a loop");
    expect(server.hits).toHaveLength(2);
  });

  it("to what is not an http(s) URL, or carries a password, are refused without echoing it", async () => {
    for (const location of ["ftp://example.com/x", "http://user:hunter22@127.0.0.1:9/x"]) {
      const server = await serve([redirect(302, location)]);
      const error = await failureOf(client(server).GET("/things/{id}", { params }));
      expect(error).toBeInstanceOf(RedirectError);
      for (const text of renderings(error)) expect(text).not.toContain("hunter22");
    }
  });

  it("are left to the caller with redirect: manual", async () => {
    const server = await serve([redirect(302, "/elsewhere")]);
    const { response } = await client(server).GET("/things/{id}", {
      params,
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/elsewhere");
    expect(server.hits).toHaveLength(1);
  });
});

describe("bodies", () => {
  it("of errors are read up to 1 MiB, however much the server sends, and make short messages", async () => {
    let written = 0;
    const huge: Step = (_req, res) => {
      res.writeHead(400, { "content-type": "application/problem+json" });
      res.write('{"title":"Bad","detail":"');
      const chunk = "x".repeat(64 * 1024);
      // Write until the client stops reading; 50 MB at most.
      const pump = () => {
        while (written < 50 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end('"}');
      };
      pump();
    };
    const server = await serve([huge]);
    const error = await failureOf(unwrap(client(server).GET("/things/{id}", { params })));
    expect(isProblemError(error)).toBe(true);
    const problemError = error as ProblemError;
    expect(problemError.message.length).toBeLessThanOrEqual(2_000);
    expect(problemError.message.startsWith("400 Bad")).toBe(true);
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });

  it("of errors nested 100,000 levels deep make errors that render", async () => {
    const depth = 100_000;
    const deep = `{"title":"Deep","context":{"a":${"[".repeat(depth)}1${"]".repeat(depth)}}}`;
    const server = await serve([
      (_req, res) => res.writeHead(422, { "content-type": "application/json" }).end(deep),
    ]);
    const error = await failureOf(unwrap(client(server).GET("/things/{id}", { params })));
    expect((error as ProblemError).status).toBe(422);
    for (const text of renderings(error)) expect(text.length).toBeGreaterThan(0);
  });

  it("of successes that are not the JSON they claim to be fail with an InvalidResponseError", async () => {
    const server = await serve([
      (_req, res) =>
        res.writeHead(200, { "content-type": "application/json" }).end("<html>oops</html>"),
    ]);
    const error = await failureOf(client(server).GET("/things/{id}", { params }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(isTransportError(error)).toBe(true);
    expect(error).toMatchObject({ status: 200, contentType: "application/json" });
    expect((error as Error).message).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/things\/t1 answered 200 \(application\/json\) with a body that is not valid JSON/,
    );
  });

  it("of successes stream: parseAs stream resolves at the headers, before the body exists", async () => {
    let sendBody!: () => void;
    const server = await serve([
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        res.flushHeaders();
        sendBody = () => res.end("the body");
      },
    ]);
    const { data, response } = await client(server).GET("/things/{id}", {
      params,
      parseAs: "stream",
    });
    expect(response.status).toBe(200);
    sendBody(); // only now: the call resolved without waiting for it
    expect(await new Response(data as ReadableStream).text()).toBe("the body");
  });
});

describe("credentials echoed by the server", () => {
  const echoes: Array<[string, (key: string) => Step]> = [
    [
      "in the problem's detail",
      (key) => (_req, res) =>
        res
          .writeHead(401, { "content-type": "application/problem+json" })
          .end(JSON.stringify({ title: "Unauthorized", detail: `bad key ${key}` })),
    ],
    [
      "escaped inside JSON",
      (key) => (_req, res) =>
        res
          .writeHead(401, { "content-type": "application/json" })
          .end(
            `{"title":"x","detail":"${[...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")}"}`,
          ),
    ],
    [
      "200 levels deep",
      (key) => (_req, res) =>
        res
          .writeHead(400, { "content-type": "application/json" })
          .end(`{"title":"x","context":${'{"a":'.repeat(200)}"${key}"${"}".repeat(200)}}`),
    ],
    [
      "as a key",
      (key) => (_req, res) =>
        res
          .writeHead(400, { "content-type": "application/json" })
          .end(JSON.stringify({ title: "x", context: { [key]: 1 } })),
    ],
    [
      "in the request id header and the status text",
      (key) => (_req, res) => res.writeHead(500, `Server ${key}`, { "x-request-id": key }).end(),
    ],
    [
      "in an HTML page",
      (key) => (_req, res) =>
        res
          .writeHead(502, { "content-type": "text/html" })
          .end(`<html><title>Bad gateway for ${key}</title></html>`),
    ],
  ];

  it.each(echoes)("%s never show in any rendering of the error", async (_where, step) => {
    for (const [key, options] of [
      [API_KEY, {}],
      [PER_CALL_KEY, { headers: { "X-Api-Key": PER_CALL_KEY } }],
    ] as const) {
      const server = await serve([step(key)]);
      const error = await failureOf(
        unwrap(client(server, { maxRetries: 0 }).GET("/things/{id}", { params, ...options })),
      );
      expect(isProblemError(error)).toBe(true);
      for (const text of renderings(error)) expect(text).not.toContain(key);
      // Blanked out where it stood, or cut off with everything nested too deep.
      expect(renderings(error).join("\n")).toMatch(/\[redacted\]|\[truncated\]/);
    }
  });

  it("in a fetch implementation's own error never show either", async () => {
    const fetch = async (request: Request) => {
      throw new TypeError("fetch failed", {
        cause: new Error(`socket said ${request.headers.get("x-api-key")}`),
      });
    };
    const error = await failureOf(
      createApiClient<paths>(provider, { apiKey: API_KEY, fetch, maxRetries: 0 }).GET(
        "/things/{id}",
        { params },
      ),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
  });
});

describe("text in messages", () => {
  it("has no control characters: no forged log lines, no terminal escapes", async () => {
    const server = await serve([
      answer.json(400, {
        title: "Bad\n2026-01-01 INFO all good\r\u001b[31mred\u001b[0m",
        detail: "line\u2028two\u202eevil",
      }),
    ]);
    const error = await failureOf(unwrap(client(server).GET("/things/{id}", { params })));
    expect((error as Error).message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u202e]/);
    expect((error as Error).message).toContain("Bad 2026-01-01 INFO all good");
  });
});

describe("retries", () => {
  it("never repeat 501 Not Implemented or 505 HTTP Version Not Supported", async () => {
    for (const status of [501, 505]) {
      const server = await serve([answer.json(status, {}), answer.noContent()]);
      const { response } = await client(server).DELETE("/things/{id}", { params });
      expect(response.status).toBe(status);
      expect(server.hits).toHaveLength(1);
    }
  });
});
