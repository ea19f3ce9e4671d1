import { ClientConfigError } from "./config-error.js";
import { readEnv } from "./env.js";
import type { CredentialPlacement, ProviderConfig } from "./provider.js";

// A header name is an RFC 9110 token.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Control characters (CR and LF above all) would end one header and start another; tab is allowed.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** Header values the caller may pass: a Headers object, pairs, or a record (null/undefined skipped). */
export type HeaderInit =
  Headers | Array<[string, string]> | Record<string, string | null | undefined>;

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
  if (Array.isArray(headers)) return headers.map((pair) => [String(pair[0]), pair[1]]);
  if (headers === null || typeof headers !== "object") {
    throw new ClientConfigError(
      "headers",
      "must be an object, an array of pairs or a Headers instance",
    );
  }
  return Object.entries(headers).filter(([, v]) => v !== undefined && v !== null);
}

// Header names whose values are credentials, whoever sets them.
const SENSITIVE = /authorization|cookie|token|secret|api-?key|password/i;

export interface ResolvedHeaders {
  headers: Record<string, string>;
  /** Every credential among them, to be kept out of errors. */
  secrets: string[];
}

/**
 * The headers every request of a client carries: the caller's `headers`, then the credentials
 * in the places the spec's security schemes name. An API key falls back to the provider's
 * environment variable when neither credential is passed.
 */
export function defaultHeaders(
  provider: ProviderConfig,
  options: { apiKey?: string; bearerToken?: string; headers?: HeaderInit },
): ResolvedHeaders {
  const result: Record<string, string> = {};
  const secrets: string[] = [];
  const seen = new Map<string, string>(); // lowercase name -> name as first written
  const set = (name: string, value: string) => {
    const key = seen.get(name.toLowerCase()) ?? name;
    seen.set(name.toLowerCase(), key);
    result[key] = value;
  };

  for (const [name, value] of entriesOf(options.headers)) {
    if (!TOKEN.test(name))
      throw new ClientConfigError("headers", `${JSON.stringify(name)} is not a valid header name`);
    set(name, checkValue(`headers.${name}`, value, false));
    if (SENSITIVE.test(name)) secrets.push(String(value), String(value).replace(/^\S+\s+/, ""));
  }

  const passed = options.apiKey !== undefined || options.bearerToken !== undefined;
  const fromEnv = provider.apiKeyEnvVar === undefined ? undefined : readEnv(provider.apiKeyEnvVar);
  const apiKey = checkSecret("apiKey", passed ? options.apiKey : fromEnv);
  const bearerToken = checkSecret("bearerToken", options.bearerToken);
  const { apiKey: keyPlace, bearerToken: tokenPlace } = provider.auth;
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
    secrets.push(secret);
    set(placement.header, placement.scheme ? `${placement.scheme} ${secret}` : secret);
  };
  place(keyPlace, apiKey);
  place(tokenPlace, bearerToken);
  return { headers: result, secrets };
}
