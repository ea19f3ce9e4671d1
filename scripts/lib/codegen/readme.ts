// A provider package's README.md: install, the first call, the credentials and their environment
// variable, the options (from ClientOptions' doc comments in packages/core/src/options.ts), and
// a line for every operation in the spec (those without an operationId too). A maintainer's own
// prose lives in README.extra.md beside it, which is included whole after the credentials;
// README.md itself is never edited by hand.
import { htmlBanner } from "./banner.js";
import { callSource, operationLabel } from "./call-source.js";
import type { ClientDefaults } from "./client-defaults.js";
import type { ClientOptionsDoc } from "./client-options.js";
import type { CallPlan } from "./first-call.js";
import { README_EXTRA } from "./layout.js";
import { placementText } from "./index-source.js";
import type { ProviderEntry } from "./manifest.js";
import type { ProviderNames } from "./names.js";
import type { Operation } from "./operations.js";
import { inheritedOptionsLine, optionsTable } from "./options-table.js";
import type { OpenApiDocument } from "./spec.js";

/** Text safe in a Markdown table cell: one line, no column breaks, no raw HTML. */
function cell(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replaceAll("\\", "\\\\")
    .replaceAll("|", "\\|")
    .replaceAll("<", "&lt;");
}

function code(text: string): string {
  return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function httpUrl(value: unknown): string | undefined {
  return typeof value === "string" && /^https?:\/\/\S+$/.test(value) ? value : undefined;
}

/** The client as the first call creates it: with the credential that authorises the call. */
function clientCreation(names: ProviderNames, defaults: ClientDefaults, plan: CallPlan): string {
  const create = `const ${names.variable} = ${names.factory}`;
  const [credential] = plan.credentials;
  if (credential === "apiKey" && defaults.apiKeyEnvVar)
    return `${create}(); // the API key comes from ${defaults.apiKeyEnvVar}`;
  if (credential === "apiKey") return `${create}({ apiKey: "<your API key>" });`;
  if (credential === "bearerToken") return `${create}({ bearerToken: "<your token>" });`;
  return `${create}();`;
}

function firstCall(names: ProviderNames, defaults: ClientDefaults, plan: CallPlan): string[] {
  const summary = plan.summary ? ` (${plan.summary.replace(/[.]$/, "")})` : "";
  return [
    "## First call",
    "",
    "```ts",
    `import { ${names.factory}, isProblemError, unwrap } from "${names.packageName}";`,
    "",
    clientCreation(names, defaults, plan),
    "",
    "try {",
    `  const data = await unwrap(${callSource(names.variable, plan)});`,
    "  console.log(data);",
    "} catch (error) {",
    "  if (!isProblemError(error)) throw error; // no usable answer: a TransportError",
    "  console.error(error.message); // the API's answer, as an RFC 9457 problem",
    "}",
    "```",
    "",
    `That is ${code(operationLabel(plan))}${cell(summary)}. \`unwrap()\` returns the data or throws a \`ProblemError\`; without it, a call returns openapi-fetch's \`{ data, error, response }\`, with \`error\` typed as the spec declares it.`,
    "",
  ];
}

function credentials(defaults: ClientDefaults): string[] {
  const { apiKey, bearerToken } = defaults.auth;
  const lines = ["## Credentials", ""];
  if (!apiKey && !bearerToken)
    return [
      ...lines,
      "The client fills in no credentials for this API; pass any header it needs in `headers`.",
      "",
    ];
  const sentAs = (what: string, placement: { header: string; scheme?: string }) =>
    placement.scheme
      ? `${code(`${placementText(placement)} <${what}>`)}`
      : `the ${code(placement.header)} header`;
  lines.push("| option | sent as | default |", "| --- | --- | --- |");
  if (apiKey) lines.push(`| \`apiKey\` | ${sentAs("key", apiKey)} | ${apiKeyDefault(defaults)} |`);
  if (bearerToken) lines.push(`| \`bearerToken\` | ${sentAs("token", bearerToken)} | none |`);
  lines.push("");
  if (apiKey && bearerToken && apiKey.header.toLowerCase() === bearerToken.header.toLowerCase())
    lines.push(`Pass one of them, not both: both go in ${code(apiKey.header)}.`, "");
  return lines;
}

function otherServers(doc: OpenApiDocument): string {
  const others = (doc.servers ?? [])
    .slice(1)
    .map((server) => server as { url?: unknown; description?: unknown })
    .filter((server) => typeof server.url === "string")
    .map(
      (server) =>
        `${code(server.url as string)}${typeof server.description === "string" ? ` (${cell(server.description)})` : ""}`,
    );
  return others.length > 0 ? `; the spec also lists ${others.join(", ")}` : "";
}

/** apiKey's default for this provider: its environment variable, when the manifest names one. */
function apiKeyDefault(defaults: ClientDefaults): string {
  return defaults.apiKeyEnvVar
    ? `the ${code(defaults.apiKeyEnvVar)} environment variable, where an environment exists and no credential is passed`
    : "none";
}

/**
 * ClientOptions as core's doc comments say (options-table.ts), with this provider's defaults in
 * place of the generic ones: its server and its API key's environment variable. What the client
 * does beyond those comments (the retry policy above all) is core's README's to say.
 */
function options(
  provider: ProviderEntry,
  names: ProviderNames,
  defaults: ClientDefaults,
  doc: OpenApiDocument,
  clientOptions: ClientOptionsDoc,
): string[] {
  const baseUrl =
    provider.baseUrl === undefined
      ? `${code(defaults.baseUrl)}, the spec's first server${otherServers(doc)}`
      : `${code(defaults.baseUrl)}, from \`scripts/providers.json\``;
  return [
    "## Options",
    "",
    `\`${names.factory}(options)\` takes \`ClientOptions\` from [@apiclients/core](https://www.npmjs.com/package/@apiclients/core):`,
    "",
    ...optionsTable(clientOptions, { baseUrl, apiKey: apiKeyDefault(defaults) }),
    "",
    ...inheritedOptionsLine(clientOptions),
    "",
    "What the client does with them, the retry policy above all, is in [@apiclients/core's README](https://www.npmjs.com/package/@apiclients/core#what-the-client-guarantees).",
    "",
  ];
}

function operationsList(
  provider: ProviderEntry,
  doc: OpenApiDocument,
  operations: Operation[],
): string[] {
  const version =
    typeof doc.info?.version === "string" ? `, version ${cell(doc.info.version)}` : "";
  return [
    "## Operations",
    "",
    `The spec (${code(provider.spec)}${version}) has ${counted(operations.length, "operation")}. Each is a call on the client: \`client.<METHOD>(path, { params, body })\`.`,
    "",
    // A line each, not a table: a table's columns are padded to their longest cell, and one long
    // summary would pad every line of a spec's hundreds.
    ...operations.map((op) => {
      const summary = `${op.deprecated ? "**Deprecated.** " : ""}${cell(op.summary)}`;
      return `- ${code(`${op.method.toUpperCase()} ${op.path}`)}${summary ? `: ${summary}` : ""}`;
    }),
    "",
  ];
}

/** "no operations", "one operation", "2 operations". */
export function counted(count: number, noun: string): string {
  if (count === 0) return `no ${noun}s`;
  return count === 1 ? `one ${noun}` : `${count} ${noun}s`;
}

export interface ReadmeInput {
  provider: ProviderEntry;
  names: ProviderNames;
  doc: OpenApiDocument;
  api: string;
  defaults: ClientDefaults;
  plan: CallPlan;
  operations: Operation[];
  /** ClientOptions as packages/core/src/options.ts documents it. */
  clientOptions: ClientOptionsDoc;
  /** README.extra.md's text, when the package keeps one. */
  extra?: string;
}

export function readme({
  provider,
  names,
  doc,
  api,
  defaults,
  plan,
  operations,
  clientOptions,
  extra,
}: ReadmeInput): string {
  const docs = httpUrl((doc.externalDocs as { url?: unknown } | undefined)?.url);
  const version =
    typeof doc.info?.version === "string" ? ` (version ${cell(doc.info.version)})` : "";
  return [
    htmlBanner([
      `${names.packageName}'s README.`,
      `Generated by scripts/generate.ts from ${provider.spec} and scripts/providers.json.`,
      `Do not edit: change the spec, the manifest or the generator, then run \`pnpm generate\`.`,
      `Hand-kept prose goes in ${README_EXTRA} beside this file, which is included below.`,
    ]),
    `# ${names.packageName}`,
    "",
    `A typed client for ${docs ? `[${cell(api)}](${docs})` : cell(api)}, generated from its OpenAPI spec${version}: [openapi-fetch](https://openapi-ts.dev/openapi-fetch/) with every path, parameter and response typed.`,
    "",
    "```sh",
    `npm install ${names.packageName}`,
    "```",
    "",
    ...firstCall(names, defaults, plan),
    ...credentials(defaults),
    ...(extra !== undefined && extra.trim() !== "" ? [extra.trim(), ""] : []),
    ...options(provider, names, defaults, doc, clientOptions),
    ...operationsList(provider, doc, operations),
    "## Types and errors",
    "",
    `\`paths\`, \`components\` and \`operations\` are exported for your own signatures; \`${names.clientType}\` is the client type. Errors: see [@apiclients/problem](https://www.npmjs.com/package/@apiclients/problem).`,
    "",
  ].join("\n");
}
