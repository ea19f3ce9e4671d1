// Where a Markdown file names a client option, for readme-options.test.ts. "Names an option" is
// one of these precise things, so that a name is checked wherever a reader would take it for an
// option, and words that merely look like one (a header, an error class, a YAML key) are not:
//
//   table   the first cell of a row of a table whose first header cell is "option": the options
//           tables, generated and hand-written (each name in backticks there).
//   call    a property of the object literal passed as options to a create<Name>Client(…) (first
//           argument) or createApiClient(…) (second) in a ts/js code block, as the TypeScript
//           parser reads the block.
//   listed  inline code in prose, in a list of inline code spans joined by commas, "and", "or"
//           or "/" in which another span is one of ClientOptions' own options:
//           "`retryNonIdempotent`, `retryDelay` and `maxRetryAfterMs` tune them" names three.
//   worded  inline code in prose right after the word "option", or right before "option(s)".
//
// In prose, inline code names `name` when it is `name` (an identifier) or `name: value` (a
// lowercase identifier, a colon and a space: `allowInsecureConnection: true`). Such code outside
// a list of options is not taken for an option by itself: `contents: read` (a workflow's
// permission), `source: "REMOTE"` (turbo's output) and `Authorization: Bearer <token>` have the
// same form.
//
// The first two must be ClientOptions' (a table or a create…Client call takes nothing else);
// prose may also name what openapi-fetch takes per request (`parseAs`, `params`, `middleware`).
import ts from "typescript";

export type MentionKind = "table" | "call" | "listed" | "worded";

