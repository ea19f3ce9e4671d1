// Every client making the same call and reading the answer as its users would: the JSON parsed,
// a stream read to its end, an error answer's body read and parsed as the library does it. Each
// is configured like ours where it has the setting (2 retries, 60 s timeout, the same credential
// header); none of them unwraps or throws more than the library does by itself.
import createClient from "openapi-fetch";
import {
  BENCH_API_KEY,
  callOn,
  headersOf,
  ourClient,
  rawPath,
  rawUrl,
  type AnyClient,
  type BenchProvider,
} from "./call.js";
import type { Fetch } from "./request-check.js";
import type { Shape } from "./shapes.js";

/** The column order of the table: the limit, the substrate and its timeout floor, ours, peers. */
export const VARIANTS = [
  "raw fetch",
  "openapi-fetch",
  "openapi-fetch + timeout",
  "ours",
  "ky",
  "openai",
  "hey-api",
] as const;
export type VariantName = (typeof VARIANTS)[number];
/** The libraries a user could pick instead of ours. */
export const PEERS: readonly VariantName[] = ["ky", "openai", "hey-api"];

export interface Outcome {
  /** The status, where the call as its users make it tells it (ky and openai throw on any
   * other than 2xx, and give only the parsed body of a success). */
  status?: number;
  /** What the client gave back: parsed JSON, or the byte count of a stream read to its end. */
  data: unknown;
  /** Why the client keeps no error body, where it parses one and drops it. */
  bodyNotKept?: string;
}

export type Variant = () => Promise<Outcome>;

/** What the variants use of the peer libraries, which the worker loads from .cache/bench. */
export interface Peers {
  ky: { create(options: object): KyInstance };
  isHTTPError(error: unknown): error is Error & { response: Response; data: unknown };
  OpenAI: new (options: object) => Record<string, (path: string) => OpenAIPromise>;
  APIError: abstract new (...args: never[]) => Error & { status?: number; error?: unknown };
  createHeyApiClient(config: object): Record<string, (options: object) => Promise<Result>>;
}
type KyInstance = (
  input: string,
  options: object,
) => Promise<Response> & {
  json(): Promise<unknown>;
};
type OpenAIPromise = Promise<unknown> & { asResponse(): Promise<Response> };
type Result = { data?: unknown; error?: unknown; response: Response };

export interface Target {
  provider: BenchProvider;
  baseUrl: string;
  fetch: Fetch;
  peers: Peers;
}

/** Reads a body to its end, chunk by chunk, as a consumer of a stream does. */
async function drain(body: ReadableStream<Uint8Array> | null | undefined): Promise<number> {
  const reader = body!.getReader();
  let bytes = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read())
    bytes += read.value.byteLength;
  return bytes;
}

/**
 * What any per-attempt timeout costs on this runtime: an AbortController, a timer and the signal
 * handed to fetch, around bare openapi-fetch. The floor for a client that can time out at all.
 */
