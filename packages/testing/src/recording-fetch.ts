// A stand-in for fetch that records what a client sends and answers as told, in-process.

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

export type Responder = (request: Request, attempt: number) => Response | Promise<Response>;

export interface RecordingFetch {
  fetch: (input: Request, init?: RequestInit) => Promise<Response>;
  requests: RecordedRequest[];
}

export function recordingFetch(respond: Responder): RecordingFetch {
  const requests: RecordedRequest[] = [];
  return {
    requests,
    async fetch(input, init) {
      const request = init ? new Request(input, init) : input;
      requests.push({
        method: request.method,
        url: request.url,
        headers: Object.fromEntries(request.headers.entries()),
        body: request.body ? await request.clone().text() : null,
      });
      return respond(request, requests.length);
    },
  };
}

/** A JSON response, as a server would send it. */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}
