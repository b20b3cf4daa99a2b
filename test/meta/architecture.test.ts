/** The engine's shape stays what docs/architecture.md says: named modules exist, small files, no import cycle. */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
const ENGINE = join(ROOT, "src", "engine");
const doc = readFileSync(join(ROOT, "docs", "architecture.md"), "utf8");

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** The engine modules a file imports (`./x`), type-only imports included. */
function engineImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/from\s+"\.\/([\w-]+)"/g)].map((m) => m[1]);
}

describe("architecture", () => {
  it("names only modules that exist", () => {
    const named = [...new Set([...doc.matchAll(/`((?:src|rules|test)\/[\w./-]+\.ts)`/g)].map((m) => m[1]))];
    // why: the page is a map; a renamed or removed module must not leave it pointing nowhere
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });

  it("names every engine module", () => {
    const modules = readdirSync(ENGINE).filter((f) => f.endsWith(".ts"));
    // why: a newcomer reading the page finds every module the engine has
    expect(modules.filter((m) => !doc.includes(`src/engine/${m}`))).toEqual([]);
  });

  it("keeps every file of src/ and rules/ within 700 lines", () => {
    const long = [...tsFiles(join(ROOT, "src")), ...tsFiles(join(ROOT, "rules"))]
      .map((f) => ({ f, lines: readFileSync(f, "utf8").split("\n").length }))
      .filter(({ lines }) => lines > 700);
    expect(long).toEqual([]);
  });

  it("has no import cycle between engine modules", () => {
    const graph = new Map(readdirSync(ENGINE).filter((f) => f.endsWith(".ts")).map((f) => [f.slice(0, -3), engineImports(join(ENGINE, f))]));
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (m: string, path: string[]) => {
      if (state.get(m) === "done") return;
      if (state.get(m) === "open") {
        cycles.push([...path.slice(path.indexOf(m)), m].join(" → "));
        return;
      }
      state.set(m, "open");
      for (const next of graph.get(m) ?? []) visit(next, [...path, m]);
      state.set(m, "done");
    };
    for (const m of graph.keys()) visit(m, []);
    expect(cycles).toEqual([]);
  });
});
