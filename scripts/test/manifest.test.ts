// The manifest's rules (lib/codegen/manifest.ts), on entries written here: what is accepted,
// and the message each mistake gets, naming the entry and the field.
import { describe, expect, it } from "@jest/globals";
import { parseManifest } from "../lib/codegen/manifest.js";
import { providerNames } from "../lib/codegen/names.js";

const entry = (fields: Record<string, unknown> = {}) => ({
  name: "acme-admin",
  spec: "specs/acme-admin.json",
  package: "packages/acme-admin",
  apiKeyEnvVar: "ACME_ADMIN_API_KEY",
  auth: { apiKey: "apiKeyAuth", bearerToken: "bearerAuth" },
  ...fields,
});
const parse =
  (...entries: unknown[]) =>
  () =>
    parseManifest({ providers: entries });

describe("a manifest entry", () => {
  it("reads every field, source, baseUrl and firstCall included", () => {
    const source = "https://raw.githubusercontent.com/acme/admin/main/openapi.json";
    const fields = { source, baseUrl: "https://eu.acme.test/v2", firstCall: "GET /project/{id}" };
    expect(parseManifest({ providers: [entry(fields)] })).toEqual([
      {
        name: "acme-admin",
        spec: "specs/acme-admin.json",
        package: "packages/acme-admin",
        apiKeyEnvVar: "ACME_ADMIN_API_KEY",
        auth: { apiKey: "apiKeyAuth", bearerToken: "bearerAuth" },
        source,
        baseUrl: "https://eu.acme.test/v2",
        firstCall: "GET /project/{id}",
      },
    ]);
  });

  it("derives the package, factory and client type names from the provider name", () => {
    expect(providerNames("basic-admin")).toMatchObject({
      packageName: "@apiclients/basic-admin",
      factory: "createBasicAdminClient",
      clientType: "BasicAdminClient",
      variable: "basicAdmin",
      envPrefix: "BASIC_ADMIN",
    });
    // A name that is a reserved word still makes a variable the README can use.
    expect(providerNames("new").variable).toBe("newApi");
  });

  it.each([
    ["Acme", "name"],
    ["acme_admin", "name"],
    ["acme--admin", "name"],
    ["-acme", "name"],
    ["1acme", "name"],
    ["acme-", "name"],
    [`a${"b".repeat(202)}`, "name"],
  ])("refuses the name %j", (name, field) => {
    expect(parse(entry({ name }))).toThrow(
      `scripts/providers.json: providers[0] (${JSON.stringify(name)}).${field}: is not a valid provider name`,
    );
  });

  it.each([
    ["https://specs.example.com/openapi.json", undefined],
    ["http://127.0.0.1:4010/openapi.json", undefined],
    ["http://localhost/openapi.yaml", undefined],
    ["http://[::1]:8080/openapi.json", undefined],
    ["http://specs.example.com/openapi.json", "is plain http: use https"],
    ["ftp://specs.example.com/openapi.json", "ftp: is not https"],
    ["https://user:secret@specs.example.com/openapi.json", "must not carry credentials"],
    ["specs.example.com/openapi.json", "is not a URL"],
  ])("takes %j as a source: %s", (source, problem) => {
    const run = parse(entry({ source }));
    if (problem === undefined) {
      expect(run()[0]!.source).toBe(source);
      return;
    }
    expect(run).toThrow(`providers[0] ("acme-admin").source: `);
    expect(run).toThrow(problem);
  });

  it.each([
    [{ spec: "../elsewhere/openapi.json" }, "spec", "must be a normalised path under specs/"],
    [{ spec: "specs/../x.json" }, "spec", "must be a normalised path under specs/"],
    [{ spec: "openapi.json" }, "spec", "must be a normalised path under specs/"],
    [{ spec: undefined }, "spec", "is required"],
    [{ package: "packages/a/b" }, "package", "must be a folder directly under packages/"],
    [{ package: "lib/acme" }, "package", "must be a folder directly under packages/"],
    [{ auth: { apikey: "x" } }, "auth.apikey", "is not a credential option"],
    [{ auth: "apiKeyAuth" }, "auth", "must be an object"],
    [{ auth: { apiKey: "" } }, "auth.apiKey", "must be a non-empty string"],
    [{ apiKeyEnvVar: "acme-key" }, "apiKeyEnvVar", "is not an environment variable name"],
    [
      { auth: { bearerToken: "b" } },
      "apiKeyEnvVar",
      "is set but providers[0].auth.apiKey names no scheme",
    ],
    [{ baseUrl: "/v1" }, "baseUrl", "must be an absolute http(s) URL"],
    [{ baseUrl: "https://u:p@api.acme.test" }, "baseUrl", "must be an absolute http(s) URL"],
    [{ firstCall: "get /things" }, "firstCall", 'must be "METHOD /path"'],
    [{ firstCall: "GET things" }, "firstCall", 'must be "METHOD /path"'],
    [{ sauce: "x" }, "sauce", "is not a manifest field"],
  ])("refuses %j, at field %s", (fields, field, message) => {
    const run = parse(entry(fields));
    expect(run).toThrow(`scripts/providers.json: providers[0] ("acme-admin").${field}: `);
    expect(run).toThrow(message);
  });

  it("allows $-prefixed notes beside the fields", () => {
    expect(parse(entry({ $comment: "moved to v2 in May" }))()).toHaveLength(1);
  });
});

describe("entries together", () => {
  it("may not share a name, a package folder or a TypeScript name", () => {
    const other = { spec: "specs/other.json", package: "packages/other" };
    expect(parse(entry(), entry(other))).toThrow(
      'providers[1] ("acme-admin").name: the name "acme-admin" is already taken by providers[0] ("acme-admin")',
    );
    expect(parse(entry(), entry({ name: "other" }))).toThrow(
      'providers[1] ("other").package: the package folder "packages/acme-admin" is already taken by providers[0]',
    );
    expect(parse(entry({ name: "a-1b", ...other }), entry({ name: "a1b" }))).toThrow(
      'providers[1] ("a1b").name: the TypeScript name "A1b" is already taken by providers[0] ("a-1b")',
    );
  });

  it("must be a non-empty list of objects", () => {
    expect(() => parseManifest({ providers: [] })).toThrow('"providers" must be a non-empty array');
    expect(() => parseManifest({})).toThrow('"providers" must be a non-empty array');
    expect(parse("acme")).toThrow("providers[0] must be an object");
    expect(parse({ spec: "specs/x.json" })).toThrow("providers[0].name must be a non-empty string");
  });
});
