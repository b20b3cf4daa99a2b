import tsParser from "@typescript-eslint/parser";
import { describe, expect, it } from "vitest";
import { FileAnalysis } from "../../src/engine/analysis";
import { isMinified, outlineModule, parserSpecOf, parseStats, withParsedModule } from "../../src/project/parse";
import { summarize } from "../../src/project/summaries";
import { DEFAULT_SETTINGS } from "../../src/settings";

const spec = parserSpecOf({ languageOptions: { parser: tsParser, parserOptions: {}, ecmaVersion: "latest", sourceType: "module" } })!;

/** Modules of the shapes summaries meet, in TypeScript and JSX, with non-ASCII text before the stores. */
const MODULES: Record<string, string> = {
  "db.ts": `// “ünïcode” comment 😀
import { drizzle } from "drizzle-orm/d1";
let db: ReturnType<typeof drizzle> | undefined;
export function getDb(d1: D1Database) {
  db ??= drizzle(d1);
  return db;
}
export const read = (x: string) => x.trim();
`,
  "holder.ts": `export class Holder {
  static key: string | null = null;
  private items = new Map<string, unknown>();
  static init(key: string) { Holder.key = key; }
  add(k: string, v: unknown) { this.items.set(k, v); return this; }
}
export const shared = new Holder();
const seen: string[] = [];
export default function remember(value: string, _unused?: number) {
  if (typeof value === "string") seen.push(value as string);
  return seen.length satisfies number;
}
`,
  "view.tsx": `import { useState } from "react";
let last: string | undefined;
export function track(token: string) { last = \`t:\${token}\`; }
export function View({ name }: { name: string }) {
  const [n] = useState(0);
  return <div title={name}>{n} {last}</div>;
}
`,
  "plain.js": `let client;
export async function connect(url, opts = {}) {
  client = client ?? { url, ...opts };
  return client?.url;
}
export const api = { set(k, v) { globalThis[k] = v; } };
`,
};

function facts(sourceCode: Parameters<typeof summarize>[0], path: string) {
  const analysis = new FileAnalysis(sourceCode, DEFAULT_SETTINGS);
  const stores = analysis.sinks.stores().map((s) => [s.target.label, s.loc.start.line, s.loc.start.column, s.loc.end.line, s.how, !!s.value.env]);
  const base = summarize(sourceCode, path, DEFAULT_SETTINGS, null, null, null);
  const keys = Object.fromEntries(base.ownKeys.map((key) => [key, summarize(sourceCode, path, DEFAULT_SETTINGS, null, new Set([key]), null).callables[key]]));
  return { stores, base, keys };
}

describe("a module's outline", () => {
  it("reads a module's imports and exports once for one text, parses its tree only when asked, and reads it again once it changes", () => {
    const text = MODULES["db.ts"];
    const before = parseStats.oxc;
    const first = outlineModule("/virtual/db.ts", text, spec, new Set(["getDb"]));
    const second = outlineModule("/virtual/db.ts", text, spec, new Set(["read"]));
    expect(parseStats.oxc - before).toBe(1);
    expect([...second!.localExports]).toEqual(["getDb", "read"]);
    expect(second!.imports).toEqual([{ specifier: "drizzle-orm/d1", locals: ["drizzle"], imported: ["drizzle"] }]);
    // why: the first outline parsed the text and keeps that tree; the second parses it when asked
    first!.source();
    expect(parseStats.oxc - before).toBe(1);
    expect(second!.source().parsed.program).toBeTruthy();
    expect(parseStats.oxc - before).toBe(2);
    const edited = outlineModule("/virtual/db.ts", `${text}export const LIMIT = 3;\n`, spec, null);
    expect([...edited!.localExports]).toEqual(["getDb", "read", "LIMIT"]);
    expect(parseStats.oxc - before).toBe(3);
    // why: a module with a syntax error is remembered as one
    expect(outlineModule("/virtual/broken.ts", "export function (", spec, null)).toBeNull();
    expect(outlineModule("/virtual/broken.ts", "export function (", spec, null)).toBeNull();
    expect(parseStats.oxc - before).toBe(4);
  });
});

describe("the fast parse path for summaries", () => {
  for (const [name, text] of Object.entries(MODULES)) {
    it(`gives the same analysis and summary as the linted file's parser: ${name}`, () => {
      const path = `/project/src/${name}`;
      const before = parseStats.fast;
      const fast = withParsedModule(path, text, spec, (sc) => facts(sc, path));
      // why: the module really went through oxc-parser, not the fallback
      expect(parseStats.fast).toBe(before + 1);
      const slow = withParsedModule(path, text, spec, (sc) => facts(sc, path), { parserOnly: true });
      expect(fast).not.toBeNull();
      // why: stores, their lines and columns, and every key's summary match the parser's
      expect(fast).toEqual(slow);
      expect(fast!.base.ownKeys.length).toBeGreaterThan(0);
    });
  }

  it("falls back to the linted file's parser when oxc reports a syntax error", () => {
    // A \`const\` without a value: typescript-estree leaves it to the type checker, oxc rejects it.
    const text = `let kept;\nexport function keep(v) { kept = v; }\nconst later;\n`;
    const before = { ...parseStats };
    const result = withParsedModule("/project/src/dup.ts", text, spec, (sc) => summarize(sc, "/project/src/dup.ts", DEFAULT_SETTINGS, null, new Set(["keep"]), null));
    expect(parseStats.fast).toBe(before.fast);
    expect(parseStats.parser).toBe(before.parser + 1);
    expect(result?.callables.keep?.[0]?.target).toBe("`kept`");
  });
});

