/**
 * What to lint: the command line's paths and glob patterns, resolved against the current folder,
 * and one base folder that holds them all.
 *
 * Linters only lint below their base path (ESLint says "File ignored because outside of base
 * path"; oxlint refuses a path with ".."), so the base is the deepest folder that holds the current
 * folder and every target. Patterns are then given relative to it, with "/" separators.
 */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { UsageError } from "./args";

export interface Target {
  /** As given on the command line. */
  given: string;
  /** Relative to the base, with "/": "." for the base itself. */
  pattern: string;
  /** A glob pattern (not an existing path with glob characters in its name). */
  glob: boolean;
  /** For a glob, its folder part, before the first segment with a glob character. */
  staticPart: string;
}

export interface Targets {
  /** Absolute: the folder the linter runs in. */
  base: string;
  /** The current folder relative to the base, with "/" ("" when they are the same). */
  cwdFromBase: string;
  targets: Target[];
}

const GLOB_CHARS = /[*?[\]{}]/;

export function isGlob(path: string): boolean {
  return GLOB_CHARS.test(path);
}

function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

/** The segments of a glob before the first one with a glob character ("" when none). */
export function globStaticPart(glob: string): string {
  const segments = toPosix(glob).split("/");
  const first = segments.findIndex((s) => isGlob(s));
  return segments.slice(0, first < 0 ? segments.length : first).join("/");
}

/** The deepest folder that holds all of `paths` (absolute). */
export function commonFolder(paths: readonly string[]): string {
  const outside = (folder: string, path: string) => {
    const rel = relative(folder, path);
    return rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  };
  let common = paths[0];
  for (const path of paths.slice(1)) {
    while (outside(common, path)) {
      const parent = dirname(common);
      if (parent === common) break;
      common = parent;
    }
  }
  return common;
}

/**
 * Resolves the command line's paths against `cwd`. A path that does not exist and has no glob
 * character is a usage error.
 */
export function resolveTargets(paths: readonly string[], cwd: string): Targets {
  const resolved = paths.map((given) => {
    const absolute = resolve(cwd, given);
    const glob = !existsSync(absolute) && isGlob(given);
    if (!glob && !existsSync(absolute)) throw new UsageError(`no such file or directory: ${given}`);
    // the folder that must be inside the base: the path itself, or a glob's folder part
    const folder = glob ? resolve(cwd, globStaticPart(given) || ".") : absolute;
    return { given, absolute, glob, folder };
  });
  const base = commonFolder([cwd, ...resolved.map((r) => r.folder)]);
  const fromBase = (absolute: string) => toPosix(relative(base, absolute)) || ".";
  return {
    base,
    cwdFromBase: toPosix(relative(base, cwd)),
    targets: resolved.map(({ given, absolute, glob, folder }) => ({
      given,
      pattern: fromBase(absolute),
      glob,
      staticPart: fromBase(folder),
    })),
  };
}

/**
 * Flat-config `ignores` patterns written for the current folder (the `.gitignore` ones), made
 * relative to the base instead: `**\/x` → `app/**\/x`, `!y` → `!app/y`.
 */
export function rebaseIgnores(patterns: readonly string[], cwdFromBase: string): string[] {
  if (cwdFromBase === "") return [...patterns];
  return patterns.map((pattern) => {
    const negated = pattern.startsWith("!");
    const body = negated ? pattern.slice(1) : pattern;
    return `${negated ? "!" : ""}${cwdFromBase}/${body}`;
  });
}

/**
 * A glob as a regular expression over "/"-separated relative paths: `*` and `?` within a segment,
 * `**` across segments, `{a,b}` alternatives and `[...]` classes (`[!...]` negated).
 */
export function globToRegExp(glob: string): RegExp {
  let out = "";
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    const segmentStart = i === 0 || glob[i - 1] === "/";
    if (c === "*" && glob[i + 1] === "*" && segmentStart && (i + 2 === glob.length || glob[i + 2] === "/")) {
      if (i + 2 === glob.length) {
        out += ".*";
        i += 1;
      } else {
        out += "(?:[^/]+/)*";
        i += 2; // the "/" as well
      }
    } else if (c === "*") {
      out += "[^/]*";
    } else if (c === "?") {
      out += "[^/]";
    } else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) {
        out += "\\[";
      } else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith("!")) body = `^${body.slice(1)}`;
        out += `[${body.replace(/\\/g, "\\\\")}]`;
        i = close;
      }
    } else if (c === "{") {
      braces++;
      out += "(?:";
    } else if (c === "}" && braces > 0) {
      braces--;
      out += ")";
    } else if (c === "," && braces > 0) {
      out += "|";
    } else {
      out += c.replace(/[.+^$()|\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${out}$`);
}
