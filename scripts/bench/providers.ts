// The provider packages the benchmarks measure, from the manifest: each built package's entry
// (dist/, imported by path, so the scripts package needs no dependency on any provider) and the
// README's first call, made the same way through our client and through bare openapi-fetch.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describeProviders } from "../lib/codegen/describe.js";

export interface BenchProvider {
  packageName: string;
  /** The built ESM entry, as a file: URL. */
  entry: string;
  factory: string;
  /** The client option the call's credential goes in, if it needs one. */
  credential?: "apiKey" | "bearerToken";
  /** The same credential as a header, for bare openapi-fetch. */
  header?: (key: string) => [string, string];
  method: string;
  path: string;
  /** openapi-fetch's second argument for the call: params and body. */
  init: Record<string, unknown>;
}

export async function benchProviders(root: string): Promise<BenchProvider[]> {
  return (await describeProviders(root)).map(({ entry, names, defaults, plan }) => {
    const [credential] = plan.credentials;
    const placement = credential ? defaults.auth[credential] : undefined;
    return {
      packageName: names.packageName,
      entry: pathToFileURL(join(root, entry.package, "dist/index.js")).href,
      factory: names.factory,
      ...(credential ? { credential } : {}),
      ...(placement
        ? {
            header: (key: string): [string, string] => [
              placement.header,
              placement.scheme ? `${placement.scheme} ${key}` : key,
            ],
          }
        : {}),
      method: plan.method.toUpperCase(),
      path: plan.path,
      init: {
        ...(Object.keys(plan.params).length > 0 ? { params: plan.params } : {}),
        ...(plan.body === undefined ? {} : { body: plan.body }),
        ...(plan.parseAs === undefined ? {} : { parseAs: plan.parseAs }),
      },
    };
  });
}

/** The call's URL as a person would build it by hand: path values encoded, query appended. */
export function rawUrl(baseUrl: string, provider: BenchProvider): string {
  const params = (provider.init.params ?? {}) as {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
  };
  const path = provider.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(params.path?.[name])),
  );
  const query = new URLSearchParams(
    Object.entries(params.query ?? {}).map(([k, v]) => [k, String(v)]),
  ).toString();
  return `${baseUrl}${path}${query ? `?${query}` : ""}`;
}

/** A client's call methods, untyped: the benchmarks pick the operation at run time. */
export type AnyClient = Record<
  string,
  (path: string, init?: Record<string, unknown>) => Promise<{ response: Response }>
>;

/** Our client for the provider, from its built package. */
export async function ourClient(
  provider: BenchProvider,
  options: Record<string, unknown>,
  apiKey: string,
): Promise<AnyClient> {
  const module = (await import(provider.entry)) as Record<string, (options: unknown) => unknown>;
  const credential = provider.credential ? { [provider.credential]: apiKey } : {};
  return module[provider.factory]!({ ...options, ...credential }) as AnyClient;
}

/** The same call, through a client's method. */
export const callOn = (client: AnyClient, provider: BenchProvider) =>
  client[provider.method]!(provider.path, provider.init);
