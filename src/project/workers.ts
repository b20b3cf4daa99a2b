/**
 * The Worker a linted file belongs to: the nearest `wrangler.json` / `wrangler.jsonc` /
 * `wrangler.toml` in the file's folder or above (up to the package or repository root), read
 * with the `.dev.vars` / `.env` files and the generated `worker-configuration.d.ts` beside it.
 *
 * Kept per process as plain data (names, kinds, flags: never a value, an AST or a rule context),
 * keyed by the config's path and the interface names read, and re-checked by the mtime and size
 * of every file it was read from and of the config's folder (a `.dev.vars` added or removed
 * changes it), at most once a second (`isFresh` in stamp.ts). Folder lookups are kept the same way.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { WorkerView } from "../engine/analysis";
import type { BindingKind } from "../engine/shape";
import { isNodeServerModule, LOCAL_LOOKING } from "../engine/sources";
import type { Settings } from "../settings";
import { ASSETS, SECRET, VAR } from "./binding-kinds";
import { castMembers, jsdocMembers, commentedSecretNames, envFileNames, secretsPut, envInterfaceMembers, envTypeImports, envTypeNamesIn, isEnvFileName, scriptModules, scriptVarNames, tableNames, typegenOutputs, TYPES_FILE, withBaseInterfaces } from "./declared-names";
import { resolveTypeImport } from "./resolve";
import { braceMembers } from "./text-check";
import { fileStamp, isFresh } from "./stamp";
import { CONFIG_NAMES, ConfigError, SIBLING_CONFIG, parseConfigText, readDeclarations } from "./worker-config";

/** Config, env and types files larger than this are not read. */
const MAX_BYTES = 4_000_000;
/** Folders walked up from a file at most. */
const MAX_LEVELS = 32;
/** Folders above a Worker's config whose env files are read (a monorepo's root is seldom further). */
const MAX_ENV_LEVELS = 4;
const HOME = homedir();
/** The walk for hand-written env types: folders deep, folders and files at most. */
const TYPES_DEPTH = 6;
const TYPES_MAX_FOLDERS = 2000;
const TYPES_MAX_FILES = 64;
/** Folders never walked for env types: packages, build output, assets, tests. */
const SKIPPED_FOLDERS = new Set(["node_modules", "dist", "build", "out", "public", "coverage", "test", "tests", "__tests__", "fixtures"]);
/** Folders of a Worker's project that hold Node scripts and tooling, not Worker code. */
const TOOLING_FOLDERS = new Set(["scripts", "script", "tools", "bin", "e2e", "tests-e2e", "test", "tests", "__tests__", "bench", "benchmarks", "conformance"]);
/** A tool's own config file (`vite.config.ts`, `playwright.config.ts`): Node code. */
const TOOL_CONFIG = /(?:\.config\.(?:[\w-]+\.)*|(?:^|[\\/])(?:knexfile|\.?pnpmfile)\.)[cm]?[jt]sx?$/;
/** A module of the app named like a tool's config: Auth.js's `auth.config.ts`, imported by the app's `auth.ts` and middleware. */
const APP_CONFIG = /(?:^|[\\/])auth\.config\.[cm]?[jt]sx?$/;
/** An entry module under one of these is build output of a framework: its code is the project's. */
const BUILD_OUTPUT = /^(?:\.[^/]+|dist|build|out)$/;
/** OpenNext's config file. */
const OPEN_NEXT_CONFIG = /^open-next\.config\.[cm]?[jt]s$/;
/** A package specifier's shape (`@scope/name/…`). */
const PACKAGE_ENTRY = /^@[\w.-]+\/[\w.-]+/;
/** An infrastructure-as-code program run from the shell (`alchemy.run.ts`). */
const RUN_SCRIPT = /\.run\.[cm]?[jt]s$/;
/**
 * Where hand-written env types usually live: `*.d.ts`, `env.ts`, `types.ts`, `types/*.ts`; and where a
 * Remix or React Router app declares its load context's env (`load-context.ts`, the Worker's
 * `server.ts`), also when the config's `main` is a build output.
 */
const TYPES_FILE_NAME = /^(?:env|types|bindings|worker-env|load-context|server)\.(?:ts|mts|cts)$/i;

