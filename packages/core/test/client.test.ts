import { afterEach, describe, expect, it } from "@jest/globals";
import { recordingFetch } from "@apiclients/testing";
import { isProblemError, unwrap } from "@apiclients/problem";
import {
  AbortError,
  ClientConfigError,
  ConnectionError,
  createApiClient,
  InvalidResponseError,
  isApiClientError,
  PathParameterError,
  RedirectError,
  TimeoutError,
  TransportError,
  type ProviderConfig,
} from "../src/index.js";

// A provider with separate API-key and bearer headers (like Ampersand)…
const split: ProviderConfig = {
  name: "split",
  baseUrl: "https://api.example.com/v1",
  apiKeyEnvVar: "SPLIT_TEST_API_KEY",
  auth: {
    apiKey: { header: "X-Api-Key" },
    bearerToken: { header: "Authorization", scheme: "Bearer" },
  },
};
// …and one that sends both in Authorization (like Basic).
const shared: ProviderConfig = {
  ...split,
  name: "shared",
  apiKeyEnvVar: "SHARED_TEST_API_KEY",
  auth: {
    apiKey: { header: "Authorization", scheme: "Bearer" },
    bearerToken: { header: "Authorization", scheme: "Bearer" },
  },
};

interface paths {
  "/things/{id}": {
    delete: {
      parameters: { path: { id: string } };
      responses: { 204: { content?: never } };
    };
  };
}

async function sent(provider: ProviderConfig, options: Parameters<typeof createApiClient>[1]) {
  const stub = recordingFetch(() => new Response(null, { status: 204 }));
  const client = createApiClient<paths>(provider, { ...options, fetch: stub.fetch });
  await client.DELETE("/things/{id}", { params: { path: { id: "t1" } } });
  return stub.requests[0]!;
}

afterEach(() => {
  delete process.env.SPLIT_TEST_API_KEY;
  delete process.env.SHARED_TEST_API_KEY;
});

