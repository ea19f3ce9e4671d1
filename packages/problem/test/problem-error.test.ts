import { inspect } from "node:util";
import { describe, expect, it } from "@jest/globals";
import {
  ApiClientError,
  isApiClientError,
  isProblem,
  isProblemError,
  parseProblem,
  ProblemError,
  retryHints,
  unwrap,
} from "../src/index.js";

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });

describe("ProblemError", () => {
  it("carries status, problem, request id and an actionable message", () => {
    const error = ProblemError.fromResponse(json({}, 404), {
      type: "https://httpstatuses.com/404",
      title: "Not Found",
      status: 404,
      detail: "JWT key not found",
      remedy: "check the key ID and project ID are both correct, and try again",
      requestId: "req-1",
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ProblemError");
    expect(error.status).toBe(404);
    expect(error.requestId).toBe("req-1");
    expect(error.retryable).toBe(false);
    expect(error.retryAfter).toBeUndefined();
    expect(error.problem.detail).toBe("JWT key not found");
    expect(error.message).toBe(
      "404 Not Found: JWT key not found (check the key ID and project ID are both correct, and try again) [request id req-1]",
    );
  });

  it("takes the request id and Retry-After from headers when the body has none", () => {
    const response = json({}, 503, { "x-request-id": "hdr-7", "retry-after": "120" });
    const before = Date.now();
    const error = ProblemError.fromResponse(response, "<html>upstream down</html>");
    expect(error.requestId).toBe("hdr-7");
    expect(error.retryable).toBe(true);
    expect(error.retryAfter!.getTime()).toBeGreaterThanOrEqual(before + 120_000);
    expect(error.retryAfter!.getTime()).toBeLessThanOrEqual(Date.now() + 120_000);
    expect(error.problem.title).toBe("Service Unavailable");
  });

  it("lets the body's retryable and retryAfter win over the status and headers", () => {
    const error = ProblemError.fromResponse(json({}, 500, { "retry-after": "5" }), {
      retryable: false,
      retryAfter: "2030-01-01T00:00:00Z",
      time: "2029-12-31T23:59:59.5Z",
    });
    expect(error.retryable).toBe(false);
    expect(error.retryAfter?.toISOString()).toBe("2030-01-01T00:00:00.000Z");
    expect(error.time?.toISOString()).toBe("2029-12-31T23:59:59.500Z");
  });

  it("reads a provider's own error shape through options.toProblem", () => {
    const toProblem = (body: unknown) => ({ title: (body as { error: string }).error });
    const error = ProblemError.fromResponse(
      json({}, 401),
      { error: "Unauthorized" },
      { toProblem },
    );
    expect(error.problem.title).toBe("Unauthorized");
    expect(error.message).toBe("401 Unauthorized");
  });

  it("makes a one-line message of bounded length, whatever the server sent", () => {
    const error = ProblemError.fromResponse(json({}, 400), {
      title: "Bad\r\nINFO forged line\u001b[2J",
      detail: "x".repeat(1_000_000),
      remedy: "\u202eevil",
    });
    expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(error.message.startsWith("400 Bad INFO forged line")).toBe(true);
    expect(error.message.length).toBeLessThanOrEqual(2_000);
  });

  it("does not retry 501 or 505 by default, and does 408, 429, 500, 502, 503, 504", () => {
    const retryable = (status: number) => ProblemError.fromResponse(json({}, status), {}).retryable;
    expect([408, 429, 500, 502, 503, 504].map(retryable)).toEqual(Array(6).fill(true));
    expect([400, 404, 409, 501, 505, 511].map(retryable)).toEqual(Array(6).fill(false));
  });

  it("serialises to a plain loggable object", () => {
    const error = ProblemError.fromResponse(
      json({}, 429, { "retry-after": "Wed, 21 Oct 2037 07:28:00 GMT" }),
      {
        title: "Slow down",
      },
    );
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "ProblemError",
      message: "429 Slow down [retry after 2037-10-21T07:28:00.000Z]",
      status: 429,
      retryable: true,
      retryAfter: "2037-10-21T07:28:00.000Z",
      problem: { type: "about:blank", title: "Slow down", status: 429 },
    });
    expect(inspect(error)).toContain("429 Slow down");
  });

  it("is recognised by isProblemError, and its problem by isProblem", () => {
    const error = new ProblemError(parseProblem({ title: "x" }, { status: 400 }));
    expect(isProblemError(error)).toBe(true);
    expect(isProblemError(new Error("x"))).toBe(false);
    expect(isProblemError({ name: "ProblemError" })).toBe(false);
    expect(isProblem(error.problem)).toBe(true);
    expect(isProblem({ title: 3 })).toBe(false);
    expect(isProblem({ foo: "bar" })).toBe(false);
    expect(isProblem([])).toBe(false);
  });
});

