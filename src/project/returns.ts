/**
 * What an exported function of another module of the project returns of what its caller hands it
 * (`listRows(env.DB)` → the rows it reads through the binding): the caller's trace names its
 * result by that instead of taking it for something built from the arguments.
 *
 * The module is analysed with every parameter of the function seeded as a caller's value, and
 * each `return` is traced. Only answers are kept (plain data, no tree), by parser, settings, path
 * and export key, with the stamp of every module read for them; a key the module forwards
 * (`export { x } from`, `export *`) is followed up to the cross-module depth.
 */
import { readFileSync } from "node:fs";
import { FileAnalysis, type AnalysisOptions } from "../engine/analysis";
import type { TSESTree } from "@typescript-eslint/utils";
import { callParams, declaresNumber, enclosingFunction, isFunction, paramName, unwrap } from "../engine/ast";
import { ACCESSOR_SOURCES, LIVE_ENV_IMPORTS, escapeRegExp } from "../engine/sources";
import { readsThrough, shapeOf } from "../engine/shape";
import { awaitedValue } from "../engine/promises";
import { parameterOf, type ImportInfo } from "../engine/scope";
import { isEmpty, namingKey, type Container, type FunctionNode, type Handed, type Node, type ReturnSummary, type Taint, type Val } from "../engine/values";
import { withProcessEnv, type Settings } from "../settings";
import { exportTable } from "./exports";
import { withParsedModule, type ParserSpec } from "./parse";
import { resolveImport } from "./resolve";
import { workerFor } from "./workers";
import { ExportAnswers } from "./answers";

/** A module's text past this length is parsed for a function's return only where the function reads something. */
const LARGE_MODULE = 4_000;

