// Every option a README names exists: the root README, each package's README.md and
// README.extra.md, and docs/*.md, scanned for option names by the rules of
// support/option-mentions.ts (the options tables, create…Client({ … }) calls in code blocks, and
// inline code that prose presents as an option), each checked against ClientOptions as the
// generator reads it (lib/codegen/client-options.ts) and, in prose, openapi-fetch's per-request
// options too. A failure names the file, the line and the option.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "@jest/globals";
import { repoRoot } from "@apiclients/testing";
import {
  optionNames,
  readClientOptions,
  requestOptionNames,
  type ClientOptionsDoc,
} from "../lib/codegen/client-options.js";
import { optionMentions, type Mention } from "./support/option-mentions.js";

/** The Markdown files people read for how to call a client, relative to the repository. */
function documents(): string[] {
  const inDir = (dir: string, pattern: RegExp) =>
    readdirSync(join(repoRoot, dir), { withFileTypes: true })
      .filter((entry) => entry.isFile() && pattern.test(entry.name))
      .map((entry) => `${dir}/${entry.name}`);
  const packages = readdirSync(join(repoRoot, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => inDir(`packages/${entry.name}`, /^README(\.extra)?\.md$/));
  return ["README.md", ...packages, ...inDir("docs", /\.md$/)].sort();
}

let doc: ClientOptionsDoc;
let own: Set<string>;
let client: Set<string>;
let anywhere: Set<string>;
beforeAll(async () => {
  doc = await readClientOptions(repoRoot);
  own = new Set(doc.own.map((option) => option.name));
  client = new Set(optionNames(doc));
  anywhere = new Set([...client, ...(await requestOptionNames(repoRoot))]);
});

/** The mentions of `markdown` that name no option, as "file:line: `name` (kind)". */
function unknown(file: string, markdown: string): string[] {
  return optionMentions(markdown, own)
    .filter((m) => !(m.kind === "table" || m.kind === "call" ? client : anywhere).has(m.name))
    .map(
      (m) =>
        `${file}:${m.line}: \`${m.name}\` is named as an option (${m.kind}), but ClientOptions has none`,
    );
}

describe("every option a README names", () => {
  it("exists", () => {
    const files = documents();
    expect(files).toEqual(
      expect.arrayContaining([
        "README.md",
        "packages/core/README.md",
        "packages/basic/README.extra.md",
      ]),
    );
    const problems = files.flatMap((file) =>
      unknown(file, readFileSync(join(repoRoot, file), "utf8")),
    );
    expect(problems).toEqual([]);
  });

  it("is found where the READMEs name options (the scan is not empty)", () => {
    // Every README's options table lists every option ClientOptions declares: the scan must see
    // them all there, or it would pass whatever the READMEs said.
    for (const file of [
      "packages/core/README.md",
      "packages/basic/README.md",
      "packages/ampersand/README.md",
    ]) {
      const found = optionMentions(readFileSync(join(repoRoot, file), "utf8"), own);
      expect({
        file,
        names: found
          .filter((m) => m.kind === "table")
          .map((m) => m.name)
          .sort(),
      }).toEqual({
        file,
        names: expect.arrayContaining([...own].sort()),
      });
      // The line naming openapi-fetch's options is a list that holds no own option: not checked
      // as one, but its names are options all the same.
      for (const name of doc.inherited.flatMap((group) => group.names))
        expect(client).toContain(name);
    }
  });
});

describe("an option a README names", () => {
  const names = (markdown: string) =>
    optionMentions(markdown, own).map(({ line, name, kind }: Mention) => `${line}:${name}:${kind}`);

  it("in a list with other options, the README's old retry sentence: retryDelay is none", () => {
    // packages/*/README.md before ClientOptions' doc comments made its options section.
    const old = [
      "Retries honour `Retry-After`, `retry-after-ms` and the problem body's `retryable`/`retryAfter`;",
      "`retryNonIdempotent`, `retryDelay` and `maxRetryAfterMs` tune them. A call that gets no answer",
      "throws a `ConnectionError`, `TimeoutError` or `AbortError` (all exported here); a bad path",
    ].join("\n");
    expect(names(old)).toEqual([
      "2:maxRetryAfterMs:listed",
      "2:retryDelay:listed",
      "2:retryNonIdempotent:listed",
    ]);
    expect(unknown("packages/basic/README.md", `# Basic\n\n${old}\n`)).toEqual([
      "packages/basic/README.md:4: `retryDelay` is named as an option (listed), but ClientOptions has none",
    ]);
  });

  it("in an options table's first column", () => {
    const table = [
      "| option | default |",
      "| --- | --- |",
      "| `timeoutMs` | `60000` |",
      "| `apiKey`, `retryDelay` | `500` |",
      "",
      "| seam | what |",
      "| --- | --- |",
      "| `pathSerializer` | `notAnOption` |",
    ].join("\n");
    expect(names(table)).toEqual(["3:timeoutMs:table", "4:apiKey:table", "4:retryDelay:table"]);
    expect(unknown("t.md", table)).toEqual([
      "t.md:4: `retryDelay` is named as an option (table), but ClientOptions has none",
    ]);
  });

  it("in a create…Client call in a code block", () => {
    const markdown = [
      "```ts",
      'const basic = createBasicClient({ apiKey: "k", retries: 3, ...more });',
      "const core = createApiClient<paths>(provider, {",
      "  timeout: 5_000,",
      "});",
      "const other = createClient({ notOurs: true }); // openapi-fetch's own: not checked",
      "```",
      "",
      "```sh",
      "createBasicClient({ shell: true })",
      "```",
    ].join("\n");
    expect(names(markdown)).toEqual(["2:apiKey:call", "2:retries:call", "4:timeout:call"]);
    expect(unknown("c.md", markdown)).toEqual([
      "c.md:2: `retries` is named as an option (call), but ClientOptions has none",
      "c.md:4: `timeout` is named as an option (call), but ClientOptions has none",
    ]);
  });

  it("beside the word option, or as `name: value` in a list of options", () => {
    const markdown = [
      "The `retryDelay` option, and option `maxDelay`. With `timeoutMs: 5000` and `retries: 3`,",
      'or per request `parseAs: "stream"`, and `headers`, `signal` and `parseAs`.',
      "",
      'Not options: `Authorization: Bearer <token>`, `contents: read`, `source: "REMOTE"`,',
      "`https://api.example.com`; `ConnectionError`, `TimeoutError` or `AbortError`; `paths`,",
      "`components` and `operations`; `fetch` on its own.",
    ].join("\n");
    expect(names(markdown)).toEqual([
      "1:maxDelay:worded",
      "1:retries:listed",
      "1:retryDelay:worded",
      "1:timeoutMs:listed",
      "2:headers:listed",
      "2:parseAs:listed",
      "2:signal:listed",
    ]);
    expect(unknown("p.md", markdown)).toEqual([
      "p.md:1: `maxDelay` is named as an option (worded), but ClientOptions has none",
      "p.md:1: `retries` is named as an option (listed), but ClientOptions has none",
      "p.md:1: `retryDelay` is named as an option (worded), but ClientOptions has none",
    ]);
  });
});
