// Response bodies as the transport hands them on: successful ones streamed, never buffered, with
// a stall timeout between chunks; error ones read up to a cap, since they become error messages.

/** The most of an error body the client reads; the rest is not downloaded. */
export const MAX_ERROR_BODY_BYTES = 1_048_576;

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
  return new (forwardedClass())(body, original, headers, statusText);
}

// Made on first use, not at import: on Node, the first touch of the global Response loads
// undici's fetch implementation (about 50 ms), a cost an import must not pay before any call.
let ForwardedResponse: ReturnType<typeof defineForwardedResponse> | undefined;
const forwardedClass = () => (ForwardedResponse ??= defineForwardedResponse());

function defineForwardedResponse() {
  return class ForwardedResponse extends Response {
    readonly #url: string;
    readonly #redirected: boolean;
    constructor(body: BodyInit | null, original: Response, headers: Headers, statusText: string) {
      super(body, { status: original.status, statusText, headers });
      this.#url = original.url;
      this.#redirected = original.redirected;
    }
    override get url(): string {
      return this.#url;
    }
    override get redirected(): boolean {
      return this.#redirected;
    }
  };
}

export interface BodyGuard {
  timeoutMs: number;
  /** Called when no chunk arrives within timeoutMs: aborts the attempt. */
  onStall(): void;
  /** Called once, when the body has ended, failed or been cancelled. */
  onEnd(): void;
  /** The error the reader sees when reading failed. */
  failure(error: unknown, stalled: boolean): unknown;
}

/**
 * The response with its body passed through chunk by chunk, pulled only as the reader asks (so
 * memory stays flat however large the body), failing with `guard.failure` when the server
 * stalls longer than timeoutMs or the connection breaks. The timer runs only while a read is
 * waiting on the server, never while the reader is busy elsewhere.
 */
export function guardBody(response: Response, guard: BodyGuard): Response {
  const reader = response.body!.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stalled = false;
  let ended = false;
  const end = () => {
    clearTimeout(timer);
    if (!ended) guard.onEnd();
    ended = true;
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (guard.timeoutMs !== Infinity) {
          timer = setTimeout(() => {
            stalled = true;
            guard.onStall();
          }, guard.timeoutMs);
        }
        try {
          const { done, value } = await reader.read();
          clearTimeout(timer);
          if (done) {
            end();
            controller.close();
          } else {
            controller.enqueue(value);
          }
        } catch (error) {
          end();
          controller.error(guard.failure(error, stalled));
        }
      },
      cancel(reason) {
        end();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return forwardedResponse(stream, response);
}

/** Reads a body to its end or to `maxBytes`, whichever comes first; the rest is cancelled. */
export async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
    if (length >= maxBytes) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
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

/** Drops a body nobody will read, so its connection is freed. */
export async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}
