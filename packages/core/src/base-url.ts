import { ClientConfigError } from "./config-error.js";

/** Loopback hosts: a credential sent over plain http to them never leaves the machine. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host === "[::1]" ||
    /^127(\.\d{1,3}){3}$/.test(host)
  );
}

/** Whether credentials sent to this URL would cross a network unencrypted. */
export function isInsecure(url: URL): boolean {
  return url.protocol === "http:" && !isLoopback(url.hostname);
}

export const INSECURE_CONNECTION =
  "is plain http to a host other than this machine, so credentials would cross the network unencrypted: use https, or pass allowInsecureConnection: true";

/**
 * Checks a base URL. Its value is never echoed back: it may hold a password (user:password@),
 * which is refused, since fetch would put it into every error it throws.
 */
export function checkBaseUrl(
  value: unknown,
  {
    hasCredentials,
    allowInsecureConnection,
  }: { hasCredentials: boolean; allowInsecureConnection: boolean },
): string {
  if (typeof value !== "string")
    throw new ClientConfigError("baseUrl", `must be a string, got ${typeof value}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ClientConfigError(
      "baseUrl",
      "is not an absolute URL (expected e.g. https://api.example.com/v1)",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ClientConfigError("baseUrl", `must be http or https, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new ClientConfigError(
      "baseUrl",
      "must not contain a user name or password (user:password@): pass credentials as apiKey, bearerToken or headers",
    );
  }
  if (url.search || url.hash)
    throw new ClientConfigError("baseUrl", "must not have a query or fragment");
  if (hasCredentials && !allowInsecureConnection && isInsecure(url))
    throw new ClientConfigError("baseUrl", INSECURE_CONNECTION);
  // The parsed form: braces and spaces percent-encoded, so the path serializer never mistakes
  // part of the base URL for a placeholder. openapi-fetch removes one trailing slash itself.
  return url.href;
}