interface Folder {
  stamp: string;
  /** The config files present, in wrangler's order of preference. */
  configs: string[];
  /** The folder is a package or repository root: the search stops there. */
  root: boolean;
  /** Other configs of the folder (`wrangler-dev.toml`), whose names count as declared too. */
  siblings: string[];
  /** Whether a `package.json` is there, whose scripts may hand wrangler vars (`--var NAME:value`). */
  packageJson: boolean;
  /** `.dev.vars` / `.env` files present. */
  envFiles: string[];
  /** A README (`README.md`), whose setup steps may name the secrets to set (`wrangler secret put API_KEY`). */
  readmes: string[];
  types: boolean;
  /** The folder is a repository's root (`.git`): a Worker's env files are looked for up to it. */
  repository: boolean;
  /** An OpenNext app (`open-next.config.ts`): its adapter copies the Worker's vars and secrets into `process.env`. */
  openNext: boolean;
}

interface Entry {
  stamps: Map<string, string>;
  /** When the stamps were last found unchanged. */
  checkedAt: number;
  view: WorkerView;
  /** The config's folder. */
  dir: string;
  /** Where the Worker's own code is, for `process.env` (see {@link isWorkerCode}), and the modules the package's scripts run (a tool's). */
  code: { root: string; only?: string; tools?: ReadonlySet<string> };
  /**
   * The entry module's path, the modules it imports by a relative specifier (its routes, a sub-app's),
   * and whether it serves a framework's build of the app (`import("virtual:react-router/server-build")`).
   */
  main?: { path: string; imports: readonly string[]; buildsApp: boolean };
  /** The folder of the static assets the Worker serves (absolute), when the config names one. */
  assets?: string;
}

const folders = new Map<string, Folder>();
const workers = new Map<string, Entry>();
/** Members of the env types a module declares, by path and interface names, with its stamp. */
const typeModules = new Map<string, { stamps: [string, string][]; members: Map<string, BindingKind> }>();

/** Counts configs read (cache misses), for tests. */
export const workerStats = { reads: 0 };

function folderOf(dir: string): Folder | null {
  const stamp = fileStamp(dir);
  if (stamp === null) return null;
  const known = folders.get(dir);
  if (known && known.stamp === stamp) return known;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  const present = new Set(names);
  const folder: Folder = {
    stamp,
    configs: CONFIG_NAMES.filter((n) => present.has(n)),
    siblings: names.filter((n) => SIBLING_CONFIG.test(n)).sort(),
    root: present.has("package.json") || present.has(".git"),
    envFiles: names.filter(isEnvFileName).sort(),
    readmes: names.filter((n) => README.test(n)),
    packageJson: present.has("package.json"),
    types: present.has(TYPES_FILE),
    repository: present.has(".git"),
    openNext: names.some((n) => OPEN_NEXT_CONFIG.test(n)),
  };
  folders.set(dir, folder);
  return folder;
}

/** A README, and the notes written for coding agents beside it (`CLAUDE.md`, `AGENTS.md`), which list what to set as often. */
const README = /^(?:readme(?:\.(?:md|markdown|txt))?|(?:claude|agents)\.md)$/i;

/** A folder's nearest config, with when it was found: trusted for as long as a stamp. */
const nearest = new Map<string, { config: string | null; at: number }>();

/** The nearest config file of a linted file, or null. */
export function findConfig(filename: string): string | null {
  const start = dirname(filename);
  const now = Date.now();
  const known = nearest.get(start);
  if (known && isFresh(known.at, now)) return known.config;
  const config = searchConfig(start);
  if (nearest.size >= 50_000) nearest.clear();
  nearest.set(start, { config, at: now });
  return config;
}

function searchConfig(start: string): string | null {
  let dir = start;
  for (let i = 0; i < MAX_LEVELS; i++) {
    const folder = folderOf(dir);
    if (folder?.configs.length) return join(dir, folder.configs[0]);
    const parent = dirname(dir);
    if (!folder || folder.root || parent === dir) return null;
    dir = parent;
  }
  return null;
}

/**
 * The configs of the folders right under `dir` (not packages or build output) whose `main` leaves
 * their folder for `dir`'s tree (`../workers/x.js`): what each declares. The folders' stamps
 * go into `stamps`, so a config added there is seen.
 */
