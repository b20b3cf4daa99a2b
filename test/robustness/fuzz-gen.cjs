"use strict";
/**
 * Random Workers programs with a known answer, for property-based tests of
 * `no-env-in-global-scope`. Shared by test/robustness/fuzz.test.ts (fixed seed, in `npm test`)
 * and scripts/fuzz.mjs (long runs, random seed).
 *
 * A program is a SOURCE (where the value comes from), a chain of DERIVATIONS applied to it, and a
 * SINK it is stored into, placed in a handler of some HOST shape. The rule must report exactly once,
 * on the sink's line, iff the source is derived from `env` and the sink is module scope; otherwise
 * it must stay silent.
 */
const fc = require("fast-check");

/** Where the handler lives and how it reaches `env`. */
const HOSTS = ["module-fetch", "durable-object", "hono", "cf-import"];
/** `env` is the source in the host's own way; the others are values not derived from env. */
const SOURCE_KINDS = ["env", "constant", "date-now", "module-constant"];
const DERIVATIONS = [
  "member",
  "template",
  "new-client",
  "call-import",
  "alias",
  "nullish",
  "closure",
  "object",
  "array",
  "conditional",
  "local-helper",
  "destructure",
  "await",
];
/** Module-scope sinks: a derived value stored here must be reported. */
const MODULE_SINKS = ["let-assign", "let-nullish", "map-set", "array-push", "global-this"];
/** Look-alikes that are not module scope, or are the documented safe cache. */
const SAFE_SINKS = ["local-let", "shadowing-local", "weakmap-env-key"];
const WRAPPERS = ["none", "if", "try", "inner-arrow", "for-of", "block"];
const FETCH_STYLES = ["method", "arrow-property", "function-property"];

const ENV_PARAM_NAMES = ["env", "e", "bindings", "environment", "cfEnv", "workerEnv", "_env", "$env"];
const ENV_IMPORT_NAMES = ["env", "cfEnv", "workersEnv"];
const HONO_CONTEXT_NAMES = ["c", "ctx", "context"];
const KEYS = ["KEY", "DB", "API_TOKEN", "OPENAI_API_KEY", "BUCKET", "DATABASE_URL"];
const STORE_NAMES = ["client", "store", "db", "cached", "instance"];

/** The fast-check arbitrary of program specs. */
function caseArbitrary() {
  return fc.record({
    host: fc.constantFrom(...HOSTS),
    sourceKind: fc.constantFrom(...SOURCE_KINDS),
    steps: fc.array(fc.constantFrom(...DERIVATIONS), { maxLength: 4 }),
    sink: fc.constantFrom(...MODULE_SINKS, ...SAFE_SINKS),
    wrapper: fc.constantFrom(...WRAPPERS),
    fetchStyle: fc.constantFrom(...FETCH_STYLES),
    envName: fc.constantFrom(...ENV_PARAM_NAMES),
    importName: fc.constantFrom(...ENV_IMPORT_NAMES),
    contextName: fc.constantFrom(...HONO_CONTEXT_NAMES),
    key: fc.constantFrom(...KEYS),
    storeName: fc.constantFrom(...STORE_NAMES),
    typescript: fc.boolean(),
  });
}

/** Whether an expression can take `.x` without parentheses. */
function isSimple(expr) {
  return /^[\w$]+(\.[\w$]+)*$/.test(expr);
}

/**
 * Builds the program of a spec. Returns its code, the 1-based line of the sink statement, and
 * whether the rule must report there.
 */
