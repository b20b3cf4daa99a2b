/**
 * Bad configuration. Invalid rule options are rejected by ESLint's schema validation with an
 * error naming the rule and the offending value (one test per option and kind of mistake); a
 * malformed `settings["cloudflare-workers"]` never crashes: it is reported once per file, with a
 * message naming the bad key, and the file is linted with the default settings.
 */
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { lint, PREFIX, RULE_NAMES } from "./harness";

const WORKER = [
  "let client;",
  "export default {",
  "  async fetch(request, env) {",
  "    client = env.KEY;",
  '    return new Response("ok");',
  "  },",
  "};",
].join("\n");

function withOptions(rule: string, ...options: unknown[]): Linter.RulesRecord {
  return { [`${PREFIX}/${rule}`]: ["error", ...options] as Linter.RuleEntry };
}

/** Lints with the given rule entry and returns the thrown error's message, or fails. */
function configError(rules: Linter.RulesRecord): string {
  try {
    lint(WORKER, { rules });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`expected ESLint to reject ${JSON.stringify(rules)}`);
}

interface BadOption {
  rule: string;
  what: string;
  options: unknown[];
  /** Fragments the schema error must contain (besides the rule id). */
  mentions: string[];
}

/**
 * An unknown key: ESLint 9 and 10 say `Unexpected property "x"` and list the known ones; ESLint 8
 * says the value "should NOT have additional properties".
 */
const ESLINT_8 = Number(Linter.version.split(".")[0]) === 8;
const unknownKey = (key: string, known: string[]) =>
  ESLINT_8 ? [`"${key}"`, "should NOT have additional properties"] : [`Unexpected property "${key}"`, ...known];

const BAD_OPTIONS: BadOption[] = [
  // no-env-in-global-scope: { allow: string[], bindingDataIsDerived: boolean }
  { rule: "no-env-in-global-scope", what: "options not an object", options: ["db"], mentions: ['"db"', "should be object"] },
  { rule: "no-env-in-global-scope", what: "allow not an array", options: [{ allow: "db" }], mentions: ['"db"', "should be array"] },
  { rule: "no-env-in-global-scope", what: "allow with a non-string item", options: [{ allow: ["db", 1] }], mentions: ["1", "should be string"] },
  { rule: "no-env-in-global-scope", what: "allow with an empty name", options: [{ allow: [""] }], mentions: ['""', "shorter than 1"] },
  { rule: "no-env-in-global-scope", what: "allow with duplicates", options: [{ allow: ["db", "db"] }], mentions: ['["db","db"]', "duplicate items"] },
  { rule: "no-env-in-global-scope", what: "bindingDataIsDerived not a boolean", options: [{ bindingDataIsDerived: "yes" }], mentions: ['"yes"', "should be boolean"] },
  { rule: "no-env-in-global-scope", what: "unknown key", options: [{ alow: ["db"] }], mentions: unknownKey("alow", ["allow", "bindingDataIsDerived"]) },
  { rule: "no-env-in-global-scope", what: "a second options object", options: [{}, {}], mentions: ["more than 1 item"] },
  // no-request-state-in-global-scope: { allow: string[] }
  { rule: "no-request-state-in-global-scope", what: "allow not an array", options: [{ allow: { cache: true } }], mentions: ['{"cache":true}', "should be array"] },
  { rule: "no-request-state-in-global-scope", what: "allow with a non-string item", options: [{ allow: [null] }], mentions: ["null", "should be string"] },
  { rule: "no-request-state-in-global-scope", what: "unknown key", options: [{ bindingDataIsDerived: true }], mentions: unknownKey("bindingDataIsDerived", ["allow"]) },
  { rule: "no-request-state-in-global-scope", what: "options not an object", options: [["cache"]], mentions: ["should be object"] },
  // no-top-level-env-derivation: { allowPrimitives: boolean }
  { rule: "no-top-level-env-derivation", what: "allowPrimitives not a boolean", options: [{ allowPrimitives: 1 }], mentions: ["1", "should be boolean"] },
  { rule: "no-top-level-env-derivation", what: "unknown key", options: [{ allowClients: true }], mentions: unknownKey("allowClients", ["allowPrimitives"]) },
  { rule: "no-top-level-env-derivation", what: "options not an object", options: [true], mentions: ["true", "should be object"] },
  // no-unknown-binding: { allow: string[] }
  { rule: "no-unknown-binding", what: "allow not an array", options: [{ allow: "SECRET" }], mentions: ['"SECRET"', "should be array"] },
  { rule: "no-unknown-binding", what: "allow with an empty name", options: [{ allow: [""] }], mentions: ['""', "shorter than 1"] },
  { rule: "no-unknown-binding", what: "unknown key", options: [{ names: ["X"] }], mentions: unknownKey("names", ["allow"]) },
  // no-env-mutation: no options at all
  { rule: "no-env-mutation", what: "any option", options: [{ allow: ["x"] }], mentions: ["more than 0 items"] },
  { rule: "no-env-mutation", what: "a string option", options: ["strict"], mentions: ['"strict"', "more than 0 items"] },
];

