/**
 * Meta-tests: the rules, their docs, their tests, the `recommended` config and the README's rule
 * table are one set, and every example in the docs does what its heading says.
 *
 * Examples are found by a line that reads exactly `❌ Incorrect` or `✅ Correct` (as a heading or
 * on its own); every ```ts / ```js block after it, up to the next other heading, is one complete
 * file. An HTML comment on the line just before a fence carries rule options or settings:
 * `<!-- options: [{"allow": ["x"]}] -->`, `<!-- settings: {"cloudflare-workers": {…}} -->`, or the
 * Worker's config: `<!-- wrangler: {"name": "api", …} -->` (the example is then linted as
 * `src/example.ts` of a temporary project with that `wrangler.json`).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../src/index";
import { DEFAULT_SETTINGS, SETTINGS_KEY } from "../../src/settings";

const ROOT = path.resolve(__dirname, "../..");
const DOCS_DIR = path.join(ROOT, "docs/rules");
const RULE_TESTS_DIR = path.join(ROOT, "test/rules");
const PREFIX = "cloudflare-workers";

type RuleName = keyof typeof plugin.rules;
const ruleNames = (Object.keys(plugin.rules) as RuleName[]).sort();

/** A rule's doc, or "" when it is missing (the set test then names the missing file). */
function readDoc(name: string): string {
  const file = path.join(DOCS_DIR, `${name}.md`);
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
}

function description(name: RuleName): string {
  return plugin.rules[name].meta!.docs!.description!;
}

function isRecommended(name: RuleName): boolean {
  return Boolean(plugin.rules[name].meta?.docs?.recommended);
}

/** The option keys of a rule's schema (`[{ type: "object", properties }]`), if any. */
function optionKeys(name: RuleName): string[] {
  const schema = plugin.rules[name].meta?.schema;
  const first = Array.isArray(schema) ? (schema[0] as { properties?: Record<string, unknown> } | undefined) : undefined;
  return Object.keys(first?.properties ?? {});
}

function defaultOptions(name: RuleName): Record<string, unknown> {
  const defaults = (plugin.rules[name].meta as { defaultOptions?: unknown[] }).defaultOptions;
  return (defaults?.[0] as Record<string, unknown> | undefined) ?? {};
}

/** The text of a `## Heading` section, up to the next heading of the same or a higher level. */
function section(doc: string, heading: string): string | null {
  const lines = doc.split("\n");
  const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
  if (start < 0) return null;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    if (/^##?\s/.test(lines[i])) {
      end = i;
      break;
    }
  }
  return lines.slice(start + 1, end).join("\n");
}

// -------------------------------------------------------------------------------------------------
// Examples

type Kind = "incorrect" | "correct";

interface Example {
  rule: string;
  kind: Kind;
  /** 1-based line of the opening fence in the doc. */
  line: number;
  lang: string;
  code: string;
  options: unknown[];
  settings: Record<string, unknown>;
  /** The Worker config the example is linted under, if any. */
  wrangler?: Record<string, unknown>;
}

const MARKERS: Record<string, Kind> = { "❌ Incorrect": "incorrect", "✅ Correct": "correct" };
const CODE_LANGS = new Set(["ts", "js", "typescript", "javascript", "tsx", "jsx"]);

function markerOf(line: string): Kind | null {
  const text = line.replace(/^#{1,6}\s+/, "").trim();
  return MARKERS[text] ?? null;
}

function parseComment(line: string, key: "options" | "settings" | "wrangler"): unknown {
  const m = new RegExp(`^<!--\\s*${key}:\\s*(.*?)\\s*-->$`).exec(line.trim());
  return m ? JSON.parse(m[1]) : undefined;
}

/** Finds the examples of one doc; throws on a malformed example so the doc test names it. */
function parseExamples(rule: string, doc: string): Example[] {
  const lines = doc.split("\n");
  const out: Example[] = [];
  let kind: Kind | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^(`{3,})\s*([\w-]*)\s*$/.exec(line);
    if (fence) {
      const close = lines.findIndex((l, j) => j > i && l.trim() === fence[1]);
      if (close < 0) throw new Error(`${rule}.md:${i + 1}: unclosed code fence`);
      const lang = fence[2];
      if (kind) {
        if (!CODE_LANGS.has(lang)) throw new Error(`${rule}.md:${i + 1}: an example block must be \`\`\`ts or \`\`\`js, not "${lang}"`);
        let options: unknown[] = [];
        let settings: Record<string, unknown> = {};
        let wrangler: Record<string, unknown> | undefined;
        for (let j = i - 1; j >= 0 && lines[j].trim().startsWith("<!--"); j--) {
          const o = parseComment(lines[j], "options");
          const s = parseComment(lines[j], "settings");
          const w = parseComment(lines[j], "wrangler");
          if (o !== undefined) options = o as unknown[];
          if (s !== undefined) settings = s as Record<string, unknown>;
          if (w !== undefined) wrangler = w as Record<string, unknown>;
        }
        out.push({ rule, kind, line: i + 1, lang, code: lines.slice(i + 1, close).join("\n") + "\n", options, settings, ...(wrangler ? { wrangler } : {}) });
      }
      i = close;
      continue;
    }
    const marker = markerOf(line);
    if (marker) kind = marker;
    else if (/^#{1,6}\s/.test(line)) kind = null;
  }
  return out;
}