function buildCase(spec) {
  const top = [];
  const head = [];
  const body = [];
  const tail = [];

  // The host: how the handler is written, the expression of the env object, and the source root.
  let envObject;
  switch (spec.host) {
    case "module-fetch": {
      const E = spec.envName;
      envObject = E;
      head.push("export default {");
      if (spec.fetchStyle === "method") head.push(`  async fetch(request, ${E}) {`);
      else if (spec.fetchStyle === "arrow-property") head.push(`  fetch: async (request, ${E}) => {`);
      else head.push(`  fetch: async function (request, ${E}) {`);
      tail.push('    return new Response("ok");', "  },", "};");
      break;
    }
    case "durable-object":
      envObject = "this.env";
      top.push('import { DurableObject } from "cloudflare:workers";');
      head.push("export class Room extends DurableObject {", "  async fetch(request) {");
      tail.push('    return new Response("ok");', "  }", "}");
      break;
    case "hono": {
      const C = spec.contextName;
      envObject = `${C}.env`;
      top.push('import { Hono } from "hono";');
      head.push("const app = new Hono();", `app.get("/", async (${C}) => {`);
      tail.push(`  return ${C}.text("ok");`, "});", "export default app;");
      break;
    }
    case "cf-import": {
      const I = spec.importName;
      envObject = I;
      top.push(I === "env" ? 'import { env } from "cloudflare:workers";' : `import { env as ${I} } from "cloudflare:workers";`);
      head.push("export async function handle(request) {");
      tail.push('  return new Response("ok");', "}");
      break;
    }
    default:
      throw new Error(`unknown host ${spec.host}`);
  }

  // The source value.
  let expr;
  const steps = spec.steps.slice();
  switch (spec.sourceKind) {
    case "env":
      expr = envObject;
      // The imported `env` is live: only what is read from it is a snapshot.
      if (spec.host === "cf-import" && steps[0] !== "member") steps.unshift("member");
      break;
    case "constant":
      expr = '"public-value"';
      break;
    case "date-now":
      expr = "Date.now()";
      break;
    case "module-constant":
      top.push('const PUBLIC_BASE = "https://example.com";');
      expr = "PUBLIC_BASE";
      break;
    default:
      throw new Error(`unknown source ${spec.sourceKind}`);
  }

  // The derivation chain.
  let aliasCount = 0;
  const needs = new Set();
  for (const step of steps) {
    switch (step) {
      case "member":
        expr = `${isSimple(expr) ? expr : `(${expr})`}.${spec.key}`;
        break;
      case "template":
        expr = `\`\${${expr}}/v1\``;
        break;
      case "new-client":
        needs.add("Client");
        expr = `new Client({ apiKey: ${expr} })`;
        break;
      case "call-import":
        needs.add("make");
        expr = `make(${expr})`;
        break;
      case "alias": {
        const name = `v${++aliasCount}`;
        body.push(`const ${name} = ${expr};`);
        expr = name;
        break;
      }
      case "nullish":
        expr = `(${expr} ?? "fallback")`;
        break;
      case "closure":
        // An `await` already in the expression needs an async closure.
        expr = /\bawait\b/.test(expr) ? `(async () => ${expr})` : `(() => ${expr})`;
        break;
      case "object":
        expr = `({ value: ${expr} })`;
        break;
      case "array":
        expr = `[${expr}, 1]`;
        break;
      case "conditional":
        expr = `(Math.random() > 0.5 ? ${expr} : null)`;
        break;
      case "local-helper":
        needs.add("wrap");
        expr = `wrap(${expr})`;
        break;
      case "destructure": {
        const name = `d${++aliasCount}`;
        body.push(`const { value: ${name} } = { value: ${expr} };`);
        expr = name;
        break;
      }
      case "await":
        expr = `(await ${expr})`;
        break;
      default:
        throw new Error(`unknown derivation ${step}`);
    }
  }
  if (needs.has("Client")) top.push('import { Client } from "some-sdk";');
  if (needs.has("make")) top.push('import { make } from "some-lib";');
  if (needs.has("wrap")) top.push("function wrap(value) { return { value, at: Date.now() }; }");

  // The sink.
  const S = spec.storeName;
  let sinkStatement;
  switch (spec.sink) {
    case "let-assign":
      top.push(`let ${S};`);
      sinkStatement = `${S} = ${expr};`;
      break;
    case "let-nullish":
      top.push(`let ${S};`);
      sinkStatement = `${S} ??= ${expr};`;
      break;
    case "map-set":
      top.push(`const ${S}Cache = new Map();`);
      sinkStatement = `${S}Cache.set("k", ${expr});`;
      break;
    case "array-push":
      top.push(`const ${S}List = [];`);
      sinkStatement = `${S}List.push(${expr});`;
      break;
    case "global-this":
      sinkStatement = `globalThis.${S} = ${expr};`;
      break;
    case "local-let":
      body.push(`let ${S}Local;`);
      sinkStatement = `${S}Local = ${expr};`;
      break;
    case "shadowing-local":
      top.push(`let ${S};`);
      body.push(`let ${S};`);
      sinkStatement = `${S} = ${expr};`;
      break;
    case "weakmap-env-key":
      top.push(`const ${S}ByEnv = new WeakMap();`);
      sinkStatement = `${S}ByEnv.set(${envObject}, ${expr});`;
      break;
    default:
      throw new Error(`unknown sink ${spec.sink}`);
  }
  body.push(sinkStatement);

  // The wrapper around the handler's statements.
  let open = [];
  let close = [];
  switch (spec.wrapper) {
    case "none":
      break;
    case "if":
      open = ["if (Math.random() < 2) {"];
      close = ["}"];
      break;
    case "try":
      open = ["try {"];
      close = ["} catch (err) {", "  console.error(err);", "}"];
      break;
    case "inner-arrow":
      open = ["const run = async () => {"];
      close = ["};", "run();"];
      break;
    case "for-of":
      open = ["for (const round of [1, 2]) {"];
      close = ["}"];
      break;
    case "block":
      open = ["{"];
      close = ["}"];
      break;
    default:
      throw new Error(`unknown wrapper ${spec.wrapper}`);
  }
  const indent = spec.host === "hono" || spec.host === "cf-import" ? "  " : "    ";
  const inner = open.length ? `${indent}  ` : indent;
  const lines = [
    ...top,
    ...head,
    ...open.map((l) => indent + l),
    ...body.map((l) => inner + l),
    ...close.map((l) => indent + l),
    ...tail,
  ];
  const sinkLine = top.length + head.length + open.length + body.length; // the sink is the last body line
  if (!lines[sinkLine - 1].endsWith(sinkStatement)) throw new Error("generator bug: sink line mismatch");
  // A closure written directly over the imported `env` reads it live on every call: not a snapshot.
  // Only a value read before the closure and kept in a local (an alias, a destructured const) is frozen.
  const closureAt = steps.indexOf("closure");
  const frozenBefore = (at) => steps.slice(0, at).some((step) => step === "alias" || step === "destructure");
  const readsLive = spec.host === "cf-import" && closureAt >= 0 && !frozenBefore(closureAt);
  const expectReport = spec.sourceKind === "env" && !readsLive && MODULE_SINKS.includes(spec.sink);
  // A closure written directly over Hono's `c` captures the request context itself, which
  // `no-request-state-in-global-scope` may rightly report; an earlier alias captures only the value.
  const capturesRequest = spec.host === "hono" && spec.sourceKind === "env" && closureAt >= 0 && !frozenBefore(closureAt);
  return { code: lines.join("\n"), sinkLine, expectReport, capturesRequest, filename: spec.typescript ? "worker.ts" : "worker.js" };
}

