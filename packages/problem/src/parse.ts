import { isHttpStatus, reasonPhrase } from "./http-status.js";
import { parseRfc3339 } from "./rfc3339.js";
import { truncate } from "./text.js";
import type { ApiProblem, ParsedProblem, ProblemContext, ProblemOptions } from "./types.js";

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

/**
 * Bounds on what a problem keeps. JSON.parse reads any depth, but JSON.stringify,
 * structuredClone and util.inspect recurse, so a member nested 100,000 levels deep would make
 * logging the error throw; a 50 MB string would make a 50 MB log line; and an object passed in
 * (not parsed from JSON) may share or cycle references, which a copy would multiply. Deeper
 * parts, and everything past a budget, become TRUNCATED; long strings are cut.
 */
export const MAX_MEMBER_DEPTH = 32;
export const MAX_STRING_LENGTH = 8_192;
const MAX_VALUES = 10_000;
const MAX_CHARACTERS = 1_000_000;
export const TRUNCATED = "[truncated]";

const MAX_TEXT_DETAIL = 300;

interface Budget {
  values: number;
  characters: number;
}

/** A plain copy of JSON-like data, within the bounds above, without prototype-reaching keys. */
function boundedCopy(value: unknown, depth: number, budget: Budget): unknown {
  if (typeof value === "string") {
    const kept = truncate(value, Math.min(MAX_STRING_LENGTH, Math.max(budget.characters, 1)));
    budget.characters -= kept.length;
    return budget.characters < 0 ? TRUNCATED : kept;
  }
  if (value === null || typeof value !== "object") return value;
  if (depth === 0 || --budget.values < 0) return TRUNCATED;
  if (Array.isArray(value)) return value.map((item) => boundedCopy(item, depth - 1, budget));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (!UNSAFE_KEYS.has(key))
      copy[key] = boundedCopy((value as Record<string, unknown>)[key], depth - 1, budget);
  }
  return copy;
}

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
  // Only the start matters for a summary; a regular expression over megabytes would not.
  const head = text.slice(0, 65_536);
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(head)?.[1];
  const plain = (title ?? head)
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain === "" ? undefined : truncate(plain, MAX_TEXT_DETAIL);
}

function decodeBytes(body: ArrayBuffer | ArrayBufferView): string {
  const view = ArrayBuffer.isView(body)
    ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
    : new Uint8Array(body);
  return new TextDecoder("utf-8", { fatal: false }).decode(view);
}

function fromText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      // not JSON after all: treat it as text
    }
  }
  const detail = summarizeText(text);
  return detail === undefined ? {} : { detail };
}

/** The body as an object of members: parsed from text or bytes, else taken as it is. */
function membersOf(body: unknown): Record<string, unknown> {
  let value = body;
  if (typeof value === "string") value = fromText(value);
  else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value))
    value = fromText(decodeBytes(value));
  return isPlainObject(value) ? value : {};
}

/** The provider's own reading of its body, if it has one and it does not fail. */
function mappedMembers(body: unknown, options: ProblemOptions): Record<string, unknown> {
  if (!options.toProblem) return {};
  try {
    const mapped = options.toProblem(body);
    return isPlainObject(mapped) ? mapped : {};
  } catch {
    return {}; // a mapper that throws on a body it did not expect is no reason to lose the error
  }
}

/** Copies the members of a body, dropping wrong-typed known members and unsafe keys. */
function copyMembers(members: Record<string, unknown>): ApiProblem {
  const problem: ApiProblem = {};
  const budget: Budget = { values: MAX_VALUES, characters: MAX_CHARACTERS };
  for (const key of Object.keys(members)) {
    if (UNSAFE_KEYS.has(key)) continue;
    const value = members[key];
    // A Map, not an object: a member named "valueOf" or "toString" must not find Object.prototype's.
    const check = MEMBER_CHECKS.get(key);
    if (check && !check(value)) continue;
    problem[key] = boundedCopy(value, MAX_MEMBER_DEPTH, budget);
  }
  return problem;
}

/**
 * Turns any error body into an ApiProblem: an RFC 9457 object (application/problem+json or
 * application/json), a JSON string or bytes, a string such as a proxy's HTML page, or nothing at
 * all. A provider whose errors have another shape describes them with `options.toProblem`.
 * Never throws.
 */
export function parseProblem(
  body: unknown,
  ctx: ProblemContext = {},
  options: ProblemOptions = {},
): ParsedProblem {
  let problem: ApiProblem;
  try {
    problem = copyMembers({ ...membersOf(body), ...mappedMembers(body, options) });
  } catch {
    // Only an exotic object (a getter that throws, a revoked Proxy) gets here; JSON never does.
    problem = {};
  }

  const status = isHttpStatus(ctx.status) ? ctx.status : problem.status;
  if (status === undefined) delete problem.status;
  else problem.status = status;

  problem.type = problem.type ? resolveReference(problem.type, ctx.url) : "about:blank";
  if (problem.instance !== undefined)
    problem.instance = resolveReference(problem.instance, ctx.url);
  if (problem.title === undefined || problem.title.trim() === "")
    problem.title = reasonPhrase(status, ctx.statusText && truncate(ctx.statusText, 200));
  return problem as ParsedProblem;
}
