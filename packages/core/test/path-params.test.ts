// Whatever string a caller passes as a path parameter, the request goes to the operation's path
// with exactly that segment filled in, or it is refused before anything is sent.
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { recordingFetch } from "@apiclients/testing";
import { createApiClient, PathParameterError, type ProviderConfig } from "../src/index.js";

interface paths {
  "/projects/{projectIdOrName}/jwt-keys/{keyId}": {
    delete: {
      parameters: { path: { projectIdOrName: string; keyId: string } };
      responses: { 204: { content?: never } };
    };
  };
}

const provider: ProviderConfig = {
  name: "test",
  baseUrl: "https://api.example.com/v1",
  apiKeyEnvVar: "PATH_TEST_API_KEY",
  auth: {
    apiKey: { header: "X-Api-Key" },
    bearerToken: { header: "Authorization", scheme: "Bearer" },
  },
};
const PATH = "/projects/{projectIdOrName}/jwt-keys/{keyId}";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A value that cannot stand as a segment on its own, or cannot be encoded at all. */
function mustBeRefused(value: string): boolean {
  return value === "" || value === "." || value === ".." || LONE_SURROGATE.test(value);
}

// Strings of every kind: any UTF-16 (lone surrogates included), and ones built from the
// characters that matter to URLs, so dots, slashes and percent signs are common.
const anyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(
      ".",
      "/",
      "\\",
      "%",
      "2",
      "e",
      "E",
      "?",
      "#",
      "{",
      "}",
      ";",
      " ",
      "\t",
      "\n",
      "a",
    ),
    maxLength: 8,
  }),
  fc.constantFrom(
    "",
    ".",
    "..",
    "...",
    "%2e%2e",
    ".%2E",
    "../x",
    "a/../b",
    "?q=1",
    "#frag",
    "\ud800",
  ),
);

async function call(projectIdOrName: string, keyId: string) {
  const stub = recordingFetch(() => new Response(null, { status: 204 }));
  const client = createApiClient<paths>(provider, {
    apiKey: "k".repeat(10),
    fetch: stub.fetch,
    maxRetries: 0,
  });
  const error = await client.DELETE(PATH, { params: { path: { projectIdOrName, keyId } } }).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, requests: stub.requests };
}

