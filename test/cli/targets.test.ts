import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/args";
import { commonFolder, globStaticPart, globToRegExp, rebaseIgnores, resolveTargets } from "../../src/cli/targets";

describe("resolveTargets", () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "cf-workers-targets-"));
    for (const file of ["here/src/a.ts", "app/src/worker.ts", "here/app/[id]/page.ts"]) {
      mkdirSync(join(root, file, ".."), { recursive: true });
      writeFileSync(join(root, file), "");
    }
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("keeps the current folder as the base for paths inside it", () => {
    const cwd = join(root, "here");
    expect(resolveTargets(["."], cwd)).toEqual({ base: cwd, cwdFromBase: "", targets: [{ given: ".", pattern: ".", glob: false, staticPart: "." }] });
    expect(resolveTargets(["src/a.ts"], cwd).targets[0]).toEqual({ given: "src/a.ts", pattern: "src/a.ts", glob: false, staticPart: "src/a.ts" });
  });

  it("moves the base up to hold a file or folder outside the current folder", () => {
    const cwd = join(root, "here");
    const file = resolveTargets(["src", "../app/src/worker.ts"], cwd);
    expect(file.base).toBe(root);
    expect(file.cwdFromBase).toBe("here");
    expect(file.targets.map((t) => t.pattern)).toEqual(["here/src", "app/src/worker.ts"]);
    expect(resolveTargets([join(root, "app")], cwd).targets[0].pattern).toBe("app");
  });

  it("takes a glob pattern as such, its folder part deciding the base", () => {
    const cwd = join(root, "here");
    const inside = resolveTargets(["src/**/*.ts"], cwd);
    expect(inside.base).toBe(cwd);
    expect(inside.targets[0]).toEqual({ given: "src/**/*.ts", pattern: "src/**/*.ts", glob: true, staticPart: "src" });
    const outside = resolveTargets(["../app/**/*.{ts,js}"], cwd);
    expect(outside.base).toBe(root);
    expect(outside.targets[0]).toMatchObject({ pattern: "app/**/*.{ts,js}", glob: true, staticPart: "app" });
  });

  it("takes an existing path with glob characters in its name literally", () => {
    expect(resolveTargets(["app/[id]/page.ts"], join(root, "here")).targets[0]).toMatchObject({ pattern: "app/[id]/page.ts", glob: false });
  });

  it("rejects a path that does not exist and is no glob", () => {
    expect(() => resolveTargets(["src/nope.ts"], join(root, "here"))).toThrow(new UsageError("no such file or directory: src/nope.ts"));
  });
});

describe("path helpers", () => {
  it("commonFolder", () => {
    expect(commonFolder(["/a/b/c", "/a/b/d/e", "/a/b"])).toBe("/a/b");
    expect(commonFolder(["/a/b", "/a/bc"])).toBe("/a");
    expect(commonFolder(["/a", "/b"])).toBe("/");
  });

  it("globStaticPart", () => {
    expect(globStaticPart("src/**/*.ts")).toBe("src");
    expect(globStaticPart("**/*.ts")).toBe("");
    expect(globStaticPart("../app/src/*.{js,ts}")).toBe("../app/src");
  });

  it("rebaseIgnores prefixes the current folder, keeping negation", () => {
    expect(rebaseIgnores(["**/build", "out/", "!keep.js"], "")).toEqual(["**/build", "out/", "!keep.js"]);
    expect(rebaseIgnores(["**/build", "out/", "!**/keep.js"], "here")).toEqual(["here/**/build", "here/out/", "!here/**/keep.js"]);
  });

  it.each([
    ["src/**/*.ts", ["src/a.ts", "src/x/y/b.ts"], ["src/a.js", "lib/a.ts", "src.ts"]],
    ["**/*.js", ["a.js", "x/y/a.js"], ["a.ts", "a.jsx"]],
    ["app/*.{ts,tsx}", ["app/a.ts", "app/b.tsx"], ["app/x/a.ts", "app/a.js"]],
    ["src/worker-?.js", ["src/worker-1.js"], ["src/worker-12.js"]],
    ["src/[ab].js", ["src/a.js", "src/b.js"], ["src/c.js"]],
    ["src/[!ab].js", ["src/c.js"], ["src/a.js"]],
    ["src/**", ["src/a.js", "src/x/b.ts"], ["lib/a.js"]],
    ["a.b(c)/*.js", ["a.b(c)/x.js"], ["axb(c)/x.js"]],
  ])("globToRegExp(%j)", (glob, matching, notMatching) => {
    const re = globToRegExp(glob);
    for (const path of matching) expect(re.test(path), path).toBe(true);
    for (const path of notMatching) expect(re.test(path), path).toBe(false);
  });
});