describe("invalid rule options are rejected by the schema", () => {
  it("covers every rule", () => {
    expect(new Set(BAD_OPTIONS.map((b) => b.rule))).toEqual(new Set(RULE_NAMES));
  });

  for (const bad of BAD_OPTIONS) {
    it(`${bad.rule}: ${bad.what}`, () => {
      const message = configError(withOptions(bad.rule, ...bad.options));
      expect(message).toContain(`${PREFIX}/${bad.rule}`);
      for (const fragment of bad.mentions) expect(message).toContain(fragment);
    });
  }

  it("valid options are accepted and take effect", () => {
    expect(lint(WORKER, { rules: withOptions("no-env-in-global-scope", { allow: ["client"], bindingDataIsDerived: true }) })).toEqual([]);
    expect(lint(WORKER, { rules: withOptions("no-env-in-global-scope", {}) }).map((m) => m.messageId)).toEqual(["storedInModuleScope"]);
    expect(lint(WORKER, { rules: withOptions("no-request-state-in-global-scope", { allow: ["cache"] }) })).toEqual([]);
    expect(lint(WORKER, { rules: withOptions("no-top-level-env-derivation", { allowPrimitives: true }) })).toEqual([]);
    expect(lint(WORKER, { rules: withOptions("no-env-mutation") })).toEqual([]);
  });
});

interface BadSettings {
  what: string;
  value: unknown;
  /** The message must contain this (it names the key at fault). */
  mentions: string;
}

const BAD_SETTINGS: BadSettings[] = [
  { what: "a number", value: 5, mentions: 'settings["cloudflare-workers"] must be an object' },
  { what: "a string", value: "Env", mentions: 'settings["cloudflare-workers"] must be an object' },
  { what: "null", value: null, mentions: 'settings["cloudflare-workers"] must be an object' },
  { what: "an array", value: ["Env"], mentions: 'settings["cloudflare-workers"] must be an object' },
  { what: "an unknown key", value: { envTypes: ["Env"] }, mentions: 'unknown key "envTypes"' },
  { what: "envTypeNames not an array", value: { envTypeNames: "MyEnv" }, mentions: "envTypeNames must be an array of non-empty strings" },
  { what: "envTypeNames with a non-string", value: { envTypeNames: ["MyEnv", 3] }, mentions: "envTypeNames must be an array of non-empty strings" },
  { what: "envTypeNames with an empty string", value: { envTypeNames: [""] }, mentions: "envTypeNames must be an array of non-empty strings" },
  { what: "envAccessors not an array", value: { envAccessors: "getEnv()" }, mentions: "envAccessors must be an array of non-empty strings" },
  { what: "envAccessors: a bare name", value: { envAccessors: ["getEnv"] }, mentions: 'envAccessors: "getEnv" is not of the form' },
  { what: "envAccessors: not an expression", value: { envAccessors: ["getCtx().env", "no spaces()"] }, mentions: 'envAccessors: "no spaces()" is not of the form' },
  { what: "envAccessors: arguments in the call", value: { envAccessors: ["getEnv(c)"] }, mentions: 'envAccessors: "getEnv(c)" is not of the form' },
  { what: "envAccessors: computed member", value: { envAccessors: ["ctx[env]"] }, mentions: 'envAccessors: "ctx[env]" is not of the form' },
  { what: "processEnv not a boolean", value: { processEnv: "true" }, mentions: "processEnv must be a boolean" },
];

