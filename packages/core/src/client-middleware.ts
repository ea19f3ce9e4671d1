// The client's own middleware, registered before any of the caller's. It is where openapi-fetch
// lets a client act without replacing any of its methods:
// - onRequest (first to run): refuses a call whose path parameters are missing (openapi-fetch
//   only serialises them when `params.path` is given), and one that would send a credential over
//   plain http; with a per-request `fetch`, arms the first attempt's timeout.
// - onError (last to run, after the caller's middleware saw the error as fetch threw it): types
//   it as a TransportError; with a per-request `fetch`, retries first.
// - onResponse (last to run): with a per-request `fetch`, follows redirects and retries first;
//   refuses a successful JSON answer whose body does not parse.
import type { Middleware, MergedOptions } from "openapi-fetch";
import { INSECURE_CONNECTION, isInsecure } from "./base-url.js";
import { ClientConfigError } from "./config-error.js";
import { firstPlaceholder, PathParameterError } from "./path-params.js";
import { isCredentialHeader, isErrorLike, redactError, redactText, secretsOf } from "./redact.js";
import {
  AbortError,
  ConnectionError,
  InvalidResponseError,
  isTransportError,
  TimeoutError,
} from "./transport-errors.js";
import {
  Call,
  keepBody,
  noteOf,
  Exchange,
  type CallSource,
  type FetchLike,
  type TransportSettings,
} from "./transport.js";

export interface MiddlewareSettings extends TransportSettings {
  /** The fetch the client gave openapi-fetch: any other one in `options.fetch` is per-request. */
  transport: FetchLike;
  allowInsecureConnection: boolean;
}

/** The first attempt of a call made with a per-request fetch, which openapi-fetch sends itself. */
interface FirstAttempt extends Omit<CallSource, "request"> {
  fetch: FetchLike;
  exchange: Exchange;
}

/** The rest of a call whose first attempt openapi-fetch made with a per-request fetch. */
function resume(
  first: FirstAttempt,
  request: Request,
  outcome: { response: Response } | { error: unknown },
  settings: MiddlewareSettings,
): Promise<Response> {
  // `request` is the request as sent, after every middleware's onRequest.
  const call = new Call(
    first.fetch,
    { request, caller: first.caller, redirect: first.redirect, body: first.body },
    undefined,
    settings,
  );
  return call.resume(outcome, first.exchange).catch((failure: unknown) => {
    throw typed(failure, request, settings);
  });
}

const EMPTY = new Set([204, 205, 304]);

export function clientMiddleware(settings: MiddlewareSettings): Middleware {
  // Keyed by the options object openapi-fetch freezes for each call and hands to every hook.
  const perRequestFetch = new WeakMap<MergedOptions, FirstAttempt>();

  return {
    onRequest({ request, schemaPath, params, options }) {
      if (params.path === undefined) {
        const missing = firstPlaceholder(schemaPath);
        if (missing !== undefined) throw new PathParameterError(missing, "is missing");
      }
      // (The string test first: parsing every call's URL would cost more than the rest here.)
      if (
        !settings.allowInsecureConnection &&
        request.url.startsWith("http:") &&
        isInsecure(new URL(request.url))
      ) {
        let credential = false;
        request.headers.forEach((_value, name) => {
          credential ||= isCredentialHeader(name, settings.credentialHeaders);
        });
        if (credential) throw new ClientConfigError("baseUrl", INSECURE_CONNECTION);
      }
      if (options.fetch === settings.transport) return undefined;
      // A per-request fetch replaces the client's transport in openapi-fetch, which then sends
      // the first attempt itself: give it a timeout and no automatic redirects here, and make
      // any further attempts in onResponse/onError. The body is kept now, before it is sent.
      // Should a later middleware answer in its onRequest, nothing ends this attempt: its timer
      // is unref'd, so it holds nothing open, and fires into a controller nobody listens to.
      const body = keepBody(request);
      const exchange = new Exchange(
        request.signal,
        settings.timeoutMs,
        {
          timeoutError: () =>
            new TimeoutError({
              method: request.method,
              url: request.url,
              attempts: 1,
              timeoutMs: settings.timeoutMs,
            }),
        },
        { background: true },
      );
      perRequestFetch.set(options, {
        fetch: options.fetch,
        caller: request.signal,
        redirect: request.redirect,
        body,
        exchange,
      });
      return copyRequest(request, {
        signal: exchange.signal,
        ...(request.redirect === "follow" ? { redirect: "manual" } : {}),
      });
    },

    async onError({ request, error, options }) {
      const first = perRequestFetch.get(options);
      if (!first) {
        const result = typed(error, request, settings);
        if (result === error) return undefined;
        return result as Error;
      }
      perRequestFetch.delete(options);
      try {
        return await resume(first, request, { error }, settings);
      } catch (failure) {
        // An onError hook may return an Error or a Response; anything else is thrown as is.
        if (failure instanceof Error) return failure;
        throw failure;
      }
    },

    // Not async: on the common path (no per-request fetch, nothing to check) it returns at once.
    onResponse({ request, response, options }) {
      const first = perRequestFetch.get(options);
      if (first) {
        perRequestFetch.delete(options);
        return resume(first, request, { response }, settings).then(async (final) => {
          if (needsJsonCheck(final, request, options)) await checkJson(final, request, settings);
          return final;
        });
      }
      if (needsJsonCheck(response, request, options))
        return checkJson(response, request, settings).then(() => undefined);
      return undefined;
    },
  };
}

