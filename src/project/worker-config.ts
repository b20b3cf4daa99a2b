/**
 * Reads one Worker config (`wrangler.json`, `wrangler.jsonc` or `wrangler.toml`) into what the
 * rules need: the Worker's name, every binding name declared in it (in any environment) with its
 * kind, and whether `process.env` holds the Worker's text bindings. Values are never kept.
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from "jsonc-parser";
import type * as SmolToml from "smol-toml" with { "resolution-mode": "import" };
import type { BindingKind } from "../engine/shape";
import { ASSETS, BINDING_SECTIONS, KEYED_SECTIONS, SECRET, SITE_CONTENT } from "./binding-kinds";

export interface WorkerDeclarations {
  name: string | null;
  /** Binding name → kind, from the top level and every `env.<name>` section. */
  bindings: Map<string, BindingKind>;
  /** Whether the Worker's text bindings appear in `process.env` (see {@link populatesProcessEnv}). */
  processEnv: boolean;
  /** The Worker's entry module, as the config writes it (relative to the config's folder). */
  main: string | null;
  /** `keep_vars = true`: vars set in the dashboard stay, so names the files declare nowhere may exist. */
  keepVars: boolean;
  /** No name, no `main`, no Pages output: a config a tool reads (`wrangler d1 migrations`), no Worker's whole list of bindings. */
  toolOnly: boolean;
  /** Whether the Worker serves an OpenNext build: its `main` or its assets in `.open-next/`, or a Pages project's output copied from it. */
  openNextBuild: boolean;
  /** The folder of the static assets it serves (`assets.directory`, Workers Sites' `site.bucket`), as the config writes it. */
  assets: string | null;
}

/** The config file names, in the order wrangler prefers them when a folder has several. */
export const CONFIG_NAMES = ["wrangler.json", "wrangler.jsonc", "wrangler.toml"] as const;

/** Other configs of a Worker's folder (`wrangler-dev.toml`, `wrangler.production.jsonc`), deployed with `wrangler -c`. */
export const SIBLING_CONFIG = /^wrangler[.-][\w.-]+\.(?:toml|jsonc?)$/;

// smol-toml ships CommonJS next to its ES module, but only ES module types.
const toml = require("smol-toml") as typeof SmolToml;

/** Thrown for a config that does not parse; the message names the file, line and column only. */
export class ConfigError extends Error {}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

/** Parses the config text. The error says where, never what: a line may hold a value. */
export function parseConfigText(fileName: string, text: string): Obj {
  if (fileName.endsWith(".toml")) {
    try {
      return toml.parse(text) as Obj;
    } catch (e) {
      if (e instanceof toml.TomlError) throw new ConfigError(`${fileName}: invalid TOML at line ${e.line}, column ${e.column}.`);
      throw new ConfigError(`${fileName}: invalid TOML.`);
    }
  }
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  if (errors.length) {
    const first = errors[0];
    throw new ConfigError(`${fileName}: invalid JSON (${printParseErrorCode(first.error)}) at ${lineAndColumn(text, first.offset)}.`);
  }
  if (!isObject(value)) throw new ConfigError(`${fileName}: the config is not an object.`);
  return value;
}

function at(config: Obj, path: string): unknown {
  let v: unknown = config;
  for (const key of path.split(".")) {
    if (!isObject(v)) return undefined;
    v = v[key];
  }
  return v;
}

/** Entries of a binding section: an array of objects, or one object (`ai`, `browser`, `assets`). */
function entries(section: unknown): Obj[] {
  if (Array.isArray(section)) return section.filter(isObject);
  return isObject(section) ? [section] : [];
}

const KNOWN_PATHS = new Set(BINDING_SECTIONS.map((s) => s.path.split(".")[0]));
const NOT_BINDINGS = new Set(["env", "vars", "secrets", "migrations", "routes", "route", "triggers", "build", "placement", "observability", "limits", "dev", "site", "rules", "containers", "cloudchamber", "unsafe", "queues", "durable_objects", "logfwdr"]);

