// The provider's first call: one operation, with values for everything it requires, that the
// README shows, the generated contract test makes against Prism, and the release rehearsal's
// consumers and the benchmarks make too. Chosen to work on arbitrary real specs:
//
// - callable without inventing anything the generator cannot be sure of: every required
//   parameter gets a value its schema accepts (examples.ts), and a required body only when it is
//   JSON whose required members can be filled the same way;
// - authorised by a credential the manifest maps, when the provider has any, so the README shows
//   the credential in use and the test can check that the mock enforces the spec's security;
// - then one that declares a 2xx answer in JSON (or with no body), then a GET, then the fewest
//   required values, then the spec's order.
//
// A manifest entry's `firstCall` ("METHOD /path") overrides the choice.
import type { AuthMapping, ProviderEntry } from "./manifest.js";
import { entryError } from "./manifest.js";
import { bodyFor, exampleFor, type SchemaResolver } from "./examples.js";
import { listOperations, resolveRef, type Method, type Operation } from "./operations.js";
import type { OpenApiDocument } from "./spec.js";

export type CredentialOption = keyof AuthMapping;
type Value = string | number | boolean | Array<string | number | boolean>;

export interface CallPlan {
  method: Method;
  path: string;
  summary: string;
  /** openapi-fetch's `params`, with only the locations that have required values. */
  params: {
    path?: Record<string, Value>;
    query?: Record<string, Value>;
    header?: Record<string, Value>;
  };
  /** A JSON body, when the operation requires one. */
  body?: unknown;
  /** "text" when the answer is not JSON (openapi-fetch would fail to parse it as JSON). */
  parseAs?: "text";
  /** The 2xx statuses the spec declares for it. */
  successStatuses: number[];
  /** The 4xx/5xx statuses it declares, each of which Prism answers on `Prefer: code=<status>`. */
  errorStatuses: number[];
  /** The credential options that each, on their own, authorise the call (manifest order). */
  credentials: CredentialOption[];
  /** Whether the call needs a credential: the spec offers no anonymous alternative. */
  secured: boolean;
}

const OPTIONS: CredentialOption[] = ["apiKey", "bearerToken"];

interface Candidate {
  operation: Operation;
  plan?: CallPlan;
  /** Why the operation cannot be the first call, when it cannot. */
  reason?: string;
}

function plan(doc: OpenApiDocument, auth: AuthMapping, operation: Operation): Candidate {
  const resolve: SchemaResolver = (schema) => resolveRef(doc, schema);
  const params: CallPlan["params"] = {};
  for (const parameter of operation.parameters) {
    if (!parameter.required) continue;
    if (parameter.in === "cookie")
      return { operation, reason: `it requires the cookie parameter "${parameter.name}"` };
    const value = exampleFor(parameter, resolve);
    if (value === undefined)
      return {
        operation,
        reason: `the generator cannot make a value for its ${parameter.in} parameter "${parameter.name}" (no example, and a pattern or type it cannot satisfy)`,
      };
    (params[parameter.in] ??= {})[parameter.name] = value;
  }
  // A placeholder the spec forgets to declare has no type and no value: the client refuses it.
  for (const [, name] of operation.path.matchAll(/\{([^}]+)\}/g))
    if (params.path?.[name!] === undefined)
      return { operation, reason: `its path has {${name}}, which no path parameter declares` };
  let body: unknown;
  if (operation.requiredBody) {
    const schema = operation.requiredBody.jsonSchema;
    body = schema === undefined ? undefined : bodyFor(schema, resolve);
    if (body === undefined)
      return {
        operation,
        reason:
          "it requires a request body the generator cannot fill in (not JSON, or a member without a safe value)",
      };
  }
  const alone = (option: CredentialOption) =>
    auth[option] !== undefined &&
    operation.security.some((alt) => alt.length === 1 && alt[0] === auth[option]);
  const anonymous =
    operation.security.length === 0 || operation.security.some((alt) => alt.length === 0);
  const credentials = OPTIONS.filter(alone);
  if (!anonymous && credentials.length === 0)
    return {
      operation,
      reason: `no credential in the manifest's auth satisfies its security (${operation.security.map((alt) => alt.join(" + ")).join(" or ")})`,
    };
  return {
    operation,
    plan: {
      method: operation.method,
      path: operation.path,
      summary: operation.summary,
      params,
      ...(body === undefined ? {} : { body }),
      ...(operation.successBody === "other" ? { parseAs: "text" as const } : {}),
      successStatuses: operation.statuses.filter((s) => s >= 200 && s < 300),
      errorStatuses: operation.statuses.filter((s) => s >= 400),
      credentials,
      secured: !anonymous,
    },
  };
}