const RULE = "cloudflare-workers/no-env-in-global-scope";
const REQUEST_RULE = "cloudflare-workers/no-request-state-in-global-scope";

/**
 * Checks the lint messages of a built case. Returns null when they are right, else a description
 * of what is wrong.
 */
function checkMessages(built, messages) {
  const fatal = messages.find((m) => m.fatal);
  if (fatal) return `parse error (generator bug?): ${fatal.message}`;
  const plugin = messages.filter((m) => typeof m.ruleId === "string" && m.ruleId.startsWith("cloudflare-workers/"));
  // A value that captures the request (a closure over Hono's `c`, say) keeps request state too, and
  // one store is reported by one rule: then the request rule's report stands for the env rule's.
  const env = plugin.filter((m) => m.ruleId === RULE || (built.capturesRequest && m.ruleId === REQUEST_RULE));
  const others = plugin.filter((m) => !env.includes(m));
  if (others.length) return `unexpected reports from other rules: ${others.map((m) => `${m.ruleId}@${m.line}`).join(", ")}`;
  if (built.expectReport) {
    if (env.length !== 1) return `expected exactly one report at line ${built.sinkLine}, got ${env.length}: ${env.map((m) => `line ${m.line}`).join(", ")}`;
    if (env[0].line !== built.sinkLine) return `expected the report at line ${built.sinkLine}, got line ${env[0].line}`;
    return null;
  }
  if (env.length) return `expected no report, got: ${env.map((m) => `line ${m.line}: ${m.message}`).join(" | ")}`;
  return null;
}

module.exports = {
  HOSTS,
  SOURCE_KINDS,
  DERIVATIONS,
  MODULE_SINKS,
  SAFE_SINKS,
  WRAPPERS,
  caseArbitrary,
  buildCase,
  checkMessages,
};