function outsideEntryConfigs(dir: string, stamps: Map<string, string>): ReadonlyMap<string, BindingKind>[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: ReadonlyMap<string, BindingKind>[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith(".") || SKIPPED_FOLDERS.has(e.name)) continue;
    const sub = join(dir, e.name);
    const folder = folderOf(sub);
    if (!folder || folder.packageJson) continue;
    stamps.set(sub, folder.stamp);
    for (const name of [...folder.configs, ...folder.siblings]) {
      const text = readSmall(join(sub, name), stamps);
      try {
        const declared = text === null ? null : readDeclarations(parseConfigText(name, text));
        if (declared?.main?.replace(/\\/g, "/").startsWith("../")) found.push(declared.bindings);
      } catch {
        // A config that does not parse declares nothing here.
      }
    }
  }
  return found;
}

/** The comment lines a module opens with, before its first statement, each as a `//` line (a block's ` * ` too). */
function openingComment(text: string): string {
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/, 200)) {
    const t = line.trim();
    if (t !== "" && !t.startsWith("//") && !t.startsWith("/*") && !t.startsWith("*")) break;
    lines.push(t.replace(/^\/\*+|^\*\/|^\*(?!\/)/, "//").replace(/\*\/$/, ""));
  }
  return lines.join("\n");
}

function readSmall(path: string, stamps: Map<string, string>): string | null {
  const stamp = fileStamp(path);
  if (stamp === null) return null;
  stamps.set(path, stamp);
  if (Number(stamp.split(":")[1]) > MAX_BYTES) return null;
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/**
 * The files of a Worker's folder that may declare its env type by hand (`app.d.ts` with
 * `App.Platform`, `types/env.ts` with `interface Env`), not going into another Worker's folder.
 * The walk runs when the Worker is read; a types file created later is seen once the config or
 * its folder changes, or in a new process.
 */
function handWrittenTypeFiles(dir: string): string[] {
  const found: string[] = [];
  const stack: [string, number][] = [[dir, 0]];
  let folders = 0;
  while (stack.length && folders++ < TYPES_MAX_FOLDERS && found.length < TYPES_MAX_FILES) {
    const [current, depth] = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    if (current !== dir && entries.some((e) => e.isFile() && (CONFIG_NAMES as readonly string[]).includes(e.name))) continue;
    const inTypes = basename(current).toLowerCase() === "types";
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      if (e.isDirectory()) {
        if (depth < TYPES_DEPTH && !SKIPPED_FOLDERS.has(e.name)) stack.push([join(current, e.name), depth + 1]);
      } else if (e.isFile() && !(current === dir && e.name === TYPES_FILE)) {
        if (e.name.endsWith(".d.ts") || TYPES_FILE_NAME.test(e.name) || (inTypes && /\.(?:ts|mts|cts)$/.test(e.name))) found.push(join(current, e.name));
      }
    }
  }
  return found.sort();
}

/**
 * The path of the config's `main` under the config's folder, in parts; null when there is none or
 * it points out of the folder or into a framework's build output.
 */
