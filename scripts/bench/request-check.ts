// Every client under test is handed the same fetch. While checking (each variant's first call,
// before any timing), that fetch also counts the requests and compares each with the call every
// client must make: method, URL and credential header. So a misconfigured client (a wrong base
// URL, a missing header, a retry) fails the run loudly instead of being timed doing something
// else. While timing it costs one boolean test per call.

export type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export interface ExpectedRequest {
  method: string;
  url: string;
  header?: [name: string, value: string];
}

export class RequestCheck {
  checking = false;
  requests = 0;
  readonly problems: string[] = [];

  constructor(private readonly expected: ExpectedRequest) {}

  /** `inner`, with the check in front of it. */
  wrap(inner: Fetch): Fetch {
    return (input, init) => {
      if (this.checking) this.inspect(input, init);
      return inner(input, init);
    };
  }

  /** Starts checking from nothing; `end` returns what was wrong, if anything. */
  begin(): void {
    this.checking = true;
    this.requests = 0;
    this.problems.length = 0;
  }

  end(): string[] {
    this.checking = false;
    if (this.requests !== 1) this.problems.push(`${this.requests} requests for one call`);
    return [...this.problems];
  }

  // Read without making a Request of them: that would take a request body away from the call.
  private inspect(input: RequestInfo | URL, init?: RequestInit): void {
    this.requests++;
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input);
    const method = (init?.method ?? request?.method ?? "GET").toUpperCase();
    const headers = new Headers(init?.headers ?? request?.headers);
    const { expected } = this;
    if (method !== expected.method) this.problems.push(`method ${method}, not ${expected.method}`);
    if (url !== expected.url) this.problems.push(`URL ${url}, not ${expected.url}`);
    if (expected.header && headers.get(expected.header[0]) !== expected.header[1])
      this.problems.push(`${expected.header[0]}: ${headers.get(expected.header[0])}`);
  }
}