/** The bindings one environment (or the top level) declares, into `out`. */
function collectBindings(config: Obj, out: Map<string, BindingKind>): void {
  const add = (name: unknown, kind: BindingKind) => {
    if (typeof name === "string" && name && !out.has(name)) out.set(name, kind);
  };
  for (const { path, field, kind } of BINDING_SECTIONS) {
    for (const entry of entries(at(config, path))) add(entry[field], kind);
  }
  for (const { path, kind } of KEYED_SECTIONS) {
    const section = at(config, path);
    if (isObject(section)) for (const name of Object.keys(section)) add(name, kind);
  }
  const secrets = at(config, "secrets.required");
  if (Array.isArray(secrets)) for (const name of secrets) add(name, SECRET);
  // A binding section newer than the table: its entries name their binding in `binding`.
  for (const [key, section] of Object.entries(config)) {
    if (KNOWN_PATHS.has(key) || NOT_BINDINGS.has(key)) continue;
    for (const entry of entries(section)) add(entry.binding, { shape: "binding", label: null });
  }
}

/**
 * With `nodejs_compat`, `process.env` holds the text bindings from compatibility date 2025-04-01,
 * or earlier with `nodejs_compat_populate_process_env`; never with
 * `nodejs_compat_do_not_populate_process_env`.
 */
export function populatesProcessEnv(config: Obj): boolean {
  const flags = Array.isArray(config.compatibility_flags) ? config.compatibility_flags.filter((f): f is string => typeof f === "string") : [];
  if (!flags.includes("nodejs_compat") && !flags.includes("nodejs_compat_v2")) return false;
  if (flags.includes("nodejs_compat_do_not_populate_process_env")) return false;
  if (flags.includes("nodejs_compat_populate_process_env")) return true;
  const date = config.compatibility_date;
  // TOML may give a date value rather than a string.
  const text = typeof date === "string" ? date : date instanceof Date ? date.toISOString().slice(0, 10) : "";
  return /^\d{4}-\d{2}-\d{2}/.test(text) && text.slice(0, 10) >= "2025-04-01";
}

/** OpenNext's build output (`.open-next/worker.js`, `.open-next/assets`). */
const OPEN_NEXT_OUTPUT = /(?:^|[\\/])\.open-next(?:[\\/]|$)/;
/** A copy of it a Pages project serves (`pages_build_output_dir = ".open-next-pages"`). */
const OPEN_NEXT_PAGES = /(?:^|[\\/])\.open-next[\w-]*[\\/]?$/;

/** What a parsed config declares. */
export function readDeclarations(config: Obj): WorkerDeclarations {
  const bindings = new Map<string, BindingKind>();
  collectBindings(config, bindings);
  if (isObject(config.env)) {
    for (const env of Object.values(config.env)) if (isObject(env)) collectBindings(env, bindings);
  }
  // A Pages project's Functions always have `env.ASSETS`, the project's static assets.
  if (typeof config.pages_build_output_dir === "string" && !bindings.has("ASSETS")) bindings.set("ASSETS", ASSETS);
  // Workers Sites (`[site]`): the assets' KV namespace is `env.__STATIC_CONTENT`.
  if (isObject(config.site) && !bindings.has("__STATIC_CONTENT")) bindings.set("__STATIC_CONTENT", SITE_CONTENT);
  const main = typeof config.main === "string" && config.main ? config.main : null;
  // A next-on-pages build (`pages_build_output_dir = ".vercel/output/static"`): its worker puts the bindings in `process.env`, whatever the date.
  const nextOnPages = typeof config.pages_build_output_dir === "string" && /(?:^|\/)\.vercel\/output\/static\/?$/.test(config.pages_build_output_dir);
  const assets = isObject(config.assets) && typeof config.assets.directory === "string" ? config.assets.directory : "";
  const pages = typeof config.pages_build_output_dir === "string" ? config.pages_build_output_dir : "";
  const openNextBuild = OPEN_NEXT_OUTPUT.test(main ?? "") || OPEN_NEXT_OUTPUT.test(assets) || OPEN_NEXT_PAGES.test(pages);
  const site = isObject(config.site) && typeof config.site.bucket === "string" ? config.site.bucket : "";
  return { name: typeof config.name === "string" && config.name ? config.name : null, bindings, processEnv: nextOnPages || populatesProcessEnv(config), main, keepVars: config.keep_vars === true, toolOnly: !config.name && !main && !pages, openNextBuild, assets: assets || site || null };
}
