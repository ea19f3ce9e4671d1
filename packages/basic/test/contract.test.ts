// Contract tests: the client talks to Prism, which serves specs/basic.yaml, checks every
// request against it (--errors) and answers with the spec's own responses.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { declaredStatuses, startPrism, type MockServer } from "@apiclients/testing";
import { createBasicClient, isProblemError, unwrap } from "../src/index.js";

const SPEC = "specs/basic.yaml";
const PATH = "/project/{id}/key/{key_id}";
const params = { path: { id: "proj_1", key_id: "key_1" } };
let prism: MockServer;

beforeAll(async () => {
  delete process.env.BASIC_API_KEY; // the credential-less case must really have none
  prism = await startPrism(SPEC);
});
afterAll(async () => {
  await prism?.stop();
});

const client = () => createBasicClient({ apiKey: "test-key", baseUrl: prism.url });

describe("Basic contract (Prism)", () => {
  it("deletes an API key: 200 with a message, and Prism finds nothing wrong with the request", async () => {
    const { data, response } = await client().DELETE(PATH, { params });
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(typeof data?.message).toBe("string");
  });

  it("is refused by Prism without credentials (the mock checks security)", async () => {
    const { response } = await createBasicClient({ baseUrl: prism.url }).DELETE(PATH, { params });
    expect(response.status).toBe(401);
  });

  const errorStatuses = declaredStatuses(SPEC, PATH, "delete").filter((s) => s >= 400);

  it("declares error responses to test", () => {
    expect(errorStatuses).toEqual([401, 404, 500]);
  });

  it.each(errorStatuses)("turns the spec's %i response into a ProblemError", async (status) => {
    const result = await client().DELETE(PATH, { params, headers: { Prefer: `code=${status}` } });
    expect(result.response.status).toBe(status);
    const error = await unwrap(result).catch((e: unknown) => e);
    expect(isProblemError(error)).toBe(true);
    if (!isProblemError(error)) return;
    expect(error.status).toBe(status);
    expect(error.problem.type).toBe("about:blank");
    expect(error.problem.title.length).toBeGreaterThan(0);
  });
});
