// The consumer projects' list of providers (examples/consumers/scenario.ts imports it), written
// by the rehearsal from the manifest: for each provider, its package imported by name as a user
// would, its first call (the README's) made through its own client and unwrap, and a call the
// mock answers with an error. In TypeScript the calls are checked against the published types;
// the CommonJS project gets the same list in JavaScript. The React project gets its own list
// (below): the same calls made through openapi-react-query's and swr-openapi's hooks.
import { resolve } from "node:path";
import { callInit, callSource, operationLabel } from "../codegen/call-source.js";
import type { ProviderDescription } from "../codegen/describe.js";
import { bestCall, type CallPlan } from "../codegen/first-call.js";
import { listOperations } from "../codegen/operations.js";
import { loadSpec, type OpenApiDocument } from "../codegen/spec.js";
import type { ExpectedHooks } from "./outcomes.js";

/** How a consumer makes a provider's call fail against Prism, and the status it then expects. */
export interface Failure {
  status: number;
  /** Ask Prism for the spec's answer with this status, or call without credentials (401). */
  how: "prefer" | "anonymous";
}

/** The failing call: a declared error status (404 first, else the lowest 4xx, else any), else a
 * call without credentials when the spec requires them; none when neither exists. */
export function failureOf({ plan }: Pick<ProviderDescription, "plan">): Failure | null {
  const statuses = plan.errorStatuses;
  const status = statuses.find((s) => s === 404) ?? statuses.find((s) => s < 500) ?? statuses[0];
  if (status !== undefined) return { status, how: "prefer" };
  return plan.secured ? { status: 401, how: "anonymous" } : null;
}

/** The status each provider's failing call expects, for judging what a consumer printed. */
export const expectedFailures = (providers: ProviderDescription[]) =>
  providers.map((p) => ({ provider: p.entry.name, failureStatus: failureOf(p)?.status ?? null }));

/** The credential the consumers' clients send: where it arrives shows our client sent it. */
export const CREDENTIAL = "rehearsal-key";

/** The client's options (`baseUrl` and `fail` in scope): the call's credential, unless the call
 * is to fail for want of one; no retries. */
function clientOptions(plan: CallPlan, failure: Failure | null): string {
  const [credential] = plan.credentials;
  const withKey = `{ ${credential ? `${credential}: ${JSON.stringify(CREDENTIAL)}, ` : ""}baseUrl, maxRetries: 0 }`;
  return failure?.how === "anonymous" ? `fail ? { baseUrl, maxRetries: 0 } : ${withKey}` : withKey;
}

function providerCase(p: ProviderDescription, index: number, typed: boolean): string {
  const module = `p${index}`;
  const failure = failureOf(p);
  const options = clientOptions(p.plan, failure);
  const headers =
    failure?.how === "prefer" ? [`headers: fail ? { Prefer: "code=${failure.status}" } : {}`] : [];
  const client = `${module}.${p.names.factory}(${options})`;
  const params = typed ? "(baseUrl: string, fail: boolean)" : "(baseUrl, fail)";
  return [
    "  {",
    `    provider: ${JSON.stringify(p.entry.name)},`,
    `    failureStatus: ${failure?.status ?? null},`,
    `    call: ${params} => ${module}.unwrap(${callSource(client, p.plan, headers)}),`,
    `    isProblemError: ${module}.isProblemError,`,
    `    ProblemError: ${module}.ProblemError,`,
    "  },",
  ].join("\n");
}

const HEADER =
  "// Written by the release rehearsal from scripts/providers.json (lib/rehearsal/consumer-providers.ts).";

/** src/providers.ts of the TypeScript projects. */
export function providersModuleTs(providers: ProviderDescription[]): string {
  return [
    HEADER,
    ...providers.map((p, i) => `import * as p${i} from ${JSON.stringify(p.names.packageName)};`),
    'import type { ProviderCase } from "./scenario.js";',
    "",
    "export const providers: ProviderCase[] = [",
    ...providers.map((p, i) => providerCase(p, i, true)),
    "];",
    "",
  ].join("\n");
}

/** providers.cjs of the CommonJS project. */
export function providersModuleCjs(providers: ProviderDescription[]): string {
  return [
    HEADER,
    ...providers.map((p, i) => `const p${i} = require(${JSON.stringify(p.names.packageName)});`),
    "",
    "exports.providers = [",
    ...providers.map((p, i) => providerCase(p, i, false)),
    "];",
    "",
  ].join("\n");
}

// ── The React consumer (examples/consumers/browser-react) ─────────────────────────────────────

/** The libraries built on openapi-fetch's client that the React consumer uses our clients with. */
export type HookLibrary = "openapi-react-query" | "swr-openapi";

/** One library's call on one provider's client: the operation, and how the same call fails. */
export interface HookCall {
  library: HookLibrary;
  plan: CallPlan;
  failure: Failure | null;
}

/** What the React consumer does with one provider; a library it cannot use says why. */
export interface ReactPlan {
  provider: ProviderDescription;
  calls: HookCall[];
  skipped: Array<{ library: HookLibrary; reason: string }>;
}

const hookCall = (library: HookLibrary, plan: CallPlan): HookCall => ({
  library,
  plan,
  failure: failureOf({ plan }),
});

/**
 * A GET operation of the spec for swr-openapi, which fetches with GET only: the README's first
 * call when it is one, else the GET the generator would pick as a first call among the GETs
 * (bestCall: authorised by a mapped credential, a JSON answer, the fewest required values, then
 * the spec's order), else why there is none.
 */
