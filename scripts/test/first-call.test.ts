// Which operation becomes a provider's first call (README, generated contract test, rehearsal
// consumers) and the values it is made with (lib/codegen/first-call.ts, examples.ts), and the
// client's defaults (client-defaults.ts), on specs written here.
import { describe, expect, it } from "@jest/globals";
import { clientDefaults } from "../lib/codegen/client-defaults.js";
import type { ProviderDescription } from "../lib/codegen/describe.js";
import { chooseFirstCall } from "../lib/codegen/first-call.js";
import type { ProviderEntry } from "../lib/codegen/manifest.js";
import { listOperations } from "../lib/codegen/operations.js";
import type { OpenApiDocument } from "../lib/codegen/spec.js";
import { swrPlan } from "../lib/rehearsal/consumer-providers.js";

const entry = (fields: Partial<ProviderEntry> = {}): ProviderEntry => ({
  name: "acme",
  spec: "specs/acme.json",
  package: "packages/acme",
  auth: { apiKey: "key", bearerToken: "jwt" },
  ...fields,
});

function spec(
  paths: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): OpenApiDocument {
  return {
    openapi: "3.0.3",
    info: { title: "Acme", version: "1" },
    servers: [{ url: "https://api.acme.test" }],
    components: {
      securitySchemes: {
        key: { type: "apiKey", in: "header", name: "X-Key" },
        jwt: { type: "http", scheme: "bearer" },
        cookie: { type: "apiKey", in: "cookie", name: "sid" },
      },
      parameters: { Id: { name: "id", in: "path", required: true, schema: { type: "string" } } },
      schemas: { Color: { type: "string", enum: ["red", "green"] } },
    },
    security: [{ key: [] }, { jwt: [] }],
    paths,
    ...extra,
  };
}

const ok = { responses: { "200": { description: "ok" }, "404": { description: "no" } } };

