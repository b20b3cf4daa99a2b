/** What the packed tarball holds, and what publint and Are The Types Wrong say about it. */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { REPO_ROOT, run } from "./scratch";

const SHIPPED = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^CHANGELOG\.md$/, /^dist\/(src|rules)\/.+\.(js|d\.ts)$/, /^docs\/rules\/[a-z-]+\.md$/];

describe("the packed tarball", () => {
  const files = inject("packedFiles");

  it("ships only the build, the rule docs and the package's own documents", () => {
    const unexpected = files.filter((file) => !SHIPPED.some((pattern) => pattern.test(file)));
    expect(unexpected).toEqual([]);
  });

  it("ships the entry, its types, the CLI, every rule, the licence and the changelog", () => {
    const rules = readdirSync(join(REPO_ROOT, "rules")).filter((f) => f.endsWith(".ts"));
    expect(rules.length).toBeGreaterThan(0);
    const required = [
      "package.json",
      "LICENSE",
      "CHANGELOG.md",
      "dist/src/index.js",
      "dist/src/index.d.ts",
      "dist/src/cli.js",
      ...rules.map((f) => `dist/rules/${f.replace(/\.ts$/, ".js")}`),
    ];
    // the README and the rule docs are shipped whenever the repository has them
    if (existsSync(join(REPO_ROOT, "README.md"))) required.push("README.md");
    const docs = existsSync(join(REPO_ROOT, "docs/rules")) ? readdirSync(join(REPO_ROOT, "docs/rules")) : [];
    required.push(...docs.filter((f) => f.endsWith(".md")).map((f) => `docs/rules/${f}`));
    expect(files).toEqual(expect.arrayContaining(required));
  });

  it("passes publint, warnings included", () => {
    const result = run("npx", ["--no-install", "publint", "run", "--strict", inject("tarball")], REPO_ROOT);
    expect(result.stdout + result.stderr).toContain("All good!");
    expect(result.status).toBe(0);
  });

  it("passes Are The Types Wrong under its strictest profile", () => {
    // `strict` checks node10, node16 from CommonJS and from ESM, and bundlers. A CommonJS package
    // could settle for `--profile node16`; this one needs no exception: its entry names its
    // properties so that ESM named imports work as the types allow.
    const result = run("npx", ["--no-install", "attw", "--profile", "strict", "--format", "json", inject("tarball")], REPO_ROOT);
    const report = JSON.parse(result.stdout) as { analysis: { problems: unknown[] } };
    expect(report.analysis.problems).toEqual([]);
    expect(result.status).toBe(0);
  });
});
