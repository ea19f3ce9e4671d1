// The request of a call, built as openapi-fetch's coreFetch builds it (its own helpers for the
// URL, headers and body), after one check of ours: a path with placeholders needs params.path.
import { createFinalURL, mergeHeaders, type HeadersOptions } from "openapi-fetch";
import type { CallContext } from "./context.js";
import { firstPlaceholder, PathParameterError } from "./path-params.js";

const JSON_CONTENT_TYPE = { "Content-Type": "application/json" };

/** Builds the call's request: URL, headers, body and RequestInit members, as openapi-fetch does. */
export function buildRequest(ctx: CallContext): Request {
  const { params, settings } = ctx;
  const callHeaders = ctx.headers as HeadersOptions | undefined;
  const paramHeaders = params.header as HeadersOptions | undefined;
  // openapi-fetch serializes path parameters only when params.path is given, and would send
  // "/things/%7Bid%7D"; the strict serializer would never see the placeholder.
  if (params.path === undefined) {
    const missing = firstPlaceholder(ctx.schemaPath);
    if (missing !== undefined) throw new PathParameterError(missing, "is missing");
  }
  const url = createFinalURL(ctx.schemaPath, {
    baseUrl: ctx.baseUrl,
    params,
    querySerializer: ctx.querySerializer,
    pathSerializer: ctx.pathSerializer,
  });
  const body =
    ctx.body === undefined
      ? undefined
      : // The serializer sees every header but the default Content-Type, which it may decide.
        (ctx.bodySerializer as (body: unknown, headers: Headers) => unknown)(
          ctx.body,
          mergeHeaders(settings.headers, callHeaders, paramHeaders),
        );
  const headers =
    body === undefined && callHeaders === undefined && paramHeaders === undefined
      ? // The usual call: the client's own headers, as mergeHeaders would make them, made once.
        settings.headerPairs
      : mergeHeaders(
          body === undefined || body instanceof FormData ? {} : JSON_CONTENT_TYPE,
          settings.headers,
          callHeaders,
          paramHeaders,
        );
  const init = ctx.init;
  const request = new ctx.RequestClass(url, {
    redirect: "follow",
    ...settings.requestInit,
    ...init,
    method: ctx.method,
    body: body as BodyInit | undefined,
    headers,
  });
  // openapi-fetch puts a call's custom keys on the request, where middleware and fetch find them.
  for (const key in init)
    if (!(key in request)) (request as unknown as Record<string, unknown>)[key] = init[key];
  ctx.sentBody = body as BodyInit | undefined;
  return request;
}

/** Whether a body can be sent again as it is: it is not a stream, and makes the same bytes. */
export function isResendable(body: unknown): boolean {
  return (
    typeof body === "string" ||
    body instanceof Blob ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof URLSearchParams
  );
}
