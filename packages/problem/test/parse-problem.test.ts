import { describe, expect, it } from "@jest/globals";
import { parseProblem } from "../src/index.js";

describe("parseProblem", () => {
  it("keeps an RFC 9457 document and its extension members", () => {
    const body = {
      type: "https://httpstatuses.com/404",
      title: "Not Found",
      status: 404,
      detail: "JWT key not found",
      remedy: "check the key ID and project ID are both correct, and try again",
      requestId: "89eb1ffb#87715",
      causes: ["no such key"],
      context: { projectId: "p1" },
      vendorThing: { nested: [1, 2] },
    };
    expect(parseProblem(body, { status: 404 })).toEqual(body);
  });

  it("defaults type to about:blank and title to the status phrase", () => {
    expect(parseProblem({}, { status: 503 })).toEqual({
      type: "about:blank",
      title: "Service Unavailable",
      status: 503,
    });
    expect(parseProblem({ detail: "x" }, { status: 418 })).toMatchObject({
      title: "Client Error",
      status: 418,
    });
  });

  it("keeps a body of another shape as extension members, with a title from the status", () => {
    expect(
      parseProblem({ error: "Unauthorized", message: "Invalid token" }, { status: 401 }),
    ).toEqual({
      type: "about:blank",
      title: "Unauthorized",
      status: 401,
      error: "Unauthorized",
      message: "Invalid token",
    });
  });

  it("reads a provider's own error shape through options.toProblem, whose members win", () => {
    const toProblem = (body: unknown) => {
      const { error, message } = body as { error?: string; message?: string };
      return { title: error, detail: message, status: 599 };
    };
    expect(
      parseProblem(
        { error: "Gone", message: "key deleted", title: "t" },
        { status: 410 },
        { toProblem },
      ),
    ).toEqual({
      type: "about:blank",
      title: "Gone",
      detail: "key deleted",
      status: 410, // the HTTP status still wins
      error: "Gone",
      message: "key deleted",
    });
  });

  it("falls back to the body as it is when toProblem throws or returns nothing usable", () => {
    for (const toProblem of [
      () => {
        throw new Error("unexpected body");
      },
      () => undefined,
      () => "not an object" as never,
    ]) {
      expect(parseProblem({ title: "Own" }, { status: 400 }, { toProblem })).toMatchObject({
        title: "Own",
        status: 400,
      });
    }
  });

  it("cuts long strings, and a title made from a long status text", () => {
    const problem = parseProblem(
      { detail: "d".repeat(100_000) },
      { status: 499, statusText: "s".repeat(1_000) },
    );
    expect((problem.detail as string).length).toBe(8_192);
    expect((problem.detail as string).endsWith("…")).toBe(true);
    expect(problem.title.length).toBe(200);
  });

  it("summarises an HTML page from a proxy", () => {
    const html =
      "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>";
    expect(parseProblem(html, { status: 502 })).toEqual({
      type: "about:blank",
      title: "Bad Gateway",
      status: 502,
      detail: "502 Bad Gateway",
    });
  });

  it("takes plain text as the detail, shortened", () => {
    const problem = parseProblem(`upstream ${"x".repeat(1000)}`, { status: 500 });
    expect(problem.detail?.startsWith("upstream xxx")).toBe(true);
    expect(problem.detail?.length).toBeLessThanOrEqual(300);
  });

  it("parses a JSON string and JSON bytes like the object they hold", () => {
    const body = { title: "Bad input", status: 400 };
    expect(parseProblem(JSON.stringify(body), { status: 400 })).toEqual({
      type: "about:blank",
      ...body,
    });
    expect(parseProblem(new TextEncoder().encode(JSON.stringify(body)), { status: 400 })).toEqual({
      type: "about:blank",
      ...body,
    });
  });

  it("makes a readable problem out of nothing", () => {
    for (const nothing of [undefined, null, "", "   ", [], 42, true]) {
      expect(parseProblem(nothing, { status: 500 })).toEqual({
        type: "about:blank",
        title: "Internal Server Error",
        status: 500,
      });
    }
    expect(parseProblem(undefined)).toEqual({ type: "about:blank", title: "Request failed" });
  });

  it("lets the HTTP status win over a status member that disagrees", () => {
    expect(parseProblem({ status: 200, title: "Oops" }, { status: 500 }).status).toBe(500);
    expect(parseProblem({ status: 409 }).status).toBe(409);
  });

  it("ignores members of the wrong type as if absent", () => {
    const problem = parseProblem(
      {
        type: 7,
        title: ["x"],
        status: "404",
        detail: {},
        retryable: "yes",
        causes: ["a", 1],
        context: [],
        time: "yesterday",
      },
      { status: 404 },
    );
    expect(problem).toEqual({ type: "about:blank", title: "Not Found", status: 404 });
  });

  it("keeps time and retryAfter only when they are RFC 3339", () => {
    expect(
      parseProblem({
        time: "2024-04-22T18:55:28.456076Z",
        retryAfter: "2024-04-22T19:00:00+02:00",
      }),
    ).toMatchObject({
      time: "2024-04-22T18:55:28.456076Z",
      retryAfter: "2024-04-22T19:00:00+02:00",
    });
    const loose = parseProblem({ time: "2024-04-22", retryAfter: "Mon, 22 Apr 2024 18:55:28 GMT" });
    expect(loose).not.toHaveProperty("time");
    expect(loose).not.toHaveProperty("retryAfter");
  });

  it("resolves relative type and instance against the response URL", () => {
    const problem = parseProblem(
      { type: "/problems/out-of-credit", instance: "errors/42" },
      { status: 403, url: "https://api.example.com/v1/accounts/1" },
    );
    expect(problem.type).toBe("https://api.example.com/problems/out-of-credit");
    expect(problem.instance).toBe("https://api.example.com/v1/accounts/errors/42");
  });

  it("does not copy members that could reach a prototype", () => {
    const body = JSON.parse(
      '{"__proto__": {"polluted": true}, "constructor": {"x": 1}, "title": "t"}',
    ) as unknown;
    const problem = parseProblem(body);
    expect(Object.getPrototypeOf(problem)).toBe(Object.prototype);
    expect(Object.keys(problem).sort()).toEqual(["title", "type"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("cuts extension members nested deeper than 32 levels", () => {
    const nest = (levels: number): unknown => (levels === 0 ? "leaf" : { a: nest(levels - 1) });
    const problem = parseProblem({ title: "t", shallow: nest(32), deep: nest(33) });
    expect(problem.shallow).toEqual(nest(32));
    let deep = problem.deep as Record<string, unknown>;
    for (let level = 1; level < 32; level++) deep = deep.a as Record<string, unknown>;
    expect(deep).toEqual({ a: "[truncated]" });
  });

  it("copies a body that shares references without multiplying them", () => {
    // 40 levels of two references to one object: 2^40 paths, 40 objects.
    let shared: unknown = "leaf";
    for (let i = 0; i < 40; i++) shared = { left: shared, right: shared };
    const problem = parseProblem({ title: "t", shared });
    const text = JSON.stringify(problem);
    expect(text.length).toBeLessThan(1_000_000);
    expect(text).toContain('"[truncated]"');
  });
});

describe("parseProblem with member names from Object.prototype", () => {
  it("keeps them as ordinary extension members", () => {
    const body = JSON.parse(
      '{"valueOf": [], "toString": "x", "hasOwnProperty": 1, "title": "t"}',
    ) as unknown;
    expect(parseProblem(body, { status: 400 })).toEqual({
      type: "about:blank",
      title: "t",
      status: 400,
      valueOf: [],
      toString: "x",
      hasOwnProperty: 1,
    });
  });
});

describe("parseProblem titles", () => {
  it("falls back to the response's status text for a status without a known phrase", () => {
    expect(parseProblem({}, { status: 418, statusText: "I'm a teapot" }).title).toBe(
      "I'm a teapot",
    );
    expect(parseProblem({}, { status: 599, statusText: "" }).title).toBe("Server Error");
  });
});
