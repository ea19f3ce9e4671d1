// The transport: one call of the client becomes up to 1 + maxRetries attempts, each with its own
// timeout, each following redirects itself so credentials never reach another origin. Successful
// bodies are streamed to the caller; error bodies are read up to a cap and redacted, since they
// become error messages. Nothing (timer, listener, socket) outlives the call.
import { ProblemError } from "@apiclients/problem";
import { ClientConfigError } from "./config-error.js";
import { isCredentialHeader, redactBody, redactText, secretsOf } from "./redact.js";
import {
  discard,
  forwardedResponse,
  guardBody,
  MAX_ERROR_BODY_BYTES,
  readCapped,
} from "./response-body.js";
import { backoffDelay, delayAfterAnswer, retriesFor, type RetryPolicy } from "./retry-policy.js";
import {
  AbortError,
  ConnectionError,
  isTransportError,
  RedirectError,
  TimeoutError,
  type TransportErrorInit,
} from "./transport-errors.js";

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export interface TransportSettings {
  timeoutMs: number;
  retry: RetryPolicy;
  /** Lower-case names of the headers the provider's credentials travel in. */
  credentialHeaders: ReadonlySet<string>;
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

/** setTimeout treats longer delays as 1 ms; cap them (about 24.8 days) instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * What the transport knows of an error it passes on exactly as fetch threw it (so middleware's
 * onError sees the original, as openapi-fetch would show it): how many attempts were made and
 * whether the last one timed out. The client's own onError reads this to type the error.
 */
export interface FailureNote {
  attempts: number;
  timedOut: boolean;
}
const notes = new WeakMap<object, FailureNote>();

export function noteOf(error: unknown): FailureNote | undefined {
  return typeof error === "object" && error !== null ? notes.get(error) : undefined;
}

function note(error: unknown, value: FailureNote): void {
  if (typeof error === "object" && error !== null) notes.set(error, value);
}

/** Waits, unless the signal aborts first; leaves no timer or listener behind either way. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(
      () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

type Outcome = { response: Response } | { error: unknown };

/** Makes the error an exchange that waited too long aborts with. */
export interface TimeoutSource {
  timeoutError(): unknown;
}

/**
 * One exchange in flight: its abort controller, wired to the caller's signal and a timer. On
 * timeout it aborts with `errors.timeoutError()` as the reason, so fetch rejects with that very
 * TimeoutError: middleware's onError and the caller see the same error, typed.
 *
 * A class with methods rather than closures, and itself the caller signal's listener
 * (`handleEvent`): it is made for every request, and each closure is one more allocation.
 */
export class Exchange {
  readonly #controller = new AbortController();
  readonly #caller: AbortSignal;
  readonly #errors: TimeoutSource;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timedOut = false;

  constructor(
    caller: AbortSignal,
    timeoutMs: number,
    errors: TimeoutSource,
    { background = false } = {},
  ) {
    this.#caller = caller;
    this.#errors = errors;
    caller.addEventListener("abort", this, { once: true });
    if (timeoutMs !== Infinity) {
      this.#timer = setTimeout(Exchange.#timeout, Math.min(timeoutMs, MAX_TIMER_MS), this);
      // A timer that may never be cleared (see the client middleware) must not keep Node running.
      if (background) (this.#timer as { unref?: () => void }).unref?.();
    }
  }

  static #timeout(exchange: Exchange): void {
    exchange.stall();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  timedOut(): boolean {
    return this.#timedOut;
  }

  /** The caller aborted. */
  handleEvent(): void {
    this.#controller.abort(this.#caller.reason);
  }

  /** Stops the timer for the headers; the caller's abort still reaches the body. */
  headersArrived(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Aborts as a timeout does (the headers, or a stalled body). */
  stall(): void {
    this.#timedOut = true;
    this.#controller.abort(this.#errors.timeoutError());
  }

  /** Lets go of the caller's signal and the timer. */
  release(): void {
    clearTimeout(this.#timer);
    this.#caller.removeEventListener("abort", this);
  }
}

/** What a call sends, and what it needs to send it again. */
export interface CallSource {
  /** The request as sent: its method, URL and headers (client-level and per-call). */
  request: Request;
  /** The caller's signal: aborting it ends the call, whatever attempt or wait it is in. */
  caller: AbortSignal;
  /** The caller's redirect mode; "follow" is done by the transport itself. */
  redirect: RequestRedirect;
  /** The request body's bytes, read once, for the copies retries and redirects send. */
  body: (() => Promise<ArrayBuffer>) | undefined;
}

/**
 * Keeps a copy of a request's body before the request is sent (which reads it), for the copies
 * that retries and redirects send; its bytes are read once, when first needed.
 */
export function keepBody(request: Request): CallSource["body"] {
  if (request.body === null) return undefined;
  const template = request.clone();
  let bytes: Promise<ArrayBuffer> | undefined;
  return () => (bytes ??= template.arrayBuffer());
}

/** A source for a request nothing has read yet. */
export function sourceOf(request: Request): CallSource {
  return { request, caller: request.signal, redirect: request.redirect, body: keepBody(request) };
}

/**
 * One call through the transport: `send` makes every attempt with `inner`; `resume` continues
 * after a first attempt that openapi-fetch made itself (with a per-request fetch).
 */
export class Call {
  readonly #inner: FetchLike;
  readonly #source: CallSource;
  readonly #init: RequestInit | undefined;
  readonly #settings: TransportSettings;
  readonly #follow: boolean;
  readonly #maxRetries: number;
  #secrets: string[] | undefined;
  #attempts = 0;

  constructor(
    inner: FetchLike,
    source: CallSource,
    init: RequestInit | undefined,
    settings: TransportSettings,
  ) {
    this.#inner = inner;
    this.#source = source;
    this.#init = init;
    this.#settings = settings;
    this.#follow = source.redirect === "follow";
    this.#maxRetries = retriesFor(source.request.method, settings.retry);
  }

  /** Every credential this request carries, client-level or per-call. */
  get secrets(): string[] {
    return (this.#secrets ??= secretsOf(
      this.#source.request.headers,
      this.#settings.credentialHeaders,
    ));
  }

  errorInit(cause?: unknown): TransportErrorInit {
    return {
      method: this.#source.request.method,
      url: this.#source.request.url,
      attempts: Math.max(this.#attempts, 1),
      cause,
      secrets: this.secrets,
    };
  }

  async send(): Promise<Response> {
    // The common case in as few steps as possible: one exchange, an answer that is neither a
    // redirect to follow nor an error.
    this.#attempts = 1;
    let outcome: Outcome;
    try {
      const response = await this.#exchange(this.#source.request);
      if (response.status < 300 || (response.status < 400 && !this.#follow)) return response;
      outcome = { response: await this.#redirects(this.#source.request, response) };
    } catch (error) {
      outcome = { error };
    }
    return this.#settle(outcome);
  }

  /** The error an attempt that waited too long fails with. */
  timeoutError(): TimeoutError {
    return new TimeoutError({ ...this.errorInit(), timeoutMs: this.#settings.timeoutMs });
  }

  /** Continues after a first attempt made elsewhere, with `exchange` still holding its timer. */
  async resume(first: Outcome, exchange: Exchange): Promise<Response> {
    this.#attempts = 1;
    if ("error" in first) {
      exchange.release();
      if (exchange.timedOut() && !this.#source.caller.aborted)
        note(first.error, { attempts: 1, timedOut: true });
      return this.#settle(first);
    }
    exchange.headersArrived();
    const { response } = first;
    if (!(this.#follow && REDIRECTS.has(response.status)) && response.status < 400) {
      // An answer to keep: it goes on as openapi-fetch's middleware returned it, the very object.
      exchange.release();
      return response;
    }
    const received = this.#guard(response, this.#source.request, exchange);
    let outcome: Outcome;
    try {
      outcome = { response: await this.#redirects(this.#source.request, received) };
    } catch (error) {
      outcome = { error };
    }
    return this.#settle(outcome);
  }

  /** A fresh copy of the request, for another attempt. */
  async #copy(): Promise<Request> {
    const { request, caller, body } = this.#source;
    return new Request(request, { signal: caller, ...(body ? { body: await body() } : {}) });
  }

  async #attempt(): Promise<Outcome> {
    this.#attempts++;
    try {
      const input = this.#attempts === 1 ? this.#source.request : await this.#copy();
      return { response: await this.#redirects(input) };
    } catch (error) {
      return { error };
    }
  }

  /** Decides, after each attempt, whether to answer, to fail, or to wait and try again. */
  async #settle(outcome: Outcome): Promise<Response> {
    const caller = this.#source.caller;
    for (;;) {
      let delay: number | undefined;
      if ("error" in outcome) {
        const { error } = outcome;
        const final =
          caller.aborted ||
          this.#attempts > this.#maxRetries ||
          error instanceof ClientConfigError ||
          error instanceof RedirectError ||
          error instanceof AbortError;
        if (final) {
          if (!isTransportError(error))
            note(error, { attempts: this.#attempts, timedOut: noteOf(error)?.timedOut ?? false });
          throw error;
        }
        delay = backoffDelay(this.#attempts - 1, this.#settings.retry);
      } else {
        const { response } = outcome;
        if (response.status < 400) return response;
        let answer: { response: Response; problem?: ProblemError };
        try {
          answer = await this.#readAnswer(response, this.#attempts <= this.#maxRetries);
        } catch (error) {
          outcome = { error };
          continue;
        }
        if (answer.problem === undefined) return answer.response;
        delay = delayAfterAnswer(answer.problem, this.#attempts - 1, this.#settings.retry);
        if (delay === undefined) return answer.response;
      }
      try {
        await sleep(delay, caller);
      } catch (reason) {
        note(reason, { attempts: this.#attempts, timedOut: false });
        throw reason;
      }
      outcome = await this.#attempt();
    }
  }

  /** Sends one request and follows its redirects, the way fetch would, but keeping credentials home. */
  async #redirects(input: Request, received?: Response): Promise<Response> {
    let current = input;
    let response = received ?? (await this.#exchange(current));
    const visited = new Set([current.url]);
    for (let hops = 0; this.#follow && REDIRECTS.has(response.status); hops++) {
      if (response.type === "opaqueredirect") {
        throw new RedirectError({
          ...this.errorInit(),
          reason:
            "this runtime hides where a redirect leads, so the client cannot keep credentials from another origin",
        });
      }
      const location = response.headers.get("location");
      if (location === null) return response;
      await discard(response);
      if (hops === MAX_REDIRECTS)
        throw new RedirectError({
          ...this.errorInit(),
          reason: `more than ${MAX_REDIRECTS} redirects`,
        });
      let target: URL;
      try {
        target = new URL(location, current.url);
      } catch {
        throw new RedirectError({ ...this.errorInit(), reason: "to a Location that is not a URL" });
      }
      if (target.protocol !== "https:" && target.protocol !== "http:")
        throw new RedirectError({ ...this.errorInit(), reason: `to a ${target.protocol} URL` });
      if (target.username || target.password)
        throw new RedirectError({
          ...this.errorInit(),
          reason: "to a URL with a user name or password",
        });
      if (visited.has(target.href))
        throw new RedirectError({ ...this.errorInit(), reason: "in a loop" });
      visited.add(target.href);
      current = await this.#redirected(current, response.status, target);
      response = await this.#exchange(current);
    }
    return response;
  }

  /** The request a redirect asks for: fetch's rules (RFC 9110 §15.4), credentials left behind at an origin change. */
  async #redirected(previous: Request, status: number, target: URL): Promise<Request> {
    const headers = new Headers(previous.headers);
    if (new URL(previous.url).origin !== target.origin) {
      for (const name of [...headers.keys()])
        if (isCredentialHeader(name, this.#settings.credentialHeaders)) headers.delete(name);
    }
    let method = previous.method;
    let body: ArrayBuffer | null = null;
    if (
      (status === 303 && method !== "HEAD") ||
      ((status === 301 || status === 302) && method === "POST")
    ) {
      method = "GET";
      for (const name of BODY_HEADERS) headers.delete(name);
    } else if (this.#source.body) {
      body = await this.#source.body();
    }
    return new Request(target, {
      method,
      headers,
      body,
      signal: this.#source.caller,
      credentials: previous.credentials,
      cache: previous.cache,
      referrerPolicy: previous.referrerPolicy,
    });
  }

  /** One request and its response headers, under a timeout; the body is handed on guarded. */
  async #exchange(request: Request): Promise<Response> {
    const caller = this.#source.caller;
    if (caller.aborted) throw caller.reason;
    const exchange = new Exchange(caller, this.#settings.timeoutMs, this);
    let response: Response;
    // Called as a plain function, as openapi-fetch calls it: `this.#inner(…)` would hand the Call
    // to fetch as its receiver, and a browser's window.fetch throws "Illegal invocation".
    const inner = this.#inner;
    try {
      response = await inner(request, {
        ...this.#init,
        signal: exchange.signal,
        ...(this.#follow ? { redirect: "manual" } : {}),
      });
    } catch (error) {
      exchange.release();
      if (exchange.timedOut() && !caller.aborted)
        note(error, { attempts: this.#attempts, timedOut: true });
      throw error;
    }
    exchange.headersArrived();
    return this.#guard(response, request, exchange);
  }

  #guard(response: Response, request: Request, exchange: Exchange): Response {
    // A fetch stand-in may answer with less than a Response; hand that on as it is. So goes an
    // answer whose status has no body: a browser may still give it an empty body stream, and no
    // Response can be made of that stream with that status.
    if (
      !(response instanceof Response) ||
      response.body === null ||
      NULL_BODY_STATUSES.has(response.status)
    ) {
      exchange.release();
      return response;
    }
    return guardBody(response, {
      timeoutMs: this.#settings.timeoutMs,
      onStall: () => exchange.stall(),
      onEnd: () => exchange.release(),
      failure: (error, stalled) => {
        const init = { ...this.errorInit(error), url: request.url };
        const caller = this.#source.caller;
        if (caller.aborted) return new AbortError({ ...init, cause: caller.reason });
        if (stalled)
          return new TimeoutError({
            ...init,
            cause: undefined,
            timeoutMs: this.#settings.timeoutMs,
            reading: true,
          });
        return new ConnectionError(init);
      },
    });
  }

  /**
   * An error answer, read up to the cap and with every credential of the request blanked out of
   * its body, headers and status text; and, when another attempt may follow, what it says about
   * retrying.
   */
  async #readAnswer(
    response: Response,
    advise: boolean,
  ): Promise<{ response: Response; problem?: ProblemError }> {
    const bytes = await readCapped(response, MAX_ERROR_BODY_BYTES);
    const text = redactBody(new TextDecoder().decode(bytes), this.secrets);
    // The body is now decoded and may be shorter: no Content-Encoding, and a Content-Length (if
    // the server sent one) that matches. append, not set: several Set-Cookie headers stay apart.
    const headers = new Headers();
    response.headers.forEach((value, name) => {
      if (name !== "content-length" && name !== "content-encoding")
        headers.append(name, redactText(value, this.secrets));
    });
    const body = text === "" ? null : text;
    if (response.headers.has("content-length"))
      headers.set("content-length", String(new TextEncoder().encode(text).byteLength));
    const forwarded = forwardedResponse(
      body,
      response,
      headers,
      redactText(response.statusText, this.secrets),
    );
    if (!advise) return { response: forwarded };
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: the problem is read from the text
    }
    return { response: forwarded, problem: ProblemError.fromResponse(forwarded, parsed) };
  }
}

/** Statuses whose answers have no body by definition (Fetch standard, "null body status"). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The fetch every client hands to openapi-fetch: the transport around `inner`. */
export function createTransport(
  inner: FetchLike | undefined,
  settings: TransportSettings,
): FetchLike {
  return function transport(request, init) {
    return new Call(inner ?? globalThis.fetch, sourceOf(request), init, settings).send();
  };
}
