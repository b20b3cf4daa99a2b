/** Import resolution to project files, and the parser spec taken from a rule's context. */
import { mkdirSync, realpathSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import tsParser from "@typescript-eslint/parser";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parserSpecOf, withParsedModule } from "../../src/project/parse";
import { summarize } from "../../src/project/summaries";
import { DEFAULT_SETTINGS } from "../../src/settings";
import { resolveImport, resolveTypeImport } from "../../src/project/resolve";
import { ResolverFactory } from "oxc-resolver";
import { project, write } from "./fixtures";

describe("resolveImport", () => {
  afterEach(() => vi.useRealTimers());

  const dir = project({
    "tsconfig.base.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["src/*"], "~lib/*": ["lib/*"] } } }),
    "tsconfig.json": JSON.stringify({ extends: "./tsconfig.base.json" }),
    "package.json": JSON.stringify({ name: "app", type: "module", imports: { "#db": "./src/db/index.ts" } }),
    "src/index.ts": "",
    "src/db/index.ts": "",
    "src/db/client.ts": "",
    "src/util.mts": "",
    "lib/mailer.ts": "",
    "node_modules/some-sdk/package.json": JSON.stringify({ name: "some-sdk", main: "index.js" }),
    "node_modules/some-sdk/index.js": "",
  });
  const from = join(dir, "src/index.ts");

  const cases: [string, string | null][] = [
    ["./db/client.js", "src/db/client.ts"], // why: the TypeScript ESM convention, .js naming .ts
    ["./db", "src/db/index.ts"], // why: an index file
    ["./util.mjs", "src/util.mts"], // why: .mjs naming .mts
    ["@/db/client", "src/db/client.ts"], // why: tsconfig paths, through extends
    ["~lib/mailer", "lib/mailer.ts"],
    ["#db", "src/db/index.ts"], // why: package #imports
    ["some-sdk", null], // why: never into node_modules
    ["node:fs", null],
    ["cloudflare:workers", null],
    ["./missing", null],
  ];
  it.each(cases)("%s", (specifier, expected) => {
    expect(resolveImport(from, specifier)).toBe(expected === null ? null : join(dir, expected));
  });

  it("finds a module created after a failed lookup, once the retry time has passed", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    expect(resolveImport(from, "./later")).toBeNull();
    write(dir, "src/later.ts", "");
    // why: a failed lookup is remembered for a moment, then retried with the resolver's cache cleared
    expect(resolveImport(from, "./later")).toBeNull();
    vi.advanceTimersByTime(5_000);
    expect(resolveImport(from, "./later")).toBe(join(dir, "src/later.ts"));
  });

  it("keeps a failed relative lookup, with the resolver's cache, while the folder it names is unchanged", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const dir = project({ "src/index.ts": "", "src/lib/a.ts": "" });
    const index = join(dir, "src/index.ts");
    expect(resolveImport(index, "./lib/missing")).toBeNull();
    vi.advanceTimersByTime(5_000);
    const lookups = vi.spyOn(ResolverFactory.prototype, "resolveFileSync");
    const clears = vi.spyOn(ResolverFactory.prototype, "clearCache");
    // why: nothing was created in src/lib: the answer stands, with no lookup and no cache thrown away
    expect(resolveImport(index, "./lib/missing")).toBeNull();
    expect([lookups.mock.calls.length, clears.mock.calls.length]).toEqual([0, 0]);
    write(dir, "src/lib/missing.ts", "");
    vi.advanceTimersByTime(5_000);
    expect(resolveImport(index, "./lib/missing")).toBe(join(dir, "src/lib/missing.ts"));
    lookups.mockRestore();
    clears.mockRestore();
  });

  it("asks again for a bare specifier only after a longer wait", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const dir = project({ "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@app/*": ["src/*"] } } }), "src/index.ts": "" });
    const index = join(dir, "src/index.ts");
    expect(resolveImport(index, "@app/later")).toBeNull();
    write(dir, "src/later.ts", "");
    vi.advanceTimersByTime(5_000);
    // why: a bare specifier that failed is most often a package not installed; it is not asked for on every file
    expect(resolveImport(index, "@app/later")).toBeNull();
    vi.advanceTimersByTime(60_000);
    expect(resolveImport(index, "@app/later")).toBe(join(dir, "src/later.ts"));
  });
});

describe("resolveImport of a workspace package", () => {
  const dir = project({
    "packages/lib/package.json": JSON.stringify({
      name: "@repo/lib",
      exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" }, "./db/*": { default: "./dist/db/*.js" }, "./auth": "./build/auth/main.mjs" },
    }),
    "packages/lib/src/index.ts": "",
    "packages/lib/src/db/setup.ts": "",
    "packages/lib/src/auth/main.ts": "",
    "packages/lib/src/extra/tool.ts": "",
    "apps/web/src/index.ts": "",
    "node_modules/installed/package.json": JSON.stringify({ name: "installed", exports: { ".": "./dist/index.js" } }),
    "node_modules/installed/src/index.ts": "",
  });
  // pnpm and npm workspaces link a package of the repository into node_modules
  mkdirSync(join(dir, "node_modules/@repo"), { recursive: true });
  symlinkSync(join(dir, "packages/lib"), join(dir, "node_modules/@repo/lib"), "dir");
  const from = join(dir, "apps/web/src/index.ts");

  const cases: [string, string | null][] = [
    ["@repo/lib", "packages/lib/src/index.ts"], // why: the root's export names a build not made; its source is under src/
    ["@repo/lib/db/setup", "packages/lib/src/db/setup.ts"], // why: a pattern export, \`dist/db/*.js\` read as \`src/db/*.ts\`
    ["@repo/lib/auth", "packages/lib/src/auth/main.ts"], // why: another build folder and extension
    ["@repo/lib/extra/tool", "packages/lib/src/extra/tool.ts"], // why: no export names it: the subpath under src/
    ["@repo/lib/missing", null],
    ["installed", null], // why: a package installed in node_modules is never a project module, sources or not
  ];
  it.each(cases)("%s", (specifier, expected) => {
    expect(resolveImport(from, specifier)).toBe(expected === null ? null : join(realpathSync(dir), expected));
  });
});

describe("resolveImport of a workspace package no install has linked", () => {
  it("finds it by the name the workspace declares it with: pnpm's list, or package.json's workspaces", () => {
    const pnpm = project({
      "pnpm-workspace.yaml": "packages:\n  - 'apps/*'\n  - \"packages/**\"\n  - '!packages/ignored'\n# more\nonlyBuiltDependencies:\n  - esbuild\n",
      "package.json": JSON.stringify({ name: "root", private: true }),
      "packages/shared/store/package.json": JSON.stringify({ name: "@acme/store", main: "index.ts" }),
      "packages/shared/store/index.ts": "",
      "apps/worker/package.json": JSON.stringify({ name: "worker" }),
      "apps/worker/src/index.ts": "",
      "esbuild/package.json": JSON.stringify({ name: "esbuild-local" }),
      "esbuild/index.ts": "",
    });
    const npm = project({
      "package.json": JSON.stringify({ name: "root", workspaces: { packages: ["libs/*"] } }),
      "libs/db/package.json": JSON.stringify({ name: "@acme/db", exports: { "./client": "./dist/client.js" } }),
      "libs/db/src/client.ts": "",
      "worker/src/index.ts": "",
    });
    const fromPnpm = join(pnpm, "apps/worker/src/index.ts");
    // why: no node_modules at all (a fresh clone): the workspace's own list names the package's folder
    expect(resolveImport(fromPnpm, "@acme/store")).toBe(join(pnpm, "packages/shared/store/index.ts"));
    // why: a folder of the repository the workspace does not list is no package of it
    expect(resolveImport(fromPnpm, "esbuild-local")).toBeNull();
    expect(resolveImport(join(npm, "worker/src/index.ts"), "@acme/db/client")).toBe(join(npm, "libs/db/src/client.ts"));
    expect(resolveImport(join(npm, "worker/src/index.ts"), "@acme/missing")).toBeNull();
    // why: a package named by a scope alone (\`@db\`, as a workspace may), also with a subpath
    const scoped = project({
      "pnpm-workspace.yaml": "packages:\n  - 'worker/'\n  - 'packages/db/'\n",
      "packages/db/package.json": JSON.stringify({ name: "@db", main: "index.ts" }),
      "packages/db/index.ts": "",
      "packages/db/src/schema.ts": "",
      "worker/src/index.ts": "",
    });
    expect(resolveImport(join(scoped, "worker/src/index.ts"), "@db")).toBe(join(scoped, "packages/db/index.ts"));
    expect(resolveImport(join(scoped, "worker/src/index.ts"), "@db/schema")).toBe(join(scoped, "packages/db/src/schema.ts"));
    // why: YAML's flow list is the same list
    const flow = project({
      "pnpm-workspace.yaml": `packages: ["libs/*", 'apps/*']\n`,
      "libs/kv/package.json": JSON.stringify({ name: "@acme/kv", main: "index.ts" }),
      "libs/kv/index.ts": "",
      "apps/w/src/index.ts": "",
    });
    expect(resolveImport(join(flow, "apps/w/src/index.ts"), "@acme/kv")).toBe(join(flow, "libs/kv/index.ts"));
    // why: a subpath no \`exports\` names is a path inside the package (\`@acme/helpers/src/types\`), as an install would resolve it
    const helpers = { "package.json": JSON.stringify({ name: "@acme/helpers", main: "src/index.ts" }), "src/index.ts": "", "src/types.ts": "" };
    const deep = project({ "pnpm-workspace.yaml": "packages: [apps/*, packages/*]\n", "apps/w/src/index.ts": "", ...Object.fromEntries(Object.entries(helpers).map(([k, v]) => [`packages/helpers/${k}`, v])) });
    expect(resolveTypeImport(join(deep, "apps/w/src/index.ts"), "@acme/helpers/src/types")).toBe(join(deep, "packages/helpers/src/types.ts"));
    expect(resolveTypeImport(join(deep, "apps/w/src/index.ts"), "@acme/helpers/src/missing")).toBeNull();
  });
});

describe("resolveImport with a tsconfig that cannot be read", () => {
  it("still resolves relative imports", () => {
    const dir = project({
      "tsconfig.json": JSON.stringify({ extends: "./.svelte-kit/tsconfig.json" }),
      "src/index.ts": "",
      "src/evidence.ts": "",
    });
    // why: the tsconfig extends a generated file that is not there (not built yet)
    expect(resolveImport(join(dir, "src/index.ts"), "./evidence")).toBe(join(dir, "src/evidence.ts"));
  });
});

describe("resolveImport through aliases the resolver leaves unapplied", () => {
  it("applies paths inherited from a config that also sets include (SvelteKit's generated tsconfig)", () => {
    const dir = project({
      "tsconfig.json": JSON.stringify({ extends: "./.svelte-kit/tsconfig.json", compilerOptions: { strict: true } }),
      ".svelte-kit/tsconfig.json": JSON.stringify({ compilerOptions: { paths: { $lib: ["../src/lib"], "$lib/*": ["../src/lib/*"] } }, include: ["../src/**/*.ts"] }),
      "src/routes/api/+server.ts": "",
      "src/lib/server/auth.ts": "",
      "src/lib/index.ts": "",
    });
    const from = join(dir, "src/routes/api/+server.ts");
    // why: the inherited paths are relative to the config that writes them, the generated one
    expect(resolveImport(from, "$lib/server/auth")).toBe(join(dir, "src/lib/server/auth.ts"));
    expect(resolveImport(from, "$lib")).toBe(join(dir, "src/lib/index.ts"));
    expect(resolveImport(from, "$lib/missing")).toBeNull();
  });

  it("knows SvelteKit's $lib and the config's kit.alias before the generated tsconfig exists", () => {
    const dir = project({
      "tsconfig.json": JSON.stringify({ extends: "./.svelte-kit/tsconfig.json" }),
      "svelte.config.js": `import adapter from "@sveltejs/adapter-cloudflare";\nexport default { kit: { adapter: adapter(), alias: { $src: "src", "$db/*": "src/lib/database/*" } } };\n`,
      "src/hooks.server.ts": "",
      "src/lib/database/db.ts": "",
      "src/lib/server/keep.js": "",
    });
    const from = join(dir, "src/hooks.server.ts");
    // why: a fresh clone has no .svelte-kit yet; the aliases are SvelteKit's own and the config's
    expect(resolveImport(from, "$lib/server/keep.js")).toBe(join(dir, "src/lib/server/keep.js"));
    expect(resolveImport(from, "$src/lib/database/db.js")).toBe(join(dir, "src/lib/database/db.ts"));
    expect(resolveImport(from, "$db/db")).toBe(join(dir, "src/lib/database/db.ts"));
    // why: an alias the config does not declare stays a package
    expect(resolveImport(from, "$other/db")).toBeNull();
  });
});