describe("ApiClientError, the root of every @apiclients error", () => {
  it("is what a ProblemError extends, and isApiClientError knows it from any copy of the package", () => {
    const error = new ProblemError(parseProblem({ title: "x" }, { status: 400 }));
    expect(error).toBeInstanceOf(ApiClientError);
    expect(isApiClientError(error)).toBe(true);
    // Another copy of the package (ESM and CJS, two versions) has its own class but the same
    // brand: its errors carry the brand, not this copy's prototype.
    const fromAnotherCopy = Object.create(
      Object.defineProperty({}, Symbol.for("@apiclients/error"), { value: true }),
    ) as object;
    expect(fromAnotherCopy instanceof ApiClientError).toBe(false);
    expect(isApiClientError(fromAnotherCopy)).toBe(true);
    for (const value of [new Error("x"), { name: "ApiClientError" }, null, "ApiClientError"])
      expect(isApiClientError(value)).toBe(false);
  });
});

describe("retryHints", () => {
  const headers = new Headers({ "retry-after": "120" });
  const now = Date.now();

  it("takes the body's retryable over the status, and its retryAfter over the headers", () => {
    expect(retryHints(503, {}).retryable).toBe(true);
    expect(retryHints(501, {}).retryable).toBe(false);
    expect(retryHints(503, { retryable: false }).retryable).toBe(false);
    expect(retryHints(400, { retryable: true }).retryable).toBe(true);
    const at = "2037-10-21T07:28:00Z";
    expect(retryHints(503, { retryAfter: at }, headers).retryAfter?.toISOString()).toBe(
      "2037-10-21T07:28:00.000Z",
    );
    const fromHeaders = retryHints(503, "busy", headers).retryAfter!.getTime();
    expect(fromHeaders).toBeGreaterThanOrEqual(now + 120_000);
    expect(fromHeaders).toBeLessThan(now + 130_000);
  });

  it("ignores members of the wrong type, as a problem does", () => {
    const hints = retryHints(500, { retryable: "no", retryAfter: "soon" });
    expect(hints).toEqual({ retryable: true, retryAfter: undefined });
    expect(retryHints(500, [{ retryable: false }])).toEqual({
      retryable: true,
      retryAfter: undefined,
    });
  });
});

describe("unwrap", () => {
  it("returns data from a successful result or a promise of one", async () => {
    const ok = { data: { message: "deleted" }, response: json({ message: "deleted" }, 200) };
    await expect(unwrap(ok)).resolves.toEqual({ message: "deleted" });
    await expect(unwrap(Promise.resolve(ok))).resolves.toEqual({ message: "deleted" });
    await expect(
      unwrap({ data: undefined, response: new Response(null, { status: 204 }) }),
    ).resolves.toBeUndefined();
  });

  it("throws a ProblemError built from the error and the response", async () => {
    const failed = { error: { title: "API key not found" }, response: json({}, 404) };
    const error = await unwrap(failed).catch((e: unknown) => e);
    expect(isProblemError(error)).toBe(true);
    expect((error as ProblemError).status).toBe(404);
    expect((error as ProblemError).problem.title).toBe("API key not found");
    const mapped = await unwrap(
      { error: { error: "gone" }, response: json({}, 410) },
      { toProblem: (body) => ({ title: (body as { error: string }).error }) },
    ).catch((e: unknown) => e);
    expect((mapped as ProblemError).message).toBe("410 gone");
  });

  it("throws for a failed response with an empty body", async () => {
    const error = await unwrap({
      error: undefined,
      response: new Response(null, { status: 500 }),
    }).catch((e: unknown) => e);
    expect((error as ProblemError).message).toBe("500 Internal Server Error");
  });
});