function filenameFor(lang: string): string {
  return lang.startsWith("t") ? "example.ts" : "example.js";
}

const workerDirs: string[] = [];
afterAll(() => {
  for (const dir of workerDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temporary Worker project with the example's config: the file name to lint the example as. */
function workerFile(example: Example): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfw-doc-"));
  workerDirs.push(dir);
  fs.writeFileSync(path.join(dir, "package.json"), "{}");
  fs.writeFileSync(path.join(dir, "wrangler.json"), JSON.stringify(example.wrangler));
  fs.mkdirSync(path.join(dir, "src"));
  return path.join(dir, "src", filenameFor(example.lang));
}

function lint(example: Example, rules: Record<string, unknown>): Linter.LintMessage[] {
  const filename = example.wrangler ? workerFile(example) : filenameFor(example.lang);
  const linter = new Linter({ configType: "flat", ...(example.wrangler ? { cwd: path.dirname(path.dirname(filename)) } : {}) });
  return linter.verify(
    example.code,
    [
      {
        files: ["**/*.ts", "**/*.js"],
        languageOptions: {
          parser: tsParser as never,
          ecmaVersion: "latest",
          sourceType: "module",
          parserOptions: { ecmaFeatures: { jsx: true } },
        },
        plugins: { [PREFIX]: plugin as never },
        rules: rules as never,
        settings: example.settings,
      },
    ],
    filename,
  );
}

function describeMessages(messages: Linter.LintMessage[]): string {
  return messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? "(parse)"} ${m.message}`).join("\n") || "(none)";
}

// -------------------------------------------------------------------------------------------------

describe("the example parser", () => {
  it("finds marked blocks with their options and settings, and skips other blocks", () => {
    const doc = [
      "# x",
      "## Examples",
      "#### ❌ Incorrect",
      "```ts",
      "a();",
      "```",
      '<!-- settings: {"cloudflare-workers": {"processEnv": true}} -->',
      '<!-- options: [{"allow": ["x"]}] -->',
      "```js",
      "b();",
      "```",
      "✅ Correct",
      "```ts",
      "c();",
      "```",
      "## Options",
      "```js",
      "config();",
      "```",
    ].join("\n");
    const examples = parseExamples("x", doc);
    expect(examples.map((e) => [e.kind, e.line, e.lang, e.code])).toEqual([
      ["incorrect", 4, "ts", "a();\n"],
      ["incorrect", 9, "js", "b();\n"],
      ["correct", 13, "ts", "c();\n"],
    ]);
    expect(examples[0]).toMatchObject({ options: [], settings: {} });
    expect(examples[1]).toMatchObject({ options: [{ allow: ["x"] }], settings: { "cloudflare-workers": { processEnv: true } } });
    expect(examples[0].wrangler).toBeUndefined();
  });

  it("reads a Worker config comment", () => {
    const [example] = parseExamples("x", '#### ❌ Incorrect\n<!-- wrangler: {"name": "api"} -->\n```ts\nf();\n```\n');
    expect(example.wrangler).toEqual({ name: "api" });
  });

  it("rejects an example block in another language", () => {
    expect(() => parseExamples("x", "#### ✅ Correct\n```text\nhello\n```\n")).toThrow(/```ts or ```js/);
  });
});

describe("rules, docs, tests and configs are the same set", () => {
  it("every rule has a doc, and every doc a rule", () => {
    const docs = fs
      .readdirSync(DOCS_DIR)
      .filter((f) => f.endsWith(".md"))
      .map((f) => f.slice(0, -3))
      .sort();
    expect(docs).toEqual(ruleNames);
  });

  it("every rule has its own test file under test/rules, and its name appears in a test", () => {
    const files = fs.readdirSync(RULE_TESTS_DIR).filter((f) => f.endsWith(".test.ts"));
    const texts = files.map((f) => fs.readFileSync(path.join(RULE_TESTS_DIR, f), "utf8"));
    for (const name of ruleNames) {
      expect(files, `test/rules/${name}.test.ts`).toContain(`${name}.test.ts`);
      expect(texts.some((t) => t.includes(`rules/${name}"`) && t.includes(`"${name}`)), name).toBe(true);
    }
    // Test files named after a rule test a rule that exists.
    const named = files.map((f) => f.replace(/\.test\.ts$/, "")).filter((n) => n.startsWith("no-"));
    expect(named.sort()).toEqual(ruleNames);
  });

  it("the recommended configs hold exactly the rules marked recommended, and all rules are", () => {
    const severity = (n: RuleName) => ((plugin.rules[n].meta?.docs as { recommendedSeverity?: string }).recommendedSeverity === "warn" ? "warn" : "error");
    const expected = Object.fromEntries(ruleNames.filter(isRecommended).map((n) => [`${PREFIX}/${n}`, severity(n)]));
    expect(plugin.configs.recommended.rules).toEqual(expected);
    expect(plugin.configs["legacy-recommended"].rules).toEqual(expected);
    expect(Object.keys(plugin.configs.recommended.rules).sort()).toEqual(ruleNames.map((n) => `${PREFIX}/${n}`));
  });

  it("each rule's docs URL points at its doc file", () => {
    for (const name of ruleNames) {
      const url = (plugin.rules[name].meta?.docs as { url?: string }).url;
      expect(url, name).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
    }
  });
});

