// Whether a spec change breaks code that compiled against the previous generated types, decided
// by the TypeScript checker on openapi-typescript's output for both specs (the same generator
// `pnpm generate` runs). The spec diff (spec-diff.ts) cannot see this: it calls a response
// property that turned from string to integer "non-breaking", yet `data.id.toUpperCase()` no
// longer compiles.
//
// Per operation (path + method) of the old types:
// - the operation is still there;
// - responses (content of each status and media type): the new type is assignable to the old,
//   so whatever consumer code did with a response still type-checks;
// - requests (parameters, request body): the old type is assignable to the new, so every call
//   that compiled still does;
// - no member of the old types is missing from the new, on either side: reading a removed
//   response property no longer compiles, and neither does an object literal that still passes
//   a removed request property (excess property check), though assignability allows both.
// Added operations, statuses, media types and optional members break nothing.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ts from "typescript";
import { schemaModule } from "../codegen/codegen.js";
import type { ProviderEntry } from "../codegen/manifest.js";
import { parseSpec } from "../codegen/spec.js";

export interface TypeBreak {
  /** "GET /things/{id}" */
  operation: string;
  /** "operation", "response 200 (application/json)", "request body (application/json)", "parameters". */
  where: string;
  /** The member within `where`, as a property path (`[].name`, `query.limit`); "" for the whole. */
  member: string;
  /** What happened to it: "was `string`, now `number`", "removed (was `string`)", … */
  change: string;
  /** The spec location this corresponds to (JSON pointer), when the mapping is plain. */
  pointer?: string;
}

/** One line for the changelog: operation, where, which member, old and new type. */
export function describeBreak(b: TypeBreak): string {
  if (b.member === "") return `${b.operation}: ${b.where} ${b.change}`;
  return `${b.operation}: ${b.where}, \`${b.member}\`: ${b.change}`;
}

/**
 * openapi-typescript's output for one version of a provider's spec, as `pnpm generate` makes it
 * (codegen's own schemaModule, in a temporary directory so no committed file is touched).
 * Only the types matter here: a change of security schemes or servers is the spec diff's to
 * report, not a reason to fail the comparison.
 */
export async function generatedTypes(provider: ProviderEntry, specText: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "apiclients-types-"));
  try {
    // On disk, so that openapi-typescript resolves the spec's relative $refs as generate does.
    const absoluteSpec = join(root, provider.spec);
    await mkdir(dirname(absoluteSpec), { recursive: true });
    await writeFile(absoluteSpec, specText);
    const doc = parseSpec(provider.spec, specText);
    return (await schemaModule(provider, doc, absoluteSpec)).contents;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const PARAMETER_LOCATIONS = ["path", "query", "header", "cookie"];
/** The request side must accept what old code sends; the response side must give what it reads. */
type Direction = "request" | "response";

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  // The generated types use nothing beyond ES5's (Record, arrays); the smallest lib loads fastest.
  lib: ["lib.es5.d.ts"],
};
const OLD = "/virtual/old.ts";
const NEW = "/virtual/new.ts";
// Parsed lib files are the same for every comparison: parse them once per process.
const libFiles = new Map<string, ts.SourceFile | undefined>();

function program(files: Map<string, string>): ts.Program {
  const host = ts.createCompilerHost(OPTIONS, true);
  const readLib = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError) => {
    const text = files.get(name);
    if (text !== undefined) return ts.createSourceFile(name, text, language, true);
    if (!libFiles.has(name)) libFiles.set(name, readLib(name, language, onError));
    return libFiles.get(name);
  };
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(name) || exists(name);
  const read = host.readFile.bind(host);
  host.readFile = (name) => files.get(name) ?? read(name);
  host.writeFile = () => {};
  return ts.createProgram({ rootNames: [...files.keys()], options: OPTIONS, host });
}

const MAX_DEPTH = 12;
const TYPE_TEXT_LIMIT = 160;

