import { afterEach, describe, expect, it } from "@jest/globals";
import { jsonResponse, recordingFetch, type Responder } from "@apiclients/testing";
import { createAmpersandClient, isProblemError, type ProblemError, unwrap } from "../src/index.js";

const PATH = "/projects/{projectIdOrName}/jwt-keys/{keyId}";
const params = { path: { projectIdOrName: "my-project", keyId: "key 1/2" } };

// These tests are about what is sent and how answers read; retrying is core's to test, so no
// call here waits through a backoff.
function clientAnswering(
  respond: Responder,
  options: Parameters<typeof createAmpersandClient>[0] = { apiKey: "amp-key", maxRetries: 0 },
) {
  const stub = recordingFetch(respond);
  return {
    client: createAmpersandClient({ ...options, fetch: stub.fetch }),
    requests: stub.requests,
  };
}

async function failure(respond: Responder): Promise<ProblemError> {
  const { client } = clientAnswering(respond);
  const error = await unwrap(client.DELETE(PATH, { params })).catch((e: unknown) => e);
  if (!isProblemError(error)) throw new Error(`expected a ProblemError, got ${String(error)}`);
  return error;
}

afterEach(() => {
  delete process.env.AMPERSAND_API_KEY;
});

describe("createAmpersandClient", () => {
  it("sends DELETE to the spec's server with the path parameters encoded", async () => {
    const { client, requests } = clientAnswering(() => new Response(null, { status: 204 }));
    await client.DELETE(PATH, { params });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.method).toBe("DELETE");
    expect(requests[0]!.url).toBe(
      "https://api.withampersand.com/v1/projects/my-project/jwt-keys/key%201%2F2",
    );
    expect(requests[0]!.headers["x-api-key"]).toBe("amp-key");
    expect(requests[0]!.headers.authorization).toBeUndefined();
    expect(requests[0]!.body).toBeNull();
  });

  it("sends a bearer token in Authorization", async () => {
    const { client, requests } = clientAnswering(() => new Response(null, { status: 204 }), {
      bearerToken: "jwt",
    });
    await client.DELETE(PATH, { params });
    expect(requests[0]!.headers.authorization).toBe("Bearer jwt");
    expect(requests[0]!.headers["x-api-key"]).toBeUndefined();
  });

  it("defaults the API key to AMPERSAND_API_KEY", async () => {
    process.env.AMPERSAND_API_KEY = "env-key";
    const { client, requests } = clientAnswering(() => new Response(null, { status: 204 }), {});
    await client.DELETE(PATH, { params });
    expect(requests[0]!.headers["x-api-key"]).toBe("env-key");
  });

  it("returns no data for 204 No Content", async () => {
    const { client } = clientAnswering(() => new Response(null, { status: 204 }));
    const result = await client.DELETE(PATH, { params });
    expect(result.response.status).toBe(204);
    expect(result.data).toBeUndefined();
    expect(result.error).toBeUndefined();
    await expect(unwrap(client.DELETE(PATH, { params }))).resolves.toBeUndefined();
  });
});

describe("errors from Ampersand", () => {
  it("turns the spec's 404 problem into a ProblemError", async () => {
    const error = await failure(() =>
      jsonResponse(
        {
          type: "https://httpstatuses.com/404",
          title: "Not Found",
          status: 404,
          detail: "JWT key not found",
          remedy: "check the key ID and project ID are both correct, and try again",
        },
        404,
      ),
    );
    expect(error.status).toBe(404);
    expect(error.problem.type).toBe("https://httpstatuses.com/404");
    expect(error.problem.remedy).toContain("check the key ID");
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^404 Not Found: JWT key not found \(check the key ID/);
  });

  it("reads a 500 problem's extension members and trusts the HTTP status over the body's", async () => {
    const error = await failure(() =>
      jsonResponse(
        {
          title: "Oops",
          status: 400,
          requestId: "req-9",
          retryable: false,
          retryAfter: "2024-04-22T18:55:28.456076Z",
          causes: ["db"],
        },
        500,
        { "content-type": "application/problem+json; charset=utf-8" },
      ),
    );
    expect(error.status).toBe(500);
    expect(error.problem.status).toBe(500);
    expect(error.requestId).toBe("req-9");
    expect(error.retryable).toBe(false);
    expect(error.retryAfter?.toISOString()).toBe("2024-04-22T18:55:28.456Z");
    expect(error.problem.causes).toEqual(["db"]);
  });

  it("handles an HTML page from a proxy and an empty body", async () => {
    const html = await failure(
      () =>
        new Response("<html><title>502 Bad Gateway</title></html>", {
          status: 502,
          headers: { "content-type": "text/html" },
        }),
    );
    expect(html.status).toBe(502);
    expect(html.problem.title).toBe("Bad Gateway");
    expect(html.retryable).toBe(true);
    const empty = await failure(
      () => new Response(null, { status: 503, headers: { "x-request-id": "abc" } }),
    );
    expect(empty.message).toBe("503 Service Unavailable [request id abc]");
  });
});
