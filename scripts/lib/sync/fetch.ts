// Downloads one published spec, and nothing else: a GET with a deadline for the whole exchange,
// a size cap, a few redirects each checked again, and no credentials or cookies. Node's fetch
// (undici) keeps no cookie jar and adds no authorization; a URL with a user or password is
// refused rather than sent.
import { isIP } from "node:net";

export interface FetchLimits {
  /** For the whole exchange: connecting, the headers, every redirect and the body. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const DEFAULT_LIMITS: FetchLimits = {
  timeoutMs: 30_000,
  maxBytes: 20 * 1024 * 1024, // Ampersand's full spec is about 0.4 MB; 50 times that is no spec
  maxRedirects: 5,
};

/** Where deadlines come from: AbortSignal.timeout, or a test's own clock. */
export interface Clock {
  timeout(ms: number): AbortSignal;
}

export const systemClock: Clock = { timeout: (ms) => AbortSignal.timeout(ms) };

export interface Fetched {
  /** Where the body finally came from, after redirects. */
  url: string;
  contentType: string | undefined;
  body: Buffer;
}

/** Why a download was refused, in words that fit after "failed: ". */
export class FetchError extends Error {
  override name = "FetchError";
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1";
}

/** https, or http on loopback only (a test's server); no user or password in the URL. */
export function checkSourceUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError(`${JSON.stringify(raw)} is not a URL`);
  }
  if (url.username || url.password)
    throw new FetchError(`${url.origin}: the URL carries credentials, and none may be sent`);
  const loopbackHttp = url.protocol === "http:" && isLoopback(url.hostname);
  if (url.protocol !== "https:" && !loopbackHttp)
    throw new FetchError(
      `${url.protocol}//${url.host}: only https sources are allowed (http on loopback only)`,
    );
  return url;
}

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.round(bytes / 1024)} KiB`
    : `${Math.round(bytes / 1024 / 1024)} MiB`;

async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new FetchError(`the body is ${declared} bytes, over the ${size(maxBytes)} limit`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel(); // the rest is never read
      throw new FetchError(`the body is over the ${size(maxBytes)} limit`);
    }
    chunks.push(value);
  }
}

/** Why fetch itself failed, from undici's error and its cause. */
function networkReason(error: unknown, url: URL, timeoutMs: number, signal: AbortSignal): string {
  if (signal.aborted) return `no complete answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = (error as Error).message;
  if (message === "terminated" || cause?.code === "UND_ERR_SOCKET")
    return `${url.host} closed the connection before the whole body arrived (truncated)`;
  return `cannot reach ${url.host}: ${cause?.code ?? cause?.message ?? message}`;
}

export async function fetchSpec(
  source: string,
  limits: FetchLimits = DEFAULT_LIMITS,
  clock: Clock = systemClock,
): Promise<Fetched> {
  let url = checkSourceUrl(source);
  const signal = clock.timeout(limits.timeoutMs);
  const visited = new Set<string>();
  for (let hop = 0; ; hop++) {
    visited.add(url.href);
    let response: Response;
    try {
      response = await fetch(url, {
        redirect: "manual", // each hop is checked here, not followed blindly
        credentials: "omit",
        signal,
        headers: { accept: "application/json, application/yaml, text/yaml;q=0.9, */*;q=0.1" },
      });
    } catch (error) {
      throw new FetchError(networkReason(error, url, limits.timeoutMs, signal));
    }
    const location = response.headers.get("location");
    if (REDIRECTS.has(response.status) && location !== null) {
      await response.body?.cancel();
      let next: URL;
      try {
        next = checkSourceUrl(new URL(location, url).href);
      } catch (error) {
        throw new FetchError(`redirected to ${location}: ${(error as Error).message}`);
      }
      if (url.protocol === "https:" && next.protocol !== "https:")
        throw new FetchError(`redirected from https to ${next.origin}: refused`);
      if (visited.has(next.href)) throw new FetchError(`redirect loop at ${next.href}`);
      if (hop + 1 > limits.maxRedirects)
        throw new FetchError(`more than ${limits.maxRedirects} redirects (last: ${next.href})`);
      url = next;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new FetchError(
        `${url.href} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`,
      );
    }
    try {
      const body = await readCapped(response, limits.maxBytes);
      return {
        url: url.href,
        contentType: response.headers.get("content-type") ?? undefined,
        body,
      };
    } catch (error) {
      if (error instanceof FetchError) throw error;
      throw new FetchError(networkReason(error, url, limits.timeoutMs, signal));
    }
  }
}
