// Contract tests: the client talks to Prism, which serves specs/ampersand.yaml, checks every
// request against it (--errors) and answers with the spec's own responses.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { declaredStatuses, startPrism, type MockServer } from "@apiclients/testing";
import { isProblem } from "@apiclients/problem";
import { createAmpersandClient, isProblemError, unwrap } from "../src/index.js";

const SPEC = "specs/ampersand.yaml";
const PATH = "/projects/{projectIdOrName}/jwt-keys/{keyId}";
const params = { path: { projectIdOrName: "my-project", keyId: "key-123" } };
let prism: MockServer;

beforeAll(async () => {
  delete process.env.AMPERSAND_API_KEY; // the credential-less case must really have none
  prism = await startPrism(SPEC);
});
afterAll(async () => {
  await prism?.stop();
});

const client = (options: Parameters<typeof createAmpersandClient>[0] = {}) =>
  createAmpersandClient({ apiKey: "test-key", baseUrl: prism.url, ...options });

describe("Ampersand contract (Prism)", () => {
  it("deletes a JWT key: 204, and Prism finds nothing wrong with the request", async () => {
    const { data, response } = await client().DELETE(PATH, { params });
    expect(response.status).toBe(204);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(data).toBeUndefined();
  });

  it("is accepted with a bearer token instead of an API key", async () => {
    const { response } = await client({ apiKey: undefined, bearerToken: "jwt" }).DELETE(PATH, {
      params,
    });
    expect(response.status).toBe(204);
  });

  it("is refused by Prism without credentials (the mock checks security)", async () => {
    const { response } = await createAmpersandClient({ baseUrl: prism.url }).DELETE(PATH, {
      params,
    });
    expect(response.status).toBe(401);
  });

  const errorStatuses = declaredStatuses(SPEC, PATH, "delete").filter((s) => s >= 400);

  it("declares error responses to test", () => {
    expect(errorStatuses).toEqual([404, 500]);
  });

  it.each(errorStatuses)("turns the spec's %i response into a ProblemError", async (status) => {
    const result = await client().DELETE(PATH, { params, headers: { Prefer: `code=${status}` } });
    expect(result.response.status).toBe(status);
    expect(isProblem(result.error)).toBe(true);
    const error = await unwrap(result).catch((e: unknown) => e);
    expect(isProblemError(error)).toBe(true);
    if (!isProblemError(error)) return;
    expect(error.status).toBe(status);
    expect(error.problem.status).toBe(status);
    expect(error.message.startsWith(`${status} `)).toBe(true);
  });
});
