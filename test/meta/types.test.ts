/**
 * The published types (`dist/src/index.d.ts`, built by `npm test`) in a user's `eslint.config.ts`:
 * the configs fit ESLint's `defineConfig`, `Linter.Config` and `ESLint.Plugin`, and
 * typescript-eslint's `tseslint.config()`, under `strict` with library checks on.
 *
 * ESLint 8 ships no types of its own, so on ESLint 8 (the matrix run) there is nothing to check.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
const ESLINT_MAJOR = Number(ESLint.version.split(".")[0]);

const CONFIG_TS = `import { defineConfig } from "eslint/config";
import type { ESLint, Linter } from "eslint";
import tseslint from "typescript-eslint";
import cloudflareWorkers, { configs } from "eslint-plugin-cloudflare-workers";

export const alone = defineConfig([cloudflareWorkers.configs.recommended]);
export const spread = defineConfig(tseslint.configs.recommended, cloudflareWorkers.configs.recommended);
export const extended = defineConfig({ files: ["**/*.ts"], extends: [configs.recommended] });
export const legacyHelper = tseslint.config(...tseslint.configs.recommended, cloudflareWorkers.configs.recommended);
export const array: Linter.Config[] = [configs.recommended];
export const plugin: ESLint.Plugin = cloudflareWorkers;
export const ruleMeta: ESLint.Plugin["rules"] = cloudflareWorkers.rules;
export const legacy: Linter.LegacyConfig = cloudflareWorkers.configs["legacy-recommended"];
`;

// A wrong use next to it shows that the check is real.
const WRONG_TS = `import cloudflareWorkers from "eslint-plugin-cloudflare-workers";
export const n: number = cloudflareWorkers.configs.recommended;
`;

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    module: "nodenext",
    moduleResolution: "nodenext",
    noEmit: true,
    skipLibCheck: false,
    types: [],
    paths: { "eslint-plugin-cloudflare-workers": [join(ROOT, "dist/src/index.d.ts")] },
  },
  files: ["eslint.config.ts", "wrong.ts"],
};

describe.skipIf(ESLINT_MAJOR < 9)("the published types in eslint.config.ts", () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cf-workers-types-"));
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG));
    writeFileSync(join(dir, "eslint.config.ts"), CONFIG_TS);
    writeFileSync(join(dir, "wrong.ts"), WRONG_TS);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("fit defineConfig, tseslint.config, Linter.Config and ESLint.Plugin; a wrong use is an error", () => {
    const result = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "."], { cwd: dir, encoding: "utf8" });
    expect(result.stdout.trim().split("\n")).toEqual([
      "wrong.ts(2,14): error TS2322: Type 'RecommendedConfig' is not assignable to type 'number'.",
    ]);
    expect(result.status).toBe(2);
  });
});