function withMinimalTimeout(fetch: Fetch): Fetch {
  return async (input, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    try {
      return await fetch(input, { ...init, signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  };
}

/** An openapi-fetch-shaped result (openapi-fetch, ours, hey-api) as an outcome. */
async function fromResult(shape: Shape, { data, error, response }: Result): Promise<Outcome> {
  if (shape.kind === "stream")
    return { status: response.status, data: await drain(data as ReadableStream<Uint8Array>) };
  return { status: response.status, data: shape.kind === "problem" ? error : data };
}

export async function variants(
  shape: Shape,
  { provider, baseUrl, fetch, peers }: Target,
): Promise<Record<VariantName, Variant>> {
  const headers = headersOf(provider);
  const stream = shape.kind === "stream" ? { parseAs: "stream" } : undefined;
  const method = provider.method.toLowerCase();
  const path = rawPath(provider);
  const url = rawUrl(baseUrl, provider);

  const openapiFetch = (client: AnyClient) => async () =>
    fromResult(shape, await callOn(client, provider, stream));
  const bare = createClient({ baseUrl, fetch, headers }) as unknown as AnyClient;
  const timed = createClient({
    baseUrl,
    fetch: withMinimalTimeout(fetch),
    headers,
  }) as unknown as AnyClient;
  const ours = await ourClient(provider, { baseUrl, fetch });

  const ky = peers.ky.create({
    baseUrl: `${baseUrl}/`, // with the trailing slash ky's docs recommend, for relative inputs
    fetch,
    headers,
    retry: { limit: 2 },
    timeout: 60_000,
  });
  const kyInput = path.slice(1);
  // openai sends its apiKey as `Authorization: Bearer`; a null default header leaves that out
  // (openai's way to omit its credential header), so it sends the same header as the others.
  const openai = new peers.OpenAI({
    baseURL: baseUrl,
    apiKey: BENCH_API_KEY,
    fetch,
    maxRetries: 2,
    timeout: 60_000,
    defaultHeaders: { Authorization: null, ...headers },
  });
  const heyApi = peers.createHeyApiClient({ baseUrl, fetch, headers });
  const { path: pathParams, query } = (provider.init.params ?? {}) as Record<string, unknown>;
  const heyApiOptions = {
    url: provider.path,
    path: pathParams,
    query,
    ...(provider.init.body === undefined ? {} : { body: provider.init.body }),
    ...stream,
  };

  return {
    "raw fetch": async () => {
      const response = await fetch(url, { method: provider.method, headers });
      if (shape.kind === "stream")
        return { status: response.status, data: await drain(response.body) };
      // A problem is read like any JSON answer, once the status said it is one.
      const data = shape.kind === "empty" ? undefined : await response.json();
      return { status: response.status, data };
    },
    "openapi-fetch": openapiFetch(bare),
    "openapi-fetch + timeout": openapiFetch(timed),
    ours: openapiFetch(ours),
    ky: async () => {
      try {
        if (shape.kind === "json") return { data: await ky(kyInput, { method }).json() };
        const response = await ky(kyInput, { method });
        return {
          status: response.status,
          data: shape.kind === "stream" ? await drain(response.body) : undefined,
        };
      } catch (error) {
        // ky throws an HTTPError whose `data` it has read and parsed already (ky 2).
        if (shape.kind === "problem" && peers.isHTTPError(error))
          return { status: error.response.status, data: error.data };
        throw error;
      }
    },
    openai: async () => {
      try {
        if (shape.kind !== "stream") return { data: await openai[method]!(path) };
        // The raw Response of a call, documented for reading a body yourself.
        const response = await openai[method]!(path).asResponse();
        return { status: response.status, data: await drain(response.body) };
      } catch (error) {
        if (shape.kind === "problem" && error instanceof peers.APIError)
          return {
            status: error.status,
            data: error.error,
            bodyNotKept:
              "openai parses an error body but keeps only its `error` member (OpenAI's envelope)",
          };
        throw error;
      }
    },
    "hey-api": async () => fromResult(shape, await heyApi[method]!(heyApiOptions)),
  };
}

/** What is wrong with a variant's outcome for this shape, if anything. */
export function outcomeProblems(shape: Shape, outcome: Outcome): string[] {
  const problems: string[] = [];
  if (outcome.status !== undefined && outcome.status !== shape.status)
    problems.push(`status ${outcome.status}, not ${shape.status}`);
  // openai tells a 204 only by its null result.
  if (outcome.status === undefined && shape.kind === "empty" && outcome.data !== null)
    problems.push(`got ${JSON.stringify(outcome.data)}, not null`);
  if (shape.kind === "empty" || outcome.bodyNotKept) return problems;
  const size =
    typeof outcome.data === "number" ? outcome.data : JSON.stringify(outcome.data)?.length;
  if (size !== shape.size) problems.push(`read ${size} bytes (or JSON chars), not ${shape.size}`);
  return problems;
}
