// The call every client benchmark makes (the first provider's README first call), as plain data
// that crosses into a worker process as JSON, and the helpers that make it through our client.
// Nothing here imports more than the client itself: the per-call worker is compiled from this.

/** The key every benchmark client sends. */
export const BENCH_API_KEY = "bench-api-key-0123456789";

export interface BenchProvider {
  packageName: string;
  /** The built ESM entry, as a file: URL. */
  entry: string;
  factory: string;
  /** The client option the call's credential goes in, if it needs one. */
  credential?: "apiKey" | "bearerToken";
  /** The same credential (BENCH_API_KEY) as the header our client sends, for the other clients. */
  header?: [name: string, value: string];
  method: string;
  path: string;
  /** openapi-fetch's second argument for the call: params and body. */
  init: Record<string, unknown>;
}

/** The credential as a headers object, for clients configured by hand. */
export const headersOf = (provider: BenchProvider): Record<string, string> =>
  provider.header ? Object.fromEntries([provider.header]) : {};

/** The call's path and query as a person would build them by hand: values encoded. */
export function rawPath(provider: BenchProvider): string {
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
  return `${path}${query ? `?${query}` : ""}`;
}

/** The call's URL as a person would build it by hand. */
export const rawUrl = (baseUrl: string, provider: BenchProvider): string =>
  `${baseUrl}${rawPath(provider)}`;

/** A client's call methods, untyped: the benchmarks pick the operation at run time. */
export type AnyClient = Record<
  string,
  (
    path: string,
    init?: Record<string, unknown>,
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>
>;

/** Our client for the provider, from its built package. */
export async function ourClient(
  provider: BenchProvider,
  options: Record<string, unknown>,
): Promise<AnyClient> {
  const module = (await import(provider.entry)) as Record<string, (options: unknown) => unknown>;
  const credential = provider.credential ? { [provider.credential]: BENCH_API_KEY } : {};
  return module[provider.factory]!({ ...options, ...credential }) as AnyClient;
}

/** The same call, through a client's method; `extra` adds per-call options (e.g. parseAs). */
export const callOn = (
  client: AnyClient,
  provider: BenchProvider,
  extra?: Record<string, unknown>,
) =>
  client[provider.method]!(provider.path, extra ? { ...provider.init, ...extra } : provider.init);
