// openapi-fetch's middleware, run exactly as its coreFetch runs it: onRequest in order, onError
// and onResponse in reverse, each with the call's request, schema path, params, options and id.
// The client registers none of its own: what it adds happens before onRequest (the request is
// built and checked) and beneath the hooks (the transport), so middleware sees the request as
// it will be sent and the answer after retries and redirects.
import type { MergedOptions, Middleware } from "openapi-fetch";
import type { CallContext } from "./context.js";

/** A random id per call, as openapi-fetch gives middleware. */
const randomId = () => Math.random().toString(36).slice(2, 11);

/** Checks what `use()` is given, with openapi-fetch's words. */
export function checkMiddleware(middleware: unknown): middleware is Middleware {
  if (!middleware) return false;
  if (
    typeof middleware !== "object" ||
    !("onRequest" in middleware || "onResponse" in middleware || "onError" in middleware)
  ) {
    throw new Error(
      "Middleware must be an object with one of `onRequest()`, `onResponse() or `onError()`",
    );
  }
  return true;
}

export class Hooks {
  readonly #ctx: CallContext;
  readonly #list: readonly Middleware[];
  readonly #id = randomId();
  readonly #options: MergedOptions;

  constructor(ctx: CallContext) {
    this.#ctx = ctx;
    this.#list = ctx.middleware;
    this.#options = Object.freeze({
      baseUrl: ctx.baseUrl,
      fetch: ctx.fetch as typeof globalThis.fetch,
      parseAs: ctx.parseAs,
      querySerializer: ctx.querySerializer,
      bodySerializer: ctx.bodySerializer,
      pathSerializer: ctx.pathSerializer,
    });
  }

  #params() {
    const ctx = this.#ctx;
    return {
      request: ctx.request,
      schemaPath: ctx.schemaPath,
      params: ctx.params,
      options: this.#options,
      id: this.#id,
    };
  }

  /** The middleware's hooks of one kind: onRequest in order, the others in reverse. */
  #hooks<K extends keyof Middleware>(kind: K): Array<NonNullable<Middleware[K]>> {
    const hooks: Array<NonNullable<Middleware[K]>> = [];
    for (const m of this.#list) {
      if (m && typeof m === "object" && typeof m[kind] === "function") hooks.push(m[kind]!);
    }
    return kind === "onRequest" ? hooks : hooks.reverse();
  }

  /**
   * Runs every onRequest in order. One may replace the request (the context's request becomes
   * it) or answer the call itself, which skips the rest, fetch and every onResponse.
   */
  async onRequest(): Promise<{ replaced: boolean; response?: Response }> {
    const ctx = this.#ctx;
    let replaced = false;
    for (const hook of this.#hooks("onRequest")) {
      const result: unknown = await hook(
        this.#params() as Parameters<NonNullable<Middleware["onRequest"]>>[0],
      );
      if (!result) continue;
      if (result instanceof ctx.RequestClass) {
        replaced ||= result !== ctx.request;
        ctx.request = result;
      } else if (result instanceof Response) {
        return { replaced, response: result };
      } else {
        throw new Error(
          "onRequest: must return new Request() or Response() when modifying the request",
        );
      }
    }
    return { replaced };
  }

  /**
   * Runs onError with the error the call failed with. One may answer instead (a Response), or
   * replace the error for the hooks after it; unanswered, the error is thrown.
   */
  async onError(error: unknown): Promise<Response> {
    let current = error;
    for (const hook of this.#hooks("onError")) {
      const result: unknown = await hook({ ...this.#params(), error: current });
      if (result instanceof Response) return result;
      if (result instanceof Error) current = result;
      else if (result) throw new Error("onError: must return new Response() or instance of Error");
    }
    throw current;
  }

  /** Runs onResponse; each may replace the answer. */
  async onResponse(response: Response): Promise<Response> {
    let current = response;
    for (const hook of this.#hooks("onResponse")) {
      const result: unknown = await hook({ ...this.#params(), response: current });
      if (result instanceof Response) current = result;
      else if (result) {
        throw new Error("onResponse: must return new Response() when modifying the response");
      }
    }
    return current;
  }
}