describe("the first call", () => {
  it("prefers an authorised GET with the fewest values, then the spec's order", () => {
    const plan = chooseFirstCall(
      entry(),
      spec({
        "/health": { get: { ...ok, security: [] } },
        "/things": { post: { ...ok } },
        "/things/{id}": { get: { ...ok, parameters: [{ $ref: "#/components/parameters/Id" }] } },
        "/things/": { get: { ...ok } },
        "/others": { get: { ...ok } },
      }),
    );
    expect(plan).toEqual({
      method: "get",
      path: "/things/",
      summary: "",
      params: {},
      successStatuses: [200],
      errorStatuses: [404],
      credentials: ["apiKey", "bearerToken"],
      secured: true,
    });
  });

  it("takes an anonymous operation when the manifest maps no credential", () => {
    const plan = chooseFirstCall(
      entry({ auth: {} }),
      spec({ "/me": { get: { ...ok } }, "/health": { get: { ...ok, security: [] } } }),
    );
    expect(plan).toMatchObject({ path: "/health", credentials: [], secured: false });
  });

  it("fills required parameters from examples, enums, formats and bounds, and leaves optional ones out", () => {
    const plan = chooseFirstCall(
      entry(),
      spec({
        "/projects/{projectId}/items/{n}": {
          parameters: [
            { name: "projectId", in: "path", required: true, schema: { type: "string" } },
          ],
          get: {
            ...ok,
            parameters: [
              { name: "n", in: "path", required: true, schema: { type: "integer", minimum: 5 } },
              {
                name: "color",
                in: "query",
                required: true,
                schema: { $ref: "#/components/schemas/Color" },
              },
              {
                name: "since",
                in: "query",
                required: true,
                schema: { type: "string", format: "date" },
              },
              {
                name: "ids",
                in: "query",
                required: true,
                schema: { type: "array", items: { type: "integer" } },
              },
              {
                name: "q",
                in: "query",
                required: true,
                example: "shoes",
                schema: { type: "string" },
              },
              {
                name: "limit",
                in: "query",
                required: true,
                schema: { type: "integer", example: "10" },
              },
              {
                name: "X-Trace",
                in: "header",
                required: true,
                schema: { type: "string", maxLength: 3 },
              },
              { name: "page", in: "query", schema: { type: "integer" } },
            ],
          },
        },
      }),
    );
    expect(plan.params).toEqual({
      path: { projectId: "project-id", n: 5 },
      query: { color: "red", since: "2024-01-02", ids: [1], q: "shoes", limit: 10 },
      header: { "X-Trace": "x-t" },
    });
  });

  it("makes a JSON body of the required members only, and skips what it cannot fill", () => {
    const plan = chooseFirstCall(
      entry(),
      spec({
        "/upload": {
          post: {
            ...ok,
            requestBody: {
              required: true,
              content: { "multipart/form-data": { schema: { type: "object" } } },
            },
          },
        },
        "/slug/{slug}": {
          get: {
            ...ok,
            parameters: [
              {
                name: "slug",
                in: "path",
                required: true,
                schema: { type: "string", pattern: "^[a-z]+$" },
              },
            ],
          },
        },
        "/session": { get: { ...ok, security: [{ cookie: [] }] } },
        "/items": {
          post: {
            ...ok,
            requestBody: {
              required: true,
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["name", "color", "tags", "owner"],
                    properties: {
                      name: { type: "string" },
                      color: { $ref: "#/components/schemas/Color" },
                      tags: { type: "array", items: { type: "string" } },
                      owner: {
                        type: "object",
                        required: ["id"],
                        properties: { id: { type: "integer" } },
                      },
                      note: { type: "string" },
                    },
                  },
                },
              },
            },
          },
        },
      }),
    );
    expect(plan).toMatchObject({
      method: "post",
      path: "/items",
      body: { name: "name", color: "red", tags: ["tags"], owner: { id: 1 } },
    });
  });

  it("prefers a JSON answer, reads any other as text, and skips a path placeholder nothing declares", () => {
    const text = { description: "ok", content: { "text/csv": { schema: { type: "string" } } } };
    const doc = spec({
      "/export": { get: { responses: { "200": text } } },
      "/things/{id}": { get: { ...ok } },
      "/report": {
        get: { responses: { "200": { description: "ok", content: { "application/json": {} } } } },
      },
    });
    expect(chooseFirstCall(entry(), doc)).toMatchObject({ path: "/report" });
    expect(chooseFirstCall(entry({ firstCall: "GET /export" }), doc)).toMatchObject({
      path: "/export",
      parseAs: "text",
    });
    expect(() => chooseFirstCall(entry({ firstCall: "GET /things/{id}" }), doc)).toThrow(
      "its path has {id}, which no path parameter declares",
    );
  });

  it("is the manifest's firstCall when it names one, or says why it cannot be", () => {
    const doc = spec({
      "/a": { get: { ...ok } },
      "/b/{token}": {
        get: {
          ...ok,
          parameters: [
            {
              name: "token",
              in: "path",
              required: true,
              schema: { type: "string", pattern: "^t" },
            },
          ],
        },
      },
      "/c": { delete: { ...ok, summary: "Delete everything." } },
    });
    expect(chooseFirstCall(entry({ firstCall: "DELETE /c" }), doc)).toMatchObject({
      method: "delete",
      path: "/c",
      summary: "Delete everything.",
    });
    expect(() => chooseFirstCall(entry({ firstCall: "GET /b/{token}" }), doc)).toThrow(
      '"acme".firstCall: GET /b/{token} cannot be the first call: the generator cannot make a value for its path parameter "token" (no example, and a pattern or type it cannot satisfy)',
    );
    expect(() => chooseFirstCall(entry({ firstCall: "PUT /a" }), doc)).toThrow(
      '"acme".firstCall: specs/acme.json has no operation PUT /a',
    );
  });

  it("fails, naming the spec, when no operation can be made without inventing anything", () => {
    expect(() =>
      chooseFirstCall(
        entry(),
        spec({ "/session": { get: { ...ok, security: [{ cookie: [] }] } } }),
      ),
    ).toThrow(
      "\"acme\".spec: no operation of specs/acme.json can be the README's first call (GET /session: no credential in the manifest's auth satisfies its security (cookie)). The README's first call and the contract test need one operation",
    );
  });
});