describe("parserSpecOf", () => {
  it("takes a flat config's parser and drops type-aware options", () => {
    const spec = parserSpecOf({
      languageOptions: { parser: tsParser, ecmaVersion: 2022, sourceType: "module", parserOptions: { projectService: true, project: "./tsconfig.json", ecmaFeatures: { jsx: true } } },
    });
    expect(spec?.languageOptions).toEqual({ parser: tsParser, ecmaVersion: 2022, sourceType: "module", parserOptions: { ecmaFeatures: { jsx: true } } });
  });

  it("loads an .eslintrc's parser from its path", () => {
    const spec = parserSpecOf({ parserPath: require.resolve("@typescript-eslint/parser"), parserOptions: { project: true } });
    expect(spec?.languageOptions.parser).toBe(tsParser);
    expect(spec?.languageOptions.parserOptions).toEqual({});
  });

  it("parses with oxc-parser alone when the runner gives no parser", () => {
    // why: oxlint's JS plugins give the rule no parser; modules are still summarised, by oxc-parser
    const spec = parserSpecOf({});
    expect(spec?.languageOptions.parser).toBeUndefined();
    const kept = withParsedModule("/project/src/keep.ts", "let kept: string;\nexport function keep(v: string) { kept = v; }\n", spec!, (sc) =>
      summarize(sc, "/project/src/keep.ts", DEFAULT_SETTINGS, null, new Set(["keep"]), null),
    );
    expect(kept?.callables.keep?.[0]?.target).toBe("`kept`");
  });

  it("keys equal parsers and options alike, and others apart", () => {
    const a = parserSpecOf({ languageOptions: { parser: tsParser, parserOptions: { project: true } } });
    const b = parserSpecOf({ languageOptions: { parser: tsParser, parserOptions: {} } });
    const c = parserSpecOf({ languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } });
    expect(a?.key).toBe(b?.key);
    expect(c?.key).not.toBe(a?.key);
  });
});
