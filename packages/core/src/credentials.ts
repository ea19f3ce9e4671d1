import { ClientConfigError } from "./config-error.js";
import { readEnv } from "./env.js";
import type { CredentialPlacement, ProviderConfig } from "./provider.js";
import { isCredentialHeader } from "./redact.js";

// A header name is an RFC 9110 token.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Control characters (CR and LF above all) would end one header and start another; tab is allowed.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

type HeaderValue = string | number | boolean;

/**
 * Headers the caller may pass, as openapi-fetch takes them: a Headers object, pairs, or a record
 * whose values may be numbers, booleans or arrays (sent comma-joined); a record's `null` removes
 * a header the client would otherwise send (`"Content-Type": null`), and `undefined` is skipped.
 */
export type HeaderInit =
  | Headers
  | Array<[string, string]>
  | Record<string, HeaderValue | HeaderValue[] | null | undefined>;

function checkValue(option: string, value: unknown, secret: boolean): string {
  if (typeof value !== "string") {
    throw new ClientConfigError(
      option,
      `must be a string, got ${value === null ? "null" : typeof value}`,
    );
  }
  if (CONTROL.test(value)) {
    // Never echo the value: it may be a credential.
    throw new ClientConfigError(
      option,
      `contains a line break or control character${secret ? "" : " (header injection)"}`,
    );
  }
  return value;
}

function checkSecret(option: "apiKey" | "bearerToken", value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const secret = checkValue(option, value, true).trim();
  if (secret === "") throw new ClientConfigError(option, "is empty");
  return secret;
}

function entriesOf(headers: HeaderInit | undefined): Array<[string, unknown]> {
  if (headers === undefined) return [];
  if (typeof Headers !== "undefined" && headers instanceof Headers) return [...headers.entries()];
  if (Array.isArray(headers)) {
    return headers.map((pair: unknown) => {
      if (!Array.isArray(pair) || pair.length !== 2)
        throw new ClientConfigError("headers", "must hold [name, value] pairs");
      return [String(pair[0]), pair[1]];
    });
  }
  if (headers === null || typeof headers !== "object") {
    throw new ClientConfigError(
      "headers",
      "must be an object, an array of pairs or a Headers instance",
    );
  }
  return Object.entries(headers).filter(([, v]) => v !== undefined);
}

export interface ResolvedCredentials {
  /** The client's headers for openapi-fetch: the caller's (nulls kept), then the credentials. */
  headers: Record<string, string | string[] | null>;
  /** Lower-case names of the headers the provider's credentials travel in. */
  credentialHeaders: ReadonlySet<string>;
  /** Whether any request of this client carries a credential (the insecure-connection rule). */
  hasCredentials: boolean;
}

/**
 * The headers every request of a client carries: the caller's `headers`, then the credentials
 * in the places the spec's security schemes name. An API key falls back to the provider's
 * environment variable when neither credential is passed.
 */
export function resolveCredentials(
  provider: ProviderConfig,
  options: { apiKey?: unknown; bearerToken?: unknown; headers?: HeaderInit },
): ResolvedCredentials {
  const headers: ResolvedCredentials["headers"] = {};
  const spelled = new Map<string, string>(); // lower-case name -> name as first written
  const set = (name: string, value: string | string[] | null) => {
    const key = spelled.get(name.toLowerCase()) ?? name;
    spelled.set(name.toLowerCase(), key);
    headers[key] = value;
  };

  const { apiKey: keyPlace, bearerToken: tokenPlace } = provider.auth;
  const credentialHeaders = new Set(
    [keyPlace?.header, tokenPlace?.header].flatMap((h) => (h ? [h.toLowerCase()] : [])),
  );
  let hasCredentials = false;

  for (const [name, value] of entriesOf(options.headers)) {
    if (!TOKEN.test(name))
      throw new ClientConfigError("headers", `${JSON.stringify(name)} is not a valid header name`);
    if (value === null) {
      set(name, null);
      continue;
    }
    const option = `headers.${name}`;
    const scalar = (item: unknown) =>
      checkValue(
        option,
        typeof item === "number" || typeof item === "boolean" ? String(item) : item,
        false,
      );
    set(name, Array.isArray(value) ? value.map(scalar) : scalar(value));
    if (isCredentialHeader(name, credentialHeaders)) hasCredentials = true;
  }

  const passed = options.apiKey !== undefined || options.bearerToken !== undefined;
  const fromEnv = provider.apiKeyEnvVar === undefined ? undefined : readEnv(provider.apiKeyEnvVar);
  const apiKey = checkSecret("apiKey", passed ? options.apiKey : fromEnv);
  const bearerToken = checkSecret("bearerToken", options.bearerToken);
  if (apiKey !== undefined && !keyPlace) {
    throw new ClientConfigError(
      "apiKey",
      `${provider.name}'s spec has no API key security scheme to send it with`,
    );
  }
  if (bearerToken !== undefined && !tokenPlace) {
    throw new ClientConfigError(
      "bearerToken",
      `${provider.name}'s spec has no bearer security scheme to send it with`,
    );
  }
  if (
    keyPlace &&
    tokenPlace &&
    apiKey !== undefined &&
    bearerToken !== undefined &&
    keyPlace.header.toLowerCase() === tokenPlace.header.toLowerCase()
  ) {
    throw new ClientConfigError(
      "bearerToken",
      `${provider.name} sends apiKey and bearerToken in the same ${keyPlace.header} header: pass one of them`,
    );
  }
  const place = (placement: CredentialPlacement | undefined, secret: string | undefined) => {
    if (!placement || secret === undefined) return;
    hasCredentials = true;
    set(placement.header, placement.scheme ? `${placement.scheme} ${secret}` : secret);
  };
  place(keyPlace, apiKey);
  place(tokenPlace, bearerToken);
  return { headers, credentialHeaders, hasCredentials };
}
