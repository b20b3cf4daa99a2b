import { describe, expect, it } from "vitest";
import { effectiveSettings, type WorkerView } from "../../src/engine/analysis";
import { DEFAULT_SETTINGS, parseAccessor, readSettings, settingsKey } from "../../src/settings";

describe("parseAccessor", () => {
  it.each([
    ["getEnv()", { root: "getEnv", call: true, path: [] }],
    ["getCtx().env", { root: "getCtx", call: true, path: ["env"] }],
    ["app.context.bindings", { root: "app", call: false, path: ["context", "bindings"] }],
    ["  useBindings().env  ", { root: "useBindings", call: true, path: ["env"] }],
  ])("parses %s", (text, expected) => {
    expect(parseAccessor(text)).toEqual(expected);
  });

  it.each(["", "env", "get env()", "a..b", "a()()", "1abc()", "a.b()"])("rejects %j", (text) => {
    expect(parseAccessor(text)).toBeNull();
  });
});

describe("readSettings", () => {
  it("defaults when absent", () => {
    expect(readSettings({})).toBe(DEFAULT_SETTINGS);
    expect(readSettings(undefined)).toBe(DEFAULT_SETTINGS);
  });

  it("adds type names to the defaults", () => {
    const s = readSettings({ "cloudflare-workers": { envTypeNames: ["MyEnv"] } });
    expect([...s.envTypeNames].sort()).toEqual(["Bindings", "CloudflareBindings", "CloudflareEnv", "Env", "MyEnv"]);
  });

  it.each([
    [[], "must be an object"],
    [{ unknown: 1 }, 'unknown key "unknown"'],
    [{ envTypeNames: "Env" }, "envTypeNames must be an array"],
    [{ envTypeNames: [""] }, "envTypeNames must be an array"],
    [{ envAccessors: ["not an accessor"] }, "is not of the form"],
    [{ envAccessors: [1] }, "envAccessors must be an array"],
    [{ processEnv: "yes" }, "processEnv must be a boolean"],
  ])("rejects %j", (value, message) => {
    expect(() => readSettings({ "cloudflare-workers": value })).toThrow(message);
  });

  it("leaves processEnv to the Worker's config unless it is set", () => {
    const worker = (processEnv: boolean, error: string | null = null): WorkerView => ({ configFile: "wrangler.json", name: "w", bindings: new Map(), processEnv, error });
    expect(readSettings({ "cloudflare-workers": {} }).processEnv).toBeNull();
    expect(effectiveSettings(DEFAULT_SETTINGS, worker(true)).processEnv).toBe(true);
    expect(effectiveSettings(DEFAULT_SETTINGS, worker(false)).processEnv).toBe(false);
    expect(effectiveSettings(DEFAULT_SETTINGS, null).processEnv).toBe(false);
    // why: a config that does not parse says nothing, not "on"
    expect(effectiveSettings(DEFAULT_SETTINGS, worker(true, "wrangler.json: invalid JSON")).processEnv).toBe(false);
    // why: the setting overrides the config both ways
    expect(effectiveSettings(readSettings({ "cloudflare-workers": { processEnv: false } }), worker(true)).processEnv).toBe(false);
    expect(effectiveSettings(readSettings({ "cloudflare-workers": { processEnv: true } }), worker(false)).processEnv).toBe(true);
  });

  it("keys equal settings equally", () => {
    const a = readSettings({ "cloudflare-workers": { envTypeNames: ["A", "B"] } });
    const b = readSettings({ "cloudflare-workers": { envTypeNames: ["B", "A"] } });
    expect(settingsKey(a)).toBe(settingsKey(b));
    expect(settingsKey(a)).not.toBe(settingsKey(DEFAULT_SETTINGS));
  });
});