describe("path parameters", () => {
  it("land in exactly their own segment, or are refused before sending, naming the parameter", async () => {
    await fc.assert(
      fc.asyncProperty(anyString, anyString, async (project, key) => {
        const { error, requests } = await call(project, key);
        const refused = mustBeRefused(project) || mustBeRefused(key);
        if (refused) {
          expect(error).toBeInstanceOf(PathParameterError);
          expect((error as PathParameterError).parameter).toBe(
            mustBeRefused(project) ? "projectIdOrName" : "keyId",
          );
          expect(requests).toHaveLength(0);
          return;
        }
        expect(error).toBeUndefined();
        expect(requests).toHaveLength(1);
        const url = new URL(requests[0]!.url);
        expect(url.origin).toBe("https://api.example.com");
        expect(url.search).toBe("");
        expect(url.hash).toBe("");
        const segments = url.pathname.split("/");
        expect(segments).toHaveLength(6);
        expect(segments.slice(0, 3)).toEqual(["", "v1", "projects"]);
        expect(segments[4]).toBe("jwt-keys");
        expect(decodeURIComponent(segments[3]!)).toBe(project);
        expect(decodeURIComponent(segments[5]!)).toBe(key);
      }),
      { numRuns: 300 },
    );
  });

  it("are refused when missing, whether one or all of them", async () => {
    const stub = recordingFetch(() => new Response(null, { status: 204 }));
    const client = createApiClient<paths>(provider, { fetch: stub.fetch });
    const missingOne = await client
      .DELETE(PATH, { params: { path: { projectIdOrName: "p" } } } as never)
      .catch((e: unknown) => e);
    expect(missingOne).toBeInstanceOf(PathParameterError);
    expect((missingOne as Error).message).toBe('path parameter "keyId" is missing');
    const missingAll = await client.DELETE(PATH, {} as never).catch((e: unknown) => e);
    expect((missingAll as PathParameterError).parameter).toBe("projectIdOrName");
    const noInit = await (client.DELETE as (path: string) => Promise<unknown>)(PATH).catch(
      (e: unknown) => e,
    );
    expect(noInit).toBeInstanceOf(PathParameterError);
    expect(stub.requests).toHaveLength(0);
  });

  it("take numbers, and refuse non-finite numbers, functions and symbols", async () => {
    const stub = recordingFetch(() => new Response(null, { status: 204 }));
    const client = createApiClient<paths>(provider, { fetch: stub.fetch });
    await client.DELETE(PATH, { params: { path: { projectIdOrName: 42 as never, keyId: "k" } } });
    expect(stub.requests[0]!.url).toBe("https://api.example.com/v1/projects/42/jwt-keys/k");
    for (const bad of [Number.NaN, Infinity, () => "x", Symbol("s")]) {
      const error = await client
        .DELETE(PATH, { params: { path: { projectIdOrName: "p", keyId: bad as never } } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PathParameterError);
    }
    expect(stub.requests).toHaveLength(1);
  });
});

// Every OpenAPI path style, with the same parameter, in a template with a fixed segment after it.
const STYLES = ["{x}", "{x*}", "{.x}", "{.x*}", "{;x}", "{;x*}"] as const;

/** Sends /a/<placeholder>/b with `value` for x, through a client that records what it sends. */
async function styled(placeholder: string, value: unknown) {
  const stub = recordingFetch(() => new Response(null, { status: 204 }));
  const client = createApiClient<Record<string, never>>(provider, {
    fetch: stub.fetch,
    maxRetries: 0,
  });
  const error = await client
    .request(
      "get" as never,
      `/a/${placeholder}/b` as never,
      { params: { path: { x: value } } } as never,
    )
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  return { error, requests: stub.requests };
}

// Object keys and strings made of what moves a URL around: slashes, dots, percent signs, ?, #.
const hostileText = fc.oneof(
  fc.string({
    unit: fc.constantFrom(".", "/", "\\", "%", "2", "e", "?", "#", ";", ",", "=", "a"),
    maxLength: 6,
  }),
  fc.constantFrom("/../../../admin/x", "..", ".", "", "%2e%2e", "a/b", "?x=1", "#f"),
);
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.jsonValue(),
    hostileText,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(hostileText, tie("value"), { maxKeys: 3 }),
  ),
})).value;

describe("path parameters of any JSON type, in every style", () => {
  it("land in exactly one segment of their own, or are refused before sending", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...STYLES), hostileJson, async (placeholder, value) => {
        const { error, requests } = await styled(placeholder, value);
        if (error !== undefined) {
          expect(error).toBeInstanceOf(PathParameterError);
          expect((error as PathParameterError).parameter).toBe("x");
          expect(requests).toHaveLength(0);
          return;
        }
        const url = new URL(requests[0]!.url);
        expect(url.origin).toBe("https://api.example.com");
        expect(url.search).toBe("");
        const segments = url.pathname.split("/");
        expect(segments).toHaveLength(5);
        expect([segments[0], segments[1], segments[2], segments[4]]).toEqual(["", "v1", "a", "b"]);
        expect(["", ".", ".."]).not.toContain(segments[3]);
      }),
      { numRuns: 300 },
    );
  });

  it("are sent, not refused, when they are ordinary values", async () => {
    const word = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);
    const scalar = fc.oneof(word, fc.integer(), fc.boolean());
    const ordinary = fc.oneof(
      scalar,
      fc.array(scalar, { minLength: 1, maxLength: 3 }),
      fc.dictionary(word, scalar, { minKeys: 1, maxKeys: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...STYLES), ordinary, async (placeholder, value) => {
        const { error, requests } = await styled(placeholder, value);
        expect(error).toBeUndefined();
        expect(requests).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });

  it("encode object keys as well as values (openapi-fetch's own serializer does not)", async () => {
    const { requests } = await styled("{x}", { "/../../../admin/x": "y" });
    expect(requests[0]!.url).toBe("https://api.example.com/v1/a/%2F..%2F..%2F..%2Fadmin%2Fx,y/b");
    const exploded = await styled("{;x*}", { "k/1": "v;2" });
    expect(exploded.requests[0]!.url).toBe("https://api.example.com/v1/a/;k%2F1=v%3B2/b");
  });
});
