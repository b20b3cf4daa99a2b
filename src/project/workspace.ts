/**
 * The packages of the workspace a file is in, by name, as the workspace declares them (pnpm's
 * `pnpm-workspace.yaml`, the `workspaces` of the root `package.json`): a package of the repository
 * is found by its name where no install has linked it into `node_modules` yet (a fresh clone, a CI
 * job that lints before it installs).
 *
 * Kept per workspace root as plain data (each package's folder by its name), with the stamp of the
 * file that declares the workspace: a package added or renamed is seen once that file changes, or
 * in a new process. Which root a folder belongs to is asked again after {@link ROOT_RETRY_MS}.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { escapeRegExp } from "../engine/sources";
import { fileStamp } from "./stamp";

/** How many folders up a workspace root is looked for. */
const MAX_LEVELS = 12;
/** How deep a `**` pattern is followed, and how many packages a workspace is read for at most. */
const MAX_GLOB_DEPTH = 3;
const MAX_PACKAGES = 1_000;
const ROOT_RETRY_MS = 60_000;
/** Folders that never hold a package of the workspace. */
const SKIPPED = new Set(["node_modules", "dist", "build", "out", "coverage"]);

interface Workspace {
  /** The file that declares the workspace, and its stamp when it was read. */
  file: string;
  stamp: string;
  packages: Map<string, string>;
}

const roots = new Map<string, { at: number; file: string | null }>();
const workspaces = new Map<string, Workspace>();

/** The folder of the workspace package `name`, for a file in `dir`; null when no workspace declares one. */
export function workspacePackage(dir: string, name: string): string | null {
  const file = declaringFile(dir, Date.now());
  if (!file) return null;
  const stamp = fileStamp(file);
  if (stamp === null) return null;
  let known = workspaces.get(file);
  if (!known || known.stamp !== stamp) {
    known = { file, stamp, packages: readWorkspace(file) };
    workspaces.set(file, known);
  }
  return known.packages.get(name) ?? null;
}

/**
 * The `pnpm-workspace.yaml`, or the `package.json` with `workspaces`, of `dir` or the nearest folder
 * above it. Remembered for each folder on the way, which the files of a project share.
 */
function declaringFile(dir: string, now: number, level = 0): string | null {
  const known = roots.get(dir);
  if (known && now - known.at < ROOT_RETRY_MS) return known.file;
  const pnpm = join(dir, "pnpm-workspace.yaml");
  const manifest = join(dir, "package.json");
  const parent = dirname(dir);
  let file: string | null;
  if (fileStamp(pnpm) !== null) file = pnpm;
  else if (fileStamp(manifest) !== null && patternsOf(manifest).length > 0) file = manifest;
  else file = parent === dir || level + 1 >= MAX_LEVELS ? null : declaringFile(parent, now, level + 1);
  if (roots.size >= 50_000) roots.clear();
  roots.set(dir, { at: now, file });
  return file;
}

/** The folder patterns a workspace file lists (`packages/*`, `apps/**`), negations left out. */
function patternsOf(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  let patterns: unknown[] = [];
  if (file.endsWith(".yaml")) {
    // `packages:` then its list items, up to the next key.
    const lines = text.split(/\r?\n/);
    const start = lines.findIndex((line) => /^packages\s*:/.test(line));
    // The flow form on the key's line: `packages: ["packages/*", 'apps/*']`.
    const flow = start >= 0 ? /^packages\s*:\s*\[([^\]]*)\]/.exec(lines[start]) : null;
    if (flow) return flow[1].split(",").map((p) => p.trim().replace(/^["']|["']$/g, "")).filter((p) => p !== "" && !p.startsWith("!"));
    for (let i = start + 1; start >= 0 && i < lines.length; i++) {
      const line = lines[i].replace(/#.*$/, "").trim();
      if (line === "") continue;
      const item = /^-\s*["']?([^"']+?)["']?\s*$/.exec(line);
      if (!item) break;
      patterns.push(item[1]);
    }
  } else {
    try {
      const workspaces = (JSON.parse(text) as { workspaces?: unknown }).workspaces;
      patterns = Array.isArray(workspaces) ? workspaces : Array.isArray((workspaces as { packages?: unknown })?.packages) ? (workspaces as { packages: unknown[] }).packages : [];
    } catch {
      return [];
    }
  }
  return patterns.filter((p): p is string => typeof p === "string" && !p.startsWith("!"));
}

/** Each package the workspace's patterns name, by its `package.json` name. */
function readWorkspace(file: string): Map<string, string> {
  const root = dirname(file);
  const packages = new Map<string, string>();
  for (const pattern of patternsOf(file)) {
    const parts = pattern.replace(/^\.\//, "").split("/").filter((p) => p !== "" && p !== ".");
    for (const dir of expand(root, parts)) {
      if (packages.size >= MAX_PACKAGES) return packages;
      const name = packageName(dir);
      if (name !== null && !packages.has(name)) packages.set(name, dir);
    }
  }
  return packages;
}

/** The folders a pattern's parts name under `dir`: a name, `*` (any one folder), `**` (any folders, a few deep). */
function expand(dir: string, parts: readonly string[]): string[] {
  if (parts.length === 0) return [dir];
  const [first, ...rest] = parts;
  if (first === "**") return [...expand(dir, rest), ...below(dir, MAX_GLOB_DEPTH).flatMap((sub) => expand(sub, rest))];
  if (!first.includes("*")) return expand(join(dir, first), rest);
  const match = new RegExp(`^${first.split("*").map(escapeRegExp).join("[^/]*")}$`);
  return subfolders(dir)
    .filter((name) => match.test(name))
    .flatMap((name) => expand(join(dir, name), rest));
}

function below(dir: string, depth: number): string[] {
  if (depth <= 0) return [];
  return subfolders(dir).flatMap((name) => [join(dir, name), ...below(join(dir, name), depth - 1)]);
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !SKIPPED.has(e.name))
      .map((e) => e.name);
  } catch {
    return [];
  }
}

function packageName(dir: string): string | null {
  try {
    const name = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown }).name;
    return typeof name === "string" && name !== "" ? name : null;
  } catch {
    return null;
  }
}

/** Drops what is remembered (for tests). */
export function forgetWorkspaces(): void {
  roots.clear();
  workspaces.clear();
}
