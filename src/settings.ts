/**
 * The shared `settings["cloudflare-workers"]` key, read by every rule.
 *
 * Settings are validated by hand (ESLint does not validate `settings`): a malformed value is
 * reported once per file as a clear error instead of crashing the rule, and the file is linted with
 * the default settings.
 */

export const SETTINGS_KEY = "cloudflare-workers";

/** One user-declared accessor: a call (`getEnv()`) or a member path, then a path to `env`. */
export interface Accessor {
  /** Function name for a call accessor (`getEnv` in `getEnv().env`), or root identifier. */
  root: string;
  /** True when the accessor is a call of `root`. */
  call: boolean;
  /** Member path after the root (or its call) that leads to the env object. */
  path: string[];
}

export interface Settings {
  /** Type names that mark a parameter as the Workers env object. */
  envTypeNames: ReadonlySet<string>;
  /** Extra accessors whose result is the env object. */
  envAccessors: readonly Accessor[];
  /**
   * Treat `process.env` (and `env` from `node:process`) as a source of bindings; null (not set):
   * as the Worker's config says (`nodejs_compat` from compatibility date 2025-04-01, or
   * `nodejs_compat_populate_process_env`).
   */
  processEnv: boolean | null;
  /** Type names that mark a parameter as one binding (`D1Database`, `KVNamespace`, …). */
  bindingTypeNames: ReadonlySet<string>;
  /** How many modules deep calls into the project's own modules are followed (0: not at all). */
  crossModuleDepth: number;
  /** More packages whose clients hold a socket, call over HTTP, or wrap a binding. */
  clientPackages: ReadonlyMap<string, "socket" | "http" | "wrapper">;
}

export const DEFAULT_ENV_TYPE_NAMES = ["Env", "Bindings", "CloudflareEnv", "CloudflareBindings"];

/** Workers binding types: a parameter of one of these types is a binding, like `env.X`. */
export const DEFAULT_BINDING_TYPE_NAMES = [
  "D1Database",
  "KVNamespace",
  "R2Bucket",
  "Hyperdrive",
  "Fetcher",
  "Service",
  "DurableObjectNamespace",
  "DurableObjectStub",
  "Queue",
  "Ai",
  "VectorizeIndex",
  "Vectorize",
  "AnalyticsEngineDataset",
  "SecretsStoreSecret",
  "Workflow",
  "RateLimit",
  "DispatchNamespace",
  "ImagesBinding",
  "BrowserWorker",
  "SendEmail",
  "AutoRAG",
  "WorkerVersionMetadata",
];

export const DEFAULT_CROSS_MODULE_DEPTH = 3;
const MAX_CROSS_MODULE_DEPTH = 10;

export const DEFAULT_SETTINGS: Settings = {
  envTypeNames: new Set(DEFAULT_ENV_TYPE_NAMES),
  envAccessors: [],
  processEnv: null,
  bindingTypeNames: new Set(DEFAULT_BINDING_TYPE_NAMES),
  crossModuleDepth: DEFAULT_CROSS_MODULE_DEPTH,
  clientPackages: new Map(),
};

const ACCESSOR_RE = /^([A-Za-z_$][\w$]*)(\(\))?((?:\.[A-Za-z_$][\w$]*)*)$/;

/** Parses `getEnv()`, `getCtx().env`, `globalContext.bindings`. Returns null when malformed. */
export function parseAccessor(text: string): Accessor | null {
  const m = ACCESSOR_RE.exec(text.trim());
  if (!m) return null;
  const path = m[3] ? m[3].slice(1).split(".") : [];
  const call = Boolean(m[2]);
  if (!call && path.length === 0) return null;
  return { root: m[1], call, path };
}

export class SettingsError extends Error {}

const KNOWN_KEYS = new Set(["envTypeNames", "envAccessors", "processEnv", "bindingTypeNames", "crossModuleDepth", "clientPackages"]);

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string" && v.length > 0);
}

/**
 * Reads and validates the shared settings. Throws {@link SettingsError} with a message that names
 * the bad key; callers turn that into a report instead of a crash.
 */
