import { afterEach, describe, expect, it } from "@jest/globals";
import { jsonResponse, recordingFetch, type Responder } from "@apiclients/testing";
import { createBasicClient, isProblemError, unwrap } from "../src/index.js";

const PATH = "/project/{id}/key/{key_id}";
const params = { path: { id: "proj_1", key_id: "key_1" } };

// These tests are about what is sent and how answers read; retrying is core's to test, so no
// call here waits through a backoff.
function clientAnswering(
  respond: Responder,
  options: Parameters<typeof createBasicClient>[0] = { apiKey: "basic-key", maxRetries: 0 },
) {
  const stub = recordingFetch(respond);
  return { client: createBasicClient({ ...options, fetch: stub.fetch }), requests: stub.requests };
}

afterEach(() => {
  delete process.env.BASIC_API_KEY;
});

describe("createBasicClient", () => {
  it("sends DELETE to the spec's first server with the key as a bearer token", async () => {
    const { client, requests } = clientAnswering(() =>
      jsonResponse({ message: "API key deleted" }),
    );
    await client.DELETE(PATH, { params });
    expect(requests[0]).toMatchObject({
      method: "DELETE",
      url: "https://api.basic.tech/project/proj_1/key/key_1",
      body: null,
    });
    expect(requests[0]!.headers.authorization).toBe("Bearer basic-key");
  });

  it("sends bearerToken the same way, and defaults to BASIC_API_KEY", async () => {
    const token = clientAnswering(() => jsonResponse({ message: "ok" }), { bearerToken: "jwt" });
    await token.client.DELETE(PATH, { params });
    expect(token.requests[0]!.headers.authorization).toBe("Bearer jwt");

    process.env.BASIC_API_KEY = "env-key";
    const env = clientAnswering(() => jsonResponse({ message: "ok" }), {});
    await env.client.DELETE(PATH, { params });
    expect(env.requests[0]!.headers.authorization).toBe("Bearer env-key");
  });

  it("refuses apiKey and bearerToken together, since both would be the Authorization header", () => {
    expect(() => createBasicClient({ apiKey: "a", bearerToken: "b" })).toThrow(/pass one of them/);
  });

  it("returns the 200 { message } body as data", async () => {
    const { client } = clientAnswering(() =>
      jsonResponse({ message: "API key deleted successfully" }),
    );
    const { data, error } = await client.DELETE(PATH, { params });
    expect(error).toBeUndefined();
    expect(data).toEqual({ message: "API key deleted successfully" });
    await expect(unwrap(client.DELETE(PATH, { params }))).resolves.toEqual({
      message: "API key deleted successfully",
    });
  });

  it.each([
    [
      401,
      { error: "Unauthorized", message: "Invalid or missing authentication" },
      "Unauthorized",
      "Invalid or missing authentication",
    ],
    [404, { error: "API key not found" }, "API key not found", undefined],
    [
      500,
      { error: "Internal server error", message: "database unavailable" },
      "Internal server error",
      "database unavailable",
    ],
    [500, {}, "Internal Server Error", undefined],
  ])("turns a %i %j into a ProblemError", async (status, body, title, detail) => {
    const { client } = clientAnswering(() => jsonResponse(body, status));
    const result = await client.DELETE(PATH, { params });
    expect(result.error).toEqual(body); // openapi-fetch still gives the body as the spec types it
    const error = await unwrap(result).catch((e: unknown) => e);
    expect(isProblemError(error)).toBe(true);
    if (!isProblemError(error)) return;
    expect(error.status).toBe(status);
    expect(error.problem.title).toBe(title);
    expect(error.problem.detail).toBe(detail);
    expect(error.problem.type).toBe("about:blank");
    expect(error.retryable).toBe(status >= 500);
  });
});
