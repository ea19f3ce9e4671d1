import type { ApiProblem } from "./types.js";

const RFC_MEMBERS = ["type", "title", "detail", "instance"] as const;

/**
 * Whether a value looks like a problem document: an object with at least one RFC 9457 member,
 * each present member of the right type.
 */
export function isProblem(value: unknown): value is ApiProblem {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  let members = 0;
  for (const key of RFC_MEMBERS) {
    if (record[key] === undefined) continue;
    if (typeof record[key] !== "string") return false;
    members++;
  }
  if (record.status !== undefined) {
    if (typeof record.status !== "number") return false;
    members++;
  }
  return members > 0;
}
