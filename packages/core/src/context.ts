// One call's context: the client's settings and the call's own options, resolved once when the
// call starts, as openapi-fetch's coreFetch resolves them. Everything after it (building the
// request, middleware, the transport, reading the body, making errors) reads this one object;
// only the request (which middleware may replace) and the attempt count change along the way.
import type {
  BodySerializer,
  FetchOptions,
  Middleware,
  ParseAs,
  PathSerializer,
  QuerySerializer,
} from "openapi-fetch";
import { createQuerySerializer, removeTrailingSlash } from "openapi-fetch";
import type { ClientSettings, FetchLike } from "./options.js";
import { secretsOf } from "./redact.js";
import { retriesFor } from "./retry-policy.js";
import type { TransportErrorInit } from "./transport-errors.js";

/** A call's options as openapi-fetch's methods take them (the second argument of `GET`…). */
export type CallOptions = FetchOptions<unknown> & {
  params?: {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
    header?: Record<string, unknown>;
  };
  headers?: Record<string, unknown> | Headers | Array<[string, string]>;
  middleware?: Middleware[];
  [key: string]: unknown;
};

const NO_OPTIONS: CallOptions = Object.freeze({});
const NO_MIDDLEWARE: readonly Middleware[] = Object.freeze([]);

export class CallContext {
  readonly settings: ClientSettings;
  readonly method: string;
  /** The operation's path template, e.g. "/things/{id}". */
  readonly schemaPath: string;
  readonly params: NonNullable<CallOptions["params"]>;
  readonly parseAs: ParseAs;
  readonly baseUrl: string;
  readonly fetch: FetchLike;
  readonly RequestClass: typeof Request;
  readonly querySerializer: QuerySerializer<unknown>;
  readonly bodySerializer: BodySerializer<unknown>;
  readonly pathSerializer: PathSerializer;
  /** The call's own headers and body, as given. */
  readonly headers: CallOptions["headers"];
  readonly body: unknown;
  /** The call's RequestInit members (`signal`, `cache`…) and any custom keys, for the Request. */
  readonly init: Record<string, unknown>;
  /** The client's middleware, then the call's. */
  readonly middleware: readonly Middleware[];

  /** The request as it will be sent: built, then perhaps replaced by middleware's onRequest. */
  request!: Request;
  /**
   * The request's body, for the copies retries and redirects send (fetch consumes the original):
   * the body it was built with when that can be sent again as it is, else its bytes, read once.
   */
  sentBody: BodyInit | (() => Promise<ArrayBuffer>) | undefined;
  /** Attempts made so far. */
  attempts = 0;
  #secrets: readonly string[] | undefined;

  constructor(
    settings: ClientSettings,
    clientMiddleware: readonly Middleware[],
    schemaPath: string,
    method: string,
    options: CallOptions | undefined,
  ) {
    this.settings = settings;
    this.schemaPath = schemaPath;
    this.method = method;
    // The call's options, taken apart as openapi-fetch's coreFetch takes them; what is left
    // (signal, cache, custom keys…) goes to the Request.
    const {
      baseUrl,
      fetch,
      Request,
      headers,
      params = {},
      parseAs = "json",
      querySerializer,
      bodySerializer,
      pathSerializer,
      body,
      middleware,
      ...init
    } = options ?? NO_OPTIONS;
    this.params = params;
    this.parseAs = parseAs;
    this.baseUrl = baseUrl ? removeTrailingSlash(baseUrl) : settings.baseUrl;
    this.fetch = fetch ?? settings.fetch ?? globalThis.fetch;
    this.RequestClass =
      (Request as typeof globalThis.Request | undefined) ?? settings.Request ?? globalThis.Request;
    this.querySerializer = querySerializerFor(settings, querySerializer);
    this.bodySerializer = bodySerializer ?? settings.bodySerializer;
    this.pathSerializer = pathSerializer ?? settings.pathSerializer;
    this.headers = headers;
    this.body = body;
    // A copy, as openapi-fetch makes: use() or eject() during the call does not change it.
    this.middleware =
      clientMiddleware.length > 0 || middleware?.length
        ? [...clientMiddleware, ...(middleware ?? [])]
        : NO_MIDDLEWARE;
    this.init = init;
  }

  /** The signal that ends the call when aborted: the request's own, if anyone can abort it. */
  get caller(): AbortSignal | undefined {
    return this.#caller;
  }
  #caller: AbortSignal | undefined;

  /**
   * Fixes what the transport needs once the request is final (after middleware's onRequest):
   * whether it follows redirects itself, and whose signal to follow (a request made by middleware
   * may carry one; one built here only when the call or client gave one: following a signal
   * nobody can abort costs a listener per attempt).
   */
  requestReady(replaced: boolean): void {
    this.follow = this.request.redirect === "follow";
    this.#caller = replaced
      ? this.request.signal
      : ((this.init.signal ?? this.settings.requestInit.signal) as AbortSignal | null) || undefined;
  }

  /** Retries this call's method may have. */
  get maxRetries(): number {
    return retriesFor(this.request.method, this.settings.retry);
  }

  /** Whether the transport follows redirects itself (the caller's redirect mode is "follow"). */
  follow = true;

  /** Every credential the request carries, client-level or per-call: what no error may show. */
  get secrets(): readonly string[] {
    const { credentialHeaders, secrets } = this.settings;
    return (this.#secrets ??= secretsOf(this.request.headers, credentialHeaders, secrets));
  }

  /** What every TransportError of this call says: method, URL, attempts, cause, secrets. */
  errorInit(cause?: unknown): TransportErrorInit {
    return {
      method: this.request.method,
      url: this.request.url,
      attempts: Math.max(this.attempts, 1),
      cause,
      secrets: this.secrets,
    };
  }
}

/** The call's query serializer: its own function, or its options merged over the client's. */
function querySerializerFor(
  settings: ClientSettings,
  own: CallOptions["querySerializer"],
): QuerySerializer<unknown> {
  if (!own) return settings.querySerializer;
  if (typeof own === "function") return own as QuerySerializer<unknown>;
  return createQuerySerializer({ ...settings.querySerializerOptions, ...own });
}
