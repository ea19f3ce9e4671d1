#!/usr/bin/env -S npx tsx
// `pnpm api:update` writes, and `pnpm api:check` checks, one report per published package:
// packages/<name>/api-report.md, every export of its entry point with its signature, so a change
// to what users can import shows up in review as a diff of that file.
//
// The role of API Extractor's report, made from the sources with the TypeScript checker (API
// Extractor needs built declarations, a build per package that `pnpm test` does not otherwise pay
// for). Types that come from a spec (src/generated/) are listed by name only: the spec is their
// review, and they would repeat the whole generated schema here.
//
// The reports are made from the root tsconfig.json's program, the one `pnpm typecheck` (tsc)
// checks. `pnpm check:types` (`--check --typecheck`, the task `pnpm test` runs) reports that
// program's diagnostics exactly as `tsc -p tsconfig.json` would and checks the reports, in one
// process: the sources are parsed, bound and checked once for both (two programs cost 4–6 CPU-s
// more, BENCHMARKS.md#test-suite).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import ts from "typescript";
import { applyDrift, findDrift } from "./lib/codegen/files.js";

const root = resolve(import.meta.dirname, "..");
const REPORT = "api-report.md";

interface PublishedPackage {
  name: string;
  dir: string;
  entry: string;
}

/** Every package under packages/ that is published (not private). */
function publishedPackages(): PublishedPackage[] {
  return readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const dir = join(root, "packages", entry.name);
      let manifest: { name?: string; private?: boolean };
      try {
        manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as typeof manifest;
      } catch {
        return [];
      }
      if (manifest.private || !manifest.name) return [];
      return [{ name: manifest.name, dir, entry: join(dir, "src/index.ts") }];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

const FLAGS =
  ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;

/** The program of the root tsconfig.json, made as `tsc -p tsconfig.json` makes it. */
function rootProgram(): ts.Program {
  let unrecoverable: ts.Diagnostic | undefined;
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, "tsconfig.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => (unrecoverable = d) },
  );
  if (!config) {
    const why = unrecoverable && ts.flattenDiagnosticMessageText(unrecoverable.messageText, "\n");
    throw new Error(`cannot read tsconfig.json${why ? `: ${why}` : ""}`);
  }
  return ts.createProgram({
    rootNames: config.fileNames,
    options: config.options,
    projectReferences: config.projectReferences,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(config),
  });
}

/** The diagnostics `tsc` reports for a program and noEmit, in its order: config, syntax, options
 * and global, semantics (only when nothing came before), declarations (declaration: true). */
function diagnostics(program: ts.Program): readonly ts.Diagnostic[] {
  const all = [...program.getConfigFileParsingDiagnostics()];
  const configOnly = all.length;
  all.push(...program.getSyntacticDiagnostics());
  if (all.length === configOnly) {
    all.push(...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics());
    if (all.length === configOnly) all.push(...program.getSemanticDiagnostics());
    const options = program.getCompilerOptions();
    if (options.noEmit && (options.declaration || options.composite) && all.length === configOnly)
      all.push(...program.getDeclarationDiagnostics());
  }
  return ts.sortAndDeduplicateDiagnostics(all);
}

/** Prints diagnostics as tsc does: with colour and context on a terminal, else one line each
 * (`path(line,col): error TS…`). Returns the number of errors. */
function printDiagnostics(found: readonly ts.Diagnostic[]): number {
  if (found.length === 0) return 0;
  const host: ts.FormatDiagnosticsHost = {
    getCurrentDirectory: () => ts.sys.getCurrentDirectory(),
    getCanonicalFileName: (name) => name,
    getNewLine: () => ts.sys.newLine,
  };
  const pretty = process.stdout.isTTY && !process.env.NO_COLOR;
  const text = pretty
    ? ts.formatDiagnosticsWithColorAndContext(found, host)
    : ts.formatDiagnostics(found, host);
  process.stdout.write(text);
  const errors = found.filter((d) => d.category === ts.DiagnosticCategory.Error);
  const files = new Set(errors.map((d) => d.file?.fileName).filter(Boolean));
  if (errors.length > 0)
    console.error(
      `✖ ${errors.length} type error${errors.length === 1 ? "" : "s"} in ${files.size} file${files.size === 1 ? "" : "s"} (tsc -p tsconfig.json; \`pnpm typecheck\` shows the same)`,
    );
  return errors.length;
}

