/**
 * The Worker a linted file belongs to: the nearest `wrangler.json` / `wrangler.jsonc` /
 * `wrangler.toml` in the file's folder or above (up to the package or repository root), read
 * with the `.dev.vars` / `.env` files and the generated `worker-configuration.d.ts` beside it.
 *
 * Kept per process as plain data (names, kinds, flags: never a value, an AST or a rule context),
 * keyed by the config's path and the interface names read, and re-checked on each use by the
 * mtime and size of every file it was read from and of the config's folder (a `.dev.vars` added
 * or removed changes it). Folder lookups are kept the same way, by the folder's mtime.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";
import type { WorkerView } from "../engine/analysis";
import type { BindingKind } from "../engine/shape";
import type { Settings } from "../settings";
import { SECRET } from "./binding-kinds";
import { envFileNames, envInterfaceMembers, isEnvFileName, TYPES_FILE } from "./declared-names";
import { CONFIG_NAMES, ConfigError, parseConfigText, readDeclarations } from "./worker-config";

/** Config, env and types files larger than this are not read. */
const MAX_BYTES = 4_000_000;
/** Folders walked up from a file at most. */
const MAX_LEVELS = 32;

interface Folder {
  stamp: string;
  /** The config files present, in wrangler's order of preference. */
  configs: string[];
  /** The folder is a package or repository root: the search stops there. */
  root: boolean;
  /** `.dev.vars` / `.env` files present. */
  envFiles: string[];
  types: boolean;
}

interface Entry {
  stamps: Map<string, string>;
  view: WorkerView;
}

const folders = new Map<string, Folder>();
const workers = new Map<string, Entry>();

/** Counts configs read (cache misses), for tests. */
export const workerStats = { reads: 0 };

function stampOf(path: string): string | null {
  try {
    const st = statSync(path);
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return null;
  }
}

function folderOf(dir: string): Folder | null {
  const stamp = stampOf(dir);
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
    root: present.has("package.json") || present.has(".git"),
    envFiles: names.filter(isEnvFileName).sort(),
    types: present.has(TYPES_FILE),
  };
  folders.set(dir, folder);
  return folder;
}

/** The nearest config file of a linted file, or null. */
export function findConfig(filename: string): string | null {
  let dir = dirname(filename);
  for (let i = 0; i < MAX_LEVELS; i++) {
    const folder = folderOf(dir);
    if (folder?.configs.length) return join(dir, folder.configs[0]);
    const parent = dirname(dir);
    if (!folder || folder.root || parent === dir) return null;
    dir = parent;
  }
  return null;
}

function readSmall(path: string, stamps: Map<string, string>): string | null {
  const stamp = stampOf(path);
  if (stamp === null) return null;
  stamps.set(path, stamp);
  if (Number(stamp.split(":")[1]) > MAX_BYTES) return null;
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

function readWorker(configPath: string, interfaceNames: ReadonlySet<string>): Entry {
  workerStats.reads++;
  const dir = dirname(configPath);
  const configFile = basename(configPath);
  const stamps = new Map<string, string>();
  const folder = folderOf(dir);
  if (folder) stamps.set(dir, folder.stamp);
  const text = readSmall(configPath, stamps);
  if (text === null) return { stamps, view: { configFile, name: null, bindings: new Map(), processEnv: false, error: `${configFile}: cannot be read.` } };
  let declared;
  try {
    declared = readDeclarations(parseConfigText(configFile, text));
  } catch (e) {
    const error = e instanceof ConfigError ? e.message : `${configFile}: cannot be read.`;
    return { stamps, view: { configFile, name: null, bindings: new Map(), processEnv: false, error } };
  }
  const bindings = new Map<string, BindingKind>(declared.bindings);
  // Each file's text is dropped once its names are taken: no value outlives this function.
  for (const name of folder?.envFiles ?? []) {
    const envText = readSmall(join(dir, name), stamps);
    for (const key of envText === null ? [] : envFileNames(envText)) if (!bindings.has(key)) bindings.set(key, SECRET);
  }
  if (folder?.types) {
    const typesText = readSmall(join(dir, TYPES_FILE), stamps);
    if (typesText !== null) {
      for (const [key, kind] of envInterfaceMembers(typesText, interfaceNames)) {
        const known = bindings.get(key);
        if (!known || (known.shape === "value" && kind.shape !== "value")) bindings.set(key, kind);
      }
    }
  }
  return { stamps, view: { configFile, name: declared.name, bindings, processEnv: declared.processEnv, error: null } };
}

/**
 * The Worker of a linted file, from its nearest config; null for text without a file name or a
 * file outside any Worker. A config that does not parse gives a view with `error` set.
 */
export function workerFor(filename: string | undefined, settings: Settings): WorkerView | null {
  if (!filename || !isAbsolute(filename)) return null;
  const configPath = findConfig(filename);
  if (!configPath) return null;
  const key = `${configPath}\u0000${[...settings.envTypeNames].sort().join(",")}`;
  const hit = workers.get(key);
  if (hit && [...hit.stamps].every(([path, stamp]) => stampOf(path) === stamp)) return hit.view;
  const entry = readWorker(configPath, settings.envTypeNames);
  workers.set(key, entry);
  return entry.view;
}

/** What the cache holds, as plain data (for tests: it must hold no value of any file). */
export function workerCacheSnapshot(): unknown {
  return {
    folders: [...folders],
    workers: [...workers].map(([key, e]) => [key, [...e.stamps], { ...e.view, bindings: [...e.view.bindings] }]),
  };
}