/** What the worker gives with the default settings: the findings a malformed setting must keep. */
const DEFAULT_FINDINGS = [{ ruleId: `${PREFIX}/no-env-in-global-scope`, messageId: "storedInModuleScope", line: 4 }];

const brief = (m: Linter.LintMessage) => ({ ruleId: m.ruleId, messageId: m.messageId, line: m.line });

describe("malformed settings never crash: one invalidSettings report per file, the findings under the defaults", () => {
  it("the worker's findings with the default settings", () => {
    expect(lint(WORKER).map(brief)).toEqual(DEFAULT_FINDINGS);
  });

  for (const bad of BAD_SETTINGS) {
    it(`settings["cloudflare-workers"] is ${bad.what}`, () => {
      const messages = lint(WORKER, { settings: { "cloudflare-workers": bad.value } });
      const reports = messages.filter((m) => m.messageId === "invalidSettings");
      expect(reports).toHaveLength(1);
      const [report] = reports;
      expect(RULE_NAMES.map((r) => `${PREFIX}/${r}`)).toContain(report.ruleId);
      expect(report.line).toBe(1);
      expect(report.column).toBe(1);
      expect(report.message).toContain(bad.mentions);
      expect(report.message).toMatch(/ This file was linted with the default settings\.$/);
      expect(report.fatal).toBeFalsy();
      expect(messages.filter((m) => m !== report).map(brief)).toEqual(DEFAULT_FINDINGS);
    });
  }

  it("once per file whichever rules are on, even on a file with many functions", () => {
    const code = Array.from({ length: 200 }, (_, i) => `export function f${i}(env) { return env.K${i}; }`).join("\n");
    const enabled = [`${PREFIX}/no-env-mutation`, `${PREFIX}/no-top-level-env-derivation`];
    const messages = lint(code, {
      settings: { "cloudflare-workers": { processEnv: 1 } },
      rules: { [enabled[0]]: "error", [enabled[1]]: "warn" },
    });
    expect(messages).toHaveLength(1);
    expect(messages[0].messageId).toBe("invalidSettings");
    expect(enabled).toContain(messages[0].ruleId);
  });

  it("each file of a run gets its own report", () => {
    const settings = { "cloudflare-workers": { envTypes: ["Env"] } };
    for (const filename of ["a.js", "b.js", "a.js"]) {
      const messages = lint(WORKER, { filename, settings });
      expect(messages.filter((m) => m.messageId === "invalidSettings"), filename).toHaveLength(1);
      expect(messages.filter((m) => m.messageId !== "invalidSettings").map(brief), filename).toEqual(DEFAULT_FINDINGS);
    }
  });

  it("other plugins' settings keys are ignored, and valid settings take effect", () => {
    const code = ["let client;", "export function keep(bindings: MyEnv) {", "  client = bindings.KEY;", "}"].join("\n");
    const unrelated = lint(code, { ts: true, settings: { react: { version: "18" }, "cloudflare-workers": {} } });
    expect(unrelated).toEqual([]);
    const configured = lint(code, { ts: true, settings: { "cloudflare-workers": { envTypeNames: ["MyEnv"], envAccessors: ["getEnv()"], processEnv: false } } });
    expect(configured.map((m) => `${m.ruleId}@${m.line}`)).toEqual([`${PREFIX}/no-env-in-global-scope@3`]);
  });
});
