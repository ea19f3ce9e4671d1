// Answers' bodies, read as openapi-fetch reads them, under the exchange's timeout: a successful
// body parsed as `parseAs` says (JSON parsed once, and a body that does not parse is an
// InvalidResponseError), or streamed to the caller through a guard; an error body read up to a
// cap, since it becomes error messages.
import type { CallContext } from "./context.js";
import type { Exchange } from "./exchange.js";
import { redactText } from "./redact.js";
import { InvalidResponseError } from "./transport-errors.js";

/** The most of an error body the client reads; the rest is not downloaded. */
export const MAX_ERROR_BODY_BYTES = 1_048_576;

/**
 * Statuses whose answers have no body by definition (the Fetch standard's "null body status"):
 * no Response can be made with a body and one of these.
 */
export const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

/** openapi-fetch's rule for an answer it reads no body of: 204, HEAD, or an empty length. */
export function hasNoContent(response: Response, method: string): boolean {
  return (
    response.status === 204 ||
    method === "HEAD" ||
    (response.headers.get("Content-Length") === "0" &&
      !response.headers.get("Transfer-Encoding")?.includes("chunked"))
  );
}

let decoder: TextDecoder | undefined;
/** UTF-8, a byte order mark dropped, bad bytes replaced: as Response.text() decodes. */
export const decode = (bytes: Uint8Array) => (decoder ??= new TextDecoder()).decode(bytes);

const EMPTY = new Uint8Array(0);

/**
 * Reads a body to its end, or to `maxBytes` (the rest is cancelled, never downloaded), with the
 * exchange's clock running while each chunk is awaited. A failure is typed by the exchange.
 */
export async function readBytes(
  response: Response,
  exchange: Exchange | undefined,
  maxBytes = Infinity,
): Promise<Uint8Array> {
  if (response.body === null) return EMPTY;
  // A fetch stand-in may answer with less than a Response: no body stream, only its methods.
  if (response.body === undefined) return new TextEncoder().encode(await response.text());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  exchange?.watch(reader);
  exchange?.wait();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        if (exchange?.ended) throw exchange.signal!.reason;
        break;
      }
      exchange?.progress();
      chunks.push(value);
      length += value.byteLength;
      if (length >= maxBytes) {
        await reader.cancel().catch(() => undefined);
        break;
      }
    }
  } catch (error) {
    throw exchange ? exchange.failure(error) : error;
  }
  if (chunks.length === 1 && length <= maxBytes) return chunks[0]!;
  const bytes = new Uint8Array(Math.min(length, maxBytes));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.byteLength - offset);
    bytes.set(part, offset);
    offset += part.byteLength;
    if (offset === bytes.byteLength) break;
  }
  return bytes;
}

/** A successful answer's data, as openapi-fetch gives it for each `parseAs`. */
export async function readData(
  ctx: CallContext,
  response: Response,
  exchange: Exchange | undefined,
): Promise<unknown> {
  const parseAs = ctx.parseAs;
  if (parseAs === "stream") return response.body;
  if (response.body === undefined) {
    // A fetch stand-in answered with less than a Response (no body stream): read it as
    // openapi-fetch does, with its own methods.
    if (parseAs !== "json" || response.headers.get("Content-Length")) return response[parseAs]();
    return parseJson(ctx, response, await response.text());
  }
  const bytes = await readBytes(response, exchange);
  if (parseAs === "text") return decode(bytes);
  if (parseAs !== "json") {
    // blob, arrayBuffer, formData…: the platform's own reading of the bytes, typed as the answer.
    return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: response.headers })[parseAs]();
  }
  return parseJson(ctx, response, decode(bytes));
}

/** A body's JSON, parsed once; a body that does not parse is an InvalidResponseError. */
function parseJson(ctx: CallContext, response: Response, text: string): unknown {
  // openapi-fetch reads an empty body without Content-Length as no data.
  if (text === "" && !response.headers.has("Content-Length")) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidResponseError({
      ...ctx.errorInit(),
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      reason: `is not valid JSON (${redactText(String((error as Error).message), ctx.secrets)})`,
    });
  }
}

/**
 * A Response made by the client in place of the one fetch returned (its body guarded, or read
 * and redacted), that keeps the original's URL: a relative problem `type` resolves against it.
 */
export function forwardedResponse(
  body: BodyInit | null,
  original: Response,
  headers: Headers = original.headers,
  statusText = original.statusText,
): Response {
  const response = new Response(body, { status: original.status, statusText, headers });
  Object.defineProperties(response, {
    url: { value: original.url },
    redirected: { value: original.redirected },
  });
  return response;
}

/**
 * The answer with its body passed through chunk by chunk, pulled only as the caller asks (so
 * memory stays flat however large the body), under the exchange's clock while each chunk is
 * awaited, never while the caller is busy elsewhere. A failure is typed by the exchange.
 */
export function guardStream(response: Response, exchange: Exchange): Response {
  const reader = response.body!.getReader();
  exchange.watch(reader);
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        exchange.wait();
        try {
          const { done, value } = await reader.read();
          if (done && exchange.ended) throw exchange.signal!.reason;
          if (done) {
            exchange.done();
            controller.close();
          } else {
            exchange.pause();
            controller.enqueue(value);
          }
        } catch (error) {
          exchange.done();
          controller.error(exchange.failure(error));
        }
      },
      cancel(reason) {
        exchange.done();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return forwardedResponse(stream, response);
}

/** Drops a body nobody will read, so its connection is freed. */
export async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}