describe("README rule table", () => {
  it("lists exactly the rules, with their descriptions, the recommended mark and a link to the doc", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const begin = "<!-- begin auto-generated rules list -->";
    const end = "<!-- end auto-generated rules list -->";
    expect(readme).toContain(begin);
    expect(readme).toContain(end);
    const actual = readme.slice(readme.indexOf(begin) + begin.length, readme.indexOf(end)).trim();
    const expected = [
      "| Name | Description | Recommended |",
      "| :--- | :--- | :---: |",
      ...ruleNames.map((n) => `| [${n}](docs/rules/${n}.md) | ${description(n)} | ${isRecommended(n) ? "✅" : ""} |`),
    ].join("\n");
    expect(actual).toBe(expected);
  });
});

describe.each(ruleNames)("docs/rules/%s.md", (name) => {
  const doc = readDoc(name);

  it("starts with the rule's title and quotes its description", () => {
    const lines = doc.split("\n");
    expect(lines[0]).toBe(`# ${PREFIX}/${name}`);
    expect(doc).toContain(`> ${description(name)}`);
    if (isRecommended(name)) expect(doc).toMatch(/`recommended`/);
  });

  it("has the sections every rule doc has", () => {
    for (const heading of ["Why", "Examples", "Options", "When not to use it", "Known limitations"]) {
      expect(section(doc, heading), `## ${heading}`).not.toBeNull();
    }
  });

  it("documents every option with its default", () => {
    const options = section(doc, "Options") ?? "";
    const keys = optionKeys(name);
    if (keys.length === 0) expect(options).toMatch(/no options/i);
    const defaults = defaultOptions(name);
    for (const key of keys) {
      const lines = options.split("\n").filter((l) => l.includes(`\`${key}\``));
      expect(lines.length, `option \`${key}\``).toBeGreaterThan(0);
      if (key in defaults) {
        const def = `default \`${JSON.stringify(defaults[key])}\``;
        expect(lines.some((l) => l.includes(def)), `option \`${key}\` with ${def}`).toBe(true);
      }
    }
  });

  it(`documents the shared settings["${SETTINGS_KEY}"] key`, () => {
    expect(doc).toContain(`settings["${SETTINGS_KEY}"]`);
    for (const key of Object.keys(DEFAULT_SETTINGS)) expect(doc, key).toContain(`\`${key}\``);
  });

  it("links only to docs that exist", () => {
    for (const m of doc.matchAll(/\]\((\.\/|\.\.\/)([^)#]+\.md)(#[^)]*)?\)/g)) {
      const target = path.resolve(DOCS_DIR, m[1] + m[2]);
      expect(fs.existsSync(target), m[0]).toBe(true);
    }
  });

  const examples = parseExamples(name, doc);

  it("has both ❌ and ✅ examples", () => {
    expect(examples.filter((e) => e.kind === "incorrect").length).toBeGreaterThanOrEqual(3);
    expect(examples.filter((e) => e.kind === "correct").length).toBeGreaterThanOrEqual(3);
  });

  const ruleId = `${PREFIX}/${name}`;
  const recommended = plugin.configs.recommended.rules;

  for (const example of examples) {
    const config = [example.options.length ? ` options ${JSON.stringify(example.options)}` : "", Object.keys(example.settings).length ? " with settings" : ""].join("");
    if (example.kind === "incorrect") {
      it(`❌ example at line ${example.line}${config} is reported`, () => {
        const messages = lint(example, { [ruleId]: ["error", ...example.options] });
        const fatal = messages.filter((m) => m.fatal);
        expect(fatal, describeMessages(fatal)).toEqual([]);
        const own = messages.filter((m) => m.ruleId === ruleId);
        expect(own.length, `no report from ${ruleId}`).toBeGreaterThan(0);
        const invalid = own.filter((m) => m.messageId === "invalidSettings");
        expect(invalid, describeMessages(invalid)).toEqual([]);
      });
    } else {
      it(`✅ example at line ${example.line}${config} is not reported`, () => {
        const rules = { ...recommended, [ruleId]: ["error", ...example.options] };
        const messages = lint(example, rules);
        const fatal = messages.filter((m) => m.fatal);
        expect(fatal, describeMessages(fatal)).toEqual([]);
        const own = messages.filter((m) => m.ruleId === ruleId);
        expect(own, `reported by ${ruleId}:\n${describeMessages(own)}`).toEqual([]);
        // A "correct" example should not be one that another recommended rule flags either.
        const others = messages.filter((m) => m.ruleId !== ruleId);
        expect(others, `reported by other recommended rules:\n${describeMessages(others)}`).toEqual([]);
      });
    }
  }
});