/**
 * The request with other init values, made by the request's own class (openapi-fetch accepts
 * only an instance of its `Request` option from onRequest), carrying the custom properties
 * openapi-fetch copied onto it from the call's options.
 */
function copyRequest(request: Request, init: RequestInit): Request {
  const RequestClass = request.constructor as typeof Request;
  const copy = new RequestClass(request, init);
  for (const key of Object.keys(request))
    if (!(key in copy))
      (copy as unknown as Record<string, unknown>)[key] = (
        request as unknown as Record<string, unknown>
      )[key];
  return copy;
}

/** Whether openapi-fetch will parse this response's body as JSON, so it must be JSON. */
function needsJsonCheck(response: Response, request: Request, options: MergedOptions): boolean {
  return options.parseAs === "json" && response.ok && hasBody(response, request);
}

/** Whether openapi-fetch will read a body from this response (see its "empty content" rule). */
function hasBody(response: Response, request: Request): boolean {
  return (
    response instanceof Response &&
    response.body !== null &&
    !EMPTY.has(response.status) &&
    request.method !== "HEAD" &&
    !(
      response.headers.get("content-length") === "0" &&
      !response.headers.get("transfer-encoding")?.includes("chunked")
    )
  );
}

/**
 * A successful answer to be parsed as JSON, checked on a copy (the caller gets the very Response
 * middleware returned): openapi-fetch would throw a bare SyntaxError from JSON.parse; this throws
 * an InvalidResponseError that names the status and the content type.
 */
async function checkJson(
  response: Response,
  request: Request,
  settings: TransportSettings,
): Promise<void> {
  const text = await response.clone().text();
  // openapi-fetch reads an empty body without Content-Length as no data.
  if (text === "" && !response.headers.has("content-length")) return;
  try {
    JSON.parse(text);
  } catch (error) {
    const secrets = secretsOf(request.headers, settings.credentialHeaders);
    throw new InvalidResponseError({
      method: request.method,
      url: request.url,
      attempts: 1,
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      reason: `is not valid JSON (${redactText(String((error as Error).message), secrets)})`,
      secrets,
    });
  }
}

/**
 * The error a caller gets for one fetch threw, once every middleware had its say. It stays the
 * error it is (openapi-fetch's contract: what onError returns, or the original) unless the client
 * has something to add: a caller's abort becomes an AbortError, a network failure (fetch rejects
 * with a TypeError, by the Fetch standard) a ConnectionError that says how many attempts were
 * made, and any error that mentions a credential of the request a ConnectionError with that
 * credential blanked out.
 */
function typed(error: unknown, request: Request, settings: TransportSettings): unknown {
  if (isTransportError(error) || error instanceof ClientConfigError) return error;
  const note = noteOf(error);
  const secrets = secretsOf(request.headers, settings.credentialHeaders);
  const init = {
    method: request.method,
    url: request.url,
    attempts: note?.attempts ?? 1,
    cause: error,
    secrets,
  };
  if (request.signal.aborted) return new AbortError({ ...init, cause: request.signal.reason });
  if (note?.timedOut)
    return new TimeoutError({ ...init, cause: undefined, timeoutMs: settings.timeoutMs });
  // By name, not instanceof: fetch's TypeError may come from another realm (vm, iframe, jest).
  if ((isErrorLike(error) && error.name === "TypeError") || redactError(error, secrets) !== error)
    return new ConnectionError(init);
  return error;
}
