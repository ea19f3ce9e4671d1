// The client: openapi-fetch's `Client<paths>`, method for method, whose calls run through
// call.ts. Its options are checked and resolved once, here.
import type { Client, Middleware } from "openapi-fetch";
import { call } from "./call.js";
import type { CallOptions } from "./context.js";
import { checkMiddleware } from "./middleware.js";
import { resolveSettings, type ClientOptions } from "./options.js";
import type { ProviderConfig } from "./provider.js";

/**
 * Creates an openapi-fetch client for a provider: every method, option and middleware works as
 * documented upstream. Each call is retried and timed out as the options say, follows redirects
 * without taking credentials to another origin, keeps every path value in its own segment, and
 * fails with a typed error.
 */
export function createApiClient<Paths extends object>(
  provider: ProviderConfig,
  options: ClientOptions = {},
): Client<Paths> {
  const settings = resolveSettings(provider, options);
  const middleware: Middleware[] = [];
  const send = (method: string) => (path: string, init?: CallOptions) =>
    call(settings, middleware, path, method, init);
  const client = {
    request: (method: string, path: string, init?: CallOptions) =>
      call(settings, middleware, path, method.toUpperCase(), init),
    GET: send("GET"),
    PUT: send("PUT"),
    POST: send("POST"),
    DELETE: send("DELETE"),
    OPTIONS: send("OPTIONS"),
    HEAD: send("HEAD"),
    PATCH: send("PATCH"),
    TRACE: send("TRACE"),
    use(...added: Middleware[]) {
      for (const m of added) if (checkMiddleware(m)) middleware.push(m);
    },
    eject(...removed: Middleware[]) {
      for (const m of removed) {
        const i = middleware.indexOf(m);
        if (i !== -1) middleware.splice(i, 1);
      }
    },
  };
  return client as unknown as Client<Paths>;
}