function mainParts(main: string | null): string[] | null {
  if (!main) return null;
  const parts = main.replace(/\\/g, "/").replace(/^\.\//, "").split("/");
  return parts.slice(0, -1).some((p) => p === ".." || BUILD_OUTPUT.test(p)) ? null : parts;
}

/**
 * Where a Worker's own code is: the entry module's folder (`src/` for `main = "src/index.ts"`); the
 * entry module alone when it sits beside the config (its neighbours are as often scripts); the
 * config's folder when there is no `main` or it points into a framework's build output.
 */
function codeOf(dir: string, main: string | null): { root: string; only?: string } {
  // An entry module outside the config's folder (`main = "../app/worker.js"`): its own folder.
  const outside = main ? main.replace(/\\/g, "/").replace(/^\.\//, "").split("/") : [];
  if (outside[0] === ".." && !outside.slice(0, -1).some((p) => BUILD_OUTPUT.test(p) && p !== "..")) return { root: join(dir, ...outside.slice(0, -1)) };
  // A package's entry (`main = "@tanstack/react-start/server-entry"`): the framework builds the
  // Worker from the whole folder.
  if (main && PACKAGE_ENTRY.test(main) && !existsSync(join(dir, main))) return { root: dir };
  const parts = mainParts(main);
  if (!parts) return { root: dir };
  if (parts.length === 1) return { root: dir, only: join(dir, ...parts) };
  return { root: join(dir, ...parts.slice(0, -1)) };
}

/** The Worker's entry module as a source file of the project (not a framework's build output), or null. */
function mainModule(dir: string, main: string | null): string | null {
  const parts = main && /\.[mc]?[jt]sx?$/.test(main) && !main.endsWith(".d.ts") ? mainParts(main) : null;
  return parts ? join(dir, ...parts) : null;
}

/**
 * Whether a file is the Worker's code, where `process.env` holds its bindings: inside its code
 * folder (or its entry module), and neither in a tooling folder (`scripts/`, `e2e/`, …) nor a tool's
 * config file. Node scripts beside a Worker read their own environment.
 */
function isWorkerCode(filename: string, entry: Entry, text: string | undefined): boolean {
  // (With the modules it imports: `utils/notify.ts` of an `index.ts` beside the config.)
  if (entry.code.only) return filename === entry.code.only || entryImports(entry).has(filename);
  // A script run from the shell (`#!/usr/bin/env tsx`), an infrastructure program (`alchemy.run.ts`),
  // or a Node or Bun server run beside the Worker (`express()` … `app.listen(process.env.PORT)`, `Bun.serve(…)`).
  if (text?.startsWith("#!") || RUN_SCRIPT.test(filename) || entry.code.tools?.has(filename) || (text !== undefined && isNodeServerModule(text))) return false;
  const inCode = relative(entry.code.root, filename);
  // (A module named like a tool's config that the entry reaches through its imports is the app's: `cms.config.ts`.)
  if (inCode.startsWith("..") || isAbsolute(inCode) || (TOOL_CONFIG.test(filename) && !APP_CONFIG.test(filename) && !entryImports(entry).has(filename))) return false;
  const folders = relative(entry.dir, filename).split(sep).slice(0, -1);
  return !folders.some((part) => TOOLING_FOLDERS.has(part));
}

const importedByEntry = new WeakMap<Entry, ReadonlySet<string>>();

/** Modules the entry module reaches through its imports, at most this many. */
const MAX_ENTRY_MODULES = 200;

/**
 * The files the Worker's entry module imports, and those they import in turn (`server.ts` →
 * `load-context.ts` → `app/app.server.ts`, a side-effect `import "./setup"`), resolved once per
 * read of the entry.
 */
function entryImports(entry: Entry): ReadonlySet<string> {
  let files = importedByEntry.get(entry);
  if (!files) {
    const main = entry.main;
    const found = new Set<string>();
    // (The stamps of what the walk reads are not the entry's: it is redone only with a new read of the entry.)
    const stamps = new Map<string, string>();
    const queue: [string, readonly string[]][] = main ? [[main.path, main.imports]] : [];
    for (let next = queue.shift(); next && found.size < MAX_ENTRY_MODULES; next = queue.shift()) {
      for (const specifier of next[1]) {
        const path = resolveTypeImport(next[0], specifier);
        if (!path || found.has(path) || path === main!.path || path.includes(`${sep}node_modules${sep}`)) continue;
        found.add(path);
        const text = readSmall(path, stamps);
        if (text !== null) queue.push([path, relativeImports(text)]);
      }
    }
    files = found;
    importedByEntry.set(entry, files);
  }
  return files;
}

function readWorker(configPath: string, interfaceNames: ReadonlySet<string>): Entry {
  workerStats.reads++;
  const dir = dirname(configPath);
  const configFile = basename(configPath);
  const stamps = new Map<string, string>();
  const folder = folderOf(dir);
  if (folder) stamps.set(dir, folder.stamp);
  const text = readSmall(configPath, stamps);
  const failed = (error: string): Entry => ({ stamps, checkedAt: Date.now(), dir, code: { root: dir }, view: { configFile, name: null, bindings: new Map(), processEnv: false, error } });
  if (text === null) return failed(`${configFile}: cannot be read.`);
  let declared;
  try {
    declared = readDeclarations(parseConfigText(configFile, text));
  } catch (e) {
    return failed(e instanceof ConfigError ? e.message : `${configFile}: cannot be read.`);
  }
  const bindings = new Map<string, BindingKind>(declared.bindings);
  for (const name of commentedSecretNames(text)) if (!bindings.has(name)) bindings.set(name, SECRET);
  // Each file's text is dropped once its names are taken: no value outlives this function.
  // Also the env files of the folders above it, up to the repository's root: a monorepo keeps one
  // `.env.example` at its root, which its scripts copy into each Worker's `.dev.vars`.
  for (let at = dir, f = folder, i = 0; f && i < MAX_ENV_LEVELS; i++) {
    if (at !== dir) stamps.set(at, f.stamp);
    for (const name of f.envFiles) {
      const envText = readSmall(join(at, name), stamps);
      for (const key of envText === null ? [] : envFileNames(envText)) if (!bindings.has(key)) bindings.set(key, SECRET);
    }
    // (The secrets a README says to set: `npx wrangler secret put API_KEY`.)
    for (const name of f.readmes) {
      const readme = readSmall(join(at, name), stamps);
      for (const key of readme === null ? [] : secretsPut(readme)) if (!bindings.has(key)) bindings.set(key, SECRET);
      // (A table of variables may list vars as well as secrets: a var's kind says less of what is kept.)
      for (const key of readme === null ? [] : tableNames(readme)) if (!bindings.has(key)) bindings.set(key, VAR);
    }
    const parent = dirname(at);
    if (f.repository || parent === at || parent === HOME) break;
    at = parent;
    f = folderOf(at);
  }
  // Another config of the folder deploys the same code (`wrangler deploy -c wrangler-prod.toml`,
  // a `wrangler.toml` left beside the `wrangler.jsonc` wrangler reads first): its names exist there.
  for (const name of [...(folder?.configs ?? []).filter((n) => n !== configFile), ...(folder?.siblings ?? [])]) {
    const siblingText = readSmall(join(dir, name), stamps);
    try {
      if (siblingText !== null) for (const [key, kind] of readDeclarations(parseConfigText(name, siblingText)).bindings) if (!bindings.has(key)) bindings.set(key, kind);
    } catch {
      // A sibling that does not parse declares nothing; the config itself is what is reported.
    }
  }
  // So does a config of a folder beside the code that names an entry module up out of that folder
  // (`wrangler/wrangler-subscribe.toml` with `main = "../workers/subscribe.js"`): a Worker made of this code.
  for (const declaredThere of outsideEntryConfigs(dir, stamps)) for (const [key, kind] of declaredThere) if (!bindings.has(key)) bindings.set(key, kind);
  const scripts = folder?.packageJson ? readSmall(join(dir, "package.json"), stamps) : null;
  for (const key of scripts === null ? [] : scriptVarNames(scripts)) if (!bindings.has(key)) bindings.set(key, VAR);
  // Served as a Pages project (`wrangler pages deploy assets` of an advanced-mode `_worker.js`): Pages binds `env.ASSETS`.
  if (scripts !== null && PAGES_SERVING.test(scripts) && !bindings.has("ASSETS")) bindings.set("ASSETS", ASSETS);
  // The generated types first (their kinds are wrangler's), then the types written by hand.
  const generated = join(dir, TYPES_FILE);
  // The entry module too: a Hono app's `type Bindings = { … }` is most often declared there.
  const entry = mainModule(dir, declared.main);
  // (Also at a path a package script has `wrangler types` write them to.)
  const typegen = scripts === null ? [] : typegenOutputs(scripts).map((path) => join(dir, path)).filter((path) => path !== generated);
  const typeFiles = [...(folder?.types ? [generated] : []), ...typegen, ...handWrittenTypeFiles(dir).filter((path) => !typegen.includes(path)), ...(entry ? [entry] : [])];
  let main: Entry["main"];
  for (const file of typeFiles) {
    const typesText = readSmall(file, stamps);
    if (typesText === null) continue;
    if (file === entry) {
      main = { path: entry, imports: relativeImports(typesText), buildsApp: VIRTUAL_BUILD.test(typesText) };
      // (The secrets the entry module's opening comment lists, as a config's comment may: `// Secrets:` then `//   API_KEY`.)
      for (const name of commentedSecretNames(openingComment(typesText))) if (!bindings.has(name)) bindings.set(name, SECRET);
    }
    // A hand-written types file may name its env type otherwise (`Bindings: MyEnv`, `interface AppEnv extends Env`).
    // (The generated types written elsewhere, `wrangler types src/worker-configuration.d.ts`, are read as beside it.)
    const names = basename(file) === TYPES_FILE || typegen.includes(file) ? withBaseInterfaces(typesText, interfaceNames) : envTypeNamesIn(typesText, interfaceNames);
    for (const [key, kind] of envInterfaceMembers(typesText, names)) {
      const known = bindings.get(key);
      if (!known || (known.shape === "value" && kind.shape !== "value")) bindings.set(key, kind);
    }
  }
  const openNext = !!folder?.openNext && declared.openNextBuild;
  return {
    stamps,
    checkedAt: Date.now(),
    dir,
    // An OpenNext app (its config beside, serving OpenNext's build, also through a custom worker of its
    // own): the adapter copies the vars and secrets into `process.env`, and the whole app is the Worker's code.
    // So is one whose entry serves a framework's build of the app from the folder (`workers/app.ts` of React Router).
    code: { ...(openNext || main?.buildsApp ? { root: dir } : codeOf(dir, declared.main)), tools: new Set(scripts === null ? [] : scriptModules(scripts).map((m) => join(dir, m))) },
    main,
    ...(declared.assets ? { assets: resolve(dir, declared.assets) } : {}),
    view: { configFile, name: declared.name, bindings, processEnv: declared.processEnv || openNext, keepVars: declared.keepVars, ...(declared.toolOnly && !servesWithWrangler(scripts) ? { toolOnly: true } : {}), error: null },
  };
}

/**
 * The env type members a module declares (its text read only when its stamp, or that of a module
 * it forwards them from, changed), also through a barrel's re-exports (`export type { Env } from
 * "./bindings"`, `export * from "./env"`), a few modules deep.
 */
function typeModuleMembers(path: string, names: ReadonlySet<string>, namesKey: string): Map<string, BindingKind> {
  const key = `${path}\u0000${namesKey}`;
  const hit = typeModules.get(key);
  if (hit && hit.stamps.every(([p, s]) => fileStamp(p) === s)) return hit.members;
  const stamps: [string, string][] = [];
  const members = new Map<string, BindingKind>();
  const visit = (file: string, depth: number, wanted: ReadonlySet<string>) => {
    const stamp = fileStamp(file);
    if (stamp === null || stamps.some(([p]) => p === file)) return;
    stamps.push([file, stamp]);
    const text = readSmall(file, new Map());
    if (text === null) return;
    const own = envTypeNamesIn(text, wanted);
    for (const [name, kind] of envInterfaceMembers(text, own)) if (!members.has(name)) members.set(name, kind);
    if (depth >= MAX_TYPE_FORWARDS) return;
    for (const m of text.matchAll(TYPE_FORWARD)) {
      // (Renamed on the way, `export type { GatewayEnv as Env } from "./env"`: declared there as `GatewayEnv`.)
      const renamed = m[1] === undefined ? [] : braceMembers(m[1], true).filter(({ local }) => wanted.has(local)).map(({ name }) => name);
      const target = m[1] === undefined || renamed.length > 0 ? resolveTypeImport(file, m[2]) : null;
      if (target) visit(target, depth + 1, renamed.some((name) => !wanted.has(name)) ? new Set([...wanted, ...renamed]) : wanted);
    }
    // The module's own name for its env type imported from another (`Bindings: WorkerSettings` of
    // `import { WorkerSettings } from "./utils/env"`, also renamed there): declared there.
    for (const [specifier, imported] of envTypeImports(text, own)) {
      const target = resolveTypeImport(file, specifier);
      if (target) visit(target, depth + 1, new Set([...own, ...imported]));
    }
  };
  visit(path, 0, names);
  typeModules.set(key, { stamps, members });
  return members;
}

/** `wrangler dev`, `wrangler deploy`, `wrangler pages dev ./dist`, … in a package's scripts: the config beside it is a Worker's (or a Pages project's), named or not. */
const SERVING = /\bwrangler(?:@[\w.-]+)?\s+(?:pages\s+)?(?:dev|deploy|publish)\b/;

/** `wrangler pages dev`, `wrangler pages deploy`: the config is a Pages project's (an advanced-mode `_worker.js` gets `env.ASSETS`). */
const PAGES_SERVING = /\bwrangler(?:@[\w.-]+)?\s+pages\s+(?:dev|deploy|publish)\b/;

function servesWithWrangler(scripts: string | null): boolean {
  return scripts !== null && SERVING.test(scripts);
}

/** A re-export: group 1 the names (`{ Env, type Other }`; absent for `export *`), group 2 the specifier. */
const TYPE_FORWARD = /\bexport\s+(?:type\s+)?(?:\{([^}]*)\}|\*)\s*from\s*["']([^"'\n]+)["']/g;
/** How many re-exports deep a module's env types are followed. */
const MAX_TYPE_FORWARDS = 3;

/**
 * The names the file's own env types declare (`interface Env`, `type Bindings = { … }`), in the
 * file itself or in the modules it imports them from: a secret set in the dashboard is often
 * declared nowhere else.
 */
function typedMembers(filename: string, text: string, names: ReadonlySet<string>, namesKey: string): Map<string, BindingKind> {
  // A text that names no env type, no `Platform` and no `env` declares nothing: no scan for it.
  if (!text.includes("env") && !text.includes("Platform") && ![...names].some((name) => text.includes(name))) return new Map();
  // The file's own names for env types (`env: MyEnv`, `Hono<AppEnv>`), looked up where it imports them from.
  const own = envTypeNamesIn(text, names);
  const ownKey = own === names ? namesKey : namesKeyOf(own);
  const members = envInterfaceMembers(text, own);
  for (const [name, kind] of [...castMembers(text), ...jsdocMembers(text, own)]) if (!members.has(name)) members.set(name, kind);
  for (const [specifier, imported] of envTypeImports(text, own)) {
    const path = resolveTypeImport(filename, specifier);
    if (!path) continue;
    // (Imported under another name, `import type { GatewayEnv as Env }`: declared there as `GatewayEnv`.)
    const wanted = imported.every((name) => own.has(name)) ? own : new Set([...own, ...imported]);
    for (const [name, kind] of typeModuleMembers(path, wanted, wanted === own ? ownKey : namesKeyOf(wanted))) if (!members.has(name)) members.set(name, kind);
  }
  return members;
}

/**
 * The kinds a file's own env types give its bindings, and those of the modules it imports them from:
 * for a file of no Worker config. (A `string` says a var or a secret, which only a config tells apart: left out.)
 */
export function ownTypeKinds(filename: string | undefined, text: string, settings: Settings): ReadonlyMap<string, BindingKind> {
  if (!filename || !isAbsolute(filename)) return new Map();
  return new Map([...typedMembers(filename, text, settings.envTypeNames, namesKeyOf(settings.envTypeNames))].filter(([, kind]) => kind !== SECRET));
}

/**
 * The Worker of a linted file, from its nearest config; null for text without a file name or a
 * file outside any Worker. A config that does not parse gives a view with `error` set. With the
 * file's text, the names its own env types declare are added; `processEnv` holds only for the
 * Worker's own code (not its scripts and tool configs).
 */
export function workerFor(filename: string | undefined, settings: Settings, text?: string): WorkerView | null {
  if (!filename || !isAbsolute(filename)) return null;
  const configPath = findConfig(filename);
  if (!configPath) return null;
  const namesKey = namesKeyOf(settings.envTypeNames);
  const key = `${configPath}\u0000${namesKey}`;
  let entry = workers.get(key);
  const now = Date.now();
  if (entry && !isFresh(entry.checkedAt, now)) {
    if ([...entry.stamps].every(([path, stamp]) => fileStamp(path) === stamp)) entry.checkedAt = now;
    else entry = undefined;
  }
  if (!entry) {
    entry = readWorker(configPath, settings.envTypeNames);
    workers.set(key, entry);
  }
  let view = entry.view;
  if (view.error) return view;
  const current = entry;
  const ownCode = isWorkerCode(filename, entry, text);
  if (!ownCode) view = { ...view, processEnv: false, outsideCode: true };
  // A file the Worker serves to browsers (a bundle in its assets folder) is never run by it.
  if (entry.assets && isInside(entry.assets, filename)) view = { ...view, staticAsset: true };
  if (text === undefined) return view;
  // The file's own env types are read when a rule first asks for the bindings: most files never do.
  const base = view;
  let bindings: ReadonlyMap<string, BindingKind> | null = null;
  return {
    ...base,
    configBindings: base.bindings,
    get bindings() {
      if (bindings) return bindings;
      const typed = typedMembers(filename, text, settings.envTypeNames, namesKey);
      // A sub-app's `Bindings` declared in a module the entry module imports (`routes/chat.ts`): a
      // helper typed with a plain `Context` reads the names it declares.
      for (const [name, kind] of appMembers(current, settings.envTypeNames, namesKey)) if (!typed.has(name)) typed.set(name, kind);
      // So does the app's own module the file imports (`import app from "./app"` of `new Hono<AppEnv>()`),
      // whatever the config's `main` is (a build output, `dist/index.js`).
      for (const specifier of relativeImports(text)) {
        const path = resolveTypeImport(filename, specifier);
        if (path) for (const [name, kind] of typeModuleMembers(path, settings.envTypeNames, namesKey)) if (!typed.has(name)) typed.set(name, kind);
      }
      const added = [...typed].filter(([name]) => !base.bindings.has(name));
      bindings = added.length === 0 ? base.bindings : new Map([...base.bindings, ...added]);
      return bindings;
    },
  };
}

/**
 * A framework's build of the app, imported by the Worker's entry module: Vite's virtual modules,
 * or the build folder's server module (`import * as build from "./build/server/index.js"` of a
 * classic Remix Worker, `"../build/index.js"`).
 */
const VIRTUAL_BUILD = /\b(?:import\s*\(?|from)\s*["'](?:virtual:[^"'\n]*(?:build|app)[^"'\n]*|\.{1,2}\/(?:\.\.\/)*build\/(?:server(?:\/index)?|index)(?:\.[cm]?js)?)["']/;

/** At most this many modules the entry module imports are read for env types. */
const MAX_APP_MODULES = 40;

/** A specifier after `from` (group 1), of an import or re-export, types only too; or of a side-effect import (`import "./setup"`). */
const FROM_SPECIFIER = /\b(?:from|import)\s*["']([^"'\n]+)["']/g;

/** The project specifiers of a module's imports and re-exports (`./routes/chat`, `import type { AppContext } from ".."`, `@/auth-mw`). */
function relativeImports(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(FROM_SPECIFIER), (m) => m[1]))].filter((s) => LOCAL_LOOKING.test(s)).slice(0, MAX_APP_MODULES);
}

