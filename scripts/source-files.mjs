/**
 * What `scripts/lint-folder.mjs` and `bench/run.mjs --dir` lint in a folder of real code, and how:
 * the source files under it (without dependencies, build output and generated folders) and the
 * flat config that parses each of them (ESLint's default parser for JavaScript, JSX on;
 * @typescript-eslint/parser for TypeScript). Both scripts import this module, so the benchmark
 * measures exactly the files and parsers that lint-folder reports on.
 */
import { lstatSync, readdirSync } from "node:fs";
import { extname, join } from "node:path";

/** Folders never entered: dependencies, build output, caches of frameworks and tools. */
export const IGNORED_DIRS = new Set([
  "node_modules",
  "dist",
  "build",
  "out",
  "coverage",
  ".wrangler",
  ".git",
  ".next",
  ".nuxt",
  ".output",
  ".svelte-kit",
  ".astro",
  ".vercel",
  ".turbo",
  ".cache",
  ".open-next",
  ".react-router",
  ".mf",
  "vendor",
]);
export const JS_EXT = new Set([".js", ".mjs", ".cjs", ".jsx"]);
export const TS_EXT = new Set([".ts", ".mts", ".cts", ".tsx"]);

export const isTypeScript = (path) => TS_EXT.has(extname(path));
export const isDeclaration = (path) => /\.d\.[cm]?ts$/.test(path);

/**
 * Source files under `dir`, sorted, walked with an explicit stack (no recursion limit), symbolic
 * links not followed. Minified bundles (`*.min.js`) are left out; files over `maxBytes` are listed
 * in `skipped`. `declarations: false` also leaves out `.d.ts` files (listed in `declarations`).
 */
export function collectSourceFiles(dir, { maxBytes = 1_000_000, declarations = true } = {}) {
  const files = [];
  const skipped = [];
  const skippedDeclarations = [];
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop();
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (!IGNORED_DIRS.has(entry.name)) stack.push(path);
        continue;
      }
      const ext = extname(entry.name);
      if (!JS_EXT.has(ext) && !TS_EXT.has(ext)) continue;
      if (/\.min\.[cm]?js$/.test(entry.name)) continue;
      if (!declarations && isDeclaration(entry.name)) {
        skippedDeclarations.push(path);
        continue;
      }
      const size = lstatSync(path).size;
      if (size > maxBytes) skipped.push({ path, size });
      else files.push(path);
    }
  }
  return { files: files.sort(), skipped, declarations: skippedDeclarations.sort() };
}

/**
 * The flat config both scripts lint with: `rules` (with `plugins`) on every source file;
 * JavaScript as modules with JSX, `.cjs` as CommonJS, TypeScript through `tsParser`.
 */
export function sourceConfig({ plugins, rules, tsParser }) {
  return [
    {
      files: ["**/*.js", "**/*.mjs", "**/*.cjs", "**/*.jsx"],
      plugins,
      rules,
      languageOptions: {
        ecmaVersion: "latest",
        sourceType: "module",
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
    },
    { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs" } },
    {
      files: ["**/*.ts", "**/*.mts", "**/*.cts", "**/*.tsx"],
      plugins,
      rules,
      languageOptions: { parser: tsParser, ecmaVersion: "latest", sourceType: "module" },
    },
  ];
}
