// The generated contract test, test/generated/contract.test.ts: the package's client against
// Prism serving the spec (which checks every request against it, --errors) making the README's
// first call: once per credential that authorises it, once without credentials when the spec
// requires them (the mock must refuse it), and once per error status the spec declares for it
// (each must reach the caller as a ProblemError through the package's own unwrap). One operation,
// chosen to be callable on any spec (first-call.ts), keeps the test robust and quick.
import { bannerLines, blockBanner, docComment } from "./banner.js";
import { callSource, operationLabel } from "./call-source.js";
import type { ClientDefaults } from "./client-defaults.js";
import type { CallPlan } from "./first-call.js";
import type { ProviderEntry } from "./manifest.js";
import type { ProviderNames } from "./names.js";

const CREDENTIAL_VALUES = { apiKey: "test-api-key", bearerToken: "test-token" } as const;

export function contractTest(
  provider: ProviderEntry,
  names: ProviderNames,
  defaults: ClientDefaults,
  plan: CallPlan,
): string {
  const { factory, clientType } = names;
  const label = operationLabel(plan);
  const success =
    plan.successStatuses.length > 0 ? plan.successStatuses.join(" or ") : "a 2xx status";
  const lines = [
    blockBanner([
      ...bannerLines(
        provider,
        `Contract test of ${factory} against Prism serving ${provider.spec}.`,
      ),
      "Hand-kept tests go in test/, outside test/generated/.",
    ]),
    'import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";',
    'import { PRISM_STARTUP_TIMEOUT_MS, startPrism, type MockServer } from "@apiclients/testing";',
    // Only what the tests below use: unwrap and isProblemError check the declared error statuses.
    `import { ${[factory, ...(plan.errorStatuses.length > 0 ? ["isProblemError", "unwrap"] : []), `type ${clientType}`].join(", ")} } from "../../src/index.js";`,
    "",
    `const SPEC = ${JSON.stringify(provider.spec)};`,
    "let prism: MockServer;",
    "",
    "beforeAll(async () => {",
    ...(defaults.apiKeyEnvVar
      ? [
          `  delete process.env.${defaults.apiKeyEnvVar}; // a call without credentials must have none`,
        ]
      : []),
    "  prism = await startPrism(SPEC);",
    "  // Longer than startPrism's own limit, so a slow start fails there and leaves no process.",
    "}, PRISM_STARTUP_TIMEOUT_MS + 10_000);",
    "afterAll(async () => {",
    "  await prism?.stop();",
    "});",
    "",
    "// No retries: an error status is answered once, and no test waits through a backoff.",
    `const client = (options: Parameters<typeof ${factory}>[0] = {}) =>`,
    `  ${factory}({ baseUrl: prism.url, maxRetries: 0, ...options });`,
    "",
    docComment(`${label}: the README's first call.`),
    `const firstCall = (on: ${clientType}, headers: Record<string, string> = {}) =>`,
    `  ${callSource("on", plan, ["headers"])};`,
    "",
    `describe(${JSON.stringify(`${factory} against Prism serving ${provider.spec}`)}, () => {`,
  ];
  const credentials = plan.credentials.length > 0 ? plan.credentials : [undefined];
  for (const credential of credentials) {
    const options = credential ? `{ ${credential}: "${CREDENTIAL_VALUES[credential]}" }` : "{}";
    const how = credential ? `with ${credential}` : "without credentials";
    lines.push(
      `  it(${JSON.stringify(`makes the first call, ${label}, ${how}: ${success}, and Prism finds nothing wrong with it`)}, async () => {`,
      `    const { response } = await firstCall(client(${options}));`,
      "    expect(response.ok).toBe(true);",
      ...(plan.successStatuses.length > 0
        ? [`    expect(${JSON.stringify(plan.successStatuses)}).toContain(response.status);`]
        : []),
      '    expect(response.headers.get("sl-violations")).toBeNull();',
      "  });",
      "",
    );
  }
  if (plan.secured)
    lines.push(
      '  it("is refused without credentials: the mock enforces the spec\'s security", async () => {',
      "    const { response } = await firstCall(client());",
      "    expect(response.status).toBe(401);",
      "  });",
      "",
    );
  if (plan.errorStatuses.length > 0) {
    const [credential] = plan.credentials;
    const options = credential ? `{ ${credential}: "${CREDENTIAL_VALUES[credential]}" }` : "{}";
    lines.push(
      `  it.each(${JSON.stringify(plan.errorStatuses)})("turns the spec's %i answer into a ProblemError", async (status) => {`,
      "    // Prism answers with the spec's response for the status the Prefer header asks for.",
      `    const result = await firstCall(client(${options}), { Prefer: \`code=\${status}\` });`,
      "    expect(result.response.status).toBe(status);",
      "    const error = await unwrap(result).catch((e: unknown) => e);",
      "    if (!isProblemError(error)) throw new Error(`expected a ProblemError, got ${String(error)}`);",
      "    expect(error.status).toBe(status);",
      "    expect(error.problem.status).toBe(status);",
      "    expect(error.problem.title.length).toBeGreaterThan(0);",
      "    expect(error.message.startsWith(`${status} `)).toBe(true);",
      "  });",
      "",
    );
  }
  if (lines.at(-1) === "") lines.pop();
  lines.push("});", "");
  return lines.join("\n");
}
