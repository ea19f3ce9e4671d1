// ClientOptions as the READMEs' options tables read it (lib/codegen/client-options.ts): from the
// repository's own packages/core/src/options.ts, and refused when a doc comment breaks the
// convention, on fixture copies of it.
import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "@jest/globals";
import { DEFAULT_RETRY_POLICY, DEFAULT_TIMEOUT_MS } from "@apiclients/core";
import { repoRoot } from "@apiclients/testing";
import {
  CORE_OPTIONS,
  optionNames,
  readClientOptions,
  type ClientOptionsDoc,
} from "../lib/codegen/client-options.js";
import { inheritedOptionsLine, markdownCell, optionsTable } from "../lib/codegen/options-table.js";
import { fixtureRepo, type FixtureRepo } from "./support/fixture-repo.js";

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function repoWithOptions(source: string): FixtureRepo {
  const repo = fixtureRepo([], { packages: false });
  cleanups.push(repo.remove);
  rmSync(`${repo.root}/packages/core/src`, { recursive: true });
  repo.write(CORE_OPTIONS, source);
  return repo;
}

describe("the repository's ClientOptions", () => {
  it("has every option documented, its own and openapi-fetch's named from the type", async () => {
    const doc = await readClientOptions(repoRoot);
    const own = doc.own.map((option) => option.name);
    // The options createApiClient takes for itself (client.ts) are ClientOptions' own.
    for (const name of [
      "apiKey",
      "baseUrl",
      "timeoutMs",
      "maxRetryDelayMs",
      "allowInsecureConnection",
    ])
      expect(own).toContain(name);
    for (const option of doc.own) expect(option.summary).not.toBe("");
    // Redeclared members are ClientOptions' own, not openapi-fetch's too.
    const inherited = doc.inherited.flatMap((group) => group.names);
    for (const name of ["baseUrl", "fetch", "headers"]) expect(inherited).not.toContain(name);
    expect(doc.inherited[0]).toMatchObject({ ownedByPackage: true });
    expect(doc.inherited[0]!.names).toEqual(expect.arrayContaining(["querySerializer", "Request"]));
    expect(inherited).toContain("credentials"); // RequestInit's, through openapi-fetch's
    expect(new Set(optionNames(doc)).size).toBe(optionNames(doc).length);
  });

  it("states the defaults the code has", async () => {
    const doc = await readClientOptions(repoRoot);
    const runtime: Record<string, unknown> = {
      ...DEFAULT_RETRY_POLICY,
      timeoutMs: DEFAULT_TIMEOUT_MS,
    };
    const checked = doc.own.filter((option) => option.name in runtime);
    expect(checked.map((option) => option.name).sort()).toEqual(Object.keys(runtime).sort());
    for (const option of checked)
      expect({ option: option.name, default: option.defaultValue }).toEqual({
        option: option.name,
        default: `\`${String(runtime[option.name])}\``,
      });
  });
});

describe("a doc comment that breaks the convention", () => {
  const options = (members: string) =>
    `import type { ClientOptions as FetchClientOptions } from "openapi-fetch";\n` +
    `export interface ClientOptions extends Omit<FetchClientOptions, "fetch"> {\n${members}\n}\n`;
  const cases: Array<[string, string, string]> = [
    [
      "no doc comment",
      "  /** Documented. */\n  apiKey?: string;\n  timeoutMs?: number;",
      `${CORE_OPTIONS}: ClientOptions.timeoutMs has no doc comment`,
    ],
    [
      "a default in the summary",
      "  /** The first backoff delay in ms. Default 500. */\n  retryDelayMs?: number;",
      `${CORE_OPTIONS}: ClientOptions.retryDelayMs speaks of a default in its summary ("The first backoff delay in ms. Default 500."): state the default in a @defaultValue tag, and only there`,
    ],
    [
      "a tag the table would drop",
      "  /**\n   * Retries.\n   * @remarks Only idempotent methods.\n   */\n  maxRetries?: number;",
      `${CORE_OPTIONS}: ClientOptions.maxRetries has a @remarks tag`,
    ],
  ];
  it.each(cases)("is refused: %s", async (_, members, message) => {
    const repo = repoWithOptions(options(members));
    await expect(readClientOptions(repo.root)).rejects.toThrow(message);
  });

  it("is refused when the type it extends cannot be resolved", async () => {
    const repo = repoWithOptions(options("  /** Documented. */\n  apiKey?: string;"));
    rmSync(`${repo.root}/packages/core/node_modules`);
    await expect(readClientOptions(repo.root)).rejects.toThrow(
      `${CORE_OPTIONS}: ClientOptions extends Omit<FetchClientOptions, "fetch">, which TypeScript cannot resolve`,
    );
  });

  it("is accepted with a @defaultValue tag, {@link}s and @deprecated", async () => {
    const repo = repoWithOptions(
      options(
        [
          "  /**",
          "   * The first backoff delay in ms, at most {@link maxRetryDelayMs}.",
          "   * @defaultValue `500`",
          "   */",
          "  retryDelayMs?: number;",
          "  /**",
          "   * The longest backoff delay in ms.",
          "   * @deprecated use a smaller retryDelayMs",
          "   */",
          "  maxRetryDelayMs?: number;",
        ].join("\n"),
      ),
    );
    const doc = await readClientOptions(repo.root);
    expect(doc.own).toEqual([
      {
        name: "retryDelayMs",
        summary: "The first backoff delay in ms, at most `maxRetryDelayMs`.",
        defaultValue: "`500`",
      },
      {
        name: "maxRetryDelayMs",
        summary: "The longest backoff delay in ms.",
        deprecated: "use a smaller retryDelayMs",
      },
    ]);
    expect(optionNames(doc)).toContain("Request");
  });
});

describe("the options table", () => {
  const doc: ClientOptionsDoc = {
    own: [
      { name: "apiKey", summary: "API key.", defaultValue: "the provider's variable" },
      { name: "headers", summary: "Headers; a `Record<string, string | null>`." },
    ],
    inherited: [
      { declaredIn: "ClientOptions", ownedByPackage: true, names: ["Request"] },
      { declaredIn: "RequestInit", ownedByPackage: false, names: ["cache", "mode"] },
    ],
  };

  it("has a row per option, with a provider's defaults in place of the generic ones", () => {
    expect(optionsTable(doc, { apiKey: "`ALPHA_API_KEY`" })).toEqual([
      "| option | default | what |",
      "| --- | --- | --- |",
      "| `apiKey` | `ALPHA_API_KEY` | API key. |",
      "| `headers` | none | Headers; a `Record<string, string \\| null>`. |",
    ]);
    expect(() => optionsTable(doc, { retryDelay: "`1`" })).toThrow(
      "The README generator fills in the default of ClientOptions.retryDelay, which packages/core/src/options.ts does not declare",
    );
  });

  it("names the inherited options in one line, linked to openapi-fetch's docs", () => {
    expect(inheritedOptionsLine(doc)).toEqual([
      "Also openapi-fetch's options, which work as in its `createClient` ([documented there](https://openapi-ts.dev/openapi-fetch/api#createclient)): `Request`; and `RequestInit`'s `cache`, `mode`.",
    ]);
    expect(inheritedOptionsLine({ ...doc, inherited: [] })).toEqual([]);
  });

  it("keeps a cell one line, and raw HTML out of it", () => {
    expect(markdownCell("a <b>\n  `<c> | d` | e")).toBe("a &lt;b> `<c> \\| d` \\| e");
  });
});
