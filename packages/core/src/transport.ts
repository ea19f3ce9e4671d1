// The transport: a call's request becomes up to 1 + maxRetries attempts, each an exchange with
// its own timeout, each following redirects itself so credentials never reach another origin.
// A successful answer comes back with its body unread and its exchange still running (the body
// is read under the same clock); an error answer comes back read up to a cap, redacted and parsed
// once, since it becomes error messages and tells whether to try again.
import { isApiClientError, retryHints } from "@apiclients/problem";
import type { CallContext } from "./context.js";
import { Exchange, sleep } from "./exchange.js";
import { isCredentialHeader, redactedBody, redactText } from "./redact.js";
import {
  decode,
  discard,
  forwardedResponse,
  MAX_ERROR_BODY_BYTES,
  readBytes,
} from "./response-body.js";
import { backoffDelay, delayAfterAnswer } from "./retry-policy.js";
import { AbortError, ConnectionError, RedirectError, TimeoutError } from "./transport-errors.js";

/** What the transport hands back: the answer to keep, after every retry and redirect. */
export interface Answer {
  response: Response;
  /** A successful answer's exchange, still running: its body is read under its clock. */
  exchange?: Exchange;
  /** An error answer's body, read, redacted and parsed: the JSON it holds, else its text. */
  error?: unknown;
}

/** How many redirects one attempt follows before it gives up. */
export const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers that describe a body, dropped with it when a redirect turns a POST into a GET. */
const BODY_HEADERS = [
  "content-type",
  "content-length",
  "content-encoding",
  "content-language",
  "content-location",
];

/** Sends the call's request, retrying as the client's policy and the server's answers say. */
export async function send(ctx: CallContext): Promise<Answer> {
  const maxRetries = ctx.maxRetries;
  for (let request = ctx.request; ; request = await copyRequest(ctx)) {
    ctx.attempts++;
    let delay: number | undefined;
    try {
      let { response, exchange } = await sendRequest(ctx, request);
      if (REDIRECTS.has(response.status) && ctx.follow) {
        ({ response, exchange } = await followRedirects(ctx, request, response, exchange));
      }
      if (response.status < 400) return { response, exchange };
      const body = await readErrorBody(ctx, response, exchange);
      if (ctx.attempts <= maxRetries) {
        delay = delayAfterAnswer(
          retryHints(response.status, body.value, response.headers),
          ctx.attempts - 1,
          ctx.settings.retry,
        );
      }
      if (delay === undefined) return errorAnswer(ctx, response, body);
    } catch (error) {
      if (!isRetryable(ctx, error) || ctx.attempts > maxRetries) throw error;
      delay = backoffDelay(ctx.attempts - 1, ctx.settings.retry);
    }
    await sleep(ctx, delay);
  }
}

/**
 * Whether another attempt may succeed after this failure: a connection failure or a timeout, or
 * anything a custom fetch threw; never the caller's abort, a redirect refused, or an error the
 * client raised on purpose.
 */
function isRetryable(ctx: CallContext, error: unknown): boolean {
  if (ctx.caller?.aborted) return false;
  return (
    !isApiClientError(error) || error instanceof ConnectionError || error instanceof TimeoutError
  );
}

/** One request and its response headers; the exchange keeps running for the body. */
async function sendRequest(
  ctx: CallContext,
  request: Request,
): Promise<{ response: Response; exchange: Exchange }> {
  const caller = ctx.caller;
  if (caller?.aborted) throw new AbortError(ctx.errorInit(caller.reason));
  const exchange = new Exchange(ctx);
  const init = ctx.settings.requestInitExt;
  const signal = exchange.signal;
  // Called as a plain function, as openapi-fetch calls it: `ctx.fetch(…)` would hand the context
  // to fetch as its receiver, and a browser's window.fetch throws "Illegal invocation".
  const fetch = ctx.fetch;
  exchange.wait();
  let response: Response;
  try {
    response = await fetch(
      request,
      ctx.follow ? { ...init, signal, redirect: "manual" } : signal ? { ...init, signal } : init,
    );
  } catch (error) {
    exchange.done();
    throw exchange.failure(error);
  }
  exchange.headers();
  return { response, exchange };
}