export function swrPlan(p: ProviderDescription, doc: OpenApiDocument): CallPlan | string {
  if (p.plan.method === "get") return p.plan;
  const gets = listOperations(doc).filter((operation) => operation.method === "get");
  if (gets.length === 0)
    return `${p.entry.spec} has no GET operation, and swr-openapi makes GET requests only (the README's first call is ${operationLabel(p.plan)})`;
  const best = bestCall(p.entry, doc, gets);
  return "plan" in best
    ? best.plan
    : `no GET operation of ${p.entry.spec} can be called without inventing a value (${best.reasons.slice(0, 3).join("; ")})`;
}

/** For each provider: openapi-react-query makes the README's first call (useQuery for a GET,
 * useMutation otherwise), swr-openapi a GET (swrPlan). */
export async function planReactCalls(
  root: string,
  providers: ProviderDescription[],
): Promise<ReactPlan[]> {
  return Promise.all(
    providers.map(async (p) => {
      const doc = await loadSpec(p.entry.spec, resolve(root, p.entry.spec));
      const swr = swrPlan(p, doc);
      return {
        provider: p,
        calls: [
          hookCall("openapi-react-query", p.plan),
          ...(typeof swr === "string" ? [] : [hookCall("swr-openapi", swr)]),
        ],
        skipped: typeof swr === "string" ? [{ library: "swr-openapi" as const, reason: swr }] : [],
      };
    }),
  );
}

/** The header each hook call carries, so the rehearsal can tell its request among the page's. */
export const CALL_HEADER = "x-rehearsal-call";

/** The use() of one hook call: the library's hook on the provider's published client. */
function hookSource(p: ProviderDescription, module: string, call: HookCall): string {
  const { plan, failure } = call;
  const client = `${module}.${p.names.factory}(${clientOptions(plan, failure)})`;
  const prefer =
    failure?.how === "prefer" ? `, ...(fail ? { Prefer: "code=${failure.status}" } : {})` : "";
  const init = callInit(plan, [`headers: { ${JSON.stringify(CALL_HEADER)}: marker${prefer} }`])!;
  const method = JSON.stringify(plan.method);
  const path = JSON.stringify(plan.path);
  const lines = ["use: (baseUrl: string, fail: boolean, marker: string) => {"];
  if (call.library === "swr-openapi") {
    // A cache key of its own for each client: SWR keys its cache by [prefix, path, init].
    lines.push(
      `  const useQuery = useMemo(() => createQueryHook(${client}, marker), [baseUrl, fail, marker]);`,
      `  const init = useMemo(() => (${init}), [fail, marker]);`,
      `  const { data, error, isLoading } = useQuery(${path}, init);`,
      `  return { status: isLoading ? "pending" : error !== undefined ? "error" : "success", data, error };`,
    );
  } else {
    lines.push(`  const $api = useMemo(() => createQueryClient(${client}), [baseUrl, fail]);`);
    if (plan.method === "get") lines.push(`  return $api.useQuery(${method}, ${path}, ${init});`);
    else
      lines.push(
        `  const { mutate, ...state } = $api.useMutation(${method}, ${path});`,
        `  useEffect(() => mutate(${init}), [mutate, fail, marker]);`,
        "  return state;",
      );
  }
  lines.push("},");
  return lines.join("\n");
}

/** src/providers.ts of the React consumer: each provider's hook calls, and what it skips. */
export function providersModuleReact(plans: ReactPlan[]): string {
  const cases = plans.flatMap(({ provider: p, calls }, i) =>
    calls.map((call) =>
      [
        "{",
        `provider: ${JSON.stringify(p.entry.name)},`,
        `library: ${JSON.stringify(call.library)},`,
        `operation: ${JSON.stringify(operationLabel(call.plan))},`,
        `failureStatus: ${call.failure?.status ?? null},`,
        hookSource(p, `p${i}`, call),
        "},",
      ].join("\n"),
    ),
  );
  const skipped = plans.flatMap(({ provider: p, skipped }) =>
    skipped.map(
      ({ library, reason }) =>
        `{ provider: ${JSON.stringify(p.entry.name)}, library: ${JSON.stringify(library)}, reason: ${JSON.stringify(reason)} },`,
    ),
  );
  return [
    HEADER,
    'import { useEffect, useMemo } from "react";',
    'import createQueryClient from "openapi-react-query";',
    'import { createQueryHook } from "swr-openapi";',
    ...plans.map(
      ({ provider: p }, i) => `import * as p${i} from ${JSON.stringify(p.names.packageName)};`,
    ),
    'import type { HookCase, Skipped } from "./cases.js";',
    "",
    "export const cases: HookCase[] = [",
    ...cases,
    "];",
    "",
    "export const skipped: Skipped[] = [",
    ...skipped,
    "];",
    "",
  ].join("\n");
}

/** What the rehearsal expects of the React page, for judgeHookOutcomes. */
export const expectedHooks = (plans: ReactPlan[]): ExpectedHooks => ({
  calls: plans.flatMap(({ provider: p, calls }) =>
    calls.map(({ library, plan, failure }) => ({
      provider: p.entry.name,
      library,
      method: plan.method.toUpperCase(),
      path: plan.path,
      credential: plan.credentials.length > 0 ? CREDENTIAL : null,
      failureStatus: failure?.status ?? null,
    })),
  ),
  skipped: plans.flatMap(({ provider: p, skipped }) =>
    skipped.map(({ library }) => ({ provider: p.entry.name, library })),
  ),
});
