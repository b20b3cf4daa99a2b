/**
 * Path aliases the resolver leaves unapplied, as targets to resolve as paths:
 * - `paths` a tsconfig inherits through `extends` (SvelteKit's `tsconfig.json` extends the generated
 *   `.svelte-kit/tsconfig.json`, which holds `$lib`): the resolver drops them when the inherited
 *   config also sets `include`;
 * - SvelteKit's own aliases when that generated file is not there (a fresh clone, before
 *   `svelte-kit sync`): `$lib` for `src/lib`, and the `kit.alias` entries of `svelte.config.js`.
 *
 * Asked only for a bare specifier the resolver did not find; the answers are remembered by
 * `resolve.ts`. The configs read are remembered per path and stamp.
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { parse as parseJsonc } from "jsonc-parser";
import { fileStamp } from "./stamp";

/** A pattern (`$lib/*`, `@/*`, `$lib`) and the paths it stands for, absolute, with `*` where the match goes. */
type Alias = readonly [pattern: string, targets: readonly string[]];

const TSCONFIG = "tsconfig.json";
const SVELTE_CONFIGS = ["svelte.config.js", "svelte.config.mjs", "svelte.config.ts"];
/** Configs larger than this are no hand-written tsconfig or Svelte config. */
const MAX_CONFIG_BYTES = 256 * 1024;
/** `extends` followed at most this many steps. */
const MAX_EXTENDS = 5;
/** Folders walked up from a file to its tsconfig at most. */
const MAX_UP = 30;

const configs = new Map<string, { stamp: string; aliases: readonly Alias[] }>();

/** The paths an alias of the file's project gives a specifier, most specific pattern first; none when no alias matches. */
export function aliasTargets(fromFile: string, specifier: string): string[] {
  const project = projectFolder(dirname(fromFile));
  if (project === null) return [];
  const matches: { rest: string; length: number; targets: readonly string[] }[] = [];
  for (const [pattern, targets] of aliasesOf(project)) {
    const star = pattern.indexOf("*");
    if (star < 0) {
      if (pattern === specifier) matches.push({ rest: "", length: pattern.length + 1, targets });
      continue;
    }
    const [head, tail] = [pattern.slice(0, star), pattern.slice(star + 1)];
    if (specifier.length >= head.length + tail.length && specifier.startsWith(head) && specifier.endsWith(tail)) {
      matches.push({ rest: specifier.slice(head.length, specifier.length - tail.length), length: head.length, targets });
    }
  }
  matches.sort((a, b) => b.length - a.length);
  return matches.flatMap(({ rest, targets }) => targets.map((t) => t.replace("*", rest)));
}

/** The nearest folder with a tsconfig or a Svelte config, walking up from `dir`. */
function projectFolder(dir: string): string | null {
  for (let at = dir, i = 0; i < MAX_UP; i++) {
    if (fileStamp(join(at, TSCONFIG), MAX_CONFIG_BYTES) !== null || SVELTE_CONFIGS.some((n) => fileStamp(join(at, n), MAX_CONFIG_BYTES) !== null)) return at;
    const up = dirname(at);
    if (up === at) return null;
    at = up;
  }
  return null;
}

/** A project folder's aliases: its tsconfig's `paths` with what `extends` gives, then SvelteKit's. */
function aliasesOf(folder: string): readonly Alias[] {
  const svelte = SVELTE_CONFIGS.map((n) => join(folder, n)).find((p) => fileStamp(p, MAX_CONFIG_BYTES) !== null);
  const tsconfig = join(folder, TSCONFIG);
  const stamp = `${fileStamp(tsconfig, MAX_CONFIG_BYTES)}|${svelte ? fileStamp(svelte, MAX_CONFIG_BYTES) : ""}`;
  const known = configs.get(folder);
  if (known?.stamp === stamp) return known.aliases;
  const aliases = [...tsconfigPaths(tsconfig), ...(svelte ? svelteAliases(folder, svelte) : [])];
  if (configs.size > 1000) configs.clear();
  configs.set(folder, { stamp, aliases });
  return aliases;
}

function readJson(path: string): Record<string, unknown> | null {
  if (fileStamp(path, MAX_CONFIG_BYTES) === null) return null;
  try {
    const value = parseJsonc(readFileSync(path, "utf8"), [], { allowTrailingComma: true });
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The `paths` a tsconfig applies, its own or the nearest inherited ones (a config's `paths` replace
 * those it extends), each target resolved against `baseUrl` or, without one, the folder of the
 * config that wrote the `paths`. Only relative `extends` are followed (a package's base config
 * holds no project paths).
 */
function tsconfigPaths(path: string): Alias[] {
  let baseUrl: string | null = null;
  for (let at: string | null = path, i = 0; at && i <= MAX_EXTENDS; i++) {
    const config = readJson(at);
    if (!config) return [];
    const options = config.compilerOptions as Record<string, unknown> | undefined;
    if (baseUrl === null && typeof options?.baseUrl === "string") baseUrl = resolve(dirname(at), options.baseUrl);
    const paths = options?.paths;
    if (paths && typeof paths === "object" && !Array.isArray(paths)) {
      const base = baseUrl ?? dirname(at);
      return Object.entries(paths as Record<string, unknown>).flatMap(([pattern, targets]) =>
        Array.isArray(targets) ? [[pattern, targets.filter((t): t is string => typeof t === "string").map((t) => (isAbsolute(t) ? t : join(base, t)))] as Alias] : [],
      );
    }
    const parent = Array.isArray(config.extends) ? config.extends[0] : config.extends;
    at = typeof parent === "string" && parent.startsWith(".") ? resolve(dirname(at), parent.endsWith(".json") ? parent : `${parent}.json`) : null;
  }
  return [];
}

/** An entry of `kit.alias`: `$components: "src/lib/components"`, `"$src": "./src"`. */
const ALIAS_ENTRY = /["']?(\$?[\w$@~-][\w$@~/*-]*)["']?\s*:\s*["']([^"'\n]+)["']/g;

/**
 * SvelteKit's aliases, as `svelte-kit sync` writes them: `$lib` (`src/lib`), and each entry of
 * `kit.alias` (read from the config's text: `{ $utils: "src/utils" }`), each also for what is under it.
 */
function svelteAliases(folder: string, config: string): Alias[] {
  const entries: [string, string][] = [["$lib", "src/lib"]];
  let text = "";
  try {
    text = readFileSync(config, "utf8");
  } catch {
    // An unreadable config: SvelteKit's default alone.
  }
  const at = text.search(/\balias\s*:\s*\{/);
  if (at >= 0) {
    const body = text.slice(text.indexOf("{", at) + 1, text.indexOf("}", at));
    for (const m of body.matchAll(ALIAS_ENTRY)) entries.push([m[1].replace(/\/\*$/, ""), m[2].replace(/\/\*$/, "")]);
  }
  return entries.flatMap(([name, target]) => {
    const path = resolve(folder, target);
    return [[name, [path]] as Alias, [`${name}/*`, [join(path, "*")]] as Alias];
  });
}
