// The consumer projects' list of providers (examples/consumers/scenario.ts imports it), written
// by the rehearsal from the manifest: for each provider, its package imported by name as a user
// would, its first call (the README's) made through its own client and unwrap, and a call the
// mock answers with an error. In TypeScript the calls are checked against the published types;
// the CommonJS project gets the same list in JavaScript.
import { callSource } from "../codegen/call-source.js";
import type { ProviderDescription } from "../codegen/describe.js";

/** How a consumer makes a provider's call fail against Prism, and the status it then expects. */
export interface Failure {
  status: number;
  /** Ask Prism for the spec's answer with this status, or call without credentials (401). */
  how: "prefer" | "anonymous";
}

/** The failing call: a declared error status (404 first, else the lowest 4xx, else any), else a
 * call without credentials when the spec requires them; none when neither exists. */
export function failureOf({ plan }: ProviderDescription): Failure | null {
  const statuses = plan.errorStatuses;
  const status = statuses.find((s) => s === 404) ?? statuses.find((s) => s < 500) ?? statuses[0];
  if (status !== undefined) return { status, how: "prefer" };
  return plan.secured ? { status: 401, how: "anonymous" } : null;
}

/** The status each provider's failing call expects, for judging what a consumer printed. */
export const expectedFailures = (providers: ProviderDescription[]) =>
  providers.map((p) => ({ provider: p.entry.name, failureStatus: failureOf(p)?.status ?? null }));

function providerCase(p: ProviderDescription, index: number, typed: boolean): string {
  const module = `p${index}`;
  const failure = failureOf(p);
  const [credential] = p.plan.credentials;
  const withKey = `{ ${credential ? `${credential}: "rehearsal-key", ` : ""}baseUrl, maxRetries: 0 }`;
  const options =
    failure?.how === "anonymous" ? `fail ? { baseUrl, maxRetries: 0 } : ${withKey}` : withKey;
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
