// The options table of core's README and of every provider's: one row per option ClientOptions
// declares (client-options.ts), its default and what it does as its doc comment says, then one
// line naming the options it inherits from openapi-fetch. A provider's README puts its own
// defaults in (its server, its API key's environment variable); nothing else is written here
// that is not in the doc comments.
import { INHERITED_FROM, type ClientOptionsDoc } from "./client-options.js";

export const OPENAPI_FETCH_OPTIONS_DOCS = "https://openapi-ts.dev/openapi-fetch/api#createclient";

/**
 * Markdown for one table cell: one line; `|` escaped everywhere (GFM ends a cell at any bare `|`,
 * in a code span too), and `<` outside code spans, so a doc comment cannot open raw HTML.
 */
export function markdownCell(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replaceAll("<", "&lt;")).replaceAll("|", "\\|"))
    .join("");
}

const code = (name: string) => `\`${name}\``;

/**
 * The table, with `defaults` (cell-ready Markdown, by option name) in place of the doc comments'
 * `@defaultValue` where a provider knows better; each must name an option ClientOptions has.
 */
export function optionsTable(
  doc: ClientOptionsDoc,
  defaults: Record<string, string> = {},
): string[] {
  for (const name of Object.keys(defaults))
    if (!doc.own.some((option) => option.name === name))
      throw new Error(
        `The README generator fills in the default of ClientOptions.${name}, which packages/core/src/options.ts does not declare`,
      );
  return [
    "| option | default | what |",
    "| --- | --- | --- |",
    ...doc.own.map((option) => {
      const fallback =
        option.defaultValue === undefined ? "none" : markdownCell(option.defaultValue);
      const deprecated =
        option.deprecated === undefined
          ? ""
          : option.deprecated === ""
            ? "**Deprecated.** "
            : `**Deprecated:** ${markdownCell(option.deprecated)} `;
      return `| ${code(option.name)} | ${defaults[option.name] ?? fallback} | ${deprecated}${markdownCell(option.summary)} |`;
    }),
  ];
}

/** One line naming the options inherited from openapi-fetch, linked to its docs; none when none. */
export function inheritedOptionsLine(doc: ClientOptionsDoc): string[] {
  if (doc.inherited.length === 0) return [];
  const list = (names: string[]) => names.map(code).join(", ");
  const groups = doc.inherited.map((group) =>
    group.ownedByPackage ? list(group.names) : `${code(group.declaredIn)}'s ${list(group.names)}`,
  );
  return [
    `Also ${INHERITED_FROM}'s options, which work as in its \`createClient\` ([documented there](${OPENAPI_FETCH_OPTIONS_DOCS})): ${groups.join("; and ")}.`,
  ];
}
