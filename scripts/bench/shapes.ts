// The answers the per-call benchmark makes every client read: the same bytes from the in-process
// fetch and from the loopback server. Bodies are made once, deterministically (no randomness, so
// every run and runtime parses the very same documents), and encoded once.

export type ShapeKind = "empty" | "json" | "stream" | "problem";

export interface Shape {
  /** Also the first path segment that selects the answer on the loopback server. */
  id: string;
  kind: ShapeKind;
  status: number;
  headers: Record<string, string>;
  /** The body as sent, in the chunks it is sent in (one chunk but for the stream). */
  chunks: Uint8Array<ArrayBuffer>[];
  /** What a client that read the answer holds: the JSON text's length for a JSON or problem
   * body (the parsed value, stringified again), the byte count for a stream. */
  size: number;
}

const encoder = new TextEncoder();
const HOUR = 3_600_000;
const EPOCH = Date.UTC(2026, 0, 1);

/** One JWT key as an API would list it: strings, numbers, booleans, dates, an array, a nested
 * object, a null. */
function record(i: number) {
  const hex = (n: number) => (Math.imul(n + 1, 2_654_435_761) >>> 0).toString(16).padStart(8, "0");
  return {
    id: `key-${String(i).padStart(6, "0")}`,
    projectId: "project-id-or-name",
    label: `Signing key ${i} for the production tenant`,
    algorithm: i % 4 === 0 ? "ES256" : "RS256",
    active: i % 3 !== 0,
    createdTime: new Date(EPOCH + i * HOUR).toISOString(),
    expiresTime: i % 5 === 0 ? null : new Date(EPOCH + (i + 8_760) * HOUR).toISOString(),
    fingerprint: `${hex(i)}${hex(i * 7)}${hex(i * 13)}${hex(i * 31)}`,
    scopes: ["connections:read", "connections:write", "projects:read"].slice(0, 1 + (i % 3)),
    usage: {
      requests: (i * 7_919) % 100_003,
      lastUsedTime: new Date(EPOCH + i * 60_000).toISOString(),
    },
  };
}

/** A page of keys, as many as make the JSON text at least `bytes` long. */
function page(bytes: number): string {
  const keys = [];
  let text = "";
  while (text.length < bytes) {
    keys.push(record(keys.length));
    text = JSON.stringify({ keys, total: keys.length, nextPageToken: null });
  }
  return text;
}

function jsonShape(id: string, status: number, contentType: string, text: string): Shape {
  return {
    id,
    kind: status < 400 ? "json" : "problem",
    status,
    headers: { "content-type": contentType },
    chunks: [encoder.encode(text)],
    size: text.length,
  };
}

const STREAM_BYTES = 1 << 20;
const STREAM_CHUNK = 64 << 10;
const streamed = Uint8Array.from({ length: STREAM_BYTES }, (_, i) => (i * 31) & 0xff);

export const SHAPES: readonly Shape[] = [
  { id: "empty", kind: "empty", status: 204, headers: {}, chunks: [], size: 0 },
  jsonShape("json-1k", 200, "application/json", page(1_024)),
  jsonShape("json-1m", 200, "application/json", page(1 << 20)),
  {
    id: "stream",
    kind: "stream",
    status: 200,
    headers: { "content-type": "application/octet-stream" },
    chunks: Array.from({ length: STREAM_BYTES / STREAM_CHUNK }, (_, i) =>
      streamed.subarray(i * STREAM_CHUNK, (i + 1) * STREAM_CHUNK),
    ),
    size: STREAM_BYTES,
  },
  jsonShape(
    "problem",
    404,
    "application/problem+json",
    JSON.stringify({
      type: "https://docs.example.com/problems/not-found",
      title: "Not Found",
      status: 404,
      detail: "JWT key key-id was not found in project project-id-or-name.",
      instance: "/v1/projects/project-id-or-name/jwt-keys/key-id",
      remedy: "Check the key ID and the project ID are both correct, and try again.",
      requestId: "req_01HZX3B8M4Q7N2V6K9T5W1Y0C3",
      retryable: false,
    }),
  ),
];

/** What the table calls each shape. */
export const SHAPE_LABELS: Record<string, string> = {
  empty: "204 empty",
  "json-1k": "200 JSON 1 KB",
  "json-1m": "200 JSON 1 MB",
  stream: "200 stream 1 MiB",
  problem: "404 problem",
};

/**
 * A fresh answer, as a fetch would make it: a new Response each call, its bytes copied from the
 * encoded body (by the Response constructor, as the Fetch standard has it; the stream's chunk by
 * chunk, each into a new buffer as a socket read would).
 */
export function respond(shape: Shape): Response {
  const init = { status: shape.status, headers: shape.headers };
  if (shape.kind === "empty") return new Response(null, init);
  if (shape.kind !== "stream") return new Response(shape.chunks[0]!, init);
  let next = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = shape.chunks[next++];
        if (chunk) controller.enqueue(chunk.slice());
        else controller.close();
      },
    }),
    init,
  );
}

/** How each shape is answered: by a fetch in the client's own process (client-side work only),
 * or by a keep-alive HTTP server in another process over 127.0.0.1. */
export const TRANSPORTS = ["in-process", "loopback HTTP"] as const;
export type TransportName = (typeof TRANSPORTS)[number];
