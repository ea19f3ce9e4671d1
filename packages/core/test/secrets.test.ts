// Credentials never show in an error's message, stack, toJSON() or util.inspect(), at any
// depth, causes included: not even when the server or the fetch implementation echoes them.
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "@jest/globals";
import { answer, startScriptedServer, type ScriptedServer } from "@apiclients/testing";
import { isProblemError, unwrap } from "@apiclients/problem";
import {
  ConnectionError,
  createApiClient,
  type ClientOptions,
  type ProviderConfig,
} from "../src/index.js";

interface paths {
  "/things/{id}": {
    delete: { parameters: { path: { id: string } }; responses: { 204: { content?: never } } };
  };
}

const provider: ProviderConfig = {
  name: "test",
  baseUrl: "http://127.0.0.1:1",
  apiKeyEnvVar: "SECRETS_TEST_API_KEY",
  auth: {
    apiKey: { header: "X-Api-Key" },
    bearerToken: { header: "Authorization", scheme: "Bearer" },
  },
};

const API_KEY = "sk_live_0123456789abcdef";
const TOKEN = "eyJhbGciOiJIUzI1NiJ9.payload.signature";
const params = { path: { id: "t1" } };

/** Every way an error may be turned into text. */
function renderings(error: unknown): string[] {
  const e = error as Error & { toJSON?: () => unknown };
  return [
    String(e.message),
    String(e.stack),
    String(JSON.stringify(e)),
    String(JSON.stringify(e.toJSON?.())),
    inspect(e, { depth: Infinity, showHidden: true }),
    inspect(e.cause, { depth: Infinity, showHidden: true }),
  ];
}

function expectNoSecrets(error: unknown) {
  for (const text of renderings(error)) {
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(TOKEN);
  }
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  delete process.env.SECRETS_TEST_API_KEY;
});

async function failWith(options: ClientOptions): Promise<unknown> {
  const client = createApiClient<paths>(provider, { maxRetries: 0, ...options });
  return unwrap(client.DELETE("/things/{id}", { params })).then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );
}

describe("secrets", () => {
  it("are blanked out of a problem the server echoes them in", async () => {
    server = await startScriptedServer([
      (req, res) => {
        const body = {
          title: `Invalid key ${String(req.headers["x-api-key"])}`,
          detail: `token ${String(req.headers.authorization)} rejected`,
          context: { [String(req.headers["x-api-key"])]: [String(req.headers.authorization)] },
          requestId: `req-${String(req.headers["x-api-key"])}`,
        };
        res
          .writeHead(401, {
            "content-type": "application/problem+json",
            "x-request-id": String(req.headers["x-api-key"]),
          })
          .end(JSON.stringify(body));
      },
    ]);
    const error = await failWith({ baseUrl: server.url, apiKey: API_KEY, bearerToken: TOKEN });
    expect(isProblemError(error)).toBe(true);
    expect((error as Error).message).toContain("[redacted]");
    expectNoSecrets(error);
  });

  it("are blanked out when the key comes from the environment", async () => {
    process.env.SECRETS_TEST_API_KEY = API_KEY;
    server = await startScriptedServer([
      (req, res) => res.writeHead(403).end(`no access for ${String(req.headers["x-api-key"])}`),
    ]);
    const error = await failWith({ baseUrl: server.url });
    expect(isProblemError(error) && error.status).toBe(403);
    expectNoSecrets(error);
  });

  it("are blanked out of the cause when the fetch implementation's error repeats them", async () => {
    const leakyFetch = async (request: Request): Promise<Response> => {
      const inner = Object.assign(
        new Error(`socket closed while sending ${request.headers.get("x-api-key")}`),
        {
          code: "ECONNRESET",
          headers: Object.fromEntries(request.headers),
        },
      );
      throw new TypeError("fetch failed", { cause: inner });
    };
    const error = await failWith({ apiKey: API_KEY, bearerToken: TOKEN, fetch: leakyFetch });
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("ECONNRESET");
    expectNoSecrets(error);
  });

  it("are blanked out of any error a fetch implementation throws, TypeError or not", async () => {
    const leakyFetch = async (request: Request): Promise<Response> => {
      throw new Error(`proxy refused ${request.headers.get("x-api-key")}`);
    };
    const error = await failWith({ apiKey: API_KEY, fetch: leakyFetch });
    expect(error).toBeInstanceOf(ConnectionError);
    expectNoSecrets(error);
    // An error that mentions no credential stays the caller's own, as openapi-fetch passes it.
    const own = new Error("custom transport refused");
    const passed = await failWith({
      apiKey: API_KEY,
      fetch: async () => {
        throw own;
      },
    });
    expect(passed).toBe(own);
  });

  it("never reach a ClientConfigError", () => {
    for (const options of [
      { apiKey: `${API_KEY}\n` },
      { bearerToken: `${TOKEN}\r\n` },
      { headers: { Authorization: `${TOKEN}\n` } },
    ]) {
      let error: unknown;
      try {
        createApiClient(provider, options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeDefined();
      expectNoSecrets(error);
    }
  });

  it("are not blanked out when they are not secrets: the rest of the message stays readable", async () => {
    server = await startScriptedServer([
      answer.json(404, { title: "Not Found", detail: "no thing t1" }),
    ]);
    const error = await failWith({ baseUrl: server.url, apiKey: API_KEY });
    expect((error as Error).message).toBe("404 Not Found: no thing t1");
  });
});