/** Where a declaration lives, for re-exports: a workspace package's name, else a path. */
function origin(declaration: ts.Declaration, packages: PublishedPackage[]): string | undefined {
  const file = declaration.getSourceFile().fileName;
  const home = packages.find((p) => file.startsWith(`${p.dir}/src/`));
  if (home) return home.name;
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  return match?.[1];
}

function modifiers(node: ts.Node): string {
  const flags = ts.getCombinedModifierFlags(node as ts.Declaration);
  return [
    flags & ts.ModifierFlags.Static ? "static " : "",
    flags & ts.ModifierFlags.Readonly ? "readonly " : "",
  ].join("");
}

function isPrivate(member: ts.ClassElement | ts.TypeElement): boolean {
  const flags = ts.getCombinedModifierFlags(member as ts.Declaration);
  return (
    (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0 ||
    (member.name !== undefined && ts.isPrivateIdentifier(member.name))
  );
}

/** One member of a class or interface, as a line of the report. */
function member(
  checker: ts.TypeChecker,
  node: ts.ClassElement | ts.TypeElement,
): string | undefined {
  if (isPrivate(node)) return undefined;
  const name = node.name ? node.name.getText() : "";
  const optional = (node as { questionToken?: unknown }).questionToken ? "?" : "";
  if (ts.isConstructorDeclaration(node)) {
    const signature = checker.getSignatureFromDeclaration(node)!;
    // Parameter properties (`readonly option: string`) are members too.
    const properties = node.parameters
      .filter((p) => ts.getCombinedModifierFlags(p) & ts.ModifierFlags.ParameterPropertyModifier)
      .map(
        (p) =>
          `${modifiers(p)}${p.name.getText()}: ${checker.typeToString(checker.getTypeAtLocation(p), p, FLAGS)};`,
      );
    // A construct signature's text ends in the class it makes, which the report already names.
    const parameters = checker.signatureToString(signature, node, FLAGS).replace(/: [^:]+$/, "");
    return [`constructor${parameters};`, ...properties].join("\n  ");
  }
  if (
    ts.isMethodDeclaration(node) ||
    ts.isMethodSignature(node) ||
    ts.isCallSignatureDeclaration(node) ||
    ts.isConstructSignatureDeclaration(node)
  ) {
    const signature = checker.getSignatureFromDeclaration(node as ts.SignatureDeclaration)!;
    return `${modifiers(node)}${name}${optional}${checker.signatureToString(signature, node, FLAGS)};`;
  }
  if (ts.isGetAccessor(node)) {
    const type = checker.getTypeAtLocation(node);
    return `${modifiers(node)}get ${name}(): ${checker.typeToString(type, node, FLAGS)};`;
  }
  if (ts.isIndexSignatureDeclaration(node)) return `${node.getText().replace(/\s+/g, " ")}`;
  if (ts.isPropertyDeclaration(node) || ts.isPropertySignature(node)) {
    const type = checker.getTypeAtLocation(node);
    return `${modifiers(node)}${name}${optional}: ${checker.typeToString(type, node, FLAGS)};`;
  }
  return undefined;
}

function heritage(node: ts.ClassDeclaration | ts.InterfaceDeclaration): string {
  return (node.heritageClauses ?? [])
    .map((clause) => ` ${clause.getText().replace(/\s+/g, " ")}`)
    .join("");
}

function typeParameters(node: {
  typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration>;
}): string {
  return node.typeParameters ? `<${node.typeParameters.map((p) => p.getText()).join(", ")}>` : "";
}

/** The declaration of one export, as the report shows it. */
function describe(checker: ts.TypeChecker, exported: string, declaration: ts.Declaration): string {
  const generated = /\/src\/generated\//.test(declaration.getSourceFile().fileName);
  if (generated) return `type ${exported} // generated from the spec (src/generated/)`;
  if (ts.isFunctionDeclaration(declaration)) {
    const signatures = checker.getSignaturesOfType(
      checker.getTypeAtLocation(declaration),
      ts.SignatureKind.Call,
    );
    return signatures
      .map((s) => `function ${exported}${checker.signatureToString(s, declaration, FLAGS)};`)
      .join("\n");
  }
  if (ts.isClassDeclaration(declaration) || ts.isInterfaceDeclaration(declaration)) {
    const kind = ts.isClassDeclaration(declaration) ? "class" : "interface";
    const members = (declaration.members as ts.NodeArray<ts.ClassElement | ts.TypeElement>)
      .map((m) => member(checker, m))
      .filter((line): line is string => line !== undefined)
      .sort();
    return [
      `${kind} ${exported}${typeParameters(declaration)}${heritage(declaration)} {`,
      ...members.map((m) => `  ${m}`),
      "}",
    ].join("\n");
  }
  if (ts.isTypeAliasDeclaration(declaration)) {
    const type = checker.getTypeFromTypeNode(declaration.type);
    return `type ${exported}${typeParameters(declaration)} = ${checker.typeToString(type, declaration, FLAGS | ts.TypeFormatFlags.InTypeAlias)};`;
  }
  if (ts.isVariableDeclaration(declaration)) {
    return `const ${exported}: ${checker.typeToString(checker.getTypeAtLocation(declaration), declaration, FLAGS)};`;
  }
  return `${ts.SyntaxKind[declaration.kind]} ${exported}`;
}

/** The report of one package: its exports, in name order, own ones in full, others by origin. */
function report(
  checker: ts.TypeChecker,
  pkg: PublishedPackage,
  packages: PublishedPackage[],
  source: ts.SourceFile,
): string {
  const moduleSymbol = checker.getSymbolAtLocation(source)!;
  const own: string[] = [];
  const reexports = new Map<string, string[]>();
  for (const symbol of checker
    .getExportsOfModule(moduleSymbol)
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const declaration = target.declarations?.[0];
    if (!declaration) continue;
    const from = origin(declaration, packages);
    if (from !== undefined && from !== pkg.name) {
      reexports.set(from, [...(reexports.get(from) ?? []), symbol.name]);
      continue;
    }
    own.push(
      ...(target.declarations ?? []).slice(0, 1).map((d) => describe(checker, symbol.name, d)),
    );
  }
  const lines = [
    `# API report: ${pkg.name}`,
    "",
    "<!-- Generated by scripts/api-report.ts (`pnpm api:update`). Do not edit: `pnpm test` fails when the exports differ. -->",
    "",
    "```ts",
    ...[...reexports]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([from, names]) => `export { ${names.join(", ")} } from "${from}";`),
    ...(reexports.size > 0 ? [""] : []),
    ...own.flatMap((text) => [`export ${text.replace(/\n/g, "\n")}`, ""]),
  ];
  if (lines.at(-1) === "") lines.pop();
  lines.push("```", "");
  return lines.join("\n");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      check: { type: "boolean", default: false },
      typecheck: { type: "boolean", default: false },
    },
  });
  const packages = publishedPackages();
  const program = rootProgram();
  const typeErrors = values.typecheck ? printDiagnostics(diagnostics(program)) : 0;
  const checker = program.getTypeChecker();
  const files = packages.map((pkg) => {
    const source = program.getSourceFile(pkg.entry);
    if (!source) throw new Error(`${pkg.name}: ${pkg.entry} is not in tsconfig.json's program`);
    return {
      path: relative(root, join(pkg.dir, REPORT)),
      contents: report(checker, pkg, packages, source),
    };
  });
  const drift = await findDrift(root, [], files);
  if (values.check) {
    for (const item of drift) console.error(`✖ ${item.kind}: ${item.path}`);
    if (drift.length > 0) {
      console.error(
        "The public API changed: run `pnpm api:update` and commit the reports with the change." +
          (typeErrors > 0 ? " (Or the type errors above changed what the reports show.)" : ""),
      );
      return 1;
    }
    console.log(`✔ API reports are current (${packages.map((p) => p.name).join(", ")})`);
    return typeErrors > 0 ? 1 : 0;
  }
  await applyDrift(root, drift, files);
  console.log(
    `✔ API reports: ${drift.length === 0 ? "no changes" : drift.map((d) => d.path).join(", ")}`,
  );
  return typeErrors > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    console.error(`✖ ${error.message}`);
    process.exitCode = 1;
  },
);
