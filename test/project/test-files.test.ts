/** The recommended configs leave tests, fixtures and test tooling alone, and say how to opt back in. */
import tsParser from "@typescript-eslint/parser";
import { loadESLint, type ESLint, type Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index";
import { project } from "./fixtures";

const STORE = `let db;\nexport default { async fetch(request, env) { db ??= drizzle(env.DB); return new Response("ok"); } };\n`;

async function findings(dir: string, extra: Linter.Config[] = []): Promise<Record<string, number>> {
  const load = loadESLint as (options?: { useFlatConfig?: boolean }) => Promise<typeof ESLint>;
  const FlatESLint = await load({ useFlatConfig: true });
  const eslint = new FlatESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [{ files: ["**/*.ts"], languageOptions: { parser: tsParser } }, plugin.configs.recommended, ...extra],
  });
  const results = await eslint.lintFiles(["."]);
  return Object.fromEntries(results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.filter((m) => m.ruleId).length]));
}

describe("test files and fixtures", () => {
  const dir = project({
    "src/worker.ts": STORE,
    "src/worker.test.ts": STORE,
    "src/worker.spec.ts": STORE,
    "test/helpers.ts": STORE,
    "src/__tests__/worker.ts": STORE,
    "fixtures/bad-worker.ts": STORE,
    "e2e/setup.ts": STORE,
    "vitest.config.ts": STORE,
  });

  it("are not linted by the recommended config", async () => {
    expect(await findings(dir)).toEqual({
      "e2e/setup.ts": 0,
      "fixtures/bad-worker.ts": 0,
      "src/__tests__/worker.ts": 0,
      "src/worker.spec.ts": 0,
      "src/worker.test.ts": 0,
      "src/worker.ts": 1,
      "test/helpers.ts": 0,
      "vitest.config.ts": 0,
    });
  });

  it("are linted again with the recommended rules in a config of their own", async () => {
    // why: the README's opt-in: the same rules for the test files, the plugin registered by recommended's spread
    const optIn: Linter.Config = { files: ["**/*.test.ts"], plugins: plugin.configs.recommended.plugins, rules: plugin.configs.recommended.rules };
    const counts = await findings(dir, [optIn]);
    expect(counts["src/worker.test.ts"]).toBe(1);
    expect(counts["src/worker.spec.ts"]).toBe(0);
  });
});