/** Every way the new generated types break code written against the old ones. */
export function compareGeneratedTypes(oldSource: string, newSource: string): TypeBreak[] {
  const files = new Map([
    [OLD, oldSource],
    [NEW, newSource],
  ]);
  const prog = program(files);
  const checker = prog.getTypeChecker();
  // An unresolved name would type as `any` and match everything: refuse to judge instead.
  const [problem] = ts
    .getPreEmitDiagnostics(prog)
    .filter((d) => d.file !== undefined && files.has(d.file.fileName));
  if (problem) {
    const which = problem.file!.fileName === OLD ? "old" : "new";
    throw new Error(
      `the ${which} generated types do not compile: ${ts.flattenDiagnosticMessageText(problem.messageText, " ")}`,
    );
  }

  const exported = (file: string, name: string): ts.Type | undefined => {
    const module = checker.getSymbolAtLocation(prog.getSourceFile(file)!);
    const symbol = module && checker.getExportsOfModule(module).find((s) => s.name === name);
    return symbol && checker.getDeclaredTypeOfSymbol(symbol);
  };
  const isNever = (t: ts.Type) => (t.flags & ts.TypeFlags.Never) !== 0;
  const isOptional = (s: ts.Symbol) => (s.flags & ts.SymbolFlags.Optional) !== 0;
  /** A property's declared type: without the `| undefined` that `?` adds under strict. */
  const declaredType = (s: ts.Symbol): ts.Type => {
    const declaration = s.valueDeclaration;
    if (declaration && ts.isPropertySignature(declaration) && declaration.type)
      return checker.getTypeFromTypeNode(declaration.type);
    return checker.getTypeOfSymbol(s);
  };
  const member = (t: ts.Type | undefined, name: string): ts.Symbol | undefined =>
    t && checker.getPropertyOfType(checker.getNonNullableType(t), name);
  const memberType = (t: ts.Type | undefined, name: string): ts.Type | undefined => {
    const s = member(t, name);
    const type = s && declaredType(s);
    return type && !isNever(type) ? type : undefined;
  };
  const names = (t: ts.Type | undefined): string[] =>
    t ? checker.getPropertiesOfType(checker.getNonNullableType(t)).map((s) => s.name) : [];
  const text = (t: ts.Type): string => {
    if (isNever(t)) return "nothing";
    const full = checker.typeToString(t, undefined, ts.TypeFormatFlags.NoTruncation);
    return `\`${full.length > TYPE_TEXT_LIMIT ? `${full.slice(0, TYPE_TEXT_LIMIT)}…` : full}\``;
  };
  const arrayElement = (t: ts.Type): ts.Type | undefined => {
    const name = t.getSymbol()?.name;
    if ((name === "Array" || name === "ReadonlyArray") && t.flags & ts.TypeFlags.Object)
      return checker.getTypeArguments(t as ts.TypeReference)[0];
    return undefined;
  };
  const isStructured = (t: ts.Type) =>
    !t.isUnion() && (t.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) !== 0;

  const breaks: TypeBreak[] = [];

  /**
   * Compares one slot of an operation, old against new in the given direction, and records each
   * break at the deepest member that explains it.
   */
  function walk(
    at: Omit<TypeBreak, "member" | "change">,
    direction: Direction,
    oldType: ts.Type,
    newType: ts.Type,
    path: string[],
    pointer: string | undefined,
    seen: Map<ts.Type, Set<ts.Type>>,
  ): void {
    if (seen.get(oldType)?.has(newType) || path.length > MAX_DEPTH) return;
    if (!seen.has(oldType)) seen.set(oldType, new Set());
    seen.get(oldType)!.add(newType);
    const before = breaks.length;
    const record = (memberPath: string[], change: string, where = pointer) =>
      breaks.push({ ...at, member: memberPath.join(""), change, pointer: where });
    const assignable =
      direction === "response"
        ? checker.isTypeAssignableTo(newType, oldType)
        : checker.isTypeAssignableTo(oldType, newType);

    const oldShape = checker.getNonNullableType(oldType);
    const newShape = checker.getNonNullableType(newType);
    const oldElement = arrayElement(oldShape);
    const newElement = arrayElement(newShape);
    if (oldElement && newElement) {
      walk(
        at,
        direction,
        oldElement,
        newElement,
        [...path, "[]"],
        pointer && `${pointer}/items`,
        seen,
      );
    } else if (isStructured(oldShape) && isStructured(newShape)) {
      const open = checker.getIndexInfosOfType(newShape).length > 0;
      for (const oldMember of checker.getPropertiesOfType(oldShape)) {
        const name = oldMember.name;
        const memberPath = [...path, path.length === 0 ? name : `.${name}`];
        const memberPointer = pointer && `${pointer}/properties/${escapePointer(name)}`;
        const newMember = checker.getPropertyOfType(newShape, name);
        const oldMemberType = declaredType(oldMember);
        if (!newMember) {
          // A record type (`[key: string]: …`) still lets code name the member.
          if (!open && !isNever(oldMemberType))
            record(memberPath, `removed (was ${text(oldMemberType)})`, memberPointer);
          continue;
        }
        if (direction === "request" && isOptional(oldMember) && !isOptional(newMember))
          record(memberPath, "was optional, now required", memberPointer);
        if (direction === "response" && !isOptional(oldMember) && isOptional(newMember))
          record(memberPath, "was always present, now optional", memberPointer);
        walk(
          at,
          direction,
          oldMemberType,
          declaredType(newMember),
          memberPath,
          memberPointer,
          seen,
        );
      }
      if (direction === "request")
        for (const newMember of checker.getPropertiesOfType(newShape)) {
          if (isOptional(newMember) || checker.getPropertyOfType(oldShape, newMember.name))
            continue;
          const name = newMember.name;
          record(
            [...path, path.length === 0 ? name : `.${name}`],
            `added and required (${text(declaredType(newMember))})`,
            pointer && `${pointer}/properties/${escapePointer(name)}`,
          );
        }
    }
    // Nothing deeper explains it: the difference is this type itself (a union, a primitive, null).
    if (!assignable && breaks.length === before)
      record(path, `was ${text(oldType)}, now ${text(newType)}`);
  }

  const oldPaths = exported(OLD, "paths");
  const newPaths = exported(NEW, "paths");
  for (const path of names(oldPaths)) {
    for (const method of METHODS) {
      const oldOperation = memberType(memberType(oldPaths, path), method);
      if (!oldOperation) continue;
      const operation = `${method.toUpperCase()} ${path}`;
      const opPointer = `/paths/${escapePointer(path)}/${method}`;
      const newOperation = memberType(memberType(newPaths, path), method);
      if (!newOperation) {
        breaks.push({
          operation,
          where: "operation",
          member: "",
          change: "removed",
          pointer: opPointer,
        });
        continue;
      }
      const seen = new Map<ts.Type, Set<ts.Type>>();

      // Parameters: one object per location; parameter pointers are by index, so none is given.
      const oldParameters = memberType(oldOperation, "parameters");
      const newParameters = memberType(newOperation, "parameters");
      if (oldParameters && newParameters)
        for (const location of PARAMETER_LOCATIONS) {
          const oldLocation = memberType(oldParameters, location);
          const newLocation = memberType(newParameters, location);
          const at = { operation, where: `${location} parameters` };
          if (!oldLocation) {
            if (newLocation && !isOptional(member(newParameters, location)!))
              for (const name of names(newLocation))
                if (!isOptional(member(newLocation, name)!))
                  breaks.push({ ...at, member: name, change: "added and required" });
            continue;
          }
          if (!newLocation) {
            for (const name of names(oldLocation))
              breaks.push({ ...at, member: name, change: "removed" });
            continue;
          }
          walk(at, "request", oldLocation, newLocation, [], undefined, seen);
        }

      // Request body: required where it was optional breaks calls that left it out.
      const oldBody = member(oldOperation, "requestBody");
      const newBody = member(newOperation, "requestBody");
      const bodyPointer = `${opPointer}/requestBody`;
      if (oldBody && newBody && !isNever(declaredType(newBody))) {
        if (isOptional(oldBody) && !isOptional(newBody) && !isNever(declaredType(oldBody)))
          breaks.push({
            operation,
            where: "request body",
            member: "",
            change: "was optional, now required",
            pointer: bodyPointer,
          });
        const oldContent = memberType(declaredType(oldBody), "content");
        const newContent = memberType(declaredType(newBody), "content");
        for (const mediaType of names(oldContent)) {
          const at = { operation, where: `request body (${mediaType})` };
          const mediaPointer = `${bodyPointer}/content/${escapePointer(mediaType)}`;
          const oldMedia = memberType(oldContent, mediaType)!;
          const newMedia = memberType(newContent, mediaType);
          if (!newMedia)
            breaks.push({ ...at, member: "", change: "no longer accepted", pointer: mediaPointer });
          else walk(at, "request", oldMedia, newMedia, [], `${mediaPointer}/schema`, seen);
        }
      } else if (oldBody && !isNever(declaredType(oldBody))) {
        breaks.push({
          operation,
          where: "request body",
          member: "",
          change: "no longer accepted",
          pointer: bodyPointer,
        });
      }

      // Responses: the content of each status and media type (headers reach consumers as an
      // untyped Headers object, so they are not compared).
      const oldResponses = memberType(oldOperation, "responses");
      const newResponses = memberType(newOperation, "responses");
      for (const status of names(oldResponses)) {
        const statusPointer = `${opPointer}/responses/${escapePointer(status)}`;
        const oldContent = memberType(memberType(oldResponses, status), "content");
        const newStatus = memberType(newResponses, status);
        if (!newStatus) {
          breaks.push({
            operation,
            where: `response ${status}`,
            member: "",
            change: "removed",
            pointer: statusPointer,
          });
          continue;
        }
        const newContent = memberType(newStatus, "content");
        for (const mediaType of names(oldContent)) {
          const at = { operation, where: `response ${status} (${mediaType})` };
          const mediaPointer = `${statusPointer}/content/${escapePointer(mediaType)}`;
          const oldMedia = memberType(oldContent, mediaType)!;
          const newMedia = memberType(newContent, mediaType);
          if (!newMedia)
            breaks.push({ ...at, member: "", change: "removed", pointer: mediaPointer });
          else walk(at, "response", oldMedia, newMedia, [], `${mediaPointer}/schema`, seen);
        }
      }
    }
  }
  return breaks;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
