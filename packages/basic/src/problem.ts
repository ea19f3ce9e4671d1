// Basic's error bodies are `{ error }` or `{ error, message }`, not RFC 9457 documents: this says
// which problem members they mean, for this package's `unwrap`.
import type { Problem } from "@apiclients/problem";

export function toProblem(body: unknown): Problem | undefined {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return undefined;
  const { error, message } = body as Record<string, unknown>;
  const problem: Problem = {};
  if (typeof error === "string" && error.trim() !== "") problem.title = error;
  if (typeof message === "string" && message.trim() !== "") problem.detail = message;
  return problem;
}
