// The options every provider's create…Client() takes, as @apiclients/core documents them: the
// `ClientOptions` interface of packages/core/src/options.ts, read with the TypeScript compiler.
// Its own members' doc comments are the one source of the options tables in core's README and in
// every provider's (options-table.ts); the members it inherits from openapi-fetch are named, from
// the type, and documented upstream.
//
// The convention a member's doc comment must follow (the comment atop the interface says it too):
//   - a summary: what the option does. None is an error.
//   - its default, when it has one, in a `@defaultValue` tag and nowhere else: a summary that
//     speaks of a default ("Default 500", "defaults to", "off by default") is an error, since the
//     table's default column would miss it or say it twice. No tag: the table says "none".
//   - no tag but `@defaultValue` and `@deprecated`: anything else would be dropped from the table.
// Summaries and tag texts are Markdown; `{@link X}` becomes `X` in backticks.
import { dirname, resolve } from "node:path";
import type TS from "typescript";
import { readIfExists } from "./files.js";

/** The file that declares the options, from the repository's root. */
export const CORE_OPTIONS = "packages/core/src/options.ts";
const INTERFACE = "ClientOptions";
/** The one package ClientOptions may inherit from: its options are linked to, not documented. */
export const INHERITED_FROM = "openapi-fetch";

export interface OwnOption {
  name: string;
  /** The doc comment's summary, Markdown, on one line. */
  summary: string;
  /** The `@defaultValue` tag's text, when there is one. */
  defaultValue?: string;
  /** The `@deprecated` tag's text ("" for a bare tag), when there is one. */
  deprecated?: string;
}

/** Options inherited from one interface, in declaration order. */
export interface InheritedOptions {
  /** The interface that declares them, e.g. `ClientOptions` (openapi-fetch's) or `RequestInit`. */
  declaredIn: string;
  /** Whether that interface is openapi-fetch's own (not a TypeScript lib's, such as RequestInit). */
  ownedByPackage: boolean;
  names: string[];
}

export interface ClientOptionsDoc {
  own: OwnOption[];
  /** openapi-fetch's own options first, then those it inherits in turn. */
  inherited: InheritedOptions[];
}

export class ClientOptionsError extends Error {
  constructor(member: string | undefined, reason: string) {
    super(
      `${CORE_OPTIONS}: ${member === undefined ? INTERFACE : `${INTERFACE}.${member}`} ${reason}`,
    );
    this.name = "ClientOptionsError";
  }
}

/** Every option's name, own and inherited: what a README may name as an option. */
export function optionNames(doc: ClientOptionsDoc): string[] {
  return [...doc.own.map((o) => o.name), ...doc.inherited.flatMap((group) => group.names)];
}

// Fixed rather than read from packages/core/tsconfig.json, so that what the README says depends
// on options.ts and the lockfile only (the inputs of the generate tasks): the lib core compiles
// with (tsconfig.base.json: ES2022 and DOM, whose RequestInit openapi-fetch's options extend),
// without @types/node, which adds nothing to those types and would take a second to load.
function compilerOptions(ts: typeof TS): TS.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  };
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** A JSDoc comment's text as Markdown: `{@link X}` (and `{@link X | text}`) as `X` in code. */
function commentText(ts: typeof TS, comment: TS.JSDoc["comment"]): string {
  if (comment === undefined) return "";
  if (typeof comment === "string") return oneLine(comment);
  return oneLine(
    comment
      .map((part) =>
        ts.isJSDocLink(part) || ts.isJSDocLinkCode(part) || ts.isJSDocLinkPlain(part)
          ? `\`${part.name ? part.name.getText() : part.text}\``
          : part.text,
      )
      .join(""),
  );
}

const SPEAKS_OF_A_DEFAULT = /\bdefault/i;

