// A provider package's entry point, src/index.ts: the factory, the client type, and one explicit
// export list, the same for every provider. A package that keeps src/problem.ts (a hand-written
// `toProblem` for the provider's own error bodies) exports an `unwrap` bound to it; the others
// re-export @apiclients/problem's.
import { bannerLines, blockBanner, docComment } from "./banner.js";
import type { ClientDefaults, CredentialPlacement } from "./client-defaults.js";
import type { ProviderEntry } from "./manifest.js";
import type { ProviderNames } from "./names.js";

/** "X-Api-Key" or "Authorization: Bearer": where a credential goes, in words. */
export function placementText(placement: CredentialPlacement): string {
  return placement.scheme ? `${placement.header}: ${placement.scheme}` : placement.header;
}

function credentialsDoc(defaults: ClientDefaults): string {
  const { apiKey, bearerToken } = defaults.auth;
  const parts: string[] = [];
  if (apiKey)
    parts.push(
      `\`apiKey\` goes in ${placementText(apiKey)}${defaults.apiKeyEnvVar ? ` (default: the ${defaults.apiKeyEnvVar} environment variable)` : ""}`,
    );
  if (bearerToken) parts.push(`\`bearerToken\` in ${placementText(bearerToken)}`);
  return parts.length === 0 ? "The API takes no credentials." : `${parts.join(", ")}.`;
}

export function indexSource(
  provider: ProviderEntry,
  names: ProviderNames,
  title: string,
  defaults: ClientDefaults,
  hasProblemFile: boolean,
): string {
  // The API's title goes into comments: it must not end one.
  const api = title.replaceAll("*/", "*\\/");
  const header = blockBanner(
    bannerLines(
      provider,
      `${names.packageName}: a client for ${api}, typed by its OpenAPI spec.${hasProblemFile ? " Its unwrap reads the provider's error bodies with src/problem.ts (hand-kept)." : ""}`,
    ),
  );
  const problemImports = hasProblemFile
    ? [
        'import { unwrap as unwrapProblem, type DataOf, type FetchResultLike } from "@apiclients/problem";',
      ]
    : [];
  const problemExports = hasProblemFile
    ? 'export { ApiClientError, isApiClientError, isProblemError, ProblemError, type ApiProblem, type Problem } from "@apiclients/problem";'
    : 'export { ApiClientError, isApiClientError, isProblemError, ProblemError, unwrap, type ApiProblem, type Problem } from "@apiclients/problem";';
  const boundUnwrap = hasProblemFile
    ? [
        "",
        docComment(
          "The data of a call's result, or a ProblemError: the provider's own error bodies are read by src/problem.ts.",
        ),
        "export function unwrap<R extends FetchResultLike>(result: R | PromiseLike<R>): Promise<DataOf<R>> {",
        "  return unwrapProblem(result, { toProblem });",
        "}",
      ]
    : [];
  return [
    header,
    'import { createApiClient, type ClientOptions } from "@apiclients/core";',
    ...problemImports,
    'import type { Client } from "openapi-fetch";',
    'import { provider } from "./generated/provider.js";',
    'import type { paths } from "./generated/schema.js";',
    ...(hasProblemFile ? ['import { toProblem } from "./problem.js";'] : []),
    "",
    'export type { components, operations, paths } from "./generated/schema.js";',
    'export type { ClientOptions } from "@apiclients/core";',
    "export {",
    "  AbortError,",
    "  ClientConfigError,",
    "  ConnectionError,",
    "  InvalidResponseError,",
    "  isTransportError,",
    "  PathParameterError,",
    "  RedirectError,",
    "  TimeoutError,",
    "  TransportError,",
    '} from "@apiclients/core";',
    problemExports,
    "",
    docComment(`An openapi-fetch client typed by the spec of ${api}.`),
    `export type ${names.clientType} = Client<paths>;`,
    "",
    docComment(`Creates a client for ${api}. ${credentialsDoc(defaults)}`),
    `export function ${names.factory}(options?: ClientOptions): ${names.clientType} {`,
    "  return createApiClient<paths>(provider, options);",
    "}",
    ...boundUnwrap,
    "",
  ].join("\n");
}
