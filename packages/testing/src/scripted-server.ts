// A real HTTP server on loopback that answers each request by the next step of a script, for
// fault-injection tests: slow answers, resets mid-response, Retry-After, and so on.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface Hit {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** performance.now() when the request arrived. */
  at: number;
}

/** Answers one request; `hit` is what arrived. */
export type Step = (req: IncomingMessage, res: ServerResponse, hit: Hit) => void;

export interface ScriptedServer {
  url: string;
  hits: Hit[];
  close(): Promise<void>;
}

/** Runs step n for the n-th request; the last step answers every request after that. */
export async function startScriptedServer(steps: Step[]): Promise<ScriptedServer> {
  const hits: Hit[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const hit: Hit = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        at: performance.now(),
      };
      hits.push(hit);
      const step = steps[Math.min(hits.length, steps.length) - 1]!;
      step(req, res, hit);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    // Idempotent: a test may close early to check for leaks, and afterEach closes again.
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      })),
  };
}

/** Steps for the usual answers. */
export const answer = {
  noContent: (): Step => (_req, res) => res.writeHead(204).end(),
  json:
    (status: number, body: unknown, headers: Record<string, string> = {}): Step =>
    (_req, res) =>
      res
        .writeHead(status, { "content-type": "application/json", ...headers })
        .end(JSON.stringify(body)),
  /** Headers and half the body, then the connection is cut. */
  resetMidBody: (): Step => (_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
    // Cut once the partial body is flushed: the client has headers and part of the body.
    res.write('{"partial":', () => res.destroy());
  },
  /** Answers 204 after a delay (or never, if the client gives up first). */
  slow:
    (ms: number): Step =>
    (_req, res) => {
      const timer = setTimeout(() => res.writeHead(204).end(), ms);
      res.once("close", () => clearTimeout(timer));
    },
};
