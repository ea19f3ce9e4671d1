// One call of a client, from the caller's arguments to the result openapi-fetch gives:
//
//   context ─▶ request ─▶ onRequest ─▶ checks ─▶ transport (attempts) ─▶ onError | onResponse ─▶ body
//
// Each step reads the call's one context and hands its result to the next; nothing comes back.
import type { Middleware } from "openapi-fetch";
import { INSECURE_CONNECTION, isInsecure } from "./base-url.js";
import { ClientConfigError } from "./config-error.js";
import { CallContext, type CallOptions } from "./context.js";
import type { Exchange } from "./exchange.js";
import { Hooks } from "./middleware.js";
import type { ClientSettings } from "./options.js";
import { isCredentialHeader } from "./redact.js";
import { buildRequest, isResendable } from "./request.js";
import {
  decode,
  guardStream,
  hasNoContent,
  MAX_ERROR_BODY_BYTES,
  NULL_BODY_STATUSES,
  readBytes,
  readData,
} from "./response-body.js";
import { send, type Answer } from "./transport.js";

/** What a call resolves to: openapi-fetch's result. */
export type CallResult =
  | { data: unknown; error?: undefined; response: Response }
  | { data?: undefined; error: unknown; response: Response };

export async function call(
  settings: ClientSettings,
  middleware: readonly Middleware[],
  schemaPath: string,
  method: string,
  options: CallOptions | undefined,
): Promise<CallResult> {
  const ctx = new CallContext(settings, middleware, schemaPath, method, options);
  ctx.request = buildRequest(ctx);
  const hooks = ctx.middleware.length > 0 ? new Hooks(ctx) : undefined;
  let response: Response | undefined;
  let replaced = false;
  if (hooks) {
    const before = await hooks.onRequest();
    if (before.response) return result(ctx, before.response, undefined);
    replaced = before.replaced;
  }
  ctx.requestReady(replaced);
  refuseInsecure(ctx);
  if (replaced || (ctx.sentBody !== undefined && !isResendable(ctx.sentBody))) keepBodyOf(ctx);

  let answer: Answer | undefined;
  try {
    answer = await send(ctx);
  } catch (error) {
    if (!hooks) throw error;
    response = await hooks.onError(error);
  }
  let exchange: Exchange | undefined;
  if (answer) {
    ({ response, exchange } = answer);
    // A stream is guarded before middleware sees it, so that what middleware makes of its body
    // still has the timeout and the caller's abort beneath it.
    if (
      exchange &&
      ctx.parseAs === "stream" &&
      response.ok &&
      response.body !== null &&
      !NULL_BODY_STATUSES.has(response.status)
    ) {
      response = guardStream(response, exchange);
      exchange = undefined; // the guard ends it
    }
  }
  try {
    if (hooks) response = await hooks.onResponse(response!);
    return await result(ctx, response!, exchange, answer);
  } finally {
    exchange?.done();
  }
}

/** The result openapi-fetch gives for an answer: its data or its error, read as `parseAs` says. */
async function result(
  ctx: CallContext,
  response: Response,
  exchange: Exchange | undefined,
  answer?: Answer,
): Promise<CallResult> {
  if (hasNoContent(response, ctx.request.method)) {
    return response.ok ? { data: undefined, response } : { error: undefined, response };
  }
  if (response.ok) return { data: await readData(ctx, response, exchange), response };
  if (answer && response === answer.response && "error" in answer) {
    return { error: answer.error, response };
  }
  // An error answer the transport did not read (a 3xx, or one middleware made).
  const text = decode(await readBytes(response, exchange, MAX_ERROR_BODY_BYTES));
  let error: unknown = text;
  try {
    error = JSON.parse(text);
  } catch {
    // not JSON: the text is the error
  }
  return { error, response };
}

/**
 * Keeps a copy of the request's body before fetch reads it, for the copies retries and
 * redirects send; its bytes are read once, when first needed. (A body built from a string is
 * kept as that string, which costs nothing.)
 */
function keepBodyOf(ctx: CallContext): void {
  const request = ctx.request;
  if (request.body === null) {
    ctx.sentBody = undefined;
    return;
  }
  const template = request.clone();
  let bytes: Promise<ArrayBuffer> | undefined;
  ctx.sentBody = () => (bytes ??= template.arrayBuffer());
}

/** Refuses to send a credential over plain http to another machine, unless allowed. */
function refuseInsecure(ctx: CallContext): void {
  const { request, settings } = ctx;
  // (The string test first: parsing every call's URL would cost more than the rest here.)
  if (settings.allowInsecureConnection || !request.url.startsWith("http:")) return;
  if (!isInsecure(new URL(request.url))) return;
  let credential = false;
  request.headers.forEach((_value, name) => {
    credential ||= isCredentialHeader(name, settings.credentialHeaders);
  });
  if (credential) throw new ClientConfigError("baseUrl", INSECURE_CONNECTION);
}
