import { ClientConfigError } from "./config-error.js";

/** Checks a base URL; user:password in it is not echoed back in the error. */
export function checkBaseUrl(value: unknown): string {
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
  if (url.search || url.hash)
    throw new ClientConfigError("baseUrl", "must not have a query or fragment");
  return value.replace(/\/+$/, "");
}