describe("leaving out exported functions no caller asked about", () => {
  /** A large module: a lazy store, helpers, and a long page component that names none of them. */
  const page = (rows: number) => `import { render } from "./ui";
let kept = "";
export function keep(v: string) { kept = v; }
export function helper(v: string) { return v.trim(); }
export function stash(v: string) { kept = helper(v); }
export const loader = async ({ request }: { request: Request }) => request.url;
export default function Page() {
  // keep(), stash() and helper() are named in this comment only
  const data = useLoaderData<typeof loader>();
  const rows: string[] = [];
${Array.from({ length: rows }, (_, i) => `  rows.push(render("row ${i}", data));`).join("\n")}
  return rows;
}
`;

  it("analyses a large module without them, with every location unchanged", () => {
    const text = page(400);
    const path = "/project/src/routes/page.ts";
    const before = parseStats.sliced;
    const result = withParsedModule(path, text, spec, (sc, dropped) => ({ dropped, text: sc.text, stores: facts(sc, path).stores }), { keep: new Set(["keep"]) });
    expect(parseStats.sliced).toBe(before + 1);
    // why: stash names helper, but stash itself is named nowhere else; the comment and `typeof loader` run nothing
    expect([...result!.dropped].sort()).toEqual(["default", "helper", "loader", "stash"]);
    expect(result!.text).toHaveLength(text.length);
    expect(result!.text.split("\n")).toHaveLength(text.split("\n").length);
    // why: the store of keep is where it was; stash's store is gone with it
    expect(result!.stores).toEqual([["`kept`", 3, 34, 3, "assign", false]]);
  });

  it("keeps what an asked function names, and parses small modules whole", () => {
    const asked = withParsedModule("/project/src/routes/page.ts", page(400), spec, (_sc, dropped) => dropped, { keep: new Set(["stash"]) });
    // why: stash is asked and names helper
    expect([...asked!].sort()).toEqual(["default", "keep", "loader"]);
    const small = withParsedModule("/project/src/routes/page.ts", page(3), spec, (_sc, dropped) => dropped, { keep: new Set(["keep"]) });
    expect(small).toEqual([]);
  });

  it("summarises a left-out export when a caller asks about it later", () => {
    const text = page(400);
    const path = "/project/src/routes/page.ts";
    const first = withParsedModule(path, text, spec, (sc, dropped) => summarize(sc, path, DEFAULT_SETTINGS, null, new Set(["keep"]), null, dropped), { keep: new Set(["keep"]) })!;
    expect(first.complete).toBe(false);
    expect(first.ownKeys).toContain("stash");
    expect(first.callables.stash).toBeUndefined();
    expect(first.callables.keep?.[0]?.line).toBe(3);
    const later = withParsedModule(path, text, spec, (sc, dropped) => summarize(sc, path, DEFAULT_SETTINGS, null, new Set(["stash"]), first, dropped), { keep: new Set(["stash"]) })!;
    // why: stash keeps what it is handed (through helper) in `kept`, line 5
    expect(later.callables.stash?.[0]?.line).toBe(5);
    expect(later.callables.keep?.[0]?.line).toBe(3);
  });
});

describe("minified build output", () => {
  const chunk = `let k;export function keep(v){k=v}${"const a=1,b=2;function f(x){return x?a:b}".repeat(600)}\n`;
  const written = `let k;\nexport function keep(v) {\n  k = v;\n}\n${"const a = 1;\n".repeat(2_000)}`;

  it("is told from hand-written code by its line length", () => {
    expect(isMinified(chunk)).toBe(true);
    expect(isMinified(written)).toBe(false);
    // why: a short one-line module is no bundle, nor a module of a few lines with one long comment
    expect(isMinified("export const x = 1;")).toBe(false);
    expect(isMinified(`// ${"-".repeat(4_200)}\nexport const x = 1;\n`)).toBe(false);
  });

  it("is neither outlined nor parsed for summaries: what it keeps is unknown", () => {
    let visited = false;
    expect(outlineModule("/p/chunk.js", chunk, spec, null)).toBeNull();
    expect(withParsedModule("/p/chunk.js", chunk, spec, () => (visited = true))).toBeNull();
    expect(visited).toBe(false);
    // why: the same module written out is read
    expect(withParsedModule("/p/written.js", written, spec, () => (visited = true))).toBe(true);
  });
});
