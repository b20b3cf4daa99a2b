/**
 * Import specifiers to project files, with oxc-resolver: relative paths, `index` files, `.js`
 * specifiers naming `.ts` sources, tsconfig `paths`/`baseUrl` (the nearest tsconfig, with
 * `extends`; what the resolver leaves of those, and SvelteKit's `$lib`, by `aliases.ts`), and
 * package `#imports`. Never into `node_modules`: what libraries do comes from the
 * engine's tables.
 *
 * Declaration files are found after the sources, as TypeScript finds them: where a file's env types
 * are declared (`resolveTypeImport`), never a module to summarise (`resolveImport`).
 *
 * One resolver per process (and one without tsconfig, for files whose tsconfig cannot be read).
 * Answers are remembered per folder and specifier. A failed lookup is retried after
 * {@link RETRY_MS} (with the resolver's cache cleared first), so that a file created while an
 * editor session runs is found; a failed bare specifier (a package not installed, a virtual
 * module, an alias not configured yet) after {@link BARE_RETRY_MS}.
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { ResolverFactory, type NapiResolveOptions } from "oxc-resolver";
import { aliasTargets } from "./aliases";
import { fileStamp } from "./stamp";
import { workspacePackage } from "./workspace";

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
/** Declaration files: where types are declared (asked after the sources, as TypeScript does). */
const DECLARATION_EXTENSIONS = [".d.ts", ".d.mts", ".d.cts"];
const PROJECT_EXTENSIONS = [...SOURCE_EXTENSIONS, ...DECLARATION_EXTENSIONS];
const RETRY_MS = 2_000;
const BARE_RETRY_MS = 60_000;

function isBare(specifier: string): boolean {
  return !specifier.startsWith(".") && !specifier.startsWith("/") && !/^[A-Za-z]:[\\/]/.test(specifier);
}

let resolver: ResolverFactory | null = null;
let plainResolver: ResolverFactory | null = null;

const OPTIONS: NapiResolveOptions = {
  extensions: PROJECT_EXTENSIONS,
  extensionAlias: {
    ".js": [".ts", ".tsx", ".js", ".jsx", ".d.ts"],
    ".jsx": [".tsx", ".jsx"],
    ".mjs": [".mts", ".mjs", ".d.mts"],
    ".cjs": [".cts", ".cjs", ".d.cts"],
  },
  conditionNames: ["workerd", "worker", "import", "module", "default"],
  mainFields: ["module", "main"],
};

function getResolver(): ResolverFactory {
  resolver ??= new ResolverFactory({ ...OPTIONS, tsconfig: "auto" });
  return resolver;
}

/** Without tsconfig: for files whose nearest tsconfig cannot be read (an `extends` of a generated file not there). */
function getPlainResolver(): ResolverFactory {
  plainResolver ??= new ResolverFactory(OPTIONS);
  return plainResolver;
}

/**
 * Answers per folder and specifier. A package is a lasting answer; a project file is checked to
 * still be there at most every {@link RETRY_MS}, and resolved anew when it is not; "not found" is
 * asked again after {@link RETRY_MS}.
 */
const answers = new Map<string, { path: string | null; at: number; found: boolean; folder?: { path: string; stamp: string | null } }>();
/** When the resolvers' caches were last cleared for a retry: at most once per {@link RETRY_MS}. */
let clearedAt = 0;

/** The project file an import of `fromFile` names, or null (a package, a builtin, a declaration file, nothing). */
export function resolveImport(fromFile: string, specifier: string): string | null {
  const path = resolved(fromFile, specifier);
  return path && !isDeclaration(path) ? path : null;
}

/**
 * The project file an import of types names, declaration files included (`import type { Env } from
 * "../types/env"` of `env.d.ts`): where the env types a file uses are declared.
 */
export function resolveTypeImport(fromFile: string, specifier: string): string | null {
  return resolved(fromFile, specifier);
}

function isDeclaration(path: string): boolean {
  return DECLARATION_EXTENSIONS.some((ext) => path.endsWith(ext));
}

/**
 * The folder whose files resolve a bare specifier alike: the nearest with a `package.json` or a
 * `tsconfig.json` (its `node_modules`, `paths` and `#imports` are theirs), remembered per folder.
 */
const scopes = new Map<string, { scope: string; at: number }>();

