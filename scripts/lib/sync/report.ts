// What `specs:sync` tells people and machines: one line per provider for the terminal, and with
// --json a report a workflow reads (status, bump, and a pull request's title and body for each
// changed provider).
import type { ChangelogEntry } from "../release/classify.js";
import type { SyncOutcome } from "./sync.js";

export function outcomeLine(outcome: SyncOutcome): string {
  switch (outcome.status) {
    case "skipped":
      return `• ${outcome.provider}: skipped (${outcome.reason})`;
    case "unchanged":
      return `• ${outcome.provider}: unchanged`;
    case "failed":
      return `✖ ${outcome.provider}: failed: ${outcome.reason}`;
    case "changed": {
      const n = outcome.entries.length;
      const what = outcome.bump
        ? `${outcome.bump}, ${n} change${n === 1 ? "" : "s"}`
        : `no changeset: ${outcome.note ?? "nothing to announce"}`;
      return `✔ ${outcome.provider}: changed (${what})`;
    }
  }
}

export interface ReportContext {
  /** The spec path and package of each provider, by name. */
  spec(provider: string): string;
  packageDir(provider: string): string;
  /** The changes under their headings, as in the changeset. */
  changesMarkdown(entries: readonly ChangelogEntry[]): string;
}

export interface ProviderReport {
  name: string;
  status: SyncOutcome["status"];
  source: string | null;
  bump: string | null;
  changes: number;
  reason: string | null;
  changeset: string | null;
  /** For a changed provider: the pull request's title and body (markdown). */
  title: string | null;
  body: string | null;
}

function pullRequest(outcome: Extract<SyncOutcome, { status: "changed" }>, context: ReportContext) {
  const { provider, bump, entries } = outcome;
  const classification = bump
    ? `**${bump}**: ${entries.length} change${entries.length === 1 ? "" : "s"} since the last release`
    : `no version bump: ${outcome.note ?? "nothing to announce"}`;
  const body = [
    `\`pnpm specs:sync ${provider}\` found a new version of ${provider}'s spec at ${outcome.source}.`,
    "",
    `Classification: ${classification} (the spec diff and the generated types; see README, "Releasing").`,
    "",
    `- \`${context.spec(provider)}\`: the spec as published, byte for byte`,
    `- \`${context.packageDir(provider)}\`: regenerated (\`pnpm generate ${provider}\`)`,
    ...(outcome.changeset ? [`- \`${outcome.changeset}\`: the changeset`] : []),
    "",
    context.changesMarkdown(entries),
  ];
  return {
    title: `${provider}: spec update from its source${bump ? ` (${bump})` : ""}`,
    body: body.join("\n").trimEnd() + "\n",
  };
}

/** A source URL fit to print: a user or password in it (refused anyway) is left out. */
export function shownUrl(source: string): string {
  try {
    const url = new URL(source);
    if (!url.username && !url.password) return source;
    url.username = url.password = "";
    return url.href;
  } catch {
    return source;
  }
}

export function providerReport(outcome: SyncOutcome, context: ReportContext): ProviderReport {
  const changed = outcome.status === "changed" ? outcome : undefined;
  const pr = changed && pullRequest(changed, context);
  return {
    name: outcome.provider,
    status: outcome.status,
    source: "source" in outcome && outcome.source !== undefined ? shownUrl(outcome.source) : null,
    bump: changed?.bump ?? null,
    changes: changed?.entries.length ?? 0,
    reason: "reason" in outcome ? outcome.reason : null,
    changeset: changed?.changeset ?? null,
    title: pr?.title ?? null,
    body: pr?.body ?? null,
  };
}