describe("createApiClient", () => {
  it("calls fetch as a plain function, with no receiver, as a browser's window.fetch requires", async () => {
    const receivers: unknown[] = [];
    // A browser's fetch refuses any receiver but the window (or none): "Illegal invocation".
    const fetch = function (this: unknown) {
      receivers.push(this);
      return Promise.resolve(new Response(null, { status: 204 }));
    };
    const client = createApiClient<paths>(split, { fetch, maxRetries: 0 });
    await client.DELETE("/things/{id}", { params: { path: { id: "t1" } } });
    await client.DELETE("/things/{id}", { params: { path: { id: "t1" } }, fetch });
    expect(receivers).toEqual([undefined, undefined]);
  });

  it("hands on a 204 whose body is an empty stream, as a browser's fetch may give it", async () => {
    // Chromium's 204 can carry an empty body stream; no Response with status 204 can be made of it.
    const fetch = async () => {
      const answer = new Response(null, { status: 204 });
      Object.defineProperty(answer, "body", { value: new ReadableStream() });
      return answer;
    };
    const client = createApiClient<paths>(split, { fetch, maxRetries: 0 });
    const { response, error } = await client.DELETE("/things/{id}", {
      params: { path: { id: "t1" } },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(204);
  });

  it("sends to the provider's base URL, or the one given", async () => {
    expect((await sent(split, {})).url).toBe("https://api.example.com/v1/things/t1");
    expect((await sent(split, { baseUrl: "http://127.0.0.1:4010/" })).url).toBe(
      "http://127.0.0.1:4010/things/t1",
    );
  });

  it("puts each credential where the provider's security scheme says", async () => {
    const both = await sent(split, { apiKey: "key-1", bearerToken: "tok-1" });
    expect(both.headers["x-api-key"]).toBe("key-1");
    expect(both.headers.authorization).toBe("Bearer tok-1");
    expect((await sent(shared, { apiKey: "key-2" })).headers.authorization).toBe("Bearer key-2");
    expect((await sent(shared, { bearerToken: "tok-2" })).headers.authorization).toBe(
      "Bearer tok-2",
    );
  });

  it("reads the API key from the environment only when no credential is passed", async () => {
    process.env.SPLIT_TEST_API_KEY = "from-env";
    expect((await sent(split, {})).headers["x-api-key"]).toBe("from-env");
    const withToken = await sent(split, { bearerToken: "tok" });
    expect(withToken.headers["x-api-key"]).toBeUndefined();
    expect((await sent(split, { apiKey: "explicit" })).headers["x-api-key"]).toBe("explicit");
  });

  it("sends no credential when there is none", async () => {
    const request = await sent(split, {});
    expect(request.headers["x-api-key"]).toBeUndefined();
    expect(request.headers.authorization).toBeUndefined();
  });

  it("adds the caller's headers, in any of the usual forms", async () => {
    expect((await sent(split, { headers: { "X-Trace": "a" } })).headers["x-trace"]).toBe("a");
    expect(
      (await sent(split, { headers: new Headers({ "X-Trace": "b" }) })).headers["x-trace"],
    ).toBe("b");
    expect((await sent(split, { headers: [["X-Trace", "c"]] })).headers["x-trace"]).toBe("c");
  });

  it("uses the global fetch at call time when none is given", async () => {
    const stub = recordingFetch(() => new Response(null, { status: 204 }));
    const client = createApiClient<paths>(split, {});
    const original = globalThis.fetch;
    globalThis.fetch = stub.fetch as typeof fetch;
    try {
      await client.DELETE("/things/{id}", { params: { path: { id: "x" } } });
    } finally {
      globalThis.fetch = original;
    }
    expect(stub.requests).toHaveLength(1);
  });
});

describe("bad options", () => {
  const secret = "sk-live-SECRET-123";

  it.each([
    ["apiKey", { apiKey: `${secret}\r\nX-Evil: 1` }],
    ["bearerToken", { bearerToken: `${secret}\n` }],
    ["headers.X-Trace", { headers: { "X-Trace": `${secret}\r\n` } }],
  ])("refuses CR or LF in %s, without repeating the value", (option, options) => {
    const error = (() => {
      try {
        createApiClient(split, options);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ClientConfigError);
    expect((error as ClientConfigError).option).toBe(option);
    expect((error as Error).message).toContain("line break");
    expect((error as Error).message).not.toContain(secret);
  });

  it("refuses both credentials when they would share a header", () => {
    expect(() => createApiClient(shared, { apiKey: "a", bearerToken: "b" })).toThrow(
      "bearerToken: shared sends apiKey and bearerToken in the same Authorization header: pass one of them",
    );
  });

  it("refuses an empty credential, a bad header name, a non-function fetch", () => {
    expect(() => createApiClient(split, { apiKey: " " })).toThrow("apiKey: is empty");
    expect(() => createApiClient(split, { headers: { "Bad Name": "x" } })).toThrow(
      'headers: "Bad Name" is not a valid header name',
    );
    expect(() => createApiClient(split, { fetch: "nope" as never })).toThrow(
      "fetch: must be a function",
    );
  });

  it("refuses a base URL that is not absolute http(s)", () => {
    expect(() => createApiClient(split, { baseUrl: "/v1" })).toThrow(
      "baseUrl: is not an absolute URL",
    );
    expect(() => createApiClient(split, { baseUrl: "ftp://x" })).toThrow(
      "baseUrl: must be http or https, got ftp:",
    );
  });

  it("refuses a base URL with a user name or password, without echoing it", () => {
    for (const baseUrl of ["https://user:hunter22@api.example.com", "https://hunter22@x.test"]) {
      const error = (() => {
        try {
          createApiClient(split, { baseUrl });
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error).toBeInstanceOf(ClientConfigError);
      expect(error?.message).toMatch(/^baseUrl: must not contain a user name or password/);
      expect(error?.message).not.toContain("hunter22");
    }
  });

  it("refuses credentials over plain http to another machine, unless allowInsecureConnection", async () => {
    for (const credential of [{ apiKey: "k".repeat(10) }, { headers: { Cookie: "sid=1" } }]) {
      expect(() =>
        createApiClient(split, { ...credential, baseUrl: "http://api.example.com" }),
      ).toThrow(/^baseUrl: is plain http to a host other than this machine/);
    }
    const allowed = await sent(split, {
      apiKey: "k".repeat(10),
      baseUrl: "http://api.example.com",
      allowInsecureConnection: true,
    });
    expect(allowed.url).toBe("http://api.example.com/things/t1");
    // Loopback never leaves the machine; no credential, nothing to protect.
    for (const baseUrl of ["http://127.0.0.1:8080", "http://localhost:3000", "http://[::1]:80"])
      expect(() => createApiClient(split, { apiKey: "k".repeat(10), baseUrl })).not.toThrow();
    expect((await sent(split, { baseUrl: "http://api.example.com" })).url).toBe(
      "http://api.example.com/things/t1",
    );
  });

  it("refuses a per-call base URL that would send a credential over plain http", async () => {
    const stub = recordingFetch(() => new Response(null, { status: 204 }));
    const client = createApiClient<paths>(split, { apiKey: "k".repeat(10), fetch: stub.fetch });
    const error = await client
      .DELETE("/things/{id}", { params: { path: { id: "t1" } }, baseUrl: "http://evil.example" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientConfigError);
    expect(stub.requests).toHaveLength(0);
  });

  it("refuses options of the wrong type, naming them", () => {
    expect(() => createApiClient(split, { maxRetries: 1.5 })).toThrow(
      "maxRetries: must be an integer ≥ 0, got 1.5",
    );
    expect(() => createApiClient(split, { timeoutMs: 0 })).toThrow(
      "timeoutMs: must be a number ≥ 1, got 0",
    );
    expect(() => createApiClient(split, { retryDelayMs: "5" as never })).toThrow(
      "retryDelayMs: must be a number ≥ 0, got string",
    );
    expect(() => createApiClient(split, { retryDelayMs: 100, maxRetryDelayMs: 10 })).toThrow(
      "maxRetryDelayMs: must be at least retryDelayMs",
    );
    expect(() => createApiClient(split, { allowInsecureConnection: "yes" as never })).toThrow(
      "allowInsecureConnection: must be true or false, got string",
    );
  });
});

describe("a provider without credentials", () => {
  const open: ProviderConfig = { name: "open", baseUrl: "https://api.example.com", auth: {} };

  it("sends no credential and reads no environment variable", async () => {
    // Every variable a client could fall back to is set, and every read is recorded.
    const original = process.env;
    const reads: string[] = [];
    process.env = new Proxy(
      { ...original, SPLIT_TEST_API_KEY: "split-env-key", SHARED_TEST_API_KEY: "shared-env-key" },
      {
        get(target, name) {
          if (typeof name === "string") reads.push(name);
          return Reflect.get(target, name);
        },
      },
    );
    try {
      const request = await sent(open, {});
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers["x-api-key"]).toBeUndefined();
      expect(reads).toEqual([]);
      // The same recorder sees a provider that has a variable read it.
      await sent(split, {});
      expect(reads).toContain("SPLIT_TEST_API_KEY");
    } finally {
      process.env = original;
    }
  });

  it("refuses a credential it has no scheme for", () => {
    expect(() => createApiClient(open, { apiKey: "k".repeat(10) })).toThrow(
      "apiKey: open's spec has no API key security scheme to send it with",
    );
    expect(() => createApiClient(open, { bearerToken: "t".repeat(10) })).toThrow(
      "bearerToken: open's spec has no bearer security scheme",
    );
  });
});

describe("errors", () => {
  it("every error the client throws is an ApiClientError: configuration, path, transport, problem", async () => {
    const configError = (() => {
      try {
        createApiClient(split, { maxRetries: -1 });
      } catch (e) {
        return e;
      }
    })();
    expect(configError).toBeInstanceOf(ClientConfigError);
    const client = createApiClient<paths>(split, {
      maxRetries: 0,
      fetch: async () => new Response('{"title":"Gone"}', { status: 410 }),
    });
    const pathError = await client.DELETE("/things/{id}", {} as never).catch((e: unknown) => e);
    expect(pathError).toBeInstanceOf(PathParameterError);
    const problem = await unwrap(
      client.DELETE("/things/{id}", { params: { path: { id: "t1" } } }),
    ).catch((e: unknown) => e);
    expect(isProblemError(problem)).toBe(true);
    const init = { method: "GET", url: "https://api.example.com/x", attempts: 1 };
    const transport = [
      new ConnectionError(init),
      new TimeoutError({ ...init, timeoutMs: 1 }),
      new AbortError(init),
      new RedirectError({ ...init, reason: "in a loop" }),
      new InvalidResponseError({ ...init, status: 200, contentType: "", reason: "is not JSON" }),
    ];
    for (const error of [configError, pathError, problem, ...transport]) {
      expect(isApiClientError(error)).toBe(true);
    }
    for (const error of transport) expect(error).toBeInstanceOf(TransportError);
  });
});
