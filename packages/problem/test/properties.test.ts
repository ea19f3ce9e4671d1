// Property tests: nothing a server sends can make parseProblem throw, and what it returns always
// has the promised shape.
import { describe, expect, it } from "@jest/globals";
import { inspect } from "node:util";
import fc from "fast-check";
import { isProblem, parseProblem, ProblemError } from "../src/index.js";
import { parseRfc3339 } from "../src/rfc3339.js";

const status = fc.integer({ min: 100, max: 599 });

/** JSON text nested up to 100,000 levels deep (arrays, objects or both), around any JSON value. */
const deepJson = fc
  .tuple(
    fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 100, max: 100_000 })),
    fc.constantFrom("array", "object", "mixed"),
    fc.json(),
  )
  .map(([depth, shape, leaf]) => {
    const open = (i: number) =>
      shape === "array" || (shape === "mixed" && i % 2 === 0) ? "[" : '{"a":';
    const close = (i: number) =>
      shape === "array" || (shape === "mixed" && i % 2 === 0) ? "]" : "}";
    const levels = Array.from({ length: depth }, (_, i) => i);
    return `{"deep":${levels.map(open).join("")}${leaf}${levels.reverse().map(close).join("")}}`;
  });
const anyBody = fc.oneof(
  fc.anything({
    withNullPrototype: true,
    withObjectString: true,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
  }),
  fc.json(),
  fc.string({ unit: "binary" }),
  fc.uint8Array({ maxLength: 200 }),
  // problem-shaped objects whose members have random types
  fc.record(
    {
      type: fc.anything(),
      title: fc.anything(),
      status: fc.anything(),
      detail: fc.anything(),
      instance: fc.anything(),
      retryable: fc.anything(),
      retryAfter: fc.anything(),
      time: fc.anything(),
      causes: fc.anything(),
      context: fc.anything(),
      __proto__: fc.anything(),
      constructor: fc.anything(),
    },
    { requiredKeys: [] },
  ),
);

/** JSON data without the keys parseProblem drops at every depth. */
function withoutUnsafeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUnsafeKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !["__proto__", "constructor", "prototype"].includes(key))
      .map(([key, item]) => [key, withoutUnsafeKeys(item)]),
  );
}