/** Follows redirects the way fetch would, but keeping credentials on their origin. */
async function followRedirects(
  ctx: CallContext,
  first: Request,
  response: Response,
  exchange: Exchange,
): Promise<{ response: Response; exchange: Exchange }> {
  let current = first;
  const visited = new Set([current.url]);
  for (let hops = 0; REDIRECTS.has(response.status); hops++) {
    if (response.type === "opaqueredirect") {
      exchange.done();
      throw new RedirectError({
        ...ctx.errorInit(),
        reason:
          "this runtime hides where a redirect leads, so the client cannot keep credentials from another origin",
      });
    }
    const location = response.headers.get("location");
    if (location === null) return { response, exchange };
    exchange.done();
    await discard(response);
    const refuse = (reason: string) => new RedirectError({ ...ctx.errorInit(), reason });
    if (hops === MAX_REDIRECTS) throw refuse(`more than ${MAX_REDIRECTS} redirects`);
    let target: URL;
    try {
      target = new URL(location, current.url);
    } catch {
      throw refuse("to a Location that is not a URL");
    }
    if (target.protocol !== "https:" && target.protocol !== "http:")
      throw refuse(`to a ${target.protocol} URL`);
    if (target.username || target.password) throw refuse("to a URL with a user name or password");
    if (visited.has(target.href)) throw refuse("in a loop");
    visited.add(target.href);
    current = await redirected(ctx, current, response.status, target);
    ({ response, exchange } = await sendRequest(ctx, current));
  }
  return { response, exchange };
}

/** The request a redirect asks for: fetch's rules (RFC 9110 §15.4), credentials left behind at an origin change. */
async function redirected(
  ctx: CallContext,
  previous: Request,
  status: number,
  target: URL,
): Promise<Request> {
  const headers = new Headers(previous.headers);
  if (new URL(previous.url).origin !== target.origin) {
    for (const name of [...headers.keys()])
      if (isCredentialHeader(name, ctx.settings.credentialHeaders)) headers.delete(name);
  }
  let method = previous.method;
  let body: BodyInit | null = null;
  if (
    (status === 303 && method !== "HEAD") ||
    ((status === 301 || status === 302) && method === "POST")
  ) {
    method = "GET";
    for (const name of BODY_HEADERS) headers.delete(name);
  } else {
    body = (await bodyToResend(ctx)) ?? null;
  }
  return new ctx.RequestClass(target, {
    method,
    headers,
    body,
    credentials: previous.credentials,
    cache: previous.cache,
    referrerPolicy: previous.referrerPolicy,
  });
}

/** The request's body again, for a retry or a redirect (fetch has consumed the original). */
async function bodyToResend(ctx: CallContext): Promise<BodyInit | undefined> {
  const body = ctx.sentBody;
  return typeof body === "function" ? body() : body;
}

/**
 * A fresh copy of the call's request, for another attempt: made by the request's own class,
 * carrying the custom properties openapi-fetch copies onto a request from the call's options.
 */
async function copyRequest(ctx: CallContext): Promise<Request> {
  const request = ctx.request;
  const body = await bodyToResend(ctx);
  const RequestClass = request.constructor as typeof Request;
  const copy = new RequestClass(request, body === undefined ? {} : { body });
  for (const key of Object.keys(request))
    if (!(key in copy))
      (copy as unknown as Record<string, unknown>)[key] = (
        request as unknown as Record<string, unknown>
      )[key];
  return copy;
}

/**
 * An error answer's body, read up to the cap under the exchange's clock, with every credential
 * of the request blanked out, and parsed once: its text, and the JSON it holds (else the text).
 */
async function readErrorBody(
  ctx: CallContext,
  response: Response,
  exchange: Exchange,
): Promise<{ text: string; value: unknown }> {
  try {
    return redactedBody(
      decode(await readBytes(response, exchange, MAX_ERROR_BODY_BYTES)),
      ctx.secrets,
    );
  } finally {
    exchange.done();
  }
}

/**
 * The error answer the call ends with. Without middleware, fetch's own Response, its body read
 * (as openapi-fetch leaves it); with middleware, which may read the body, or when a header or the
 * status text shows a credential, the client's copy, the body and every credential blanked out.
 */
function errorAnswer(
  ctx: CallContext,
  response: Response,
  body: { text: string; value: unknown },
): Answer {
  const secrets = ctx.secrets;
  const statusText = response.statusText ?? "";
  let shows = redactText(statusText, secrets) !== statusText;
  if (secrets.length > 0)
    response.headers.forEach((value) => (shows ||= redactText(value, secrets) !== value));
  if (ctx.middleware.length === 0 && !shows) return { response, error: body.value };
  // The body is now decoded and may be shorter: no Content-Encoding, and a Content-Length (if
  // the server sent one) that matches. append, not set: several Set-Cookie headers stay apart.
  const headers = new Headers();
  response.headers.forEach((value, name) => {
    if (name !== "content-length" && name !== "content-encoding")
      headers.append(name, redactText(value, secrets));
  });
  if (response.headers.has("content-length"))
    headers.set("content-length", String(new TextEncoder().encode(body.text).byteLength));
  return {
    response: forwardedResponse(
      body.text === "" ? null : body.text,
      response,
      headers,
      redactText(statusText, secrets),
    ),
    error: body.value,
  };
}