describe("the operations a README lists", () => {
  it("are every method of every path, with a one-line summary whatever the spec gives", () => {
    const operations = listOperations(
      spec({
        "/a": {
          get: { ...ok, operationId: "getA", summary: "Get  an\nA" },
          post: { ...ok, description: "Makes an A. Then more." },
          delete: { ...ok, deprecated: true },
          "x-internal": { get: {} },
        },
      }),
    );
    expect(
      operations.map(({ method, path, summary, operationId, deprecated }) => ({
        method,
        path,
        summary,
        operationId,
        deprecated,
      })),
    ).toEqual([
      { method: "get", path: "/a", summary: "Get an A", operationId: "getA", deprecated: false },
      {
        method: "post",
        path: "/a",
        summary: "Makes an A.",
        operationId: undefined,
        deprecated: false,
      },
      { method: "delete", path: "/a", summary: "", operationId: undefined, deprecated: true },
    ]);
  });
});

describe("the client's defaults", () => {
  it("send an OAuth 2 or OpenID Connect access token as a bearer token", () => {
    const doc = spec({});
    doc.components!.securitySchemes = {
      oauth: { type: "oauth2", flows: {} },
      oidc: { type: "openIdConnect", openIdConnectUrl: "https://id.acme.test" },
      basic: { type: "http", scheme: "basic" },
    };
    expect(
      clientDefaults(entry({ auth: { bearerToken: "oauth", apiKey: "oidc" } }), doc).auth,
    ).toEqual({
      apiKey: { header: "Authorization", scheme: "Bearer" },
      bearerToken: { header: "Authorization", scheme: "Bearer" },
    });
    expect(() => clientDefaults(entry({ auth: { apiKey: "basic" } }), doc)).toThrow(
      '"acme".auth.apiKey: names security scheme "basic" of specs/acme.json, of type "http" (basic): the client fills in header API keys and bearer tokens',
    );
  });

  it("take the manifest's baseUrl, which is how a spec with a relative server gets one", () => {
    const doc = spec({}, { servers: [{ url: "/v1" }] });
    expect(() => clientDefaults(entry(), doc)).toThrow(
      'specs/acme.json: servers[0].url "/v1" is not an absolute http(s) URL: the client needs an absolute base URL; give one as baseUrl in the acme entry of scripts/providers.json',
    );
    expect(clientDefaults(entry({ baseUrl: "https://api.acme.test/v1" }), doc).baseUrl).toBe(
      "https://api.acme.test/v1",
    );
  });
});

describe("the React rehearsal's swr-openapi call (GET only)", () => {
  const described = (doc: OpenApiDocument, firstCall?: string) => {
    const provider = entry(firstCall === undefined ? {} : { firstCall });
    return { entry: provider, plan: chooseFirstCall(provider, doc) } as ProviderDescription;
  };

  it("is the first call when that is a GET", () => {
    const doc = spec({ "/things": { get: { ...ok } } });
    const p = described(doc);
    expect(swrPlan(p, doc)).toBe(p.plan);
  });

  it("is otherwise the GET the first call's rules would pick among the GETs", () => {
    const doc = spec({
      "/things": { delete: { ...ok } },
      "/health": { get: { ...ok, security: [] } },
      "/others": { get: { ...ok } },
    });
    const p = described(doc, "DELETE /things");
    expect(swrPlan(p, doc)).toMatchObject({ method: "get", path: "/others" });
  });

  it("says why when the spec has no GET, or none it can make", () => {
    const none = spec({ "/things": { delete: { ...ok } } });
    expect(swrPlan(described(none, "DELETE /things"), none)).toBe(
      "specs/acme.json has no GET operation, and swr-openapi makes GET requests only (the README's first call is DELETE /things)",
    );
    const cookieOnly = spec({
      "/things": { delete: { ...ok } },
      "/session": { get: { ...ok, security: [{ cookie: [] }] } },
    });
    expect(swrPlan(described(cookieOnly, "DELETE /things"), cookieOnly)).toMatch(
      /^no GET operation of specs\/acme\.json can be called without inventing a value \(GET \/session: /,
    );
  });
});
