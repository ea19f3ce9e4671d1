// The benchmark's HTTP peer: answers at once with the answer shape the first path segment names
// (shapes.ts), keeping connections alive. JSON bodies go with their length; the stream chunked,
// chunk by chunk. Its own process, so it never shares an event loop with a client under test.
import { createServer, type OutgoingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { SHAPES, type Shape } from "./shapes.js";

const answers = new Map<string, { shape: Shape; headers: OutgoingHttpHeaders }>(
  SHAPES.map((shape) => [
    shape.id,
    {
      shape,
      headers:
        shape.kind === "stream" || shape.kind === "empty"
          ? shape.headers
          : { ...shape.headers, "content-length": shape.chunks[0]!.byteLength },
    },
  ]),
);

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const answer = answers.get(req.url?.split("/")[1] ?? "");
    if (!answer) {
      res.writeHead(400, { "content-type": "text/plain" }).end("no such answer shape");
      return;
    }
    res.writeHead(answer.shape.status, answer.headers);
    for (const chunk of answer.shape.chunks) res.write(chunk);
    res.end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () =>
  process.send?.({ port: (server.address() as AddressInfo).port }),
);
process.on("disconnect", () => process.exit(0));
