// Credentials must never reach an error's message, stack, JSON or inspection, even when a server
// echoes one back (in a body, at any depth, or in a header) or a fetch implementation puts one
// in its own error. The credentials of a request are the values of its credential headers, so
// per-call headers count as much as the client's own.

export const REDACTED = "[redacted]";
/** Shorter strings are too likely to occur by chance in ordinary text to be blanked out. */
export const MIN_SECRET_LENGTH = 8;

/** Header names whose values are credentials, whoever sets them. */
const SENSITIVE = /authorization|cookie|token|secret|api-?key|password|session/i;

export function isCredentialHeader(name: string, credentialHeaders: ReadonlySet<string>): boolean {
  return credentialHeaders.has(name.toLowerCase()) || SENSITIVE.test(name);
}

/** Headers as `Headers` and as name-value pairs both give them. */
type HeaderSource = Pick<Headers, "forEach"> | ReadonlyArray<readonly [string, string]>;

/**
 * The strings to blank out of what a request's answer and errors show: each credential header's
 * value, and that value without its scheme ("Bearer x" → "x"), long enough to search for.
 * `known` is a list made before: when this one holds the same strings, it is returned instead,
 * so that what was worked out for it (its spellings) is reused.
 */
export function secretsOf(
  headers: HeaderSource,
  credentialHeaders: ReadonlySet<string>,
  known?: readonly string[],
): readonly string[] {
  const secrets = new Set<string>();
  const add = (value: string, name: string) => {
    if (!isCredentialHeader(name, credentialHeaders)) return;
    for (const candidate of [value, value.replace(/^\S+\s+/, "")]) {
      if (candidate.length >= MIN_SECRET_LENGTH) secrets.add(candidate);
    }
  };
  // An array has a forEach too, with (item, index): pairs are walked as pairs.
  if (Array.isArray(headers)) for (const [name, value] of headers) add(value, name);
  else (headers as Pick<Headers, "forEach">).forEach(add);
  if (known && known.length === secrets.size && known.every((secret) => secrets.has(secret)))
    return known;
  return [...secrets];
}

// A call redacts many texts (the body, each header, the status text) with the same secrets:
// their spellings are worked out once per list.
const spelled = new WeakMap<readonly string[], string[]>();

/** Each secret as it may appear in text: as is, escaped inside a JSON string, percent-encoded. */
function spellings(secrets: readonly string[]): string[] {
  let known = spelled.get(secrets);
  if (known === undefined) spelled.set(secrets, (known = spell(secrets)));
  return known;
}

function spell(secrets: readonly string[]): string[] {
  const all = new Set<string>();
  for (const secret of secrets) {
    all.add(secret);
    all.add(JSON.stringify(secret).slice(1, -1));
    try {
      all.add(encodeURIComponent(secret));
    } catch {
      // a lone surrogate has no percent-encoding, and so cannot appear percent-encoded
    }
  }
  // Longest first, so a spelling that contains another is replaced whole.
  return [...all].sort((a, b) => b.length - a.length);
}

export function redactText(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0) return text;
  let result = text;
  for (const secret of spellings(secrets))
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  return result;
}

const MAX_JSON_DEPTH = 64;

/**
 * A parsed JSON value with every secret blanked out of its strings and keys, however the server
 * escaped them ("\u0073k_live…" reads as "sk_live…" once parsed). Nesting deeper than 64 levels
 * is cut, so neither this walk nor any later one over the result can exhaust the stack.
 */
function redactValue(item: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof item === "string") return redactText(item, secrets);
  if (item === null || typeof item !== "object") return item;
  if (depth === 0) return "[truncated]";
  if (Array.isArray(item)) return item.map((element) => redactValue(element, secrets, depth - 1));
  const copy: Record<string, unknown> = {};
  for (const [key, element] of Object.entries(item))
    Object.defineProperty(copy, redactText(key, secrets), {
      value: redactValue(element, secrets, depth - 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

/**
 * An error body with every secret blanked out, parsed once: its text (for the Response the
 * caller and middleware get) and its value (the JSON it holds, else the text itself, as
 * openapi-fetch gives `error`).
 */
export function redactedBody(
  text: string,
  secrets: readonly string[],
): { text: string; value: unknown } {
  const plain = redactText(text, secrets);
  let value: unknown;
  try {
    value = JSON.parse(plain);
  } catch {
    return { text: plain, value: plain };
  }
  // Without a backslash, JSON's strings are the very characters of the text, which is redacted
  // already; with one, an escape may spell a secret the text search did not see.
  if (secrets.length === 0 || !plain.includes("\\")) return { text: plain, value };
  value = redactValue(value, secrets, MAX_JSON_DEPTH);
  return { text: JSON.stringify(value), value };
}

/** Error-like, whatever realm it was made in (instanceof Error fails across vm contexts). */
export function isErrorLike(value: unknown): value is Error {
  return (
    value instanceof Error ||
    (typeof value === "object" &&
      value !== null &&
      typeof (value as Error).message === "string" &&
      typeof (value as Error).name === "string")
  );
}

const MAX_ERROR_DEPTH = 8;

/** Whether a secret shows anywhere in a value; deeper than can be searched counts as yes. */
function mentions(
  value: unknown,
  secrets: readonly string[],
  seen: Set<unknown>,
  depth: number,
): boolean {
  if (typeof value === "string") return redactText(value, secrets) !== value;
  if (value === null || typeof value !== "object" || seen.has(value)) return false;
  if (depth > MAX_ERROR_DEPTH) return true;
  seen.add(value);
  const keys = new Set<string | symbol>([
    ...Object.getOwnPropertyNames(value),
    ...Object.getOwnPropertySymbols(value),
    "message",
    "stack",
    "cause",
  ]);
  for (const key of keys) {
    let item: unknown;
    try {
      item = (value as Record<string | symbol, unknown>)[key];
    } catch {
      continue;
    }
    if (mentions(item, secrets, seen, depth + 1)) return true;
  }
  return false;
}

/**
 * The error to keep as a `cause`: the original when it does not mention a secret anywhere
 * (message, stack, own properties, nested causes), else a stand-in that keeps the name,
 * message, code and cause chain, all redacted.
 */
export function redactError(error: unknown, secrets: readonly string[], depth = 0): unknown {
  if (secrets.length === 0 || !mentions(error, secrets, new Set(), 0)) return error;
  if (typeof error === "string") return redactText(error, secrets);
  if (!isErrorLike(error) || depth > MAX_ERROR_DEPTH) return REDACTED;
  const cause = "cause" in error ? redactError(error.cause, secrets, depth + 1) : undefined;
  const copy = new Error(
    redactText(String(error.message), secrets),
    cause === undefined ? undefined : { cause },
  );
  copy.name = redactText(String(error.name), secrets);
  copy.stack = redactText(String(error.stack ?? ""), secrets);
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") Object.assign(copy, { code });
  return copy;
}