function ownOption(ts: typeof TS, member: TS.TypeElement): OwnOption {
  if (
    !ts.isPropertySignature(member) ||
    !(ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))
  )
    throw new ClientOptionsError(
      undefined,
      `has a member that is not a named property (${oneLine(member.getText()).slice(0, 60)}): every option is one`,
    );
  const name = member.name.text;
  // The doc comment is the last one before the member, as TypeScript takes it.
  const jsDoc = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc).at(-1);
  const summary = commentText(ts, jsDoc?.comment);
  if (summary === "")
    throw new ClientOptionsError(
      name,
      "has no doc comment: say what the option does (the READMEs' options tables are made from it)",
    );
  if (SPEAKS_OF_A_DEFAULT.test(summary))
    throw new ClientOptionsError(
      name,
      `speaks of a default in its summary ("${summary}"): state the default in a @defaultValue tag, and only there`,
    );
  const option: OwnOption = { name, summary };
  for (const tag of jsDoc?.tags ?? []) {
    const tagName = tag.tagName.text;
    const text = commentText(ts, tag.comment);
    if (tagName === "defaultValue") {
      if (option.defaultValue !== undefined)
        throw new ClientOptionsError(name, "has two @defaultValue tags");
      if (text === "")
        throw new ClientOptionsError(name, "has an empty @defaultValue tag: give the value");
      option.defaultValue = text;
    } else if (tagName === "deprecated") option.deprecated = text;
    else
      throw new ClientOptionsError(
        name,
        `has a @${tagName} tag, which the READMEs' options tables would leave out: put it in the summary (only @defaultValue and @deprecated are read)`,
      );
  }
  return option;
}

/** The npm package a declaration file belongs to, from its path (`…/node_modules/<name>/…`). */
function packageOf(fileName: string): string | undefined {
  const match = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(fileName.replaceAll("\\", "/"));
  return match?.[1];
}

function inheritedOptions(
  ts: typeof TS,
  program: TS.Program,
  checker: TS.TypeChecker,
  declaration: TS.InterfaceDeclaration,
): InheritedOptions[] {
  // An unresolved type (openapi-fetch not installed) is TypeScript's error type, which would
  // otherwise just contribute no options, however deep in `extends Omit<…>` it is.
  const unresolved = (node: TS.Node): TS.Node | undefined =>
    (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) &&
    (checker.getTypeAtLocation(node) as { intrinsicName?: string }).intrinsicName === "error"
      ? node
      : ts.forEachChild(node, unresolved);
  for (const clause of declaration.heritageClauses ?? []) {
    const missing = unresolved(clause);
    if (missing)
      throw new ClientOptionsError(
        undefined,
        `extends ${clause.types.map((t) => t.getText()).join(", ")}, which TypeScript cannot resolve from ${CORE_OPTIONS} (${missing.getText()}: is ${INHERITED_FROM} installed? \`pnpm install\`)`,
      );
  }
  const type = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(declaration.name)!);
  const groups = new Map<TS.Node, InheritedOptions>();
  for (const property of checker.getPropertiesOfType(type)) {
    const member = property.declarations?.[0];
    if (member?.parent === declaration) continue;
    const owner = member?.parent;
    if (!member || !owner || !ts.isInterfaceDeclaration(owner))
      throw new ClientOptionsError(
        property.name,
        `is inherited from something other than an interface: the README generator can only name options an interface declares`,
      );
    const file = owner.getSourceFile();
    const fromPackage = packageOf(file.fileName) === INHERITED_FROM;
    if (!fromPackage && !program.isSourceFileDefaultLibrary(file))
      throw new ClientOptionsError(
        property.name,
        `is inherited from ${owner.name.text} (${packageOf(file.fileName) ?? file.fileName}): the READMEs link to ${INHERITED_FROM}'s documentation for inherited options, so they must come from ${INHERITED_FROM}`,
      );
    let group = groups.get(owner);
    if (!group)
      groups.set(
        owner,
        (group = { declaredIn: owner.name.text, ownedByPackage: fromPackage, names: [] }),
      );
    group.names.push(property.name);
  }
  const all = [...groups.values()];
  return [...all.filter((g) => g.ownedByPackage), ...all.filter((g) => !g.ownedByPackage)];
}

const libFiles = new Map<string, TS.SourceFile>();

