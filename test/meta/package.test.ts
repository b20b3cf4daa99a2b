/**
 * The built plugin, as `require()` loads it from `dist/` (`npm test` builds first): its `meta`
 * matches package.json, and both recommended configs hold exactly the rules marked recommended.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryWebUrl } from "../../src/package-info";

const ROOT = join(__dirname, "..", "..");
interface PackageJson {
  name: string;
  version: string;
  main: string;
  files: string[];
  repository: { type: string; url: string };
  homepage: string;
  bugs: { url: string };
  scripts: Record<string, string>;
}
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as PackageJson;

interface BuiltRule {
  meta: { docs?: { recommended?: boolean; url?: string } };
}
interface BuiltPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, BuiltRule>;
  configs: {
    recommended: { name: string; plugins: Record<string, unknown>; rules: Record<string, unknown> };
    "legacy-recommended": { plugins: string[]; rules: Record<string, unknown>; overrides: { files: string[]; rules?: Record<string, unknown> }[] };
  };
}

const plugin = createRequire(__filename)(join(ROOT, "dist/src/index.js")) as BuiltPlugin;

function recommendedRuleIds(): Record<string, "error" | "warn"> {
  const ids: Record<string, "error" | "warn"> = {};
  for (const [name, rule] of Object.entries(plugin.rules)) {
    const docs = rule.meta.docs as { recommended?: boolean; recommendedSeverity?: string } | undefined;
    if (docs?.recommended === true) ids[`cloudflare-workers/${name}`] = docs.recommendedSeverity === "warn" ? "warn" : "error";
  }
  return ids;
}

describe("the built plugin", () => {
  it("is the package's main entry", () => {
    expect(join(ROOT, pkg.main)).toBe(join(ROOT, "dist/src/index.js"));
  });

  it("names itself and its version as package.json does", () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: "cloudflare-workers" });
  });

  it("has one rule per file in rules/", () => {
    const files = readdirSync(join(ROOT, "rules")).filter((f) => f.endsWith(".ts")).map((f) => f.replace(/\.ts$/, ""));
    expect(Object.keys(plugin.rules).sort()).toEqual(files.sort());
  });

  it("recommends at least one rule", () => {
    expect(Object.keys(recommendedRuleIds()).length).toBeGreaterThan(0);
  });

  it("flat `recommended` holds exactly the recommended rules and registers the plugin itself", () => {
    const config = plugin.configs.recommended;
    expect(config.rules).toEqual(recommendedRuleIds());
    expect(config.name).toBe("cloudflare-workers/recommended");
    expect(Object.keys(config.plugins)).toEqual(["cloudflare-workers"]);
    expect(config.plugins["cloudflare-workers"]).toBe(plugin);
  });

  it("`legacy-recommended` holds the same rules for .eslintrc, and makes ESLint 8 lint TypeScript files", () => {
    const config = plugin.configs["legacy-recommended"];
    expect(config.rules).toEqual(recommendedRuleIds());
    expect(config.plugins).toEqual(["cloudflare-workers"]);
    // an `overrides` entry is what makes `eslint .` pick these extensions up on its own
    expect(config.overrides[0]).toEqual({ files: ["*.ts", "*.tsx", "*.mts", "*.cts"] });
    // and tests and fixtures are not Workers code in production: every rule is off there
    expect(config.overrides[1].files).toEqual(expect.arrayContaining(["*.test.*", "**/tests/**", "**/fixtures/**"]));
    expect(Object.values(config.overrides[1].rules ?? {})).toEqual(Object.keys(recommendedRuleIds()).map(() => "off"));
  });
});

describe("where the package says it lives", () => {
  const repository = "https://github.com/eslint-plugin-cloudflare-workers/eslint-plugin-cloudflare-workers";

  it("names its repository, home page and issue tracker", () => {
    expect(pkg.repository).toEqual({ type: "git", url: `git+${repository}.git` });
    expect(pkg.homepage).toBe(`${repository}#readme`);
    expect(pkg.bugs).toEqual({ url: `${repository}/issues` });
  });

  it("links each rule to its doc in that repository, a doc the package ships", () => {
    expect(pkg.files).toContain("docs/rules");
    for (const [name, rule] of Object.entries(plugin.rules)) {
      expect(rule.meta.docs?.url, name).toBe(`${repository}/blob/main/docs/rules/${name}.md`);
      expect(existsSync(join(ROOT, "docs/rules", `${name}.md`)), name).toBe(true);
    }
  });

  it("builds before it packs, so that a fresh clone's tarball has dist/", () => {
    expect(pkg.scripts.prepack).toBe("npm run build");
  });

  it("reads the repository field in each of its forms", () => {
    const web = "https://github.com/o/r";
    expect(repositoryWebUrl({ type: "git", url: "git+https://github.com/o/r.git" })).toBe(web);
    expect(repositoryWebUrl("https://github.com/o/r")).toBe(web);
    expect(repositoryWebUrl("git://github.com/o/r.git")).toBe(web);
    expect(repositoryWebUrl("github:o/r")).toBe(web);
    expect(repositoryWebUrl("o/r")).toBe(web);
    expect(repositoryWebUrl(undefined)).toBeUndefined();
    expect(repositoryWebUrl({})).toBeUndefined();
  });
});