describe("parseProblem over arbitrary input", () => {
  it("never throws and always returns a readable problem", () => {
    fc.assert(
      fc.property(
        anyBody,
        fc.option(status, { nil: undefined }),
        fc.option(fc.webUrl(), { nil: undefined }),
        (body, code, url) => {
          const problem = parseProblem(body, { status: code, url });
          expect(typeof problem.type).toBe("string");
          expect(problem.type.length).toBeGreaterThan(0);
          expect(typeof problem.title).toBe("string");
          expect(problem.title.trim().length).toBeGreaterThan(0);
          if (code !== undefined) expect(problem.status).toBe(code);
          else if (problem.status !== undefined)
            expect(Number.isInteger(problem.status)).toBe(true);
          for (const key of ["detail", "instance", "href", "remedy", "requestId", "subsystem"]) {
            if (problem[key] !== undefined) expect(typeof problem[key]).toBe("string");
          }
          if (problem.retryable !== undefined) expect(typeof problem.retryable).toBe("boolean");
          if (problem.time !== undefined) expect(parseRfc3339(problem.time)).toBeInstanceOf(Date);
          if (problem.retryAfter !== undefined)
            expect(parseRfc3339(problem.retryAfter)).toBeInstanceOf(Date);
          expect(Object.getPrototypeOf(problem)).toBe(Object.prototype);
          expect(Object.keys(problem)).not.toContain("__proto__");
          expect(isProblem(problem)).toBe(true);
          const message = new ProblemError(problem, { status: code }).message;
          expect(message.length).toBeGreaterThan(0);
          expect(message.length).toBeLessThanOrEqual(2_000);
          expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives an error that renders, as JSON and for inspection, for any JSON body at any depth", () => {
    fc.assert(
      fc.property(fc.oneof(fc.json({ depthSize: "large" }), deepJson), status, (text, code) => {
        for (const body of [text, JSON.parse(text) as unknown]) {
          const error = new ProblemError(parseProblem(body, { status: code }));
          const logged = JSON.parse(JSON.stringify(error)) as { status: number; message: string };
          expect(logged.status).toBe(code);
          expect(logged.message).toBe(error.message);
          expect(typeof inspect(error, { depth: Infinity })).toBe("string");
          expect(typeof structuredClone(error.problem)).toBe("object");
        }
      }),
      { numRuns: 100 },
    );
  });

  it("keeps every JSON member of a valid problem that it does not check", () => {
    const extension = fc.dictionary(
      fc
        .string({ minLength: 1 })
        .filter(
          (k) =>
            ![
              "type",
              "title",
              "status",
              "detail",
              "instance",
              "href",
              "subsystem",
              "time",
              "requestId",
              "causes",
              "remedy",
              "supportEmail",
              "supportPhone",
              "supportUrl",
              "retryable",
              "retryAfter",
              "context",
              "__proto__",
              "constructor",
              "prototype",
              "error",
              "message",
            ].includes(k),
        ),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(extension, status, (members, code) => {
        const problem = parseProblem(JSON.parse(JSON.stringify(members)), { status: code });
        for (const [key, value] of Object.entries(
          JSON.parse(JSON.stringify(members)) as Record<string, unknown>,
        )) {
          // Kept whole, but for prototype-reaching keys, which go at any depth.
          expect(problem[key]).toEqual(withoutUnsafeKeys(value));
        }
      }),
      // A nested prototype-reaching key, once found by a random run.
      { examples: [[{ " ": [{ prototype: 0 }] }, 100]] },
    );
  });

  it("pollutes no prototype and copies no prototype-reaching key, at any depth", () => {
    const unsafe = fc.constantFrom("__proto__", "constructor", "prototype");
    fc.assert(
      fc.property(fc.json(), unsafe, fc.integer({ min: 0, max: 5 }), (text, key, depth) => {
        // `key` at the top level and `depth` levels down, as JSON.parse creates it: an own
        // property, which a plain copy (`copy[key] = value`) would turn into a prototype.
        const poison = `{"${key}":{"polluted":1,"prototype":{"polluted":1}},"x":${text}}`;
        const body = `{${'"nested":{'.repeat(depth)}"inner":${poison}${"}".repeat(depth)},${poison.slice(1)}`;
        for (const input of [body, JSON.parse(body) as unknown]) {
          const problem = parseProblem(input);
          const objects: unknown[] = [problem];
          for (let i = 0; i < objects.length; i++) {
            const value = objects[i];
            if (value === null || typeof value !== "object") continue;
            expect([Object.prototype, Array.prototype]).toContain(Object.getPrototypeOf(value));
            expect(Object.keys(value)).not.toContain(key);
            expect((value as Record<string, unknown>).polluted).toBeUndefined();
            objects.push(...Object.values(value));
          }
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
    );
  });
});

describe("parseRfc3339", () => {
  it("reads back any instant written as RFC 3339, in any offset", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("0001-01-01T00:00:00Z"),
          max: new Date("9998-12-31T23:59:59Z"),
          noInvalidDate: true,
        }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (date, offsetMinutes) => {
          const local = new Date(date.getTime() + offsetMinutes * 60_000);
          const sign = offsetMinutes < 0 ? "-" : "+";
          const abs = Math.abs(offsetMinutes);
          const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
          const text = local.toISOString().replace("Z", offset);
          expect(parseRfc3339(text)?.getTime()).toBe(date.getTime());
        },
      ),
    );
  });

  it("refuses what is not RFC 3339", () => {
    for (const text of [
      "2024-02-30T00:00:00Z",
      "2023-02-29T00:00:00Z",
      "2024-04-22T24:00:00Z",
      "2024-04-22T18:55:28",
      "2024-04-22",
      "Mon, 22 Apr 2024 18:55:28 GMT",
      "2024-4-22T18:55:28Z",
      "2024-04-22T18:55:28+2400",
    ]) {
      expect(parseRfc3339(text)).toBeUndefined();
    }
    expect(parseRfc3339("2024-02-29t23:59:60.5z")?.toISOString()).toBe("2024-03-01T00:00:00.500Z");
  });
});
