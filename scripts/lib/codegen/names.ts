// The names a provider's manifest `name` turns into: npm package, factory, client type, env prefix.

/** Every provider package is published under this scope. */
export const SCOPE = "@apiclients";

/**
 * A provider name: lowercase words of letters and digits joined by single hyphens, starting with
 * a letter. Stricter than npm's rules on purpose: each name must also make a TypeScript
 * identifier (`basic-admin` → `createBasicAdminClient`) and an environment variable prefix.
 */
export const PROVIDER_NAME_RE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** npm allows 214 characters in a package name, scope included. */
export const MAX_NAME_LENGTH = 214 - `${SCOPE}/`.length;

/** `basic-admin` → `BasicAdmin`. */
export function pascalCase(name: string): string {
  return name
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

export interface ProviderNames {
  /** `@apiclients/basic-admin` */
  packageName: string;
  /** `BasicAdmin` */
  pascal: string;
  /** `createBasicAdminClient` */
  factory: string;
  /** `BasicAdminClient` */
  clientType: string;
  /** `basicAdmin`: the variable the README's example keeps its client in. */
  variable: string;
  /** `BASIC_ADMIN`: the prefix of environment variables named after the provider. */
  envPrefix: string;
}

// Words a variable cannot be named (a provider called `new` keeps its client in `newApi`).
const RESERVED = new Set(
  (
    "arguments await break case catch class const continue debugger default delete do else enum " +
    "eval export extends false finally for function if implements import in instanceof interface " +
    "let new null package private protected public return static super switch this throw true try " +
    "typeof var void while with yield"
  ).split(" "),
);

export function providerNames(name: string): ProviderNames {
  const pascal = pascalCase(name);
  const variable = pascal.charAt(0).toLowerCase() + pascal.slice(1);
  return {
    packageName: `${SCOPE}/${name}`,
    pascal,
    factory: `create${pascal}Client`,
    clientType: `${pascal}Client`,
    variable: RESERVED.has(variable) ? `${variable}Api` : variable,
    envPrefix: name.toUpperCase().replaceAll("-", "_"),
  };
}