function scopeOf(dir: string, now: number): string {
  const known = scopes.get(dir);
  if (known && now - known.at < BARE_RETRY_MS) return known.scope;
  let scope = dir;
  for (let at = dir, i = 0; i < 40; i++) {
    if (fileStamp(join(at, "package.json")) !== null || fileStamp(join(at, "tsconfig.json")) !== null) {
      scope = at;
      break;
    }
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  if (scopes.size > 50_000) scopes.clear();
  scopes.set(dir, { scope, at: now });
  return scope;
}

/** The project file (a source or a declaration file) a specifier names from `fromFile`'s folder, or null. */
function resolved(fromFile: string, specifier: string): string | null {
  if (specifier.startsWith("node:") || specifier.startsWith("cloudflare:")) return null;
  const now = Date.now();
  // A package is the same for every file of its scope; a relative path, per folder.
  const bare = isBare(specifier);
  const key = `${bare ? scopeOf(dirname(fromFile), now) : dirname(fromFile)}\u0000${specifier}`;
  const known = answers.get(key);
  if (known) {
    // A bare specifier not found is a package not installed (or a virtual module): asked again
    // far less often than a relative path a user may be about to create.
    const wait = bare ? BARE_RETRY_MS : RETRY_MS;
    if (known.found && (known.path === null || now - known.at < RETRY_MS)) return known.path;
    // A project file found before is looked at again now and then: moved or deleted (`keys.ts` made
    // `keys/index.ts`), the specifier is resolved anew. (Its stamp is the one the summaries of that
    // file take: one look at the disk serves both.)
    if (known.found && fileStamp(known.path!) !== null) {
      known.at = now;
      return known.path;
    }
    if (!known.found && now - known.at < wait) return known.path;
    // A relative path not found, whose folder has not changed since: still not there (no lookup,
    // and the resolvers' caches are kept).
    if (!known.found && known.folder !== undefined && fileStamp(known.folder.path) === known.folder.stamp) {
      known.at = now;
      return null;
    }
    if (now - clearedAt >= RETRY_MS) {
      getResolver().clearCache();
      getPlainResolver().clearCache();
      clearedAt = now;
    }
  }
  let path: string | undefined;
  try {
    const result = getResolver().resolveFileSync(fromFile, specifier);
    path = result.path;
    if (!path && result.error?.startsWith("Tsconfig")) path = getPlainResolver().resolveFileSync(fromFile, specifier).path;
  } catch {
    path = undefined;
  }
  // An alias the resolver left unapplied (inherited `paths`, SvelteKit's `$lib` before its sync).
  if (!path && isBare(specifier)) path = aliased(fromFile, specifier);
  // A package of the workspace whose `exports` name a build not made (`./dist/*.js`): its sources.
  path ??= isBare(specifier) ? (workspaceSource(fromFile, specifier) ?? undefined) : undefined;
  if (!path) {
    // (The folder a relative path names a file in: a file created there changes its stamp.)
    const folder = bare ? undefined : dirname(join(dirname(fromFile), specifier));
    answers.set(key, { path: null, at: now, found: false, ...(folder ? { folder: { path: folder, stamp: fileStamp(folder) } } : {}) });
    return null;
  }
  // A package or a non-source file: found, and never a project module.
  const project = !/[\\/]node_modules[\\/]/.test(path) && PROJECT_EXTENSIONS.some((ext) => path!.endsWith(ext));
  answers.set(key, { path: project ? path : null, at: now, found: true });
  return project ? path : null;
}

/** The first target of an alias ({@link aliasTargets}) that is a file, resolved as a path. */
function aliased(fromFile: string, specifier: string): string | undefined {
  for (const target of aliasTargets(fromFile, specifier)) {
    try {
      const path = getPlainResolver().resolveFileSync(fromFile, target).path;
      if (path) return path;
    } catch {
      // Not a file: the next target.
    }
  }
  return undefined;
}

/**
 * How a message names another file: relative to the folder of the file a finding is in
 * (`./db/client.ts`, `../lib/store.ts`), with `/` on every platform; as given without that file.
 */
export function shownPath(fromFile: string | null, path: string): string {
  const file = fromFile ? relative(dirname(fromFile), path).split(sep).join("/") : path;
  return file.startsWith(".") ? file : `./${file}`;
}

/** A package's name and the subpath asked of it: `@repo/lib/auth/server` is `@repo/lib` and `auth/server`. */
const PACKAGE_SPECIFIER = /^((?:@[^/]+\/)?[^/@][^/]*)(?:\/(.+))?$/;
/** The folders a build is written to, whose files mirror the sources' under `src/`. */
const BUILD_FOLDER = /^\.\/(?:dist|build|lib|out)\//;
/** A built file's extension (`.js`, `.d.ts`): the source has a TypeScript or JavaScript one. */
const BUILT_EXTENSION = /(?:\.d)?\.[mc]?[jt]sx?$/;

/**
 * The source file of a workspace package (linked into `node_modules` from a folder of the
 * repository, or not linked yet and found by the workspace's declaration) that an import names, when what its `exports` name is a build not made: the path an
 * export gives with its build folder read as `src/` (`./dist/auth/*.js` → `src/auth/server.ts`),
 * else the subpath under `src/`. Null for an installed package (its real path is in
 * `node_modules`), or when no such source is there.
 */
function workspaceSource(fromFile: string, specifier: string): string | null {
  // (A workspace may name a package by a scope alone, `@db`, which no registry would take: `@db/schema` is then its subpath.)
  for (const m of [PACKAGE_SPECIFIER.exec(specifier), SCOPE_ONLY.exec(specifier)]) {
    if (!m) continue;
    const [, name, sub = ""] = m;
    // Linked by an install, or (none made yet) declared by the workspace.
    const packageDir = linkedPackage(dirname(fromFile), name, Date.now()) ?? workspacePackage(dirname(fromFile), name);
    if (packageDir !== null) return sourceIn(packageDir, sub);
  }
  return null;
}

const SCOPE_ONLY = /^(@[^/]+)(?:\/(.+))?$/;

/** Per folder and package name: the workspace package linked there or above, asked again after {@link BARE_RETRY_MS}. */
const linked = new Map<string, { at: number; dir: string | null }>();

/**
 * The folder of the workspace package `name` that the `node_modules` of `dir`, or of the nearest
 * folder above that has one, links to; null when none does, or it is an installed package (its
 * real path is in `node_modules`). Remembered for each folder on the way, which the files of a
 * project share.
 */
function linkedPackage(dir: string, name: string, now: number): string | null {
  const key = `${dir}\u0000${name}`;
  const known = linked.get(key);
  if (known && now - known.at < BARE_RETRY_MS) return known.dir;
  let found: string | null = null;
  const link = join(dir, "node_modules", name);
  if (existsSync(join(link, "package.json"))) {
    try {
      const real = realpathSync(link);
      found = /[\\/]node_modules[\\/]/.test(real) ? null : real;
    } catch {
      found = null;
    }
  } else if (dirname(dir) !== dir) {
    found = linkedPackage(dirname(dir), name, now);
  }
  linked.set(key, { at: now, dir: found });
  return found;
}

function sourceIn(packageDir: string, sub: string): string | null {
  // (A subpath no `exports` names is a path in the package: `@repo/helpers/src/types`.)
  const targets = [...exportTargets(packageDir, sub), ...(sub ? [`./${sub}`] : []), `./src/${sub || "index"}`];
  for (const target of targets) {
    const base = join(packageDir, target.replace(BUILD_FOLDER, "./src/").replace(BUILT_EXTENSION, ""));
    for (const candidate of [...SOURCE_EXTENSIONS.map((ext) => base + ext), ...SOURCE_EXTENSIONS.map((ext) => join(base, `index${ext}`))]) {
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/** The paths a package's `exports` (or `module`/`main` for its root) give a subpath, under any condition. */
function exportTargets(packageDir: string, sub: string): string[] {
  let manifest: { exports?: unknown; module?: unknown; main?: unknown };
  try {
    manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  } catch {
    return [];
  }
  const out: string[] = [];
  const strings = (v: unknown, star: string | null) => {
    if (typeof v === "string") out.push(star === null ? v : v.split("*").join(star));
    else if (Array.isArray(v)) for (const x of v) strings(x, star);
    else if (v && typeof v === "object") for (const x of Object.values(v)) strings(x, star);
  };
  const exports = manifest.exports;
  const wanted = sub ? `./${sub}` : ".";
  if (typeof exports === "string" || Array.isArray(exports)) {
    if (!sub) strings(exports, null);
  } else if (exports && typeof exports === "object") {
    const entries = Object.entries(exports);
    // Conditions at the top (`{ import: "./dist/index.js" }`): the root's.
    if (entries.every(([k]) => !k.startsWith("."))) {
      if (!sub) strings(exports, null);
    } else {
      for (const [key, value] of entries) {
        if (key === wanted) strings(value, null);
        const star = key.indexOf("*");
        if (star >= 0 && wanted.startsWith(key.slice(0, star)) && wanted.endsWith(key.slice(star + 1)) && wanted.length >= key.length - 1) {
          strings(value, wanted.slice(star, wanted.length - (key.length - star - 1)));
        }
      }
    }
  }
  if (!sub) for (const field of [manifest.module, manifest.main]) if (typeof field === "string") out.push(field.startsWith(".") ? field : `./${field}`);
  return out;
}