/** A program of the files `texts` holds (path → text), read as given whatever is on disk. */
function programOf(ts: typeof TS, texts: Map<string, string>): TS.Program {
  const options = compilerOptions(ts);
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const libDir = dirname(ts.getDefaultLibFilePath(options));
  host.getSourceFile = (name, language, ...rest) => {
    const text = texts.get(resolve(name));
    if (text !== undefined) return ts.createSourceFile(name, text, language, true);
    // TypeScript's own lib files, parsed once per process: lib.dom alone takes a second.
    if (dirname(resolve(name)) !== libDir) return getSourceFile(name, language, ...rest);
    let lib = libFiles.get(name);
    if (!lib) {
      lib = getSourceFile(name, language, ...rest);
      if (lib) libFiles.set(name, lib);
    }
    return lib;
  };
  return ts.createProgram({ rootNames: [...texts.keys()], options, host });
}

/** Reads ClientOptions from `source` (the text of options.ts at `file`). */
function extract(ts: typeof TS, file: string, source: string): ClientOptionsDoc {
  // The text the cache key was made from, whatever happens to the file meanwhile.
  const program = programOf(ts, new Map([[file, source]]));
  const checker = program.getTypeChecker();
  const sourceFile = program.getSourceFile(file)!;
  const declarations = sourceFile.statements.filter(
    (s): s is TS.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === INTERFACE,
  );
  if (declarations.length !== 1)
    throw new ClientOptionsError(
      undefined,
      declarations.length === 0
        ? "is not declared there (an interface named ClientOptions)"
        : "is declared more than once: declare it once, so its members are in one place",
    );
  const declaration = declarations[0]!;
  return {
    own: declaration.members.map((member) => ownOption(ts, member)),
    inherited: inheritedOptions(ts, program, checker, declaration),
  };
}

// One extraction per process for one text of options.ts and one openapi-fetch (a test generates
// many fixture repositories with the same file; what else the program reads, TypeScript's lib,
// does not change while a process runs). Building the program takes a second or two.
const extracted = new Map<string, ClientOptionsDoc | ClientOptionsError>();

/** ClientOptions of `root`'s packages/core/src/options.ts; rejects when it breaks the convention. */
export async function readClientOptions(root: string): Promise<ClientOptionsDoc> {
  const file = resolve(root, CORE_OPTIONS);
  const source = await readIfExists(file);
  if (source === undefined)
    throw new Error(
      `${CORE_OPTIONS} does not exist: the options tables of the READMEs are made from it`,
    );
  // Loaded only when needed: the compiler takes a second or so to load.
  const ts = (await import("typescript")).default;
  const upstream = ts.resolveModuleName(INHERITED_FROM, file, compilerOptions(ts), ts.sys)
    .resolvedModule?.resolvedFileName;
  const key = `${upstream ?? "unresolved"}\0${source}`;
  let doc = extracted.get(key);
  if (doc === undefined) {
    try {
      doc = extract(ts, file, source);
    } catch (error) {
      if (!(error instanceof ClientOptionsError)) throw error;
      doc = error;
    }
    extracted.set(key, doc);
  }
  if (doc instanceof ClientOptionsError) throw doc;
  return doc;
}

/**
 * The options openapi-fetch takes per request (its FetchOptions: `params`, `parseAs`,
 * `middleware`, RequestInit's…), as resolved from core. Not in any options table: a README's
 * prose may name them beside ClientOptions' (scripts/test/readme-options.test.ts checks it).
 */
export async function requestOptionNames(root: string): Promise<string[]> {
  const ts = (await import("typescript")).default;
  // An operation with optional parameters and an optional JSON body: every member is there.
  const probe = resolve(root, "packages/core/src/request-options.probe.ts");
  const program = programOf(
    ts,
    new Map([
      [
        probe,
        `import type { FetchOptions } from "${INHERITED_FROM}";\n` +
          `export type Probe = FetchOptions<{ parameters: { query?: { q?: string } }; requestBody?: { content: { "application/json": { a?: string } } } }>;\n`,
      ],
    ]),
  );
  const alias = program.getSourceFile(probe)!.statements.find(ts.isTypeAliasDeclaration)!;
  const checker = program.getTypeChecker();
  const type = checker.getTypeAtLocation(alias.name);
  if ((type as { intrinsicName?: string }).intrinsicName === "error")
    throw new Error(`${INHERITED_FROM}'s FetchOptions cannot be resolved from packages/core`);
  return checker.getPropertiesOfType(type).map((property) => property.name);
}