export function readSettings(all: unknown): Settings {
  if (all === null || typeof all !== "object") return DEFAULT_SETTINGS;
  const raw = (all as Record<string, unknown>)[SETTINGS_KEY];
  if (raw === undefined) return DEFAULT_SETTINGS;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new SettingsError(`settings["${SETTINGS_KEY}"] must be an object.`);
  }
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new SettingsError(
        `settings["${SETTINGS_KEY}"] has an unknown key "${key}" (known: ${[...KNOWN_KEYS].join(", ")}).`,
      );
    }
  }
  const envTypeNames = new Set(DEFAULT_ENV_TYPE_NAMES);
  if (obj.envTypeNames !== undefined) {
    if (!isStringArray(obj.envTypeNames)) {
      throw new SettingsError(`settings["${SETTINGS_KEY}"].envTypeNames must be an array of non-empty strings.`);
    }
    for (const name of obj.envTypeNames) envTypeNames.add(name);
  }
  const envAccessors: Accessor[] = [];
  if (obj.envAccessors !== undefined) {
    if (!isStringArray(obj.envAccessors)) {
      throw new SettingsError(`settings["${SETTINGS_KEY}"].envAccessors must be an array of non-empty strings.`);
    }
    for (const text of obj.envAccessors) {
      const accessor = parseAccessor(text);
      if (!accessor) {
        throw new SettingsError(
          `settings["${SETTINGS_KEY}"].envAccessors: "${text}" is not of the form "getEnv()", "getCtx().env" or "holder.env".`,
        );
      }
      envAccessors.push(accessor);
    }
  }
  let processEnv: boolean | null = null;
  if (obj.processEnv !== undefined) {
    if (typeof obj.processEnv !== "boolean") {
      throw new SettingsError(`settings["${SETTINGS_KEY}"].processEnv must be a boolean.`);
    }
    processEnv = obj.processEnv;
  }
  const bindingTypeNames = new Set(DEFAULT_BINDING_TYPE_NAMES);
  if (obj.bindingTypeNames !== undefined) {
    if (!isStringArray(obj.bindingTypeNames)) {
      throw new SettingsError(`settings["${SETTINGS_KEY}"].bindingTypeNames must be an array of non-empty strings.`);
    }
    for (const name of obj.bindingTypeNames) bindingTypeNames.add(name);
  }
  let crossModuleDepth = DEFAULT_CROSS_MODULE_DEPTH;
  if (obj.crossModuleDepth !== undefined) {
    const d = obj.crossModuleDepth;
    if (typeof d !== "number" || !Number.isInteger(d) || d < 0 || d > MAX_CROSS_MODULE_DEPTH) {
      throw new SettingsError(`settings["${SETTINGS_KEY}"].crossModuleDepth must be a whole number from 0 to ${MAX_CROSS_MODULE_DEPTH}.`);
    }
    crossModuleDepth = d;
  }
  const clientPackages = new Map<string, "socket" | "http" | "wrapper">();
  if (obj.clientPackages !== undefined) {
    const raw = obj.clientPackages;
    const kinds = ["socket", "http", "wrapper"];
    if (raw === null || typeof raw !== "object" || Array.isArray(raw) || Object.entries(raw).some(([k, v]) => !k || !kinds.includes(v as string))) {
      throw new SettingsError(`settings["${SETTINGS_KEY}"].clientPackages must map package names to "socket", "http" or "wrapper".`);
    }
    for (const [name, kind] of Object.entries(raw)) clientPackages.set(name, kind as "socket" | "http" | "wrapper");
  }
  return { envTypeNames, envAccessors, processEnv, bindingTypeNames, crossModuleDepth, clientPackages };
}

const processEnvVariants = new WeakMap<Settings, [Settings, Settings]>();

/**
 * The settings with `processEnv` set to `on`: the same object when it already is, else one made
 * once per settings and value, so that what is keyed by the settings object is computed once.
 */
export function withProcessEnv(settings: Settings, on: boolean): Settings {
  if (settings.processEnv === on) return settings;
  let pair = processEnvVariants.get(settings);
  if (!pair) processEnvVariants.set(settings, (pair = [{ ...settings, processEnv: false }, { ...settings, processEnv: true }]));
  return pair[on ? 1 : 0];
}

/** A stable key for caching one analysis per (file, settings). */
const settingsKeys = new WeakMap<Settings, string>();

export function settingsKey(s: Settings): string {
  let key = settingsKeys.get(s);
  if (key === undefined) {
    key = makeSettingsKey(s);
    settingsKeys.set(s, key);
  }
  return key;
}

function makeSettingsKey(s: Settings): string {
  return JSON.stringify([[...s.envTypeNames].sort(), s.envAccessors, s.processEnv, [...s.bindingTypeNames].sort(), s.crossModuleDepth, [...s.clientPackages].sort()]);
}

/** For each file (its Program node), the rule that reports each kind of setup error on it. */
const settingsReporters = new WeakMap<object, Map<string, string>>();

/**
 * Whether the rule `ruleId` is the one to report a setup error of this kind (malformed settings, a
 * Worker config that does not parse) on the file whose Program node is `program`: the first of the
 * plugin's rules to ask is, so that each error shows once per file however many rules are on.
 */
export function claimSettingsReport(program: object, ruleId: string, kind: "settings" | "config" = "settings"): boolean {
  let reporters = settingsReporters.get(program);
  if (!reporters) settingsReporters.set(program, (reporters = new Map()));
  const reporter = reporters.get(kind);
  if (reporter === undefined) {
    reporters.set(kind, ruleId);
    return true;
  }
  return reporter === ruleId;
}