const requiredValues = (p: CallPlan) =>
  Object.values(p.params).reduce((n, values) => n + Object.keys(values).length, 0) +
  (p.body === undefined ? 0 : 10);

/** Lower is better: authorised by a mapped credential, a declared 2xx answer in JSON (or none),
 * a GET, few values (a body counts as many). */
function rank(p: CallPlan, hasAuth: boolean): number[] {
  return [
    hasAuth && p.credentials.length === 0 ? 1 : 0,
    p.successStatuses.length > 0 && p.parseAs === undefined ? 0 : 1,
    p.method === "get" ? 0 : 1,
    requiredValues(p),
  ];
}

/** Whether rank `a` sorts strictly before rank `b`, comparing element by element. */
function before(a: number[], b: number[]): boolean {
  const i = a.findIndex((value, index) => value !== b[index]);
  return i !== -1 && a[i]! < b[i]!;
}

/**
 * The best call among `operations` by rank, the earliest in the spec winning a tie; or, when none
 * can be made without inventing a value, why not (one reason per operation, "METHOD /path: …").
 * The first call is the best of all operations; the React rehearsal's swr-openapi call the best
 * of the GETs.
 */
export function bestCall(
  entry: ProviderEntry,
  doc: OpenApiDocument,
  operations: readonly Operation[],
): { plan: CallPlan } | { reasons: string[] } {
  const hasAuth = Object.keys(entry.auth).length > 0;
  let best: { plan: CallPlan; rank: number[] } | undefined;
  const reasons: string[] = [];
  for (const operation of operations) {
    const candidate = plan(doc, entry.auth, operation);
    if (!candidate.plan) {
      reasons.push(`${operation.method.toUpperCase()} ${operation.path}: ${candidate.reason}`);
      continue;
    }
    const score = rank(candidate.plan, hasAuth);
    // Only a strictly better rank replaces the best so far.
    if (!best || before(score, best.rank)) best = { plan: candidate.plan, rank: score };
  }
  return best ? { plan: best.plan } : { reasons };
}

export function chooseFirstCall(entry: ProviderEntry, doc: OpenApiDocument): CallPlan {
  const operations = listOperations(doc);
  if (entry.firstCall !== undefined) {
    const [method, path] = entry.firstCall.split(" ") as [string, string];
    const operation = operations.find(
      (op) => op.method === method.toLowerCase() && op.path === path,
    );
    if (!operation)
      throw entryError(entry, "firstCall", `${entry.spec} has no operation ${entry.firstCall}`);
    const named = plan(doc, entry.auth, operation);
    if (!named.plan)
      throw entryError(
        entry,
        "firstCall",
        `${entry.firstCall} cannot be the first call: ${named.reason}`,
      );
    return named.plan;
  }
  const best = bestCall(entry, doc, operations);
  if ("plan" in best) return best.plan;
  throw entryError(
    entry,
    "spec",
    operations.length === 0
      ? `${entry.spec} has no operations`
      : `no operation of ${entry.spec} can be the README's first call (${best.reasons.slice(0, 5).join("; ")}${best.reasons.length > 5 ? "; …" : ""}). The README's first call and the contract test need one operation the generator can make against the mock without inventing a value; when the manifest's auth leaves every one out, map the credential the spec asks for`,
  );
}