/**
 * The env type members declared by the modules the Worker's entry module imports (each read only
 * when its stamp changed): asked only once a read is left undeclared by everything else.
 */
function appMembers(entry: Entry, names: ReadonlySet<string>, namesKey: string): Map<string, BindingKind> {
  const members = new Map<string, BindingKind>();
  if (!entry.main) return members;
  for (const specifier of entry.main.imports) {
    const path = resolveTypeImport(entry.main.path, specifier);
    if (!path) continue;
    for (const [name, kind] of typeModuleMembers(path, names, namesKey)) if (!members.has(name)) members.set(name, kind);
  }
  return members;
}

const namesKeys = new WeakMap<ReadonlySet<string>, string>();

/** The settings' env type names as one key, made once per set. */
function namesKeyOf(names: ReadonlySet<string>): string {
  let key = namesKeys.get(names);
  if (key === undefined) {
    key = [...names].sort().join(",");
    namesKeys.set(names, key);
  }
  return key;
}

/** What the cache holds, as plain data (for tests: it must hold no value of any file). */
export function workerCacheSnapshot(): unknown {
  return {
    folders: [...folders],
    workers: [...workers].map(([key, e]) => [key, [...e.stamps], { ...e.view, bindings: [...e.view.bindings] }]),
    typeModules: [...typeModules].map(([key, e]) => [key, e.stamps, [...e.members]]),
  };
}

/** Whether a path is inside a folder (not the folder itself). */
function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}
