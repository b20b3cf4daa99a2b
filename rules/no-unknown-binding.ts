/**
 * no-unknown-binding: a read of `env.X` where the Worker's own config declares no binding, var or
 * secret named `X` (in any environment, `.dev.vars`/`.env`, or the generated `Env` interface):
 * at run time it is `undefined`.
 */
import { OPEN_ENV_MEMBER } from "../src/project/declared-names";
import { allowOption, createAnalysedRule, type Finding } from "../src/create-rule";
import type { FileAnalysis } from "../src/engine/analysis";

type MessageIds = "unknownBinding" | "unknownBindingSuggest";

interface Options {
  allow: string[];
}

/** Edit distance (insert, delete, replace), case-insensitive, stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[y.length];
}

/** The declared name closest to `name`, if it is close: a typo, not another word. */
export function closestName(name: string, declared: Iterable<string>): string | null {
  const max = name.length <= 4 ? 1 : name.length <= 12 ? 2 : 3;
  let found: string | null = null;
  let distance = max + 1;
  const names = [...declared].sort();
  for (const candidate of names) {
    const d = editDistance(name, candidate, max);
    if (d < distance) {
      found = candidate;
      distance = d;
    }
  }
  if (found !== null) return found;
  // A word spelled with another ending (`VECTORS` for `VECTORIZE`): the one name that starts the
  // same way for all but the last two letters of the shorter, and at least six. Not a name the read
  // adds a word to (`FLAGGLY` for `FLAGGLY_API_KEY`, a binding beside its secret).
  const alike = names.filter(
    (candidate) =>
      commonPrefix(name, candidate) >= Math.max(6, Math.min(name.length, candidate.length) - 2) && !(name.startsWith(candidate) && name[candidate.length] === "_"),
  );
  return alike.length === 1 ? alike[0] : null;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** The type an `env` parameter is given (group 1): `env: WorkerEnv`. */
const ENV_TYPE_NAME = /\benv\??\s*:\s*([A-Za-z_$][\w$]*)\b(?!\s*[.<])/g;

/** A type that admits any string key: `Record<string, …>`, `{ [k: string]: … }`, also `Readonly<…>`. */
const INDEX_TYPE = String.raw`(?:Readonly\s*<\s*)?(?:Record\s*<\s*string\b|\{\s*\[\s*[\w$]+\s*:\s*string\s*\])`;

/**
 * Whether the text types env as open, in TypeScript or JSDoc: `env: Record<string, string>`, `env:
 * Known & { [k: string]: unknown }`, `@param {Record<string, any>} env`, `type Env = { [k: string]:
 * string }`, `interface Env { [k: string]: string }`, under the settings' names or the one an `env`
 * parameter is typed with, alone or intersected with the names it declares. The code says any name
 * may be there: it declares none, and no read of it is reported. (Asked only once a read is left.)
 */
function openEnv(text: string, typeNames: ReadonlySet<string>): boolean {
  const names = new Set(typeNames);
  for (const m of text.matchAll(ENV_TYPE_NAME)) names.add(m[1]);
  const alternatives = [...names].filter((n) => /^[A-Za-z_$][\w$]*$/.test(n)).map((n) => n.replace(/\$/g, "\\$")).join("|") || "Env";
  return new RegExp(
    [
      String.raw`\benv\??\s*:\s*(?:[^,)=;]{0,300}&\s*)?${INDEX_TYPE}`,
      String.raw`@param\s+\{\s*(?:Readonly\s*<\s*)?(?:Record\s*<\s*string\b|Object\s*<\s*string\b|\{\s*\[)[^\n]*?\}\s+\[?env\b`,
      String.raw`\btype\s+(?:${alternatives})\s*=\s*(?:[^;=]{0,300}&\s*)?${INDEX_TYPE}`,
      String.raw`\binterface\s+(?:${alternatives})\s*\{\s*\[\s*[\w$]+\s*:\s*string\s*\]`,
    ].join("|"),
  ).test(text);
}

/** An export of a Pages Function: `export async function onRequest(`, `export const onRequestGet =`. */
const PAGES_FUNCTION = /\bexport\s+(?:async\s+)?(?:function\s+|const\s+)onRequest(?:Get|Post|Put|Patch|Delete|Head|Options)?\b/;

function* check(analysis: FileAnalysis, options: Options): Iterable<Finding<MessageIds>> {
  if (!analysis.entry.mayHaveEnv()) return;
  const worker = analysis.worker;
  // With `keep_vars`, vars set in the dashboard stay: a name declared in no file may be one of them.
  // (A tool's config, naming no Worker, declares only what the tool needs.)
  if (!worker || worker.keepVars || worker.toolOnly) return;
  // A Worker of its own beside this one's code (`examples/bot.ts` with its own handlers, a Pages
  // Function's `onRequestPost`): the config describes another Worker, and this one's is not in the repository.
  if (worker.outsideCode && (analysis.entry.handlers.size > 0 || PAGES_FUNCTION.test(analysis.sourceCode.text))) return;
  const allow = new Set(options.allow);
  // Only chains that may read an undeclared name are traced: most reads name a declared binding.
  // The config's names decide that; the file's own env types are read only once a read is left.
  const early = worker.configBindings ?? worker.bindings;
  const { reads, tested } = analysis.envReads((name) => !early.has(name) && !allow.has(name));
  const label = `\`${worker.name ?? worker.configFile}\``;
  // (Asked of the text only once a read is left: most files have none.)
  let open: boolean | undefined;
  // One report per name read on a line (`env.ROOMS.get(env.ROOMS.idFromName(id))`): the same fix.
  const lines = new Set<string>();
  for (const read of reads) {
    if (early.has(read.name) || tested.has(read.name) || allow.has(read.name) || worker.bindings.has(read.name)) continue;
    const at = `${read.node.loc.start.line}\u0000${read.origin}`;
    if (lines.has(at)) continue;
    lines.add(at);
    // Pages binds its own static assets as `ASSETS` for every Pages Function (`export const onRequest`).
    if (read.name === "ASSETS" && PAGES_FUNCTION.test(analysis.sourceCode.text)) continue;
    // (Also an env type of the Worker's or the file's with an index signature beside its names.)
    open ??= worker.bindings.has(OPEN_ENV_MEMBER) || openEnv(analysis.sourceCode.text, analysis.settings.envTypeNames);
    if (open) return;
    const suggestion = closestName(read.name, worker.bindings.keys());
    const data = { origin: `\`${read.origin}\``, worker: label };
    yield suggestion
      ? { loc: read.node.loc, messageId: "unknownBindingSuggest", data: { ...data, suggestion } }
      : { loc: read.node.loc, messageId: "unknownBinding", data };
  }
}

export default createAnalysedRule<MessageIds, Options>({
  name: "no-unknown-binding",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow reading a binding that the Worker's config, `.dev.vars` and generated `Env` type do not declare",
      recommended: true,
      // A secret set only in the dashboard, in a project that declares it nowhere, is reported
      // too: see "Why warn" in the docs.
      recommendedSeverity: "warn",
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          allow: allowOption("Binding names that exist without being declared where the rule looks (set in the dashboard, or by a tool)."),
        },
      },
    ],
    messages: {
      unknownBinding: "{{origin}}: Worker {{worker}} declares no such binding, var or secret: `undefined` unless set outside the config.",
      unknownBindingSuggest: "{{origin}}: Worker {{worker}} declares no binding, var or secret of that name; did you mean `{{suggestion}}`?",
    },
  },
  defaultOptions: { allow: [] },
  check,
});
