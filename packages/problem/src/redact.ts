// Credentials must never reach an error's message, stack, JSON or inspection, even when a server
// echoes one back or a fetch implementation puts one in its own error. A client marks the
// responses it returns with its secrets (under a shared symbol, so any copy of this package
// finds them), and the errors built from them blank those strings out.

const SECRETS = Symbol.for("@apiclients/secrets");
export const REDACTED = "[redacted]";
/** Shorter strings are too likely to occur by chance in ordinary text to be blanked out. */
export const MIN_SECRET_LENGTH = 8;

/** Marks an object (a Response) with the secrets its errors must not show. */
export function attachSecrets(target: object, secrets: readonly string[]): void {
  if (secrets.length === 0) return;
  Object.defineProperty(target, SECRETS, { value: secrets, enumerable: false, configurable: true });
}

export function secretsOf(target: unknown): readonly string[] {
  if (target === null || typeof target !== "object") return [];
  const secrets = (target as Record<symbol, unknown>)[SECRETS];
  return Array.isArray(secrets) ? (secrets as string[]) : [];
}

/** The secrets worth searching for: long enough not to match ordinary words. */
export function searchableSecrets(secrets: readonly (string | undefined)[]): string[] {
  return secrets.filter((s): s is string => typeof s === "string" && s.length >= MIN_SECRET_LENGTH);
}

export function redactText(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets)
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  return result;
}

/** A copy of JSON-like data with every string (keys included) redacted. */
export function redactData(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (secrets.length === 0) return value;
  if (typeof value === "string") return redactText(value, secrets);
  if (value === null || typeof value !== "object" || depth > 64) return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    const bytes = ArrayBuffer.isView(value)
      ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
      : new Uint8Array(value);
    return redactText(new TextDecoder().decode(bytes), secrets);
  }
  if (Array.isArray(value)) return value.map((item) => redactData(item, secrets, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // defineProperty: a "__proto__" key stays an ordinary own key of the copy.
    Object.defineProperty(copy, redactText(key, secrets), {
      value: redactData((value as Record<string, unknown>)[key], secrets, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
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

function mentions(
  value: unknown,
  secrets: readonly string[],
  seen: Set<unknown>,
  depth: number,
): boolean {
  if (typeof value === "string") return secrets.some((s) => value.includes(s));
  if (value === null || typeof value !== "object" || seen.has(value) || depth > 8) return false;
  seen.add(value);
  const keys = new Set([...Object.getOwnPropertyNames(value), "message", "stack", "cause"]);
  for (const key of keys) {
    let item: unknown;
    try {
      item = (value as Record<string, unknown>)[key];
    } catch {
      continue;
    }
    if (mentions(item, secrets, seen, depth + 1)) return true;
  }
  return false;
}

/**
 * The error to keep as a `cause`: the original when it does not mention a secret anywhere
 * (message, stack, own properties, nested causes), else a redacted stand-in that keeps the
 * name, message, code and cause chain, all redacted.
 */
export function redactError(error: unknown, secrets: readonly string[], depth = 0): unknown {
  if (secrets.length === 0 || !mentions(error, secrets, new Set(), 0)) return error;
  if (typeof error === "string") return redactText(error, secrets);
  if (!isErrorLike(error) || depth > 8) return REDACTED;
  const cause = "cause" in error ? redactError(error.cause, secrets, depth + 1) : undefined;
  const copy = new Error(
    redactText(error.message, secrets),
    cause === undefined ? undefined : { cause },
  );
  copy.name = redactText(error.name, secrets);
  copy.stack = redactText(error.stack ?? "", secrets);
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") Object.assign(copy, { code });
  return copy;
}