export interface Mention {
  /** 1-based line of the file. */
  line: number;
  name: string;
  kind: MentionKind;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** What may stand between two items of a list: ", ", ", and ", " or ", "/", a line break. */
const SEPARATOR = /^(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|\s*\/\s*)$/;
const CODE_LANGUAGES = new Set([
  "ts",
  "typescript",
  "js",
  "javascript",
  "tsx",
  "jsx",
  "mjs",
  "cjs",
]);

interface Block {
  /** Line of the first line of `lines`. */
  start: number;
  lines: string[];
}

/** The file split into fenced code blocks (with their language) and the prose between them. */
function split(text: string): { code: Array<Block & { language: string }>; prose: Block[] } {
  const code: Array<Block & { language: string }> = [];
  const prose: Block[] = [];
  let fence: { marker: string; language: string; block: Block } | undefined;
  let paragraph: Block | undefined;
  text.split("\n").forEach((line, i) => {
    const number = i + 1;
    const open = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (fence) {
      const closing = line.trim();
      if (closing.startsWith(fence.marker) && /^(`+|~+)$/.test(closing)) {
        code.push({ ...fence.block, language: fence.language });
        fence = undefined;
      } else fence.block.lines.push(line);
      return;
    }
    if (open) {
      paragraph = undefined;
      fence = {
        marker: open[1]!,
        language: open[2]!.toLowerCase(),
        block: { start: number + 1, lines: [] },
      };
      return;
    }
    if (line.trim() === "") {
      paragraph = undefined;
      return;
    }
    if (!paragraph) prose.push((paragraph = { start: number, lines: [] }));
    paragraph.lines.push(line);
  });
  return { code, prose };
}

/** Inline code spans of a paragraph, with where each starts and ends in the joined text. */
function spans(text: string): Array<{ content: string; from: number; to: number }> {
  return [...text.matchAll(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g)].map((match) => ({
    content: match[2]!.trim(),
    from: match.index!,
    to: match.index! + match[0].length,
  }));
}

function tableMentions(block: Block): Mention[] {
  const mentions: Mention[] = [];
  let inOptionsTable = false;
  block.lines.forEach((line, i) => {
    const row = line.trim();
    if (!row.startsWith("|")) return void (inOptionsTable = false);
    const first = row
      .slice(1)
      .split(/(?<!\\)\|/)[0]!
      .trim();
    if (/^-+:?$|^:?-+:?$/.test(first)) return; // the delimiter row
    if (/^options?$/i.test(first)) return void (inOptionsTable = true);
    if (!inOptionsTable) return;
    for (const span of spans(first))
      if (IDENTIFIER.test(span.content))
        mentions.push({ line: block.start + i, name: span.content, kind: "table" });
  });
  return mentions;
}

/** A table's header row starts a table: its rows are not prose paragraphs. */
const isTableRow = (line: string) => line.trim().startsWith("|");

function proseMentions(block: Block, ownOptions: ReadonlySet<string>): Mention[] {
  const mentions: Mention[] = [];
  // Table rows: their cells but the first are prose; the first is tableMentions'.
  const lines = block.lines.map((line) =>
    isTableRow(line)
      ? line.replace(/^\s*\|(?:[^|\\]|\\.)*\|/, (cell) => " ".repeat(cell.length))
      : line,
  );
  const text = lines.join("\n");
  const lineAt = (offset: number) => block.start + text.slice(0, offset).split("\n").length - 1;
  // Each span with the option name it would be: `name`, or `name: value`.
  const found = spans(text).map((span) => ({
    ...span,
    name: IDENTIFIER.test(span.content)
      ? span.content
      : /^([a-z][A-Za-z0-9]*):\s+\S/.exec(span.content)?.[1],
  }));
  const mention = (span: (typeof found)[number], kind: MentionKind) =>
    mentions.push({ line: lineAt(span.from), name: span.name!, kind });
  // Lists: runs of spans with only a separator between them.
  let run: typeof found = [];
  const flush = () => {
    const named = run.filter((span) => span.name !== undefined);
    if (run.length > 1 && named.some((span) => ownOptions.has(span.name!)))
      for (const span of named) mention(span, "listed");
    run = [];
  };
  found.forEach((span, i) => {
    const previous = found[i - 1];
    if (previous && !SEPARATOR.test(text.slice(previous.to, span.from))) flush();
    run.push(span);
  });
  flush();
  // Next to the word "option": "the `name` option", "option `name`".
  for (const span of found)
    if (
      span.name !== undefined &&
      (/\boption\s+$/i.test(text.slice(0, span.from)) ||
        /^\s+options?\b/i.test(text.slice(span.to)))
    )
      mention(span, "worded");
  return mentions;
}

const FACTORY = /^create[A-Z]\w*Client$/;

function callMentions(block: Block): Mention[] {
  const source = ts.createSourceFile(
    "block.ts",
    block.lines.join("\n"),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const mentions: Mention[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = ts.isPropertyAccessExpression(node.expression)
        ? node.expression.name
        : node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : "";
      const options =
        name === "createApiClient"
          ? node.arguments[1]
          : FACTORY.test(name)
            ? node.arguments[0]
            : undefined;
      if (options && ts.isObjectLiteralExpression(options))
        for (const property of options.properties) {
          if (ts.isSpreadAssignment(property) || !property.name) continue;
          const key =
            ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)
              ? property.name.text
              : undefined;
          if (key === undefined) continue;
          const { line } = source.getLineAndCharacterOfPosition(property.name.getStart(source));
          mentions.push({ line: block.start + line, name: key, kind: "call" });
        }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return mentions;
}

/** Every option `markdown` names, by the rules above; `ownOptions` are ClientOptions' own. */
export function optionMentions(markdown: string, ownOptions: ReadonlySet<string>): Mention[] {
  const { code, prose } = split(markdown);
  const all = [
    ...prose.flatMap((block) => [...tableMentions(block), ...proseMentions(block, ownOptions)]),
    ...code.filter((block) => CODE_LANGUAGES.has(block.language)).flatMap(callMentions),
  ];
  // One mention per name and line, by the first rule that found it.
  const seen = new Set<string>();
  return all
    .filter((mention) => {
      const key = `${mention.line}\0${mention.name}`;
      return !seen.has(key) && seen.add(key);
    })
    .sort((a, b) => a.line - b.line || a.name.localeCompare(b.name));
}
