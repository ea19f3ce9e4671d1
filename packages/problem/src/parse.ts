import { isHttpStatus, reasonPhrase } from "./http-status.js";
import { parseRfc3339 } from "./rfc3339.js";
import type { ApiProblem, ParsedProblem, ProblemContext } from "./types.js";

type Check = (value: unknown) => boolean;

const isString: Check = (v) => typeof v === "string";
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The members whose type RFC 9457 or the Ampersand schema fixes. A member of the wrong type is
 * ignored as if absent (RFC 9457 §3.1) rather than spoiling the whole document.
 */
const MEMBER_CHECKS: ReadonlyMap<string, Check> = new Map(
  Object.entries({
    type: isString,
    title: isString,
    status: isHttpStatus,
    detail: isString,
    instance: isString,
    href: isString,
    subsystem: isString,
    time: (v) => parseRfc3339(v) !== undefined,
    requestId: isString,
    causes: (v) => Array.isArray(v) && v.every(isString),
    remedy: isString,
    supportEmail: isString,
    supportPhone: isString,
    supportUrl: isString,
    retryable: (v) => typeof v === "boolean",
    retryAfter: (v) => parseRfc3339(v) !== undefined,
    context: isPlainObject,
  } satisfies Record<string, Check>),
);

// Keys that, copied onto an object, would reach its prototype.
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const MAX_TEXT_DETAIL = 300;

/** Resolves a relative URI reference against the response URL; leaves it as is otherwise. */
function resolveReference(reference: string, base: string | undefined): string {
  if (!base || /^[a-z][a-z0-9+.-]*:/i.test(reference)) return reference;
  try {
    return new URL(reference, base).href;
  } catch {
    return reference;
  }
}

/** A readable one-line summary of a non-JSON body, such as a proxy's HTML error page. */
function summarizeText(text: string): string | undefined {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text)
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (plain === "") return undefined;
  return plain.length > MAX_TEXT_DETAIL ? `${plain.slice(0, MAX_TEXT_DETAIL - 1)}…` : plain;
}

function decodeBytes(body: ArrayBuffer | ArrayBufferView): string {
  const view = ArrayBuffer.isView(body)
    ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
    : new Uint8Array(body);
  return new TextDecoder("utf-8", { fatal: false }).decode(view);
}

function fromText(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    try {
      const json: unknown = JSON.parse(trimmed);
      if (isPlainObject(json)) return json;
    } catch {
      // not JSON after all: treat it as text
    }
  }
  const detail = summarizeText(text);
  return detail === undefined ? {} : { detail };
}

/**
 * Bounds on extension members. JSON.parse reads any depth, but JSON.stringify, structuredClone
 * and util.inspect recurse, so a member nested 100,000 levels deep would make logging the error
 * throw; and an object passed in (not parsed from JSON) may share or cycle references, which a
 * copy would multiply. Deeper parts, and everything past the budget, become TRUNCATED.
 */
export const MAX_MEMBER_DEPTH = 32;
const MAX_COPIED_VALUES = 10_000;
export const TRUNCATED = "[truncated]";

/** A plain copy of JSON-like data, without unsafe keys, nested at most `depth` more levels. */
function boundedCopy(value: unknown, depth: number, budget: { left: number }): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth === 0 || --budget.left < 0) return TRUNCATED;
  if (Array.isArray(value)) return value.map((item) => boundedCopy(item, depth - 1, budget));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (!UNSAFE_KEYS.has(key))
      copy[key] = boundedCopy((value as Record<string, unknown>)[key], depth - 1, budget);
  }
  return copy;
}

/** Copies the members of a body, dropping wrong-typed known members and unsafe keys. */
function copyMembers(body: Record<string, unknown>): ApiProblem {
  const problem: ApiProblem = {};
  const budget = { left: MAX_COPIED_VALUES };
  for (const key of Object.keys(body)) {
    if (UNSAFE_KEYS.has(key)) continue;
    const value = body[key];
    // A Map, not an object: a member named "valueOf" or "toString" must not find Object.prototype's.
    const check = MEMBER_CHECKS.get(key);
    if (check && !check(value)) continue;
    problem[key] = boundedCopy(value, MAX_MEMBER_DEPTH, budget);
  }
  return problem;
}

/**
 * Turns any error body into an ApiProblem: an RFC 9457 object (application/problem+json or
 * application/json), Basic's `{ error, message }` or `{ error }`, a string such as a proxy's
 * HTML page, bytes, or nothing at all. Never throws.
 */
export function parseProblem(body: unknown, ctx: ProblemContext = {}): ParsedProblem {
  let source: Record<string, unknown>;
  if (typeof body === "string") source = fromText(body);
  else if (body instanceof ArrayBuffer || ArrayBuffer.isView(body))
    source = fromText(decodeBytes(body));
  else if (isPlainObject(body)) source = body;
  else source = {};

  let problem: ApiProblem;
  try {
    problem = copyMembers(source);
  } catch {
    // Only an exotic object (a getter that throws, a revoked Proxy) gets here; JSON never does.
    problem = {};
  }

  // Basic's error bodies: { error } or { error, message }. Keep them, and make them readable.
  if (problem.title === undefined && typeof problem.error === "string" && problem.error !== "") {
    problem.title = problem.error;
  }
  if (
    problem.detail === undefined &&
    typeof problem.message === "string" &&
    problem.message !== ""
  ) {
    problem.detail = problem.message;
  }

  const status = isHttpStatus(ctx.status) ? ctx.status : problem.status;
  if (status === undefined) delete problem.status;
  else problem.status = status;

  problem.type = problem.type ? resolveReference(problem.type, ctx.url) : "about:blank";
  if (problem.instance !== undefined)
    problem.instance = resolveReference(problem.instance, ctx.url);
  if (problem.title === undefined || problem.title.trim() === "")
    problem.title = reasonPhrase(status, ctx.statusText);
  return problem as ParsedProblem;
}