/** A call of a method that reads through a binding or gets a stub (`.first(`, `.get(`, `.getByName(`). */
const READ_CALL = /\.\s*(?:get|getWithMetadata|getByName|first|all|run|raw|list|exec|batch|query|dump)\s*[<(]/;

/** A response returned (`return new Response(…)`, `return Response.json(…)`): a handler's answer. */
const RESPONSE_RETURN = /\breturn\s+(?:new\s+Response\b|Response\s*\.)/;

/** Functions returned, alone or in an object (`return { check: (o) => … }`, `return () => …`). */
const FUNCTIONS_RETURNED = /\breturn\s*(?:\{[^;]*=>|\(?[\w$,\s]*\)?\s*=>|function\b)/;

/** A read of env in a function's text: `c.env`, `env(c)`, `getContextEnv(c)`. */
const ENV_READ = /\.env\b|\benv\s*\(|Env\s*\(/;

/**
 * The text of the function a module declares under `key`, from its declaration to the first line
 * that starts with `}` (its end, as code is laid out); the whole text when no declaration is found.
 */
function ownText(text: string, key: string): string {
  const name = escapeRegExp(key);
  const decl = new RegExp(String.raw`\bfunction\s*\*?\s*${name}\s*[<(]|\b(?:const|let|var)\s+${name}\b`).exec(text);
  if (!decl) return text;
  const end = text.indexOf("\n}", decl.index);
  return text.slice(decl.index, end < 0 ? undefined : end);
}

/** A call in a function's text (group 1: the name called). */
const CALLED_NAME = /(?<![.\w$])([A-Za-z_$][\w$]*)\s*(?:<[^>()]{0,200}>)?\s*\(/g;
/** A function a module declares (group 1 or 2: its name). */
const DECLARED_FUNCTION = /\bfunction\s*\*?\s*([A-Za-z_$][\w$]*)\s*[<(]|\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=/g;

/**
 * Whether a function's text calls another function its module declares (`githubGet` returning
 * `githubRequest(env, "GET", path)`): what it returns is that one's, which its own text does not show.
 */
function callsOwnFunction(text: string, own: string, key: string): boolean {
  const called = new Set(Array.from(own.matchAll(CALLED_NAME), (m) => m[1]));
  called.delete(key);
  if (called.size === 0) return false;
  for (const m of text.matchAll(DECLARED_FUNCTION)) if (called.has(m[1] ?? m[2])) return true;
  return false;
}

/** By parser, settings, depth left, path and export key. */
const answers = new ExportAnswers<ReturnSummary>(256_000);

export function forgetReturns(): void {
  answers.clear();
}

/**
 * What export `key` (a function) of the module at `path` returns of its arguments; null when that
 * is not known (not a function, a forward that leads nowhere, a module that does not parse).
 * `read` gathers the stamp of every module the answer was read from.
 */
export function exportReturns(
  path: string,
  key: string,
  spec: ParserSpec,
  settings: { value: Settings; key: string },
  hops: number,
  read: Map<string, string>,
  handed: Handed = true,
): ReturnSummary | null {
  // (`Helper#read`: a method of an exported class, called on an instance the caller makes.)
  if (hops <= 0 || !/^[\w$]+(?:#[\w$]+)?$/.test(key)) return null;
  const cacheKey = `${spec.key}\u0000${settings.key}\u0000${hops}\u0000${path}\u0000${key}\u0000${handed}`;
  return answers.answer(path, cacheKey, `${spec.key}\u0000${path}\u0000${key}`, read, (stamps) => readReturns(path, key, spec, settings, hops, stamps, handed));
}

/** The modules the live `env`, or an accessor to it, is imported from: a module naming none reads none. */
const LIVE_SOURCES = new RegExp([...LIVE_ENV_IMPORTS.filter((i) => !i.processEnv).map((i) => i.source), ...ACCESSOR_SOURCES].map(escapeRegExp).join("|"));

function readReturns(path: string, key: string, spec: ParserSpec, settings: { value: Settings; key: string }, hops: number, read: Map<string, string>, handed: Handed): ReturnSummary | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  // A module whose text never names the key (nor forwards anything) cannot answer for it. A large
  // one whose function calls no method a binding reads or hands a stub with has little but "none"
  // to answer, not worth its parse (few callers keep what a function that returns nothing gives).
  if (key !== "default" && !text.includes(key.slice(key.indexOf("#") + 1)) && !/\bexport\s*\*/.test(text)) return null;
  // A caller naming no env word leaves `processEnv` open: the module's own Worker config says (a `config.ts` reading `process.env`).
  const value = settings.value.processEnv === null && text.includes("process.env") ? withProcessEnv(settings.value, !!workerFor(path, settings.value)?.processEnv) : settings.value;
  // Handed nothing derived, a call can only give what its function reads of the live `env`.
  if (!handed && !LIVE_SOURCES.test(text) && !(value.processEnv && text.includes("process.env")) && !/\bexport\s*\*|\bexport\s*\{[^}]*\}\s*from/.test(text)) return null;
  if (text.length > LARGE_MODULE) {
    const own = ownText(text, key);
    // (Handed the live `env` whole, functions it returns may read it only when they run.)
    if (!READ_CALL.test(own) && !ENV_READ.test(own) && !RESPONSE_RETURN.test(own) && !(handed === "live" && FUNCTIONS_RETURNED.test(own)) && !callsOwnFunction(text, own, key)) return null;
  }
  type Found = { fn: FunctionNode; summary: ReturnSummary | null } | { next: { specifier: string; name: string }[] };
  const found = withParsedModule<Found>(
    path,
    text,
    spec,
    (sourceCode) => {
      const base = new FileAnalysis(sourceCode, value, { project: null, typedParams: false });
      const table = exportTable(base);
      const fn = table.callables.get(key);
      // (A function of a module it imports that hands back its argument, a step deeper: `return validate(json)`.
      // Only that: what another such function gives of what it is handed stays unknown here.)
      const returns = hops > 1 ? (i: ImportInfo, given: Handed) => {
        const target = resolveImport(path, i.source);
        const summary = target ? exportReturns(target, i.imported, spec, settings, hops - 1, read, given) : null;
        return summary?.derived === "argument" ? summary : null;
      } : undefined;
      if (fn) return { fn, summary: classify(sourceCode, value, base, fn, handed, returns) };
      const forward = table.forwards.get(key);
      if (forward) return { next: forward.name === "*" ? [] : [forward] };
      return { next: key === "default" ? [] : table.stars.map((specifier) => ({ specifier, name: key })) };
    },
    { keep: new Set([key]) },
  );
  if (!found) return null;
  if ("fn" in found) return found.summary;
  // A forward (`export { x } from`, `export *`, `export const x = imported`) is no step of the
  // analysis: it spends none of the depth, as the text check's forwards do (an export asked again
  // while it is being answered ends a cycle).
  for (const { specifier, name } of found.next) {
    const target = resolveImport(path, specifier);
    const summary = target ? exportReturns(target, name, spec, settings, hops, read, handed) : null;
    if (summary) return summary;
  }
  return null;
}

/**
 * Whether every instance of a class starts alike, whoever makes it: no base class, a constructor of
 * no parameters, and fields written only by their initialisers and that constructor, none naming
 * `env` (`private stop = new Set(["the"])`). What its methods read of `this` is nothing a caller handed.
 */
function madeAlike(sourceCode: FileAnalysis["sourceCode"], base: FileAnalysis, cls: Node): boolean {
  const info = base.facts.classes.get(cls);
  if (!info || (cls as TSESTree.ClassDeclaration).superClass) return false;
  const ctor = info.methods.get("constructor");
  if (ctor && ctor.params.length > 0) return false;
  for (const writes of info.fieldWrites.values()) {
    for (const write of writes) {
      const own = write.parent?.type === "PropertyDefinition" || (!!ctor && enclosingFunction(write) === ctor);
      if (!own || /\benv\b/.test(sourceCode.getText(write))) return false;
    }
  }
  return true;
}

/**
 * What the function's returns are made of, with every parameter seeded: nothing of them (`none`),
 * or only what is read through them (`read`: a binding's `get`/`all`, awaited or not). Anything
 * else (a parameter returned, a client built from it, a closure over it) is not summarised.
 */
function classify(sourceCode: FileAnalysis["sourceCode"], settings: Settings, base: FileAnalysis, fn: FunctionNode, handed: Handed, imported?: AnalysisOptions["returns"]): ReturnSummary | null {
  if (fn.generator) return null;
  // Declared to give a number or a flag (`: boolean`, `: Promise<number>`): a caller gets no more of what it hands.
  if (declaresNumber(fn)) return { derived: "number", async: fn.async };
  // A method reading its instance (`this.c`) returns what the caller made it with: not summarised,
  // unless no caller makes it with anything (a class whose instances all start alike).
  if (fn.parent?.type === "MethodDefinition" && base.functions.readsThis(fn) && !madeAlike(sourceCode, base, fn.parent.parent.parent)) return null;
  if (callParams(fn).length === 0) {
    const live = liveRead(base, fn);
    if (live) return { derived: "none", async: fn.async, live };
    const container = accessorContext(base, fn);
    return container ? { derived: "none", async: fn.async, container } : null;
  }
  // Env read off a framework context it is handed (`getEnv(c, k)` of `env(c)[k]`) before the live env.
  const context = contextRead(sourceCode, settings, base, fn);
  if (context) return { derived: "none", async: fn.async, context };
  const live = liveRead(base, fn);
  // Handed nothing derived (`specs(app)` of a module's app), the call gives only what it reads of the live `env`.
  if (live && !handed) return { derived: "none", async: fn.async, live };
  // (Only the parameters handed something derived, when the caller says which: a constant handed passes nothing through.)
  const seeds = callParams(fn).map((_, index) => ({ fn, index })).filter(({ index }) => typeof handed !== "string" || handed === "live" || handed[index] !== "0");
  const seeded = new FileAnalysis(sourceCode, settings, { facts: base.facts, seeds, typedParams: false, returns: imported });
  // Of a parameter of no known type (no context found above): the binding it returns off its `env` member.
  const untyped = context === null && sourceCode.getText(fn).includes(".env") ? untypedContextRead(seeded, fn) : undefined;
  if (untyped) return { derived: "none", async: fn.async, context: untyped };
  const returns = base.facts.returns.get(fn) ?? [];
  let reads = 0;
  let stubs = 0;
  let responses = 0;
  let closures = 0;
  // Handed the live `env` whole, functions it makes that read their parameters only when called
  // (`(o) => allowed(env).includes(o)`) take no snapshot; any other caller is answered without them.
  const readLate = handed === "live" && readsParamsLate(sourceCode, fn);
  // Parameters returned as they are (`validate(json); return json as Config;`): the argument handed back.
  const handedBack = new Set<number>();
  for (const node of returns) {
    const param = returnedParameter(seeded, fn, node);
    if (param !== null) {
      handedBack.add(param);
      continue;
    }
    const returned: Val = seeded.trace.valueAt(node);
    const shape = returned.env && !returned.env.moduleState ? shapeOf(seeded.functions, node, returned.env) : null;
    // A stub of the namespace handed (`ns.get(ns.idFromName(name))`): every return must be one.
    if (shape === "stub") {
      stubs++;
      continue;
    }
    // Functions over the parameters (or an object of them and constants): no snapshot is taken.
    if (readLate && !returned.req && !returned.containers?.length && madeOfFunctions(node, seeded)) {
      closures++;
      continue;
    }
    // What the caller's `await` gives: an async function's return, awaited once more.
    const value = fn.async ? awaitedValue(returned, unwrap(node).type === "CallExpression") : returned;
    // A response it makes (`new Response(JSON.stringify(info))`): the request's I/O, none of its arguments.
    if (value.req?.io && !value.req.fetched && !value.env && !value.params?.length && !value.containers?.length) {
      responses++;
      continue;
    }
    // (What the seeds' own parameters give is what the taint says; a parameter of another function is not known.)
    if (value.containers?.length || value.params?.some((d) => d.fn !== fn)) return null;
    // (Data fetched from upstream, or read from the Cache API, is no caller's request state.)
    if (!value.env && (!value.req || (value.req.fetched && !value.req.io))) continue;
    if ((value.env && !onlyReadThrough(value.env)) || (value.req && !onlyReadThrough(value.req))) return null;
    // Data, or a read still pending (`db.prepare(q).first()`): not a statement or a session the
    // binding hands out, which are objects of the binding's, kept as such.
    if (shape !== null && shape !== "data" && shape !== "pending" && !readsThrough(node)) return null;
    reads++;
  }
  if (handedBack.size > 0) return handedBack.size === 1 && reads + stubs + closures + responses === 0 && !live ? { derived: "argument", argument: [...handedBack][0], async: fn.async } : null;
  if (stubs > 0) return stubs === returns.length ? { derived: "stub", async: fn.async } : null;
  if (closures > 0) return closures === returns.length && !live ? { derived: "closure", async: fn.async } : null;
  if (responses > 0) return responses === returns.length && !live ? { derived: "response", async: fn.async } : null;
  if (live) return reads > 0 ? null : { derived: "none", async: fn.async, live };
  return { derived: reads > 0 ? "read" : "none", async: fn.async };
}

/** The index of the parameter a return gives back as it is (through casts), when nothing writes it again. */
function returnedParameter(analysis: FileAnalysis, fn: FunctionNode, node: Node): number | null {
  const e = unwrap(node);
  const variable = e.type === "Identifier" ? analysis.scopes.variableOf(e) : null;
  const param = variable && variable.references.every((r) => !r.isWrite() || r.init) ? parameterOf(variable) : null;
  return param?.fn === fn ? param.index : null;
}

/** Whether every parameter of a function is read only inside functions it makes, when they run. */
function readsParamsLate(sourceCode: FileAnalysis["sourceCode"], fn: FunctionNode): boolean {
  const params = (sourceCode.scopeManager?.getDeclaredVariables(fn) ?? []).filter((v) => v.defs.some((d) => d.type === "Parameter"));
  return params.length > 0 && params.every((v) => v.references.every((r) => r.from.variableScope.block !== fn));
}

/** A function, or an object of functions and of values that hold nothing derived (`{ check: (o) => …, ttl: 5 }`). */
function madeOfFunctions(node: Node, seeded: FileAnalysis): boolean {
  const made = unwrap(node);
  if (isFunction(made)) return true;
  return made.type === "ObjectExpression" && made.properties.every((p) => p.type === "Property" && (isFunction(unwrap(p.value as Node)) || isEmpty(seeded.trace.valueAt(p.value as Node))));
}

/**
 * What the function returns of env read off the one framework context its parameters' types name
 * (`getEnv(c: Context, key)` returning `env(c)[key]`): every return that holds anything must be
 * such a read. Undefined otherwise.
 */
function contextRead(sourceCode: FileAnalysis["sourceCode"], settings: Settings, base: FileAnalysis, fn: FunctionNode): { index: number; env: Taint } | null | undefined {
  const typed = new FileAnalysis(sourceCode, settings, { facts: base.facts, project: null, typedParams: true });
  const contexts = [...typed.entry.sourceParams(fn)].filter(([, v]) => v.containers?.length && !v.env);
  if (contexts.length === 0) return null;
  if (contexts.length !== 1) return undefined;
  let found: Taint | undefined;
  for (const node of base.facts.returns.get(fn) ?? []) {
    const value = fn.async ? awaitedValue(typed.trace.valueAt(node), unwrap(node).type === "CallExpression") : typed.trace.valueAt(node);
    // (What its own callers in the module hand its parameters is no caller's of another module.)
    if (value.req || value.containers?.length || value.params?.some((d) => d.fn !== fn)) return undefined;
    const env = value.env;
    if (!env) continue;
    if (env.live || env.moduleState || env.closure || env.envPath?.length === 0) return undefined;
    // (`c.env.DB` names binding `DB`: the path goes through the context's `env`.)
    found ??= answered(env, env.key ?? env.envPath?.[1]);
  }
  return found && { index: contexts[0][0], env: found };
}

/** The context every return hands back as a framework's accessor gives it (`return getCloudflareContext()`), label dropped. */
function accessorContext(base: FileAnalysis, fn: FunctionNode): Container | undefined {
  let found: Container | undefined;
  for (const node of base.facts.returns.get(fn) ?? []) {
    const value = base.trace.valueAt(node);
    const [container, ...more] = value.containers ?? [];
    if (!container || more.length > 0 || value.env || value.req || value.params || container.live || (found && JSON.stringify(found.envPaths) !== JSON.stringify(container.envPaths))) return undefined;
    found ??= { envPaths: container.envPaths, request: container.request, label: "" };
  }
  return found;
}

/**
 * A binding read off the `env` member of one parameter of no known type (`c && c.env &&
 * c.env.SECRET` in a JavaScript helper), by every return of the analysis with the parameters
 * seeded: what it returns of a framework context a caller hands there (a caller handing anything
 * else is not answered by this). A seed is named by its parameter, which tells which one it is.
 */
const BUILT_FROM_CONTEXT = /^[\w$]+\.env\.([\w$]+)$/;

function untypedContextRead(seeded: FileAnalysis, fn: FunctionNode): ReturnSummary["context"] {
  const names = callParams(fn).map((p) => paramName(p));
  let found: ReturnSummary["context"];
  for (const node of seeded.facts.returns.get(fn) ?? []) {
    const value = fn.async ? awaitedValue(seeded.trace.valueAt(node), unwrap(node).type === "CallExpression") : seeded.trace.valueAt(node);
    const env = value.env;
    // (Or what it makes of reads there, named by the one its origin names: `drizzle(c.env.DB)`, `{ id: c.env.ID, secret: c.env.SECRET }`.)
    const key = !env?.argument ? undefined : env.envPath?.length === 2 && env.envPath[0] === "env" ? env.envPath[1] : env.envPath === null ? BUILT_FROM_CONTEXT.exec(env.origin)?.[1] : undefined;
    const index = key !== undefined ? names.findIndex((n) => n !== null && env!.origin.startsWith(`${n}.`)) : -1;
    if (index < 0 || value.req || value.containers?.length || value.params?.some((d) => d.fn !== fn) || (found && (found.index !== index || found.env.key !== key))) return undefined;
    // (Made of its reads, not built, `validate({ ID: c.env.ID, SECRET: c.env.SECRET })`: what the caller reads of it is read off env.)
    const copy = env!.envPath === null && !env!.built && !env!.scalar && !env!.number;
    found ??= { index, env: answered({ ...env!, argument: undefined, envPath: null }, key), ...(copy ? { copy } : {}) };
  }
  return found;
}

/**
 * What the function returns of the live `env` of `cloudflare:workers` its module imports, read when
 * it is called (`return drizzle(env.DB)` in `getDb()`), named as read there (the caller adds the
 * name it calls the function by); undefined for nothing.
 */
function liveRead(base: FileAnalysis, fn: FunctionNode): Taint | undefined {
  // (`process.env` where it holds the Worker's text bindings: as live as the imported `env`.)
  const processEnv = !!base.settings.processEnv;
  if (!processEnv && !base.scopes.imports().some((info) => base.entry.importsEnv(info))) return undefined;
  for (const node of base.facts.returns.get(fn) ?? []) {
    const env = base.trace.valueAt(node).env;
    // (Not a parameter taken for env by its name, not what the module keeps.)
    if (!env || env.byName || env.argument || env.moduleState || (!processEnv && env.origin.startsWith("process.env"))) continue;
    // The live `env` itself handed back (`getEnv()`): still live, and what the caller reads off it is a read.
    if (env.live) {
      if (env.envPath?.length === 0) return { origin: env.origin, envPath: [], live: true, viaModule: true };
      continue;
    }
    return answered(env, env.key ?? env.envPath?.[0]);
  }
  return undefined;
}

/**
 * A read of env another module's function makes, as its summary keeps it: plain data (no node, no
 * value of a secret), named by its origin and binding, with what it is (built, a scalar, data…).
 */
function answered(env: Taint, key: string | undefined): Taint {
  const { origin, built, maker, scalar, number, binding, bindingChain, bindingData, closure } = env;
  key ??= namingKey(env);
  return { origin, envPath: null, viaModule: true, key, built, maker, scalar, number, binding, bindingChain, bindingData, closure };
}

/** Data read through a parameter (awaited or still pending), not the parameter or anything built from it. */
function onlyReadThrough(taint: Taint): boolean {
  if (taint.moduleState || taint.closure || taint.live || taint.envPath !== null || taint.maker) return false;
  // A method chain of a seed is "built" by its calls (`db.prepare(q).first()`), and still read through it.
  if (taint.built && !taint.readThrough) return false;
  return !!taint.bindingData || !!taint.bindingChain;
}
