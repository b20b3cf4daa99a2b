/** Small multi-file projects on disk, linted with ESLint's Node API and the plugin from source. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { loadESLint, type ESLint, type Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import { afterAll, afterEach, vi } from "vitest";
import plugin from "../../src/index";
import { FRESH_MS } from "../../src/project/stamp";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (path → text) into a fresh folder and returns its path. */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "cfw-project-"));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) write(dir, path, text);
  return dir;
}

afterEach(() => {
  vi.useRealTimers();
});

/** Stops the clock (only `Date`; restored after each test), so no stamp ages by itself. */
export function freezeClock(): void {
  if (!vi.isFakeTimers()) vi.useFakeTimers({ toFake: ["Date"] });
}

/** Moves the clock past the time a file's stamp is trusted: what a user's next lint sees a second after a save. */
export function aSecondLater(): void {
  freezeClock();
  vi.setSystemTime(Date.now() + FRESH_MS);
}

export function write(dir: string, path: string, text: string): void {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A flat-config ESLint (ESLint 8.57's too) with the recommended rules on `.ts` and `.js` files. */
export async function eslintFor(dir: string, settings: Record<string, unknown> = {}, rules: Linter.RulesRecord = {}): Promise<ESLint> {
  // ESLint 8.57 and 9 take the option (8.57 would load its .eslintrc class without it); 10 has flat only.
  const load = loadESLint as (options?: { useFlatConfig?: boolean }) => Promise<typeof ESLint>;
  const FlatESLint = await load({ useFlatConfig: true });
  return new FlatESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ["**/*.ts", "**/*.js"],
        languageOptions: { parser: tsParser, ecmaVersion: "latest", sourceType: "module" },
        plugins: { "cloudflare-workers": plugin },
        rules: { ...plugin.configs.recommended.rules, ...rules },
        settings,
      },
    ],
  });
}

export interface Found {
  rule: string;
  line: number;
  column: number;
  message: string;
}

/** The findings of one file of the project, in order. */
export async function lintFile(eslint: ESLint, dir: string, path: string): Promise<Found[]> {
  const [result] = await eslint.lintFiles([join(dir, path)]);
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return result.messages.map((m) => ({ rule: String(m.ruleId).replace("cloudflare-workers/", ""), line: m.line, column: m.column, message: m.message }));
}
