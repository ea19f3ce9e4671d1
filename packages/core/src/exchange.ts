// One request on the wire and its answer. It owns the signal fetch gets (aborted by the caller's
// signal and by the timeout) and the timeout's clock, which runs only while the client waits on
// the server: for the headers, then for each chunk of the body while it is read. One timer per
// exchange, whatever the number of chunks: a chunk only moves the clock's start, and the timer,
// when it fires early, sets itself again for the time left. A failure of the exchange is typed
// here, where it arises.
import { isApiClientError } from "@apiclients/problem";
import type { CallContext } from "./context.js";
import { isErrorLike, redactError } from "./redact.js";
import { AbortError, ConnectionError, TimeoutError } from "./transport-errors.js";

/** setTimeout treats longer delays as 1 ms; cap them (about 24.8 days) instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class Exchange {
  readonly #ctx: CallContext;
  /** Made only when the client has a timeout: without one, fetch gets the caller's signal. */
  readonly #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the clock last started: the request sent, or the last chunk received. */
  #since = 0;
  #waiting = false;
  #reading = false;
  #timeout: TimeoutError | undefined;
  /** The body's reader, cancelled on a timeout or an abort: a fetch stand-in may not tie its body to the signal. */
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;

  constructor(ctx: CallContext) {
    this.#ctx = ctx;
    if (ctx.settings.timeoutMs !== Infinity) {
      this.#controller = new AbortController();
      // The exchange itself listens (handleEvent): no closure per request.
      ctx.caller?.addEventListener("abort", this, { once: true });
    }
  }

  /** The signal for fetch: aborted when the caller aborts or the exchange times out. */
  get signal(): AbortSignal | undefined {
    return this.#controller ? this.#controller.signal : this.#ctx.caller;
  }

  /** Starts waiting on the server (a request sent, a chunk asked for): the clock runs. */
  wait(): void {
    this.#waiting = true;
    if (this.#controller === undefined) return;
    this.#since = Date.now();
    this.#timer ??= setTimeout(
      Exchange.#fire,
      Math.min(this.#ctx.settings.timeoutMs, MAX_TIMER_MS),
      this,
    );
  }

  /** The reader of the answer's body: a timeout or an abort ends its pending read. */
  watch(reader: ReadableStreamDefaultReader<Uint8Array>): void {
    this.#reader = reader;
  }

  /** Whether the exchange was ended by a timeout or the caller, whatever the body then did. */
  ended = false;

  /** Something arrived (the headers, a chunk): the clock starts again. */
  progress(): void {
    this.#since = Date.now();
  }

  /** The headers are in: from now on a timeout is one while reading the body. */
  headers(): void {
    this.#reading = true;
    this.#waiting = false;
  }

  /** The client is not waiting on the server (middleware runs, the caller holds a chunk). */
  pause(): void {
    this.#waiting = false;
  }

  static #fire(exchange: Exchange): void {
    exchange.#timer = undefined;
    if (!exchange.#waiting) return; // a later wait() sets it again
    const timeoutMs = exchange.#ctx.settings.timeoutMs;
    const left = timeoutMs - (Date.now() - exchange.#since);
    if (left > 0) {
      exchange.#timer = setTimeout(Exchange.#fire, Math.min(left, MAX_TIMER_MS), exchange);
      return;
    }
    exchange.#timeout = new TimeoutError({
      ...exchange.#ctx.errorInit(),
      timeoutMs,
      reading: exchange.#reading,
    });
    exchange.#end(exchange.#timeout);
  }

  /** The caller aborted. */
  handleEvent(): void {
    this.#end(this.#ctx.caller!.reason);
  }

  #end(reason: unknown): void {
    this.ended = true;
    this.#controller!.abort(reason);
    this.#reader?.cancel(reason).catch(() => undefined);
  }

  /** The exchange is over: its timer and its listener on the caller's signal are gone. */
  done(): void {
    this.#waiting = false;
    if (this.#controller === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#ctx.caller?.removeEventListener("abort", this);
  }

  /**
   * The error a failure of this exchange is, for the caller and middleware alike: an AbortError
   * when the caller aborted, the TimeoutError when it timed out, a ConnectionError for a network
   * failure (fetch rejects with a TypeError) or for any error that mentions a credential (which
   * it then keeps blanked out), and any other error as it was thrown.
   */
  failure(error: unknown): unknown {
    const ctx = this.#ctx;
    if (ctx.caller?.aborted) return new AbortError(ctx.errorInit(ctx.caller.reason));
    if (this.#timeout) return this.#timeout;
    if (isApiClientError(error)) return error;
    // By name, not instanceof: fetch's TypeError may come from another realm (vm, iframe, jest).
    if (
      (isErrorLike(error) && error.name === "TypeError") ||
      redactError(error, ctx.secrets) !== error
    )
      return new ConnectionError(ctx.errorInit(error));
    return error;
  }
}

/** Waits before the next attempt; the caller's abort ends the wait (and the call) at once. */
export function sleep(ctx: CallContext, ms: number): Promise<void> {
  const caller = ctx.caller;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError(ctx.errorInit(caller!.reason)));
    };
    const timer = setTimeout(
      () => {
        caller?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    caller?.addEventListener("abort", onAbort, { once: true });
  });
}
