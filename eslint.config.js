// Lint rules for every package; generated code and build output are not ours to lint.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Every package under packages/ that is published (not private): a new provider package is
 * one of them as soon as `pnpm generate` has made it, with no edit here. */
const publishedPackages = readdirSync(join(import.meta.dirname, "packages"), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .filter((entry) => {
    try {
      const manifest = join(import.meta.dirname, "packages", entry.name, "package.json");
      return JSON.parse(readFileSync(manifest, "utf8")).private !== true;
    } catch {
      return false; // no package.json: not a package
    }
  })
  .map((entry) => entry.name);

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/coverage/**",
      "**/src/generated/**",
      "**/.turbo/**",
      "**/node_modules/**",
      "**/.cache/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-control-regex": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // CommonJS examples show a require() user's code as it is written.
    files: ["**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        console: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Published code runs wherever fetch exists (Node, Deno, Bun, browsers, edge workers):
    // no Node built-in modules or Node-only globals on that path.
    files: publishedPackages.map((name) => `packages/${name}/src/**/*.ts`),
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ regex: "^node:", message: "Published code must run outside Node." }],
          paths: [
            "fs",
            "path",
            "os",
            "url",
            "util",
            "http",
            "https",
            "net",
            "crypto",
            "stream",
            "buffer",
            "events",
            "child_process",
            "module",
            "process",
          ].map((name) => ({ name, message: "Published code must run outside Node." })),
        },
      ],
      "no-restricted-globals": [
        "error",
        ...[
          "process",
          "Buffer",
          "require",
          "__dirname",
          "__filename",
          "global",
          "setImmediate",
        ].map((name) => ({
          name,
          message: "Node-only global: published code must run outside Node.",
        })),
      ],
    },
  },
  {
    // Test files may use the odd empty function for a stub and non-null assertions.
    files: ["**/test/**"],
    rules: { "@typescript-eslint/no-empty-function": "off" },
  },
);
