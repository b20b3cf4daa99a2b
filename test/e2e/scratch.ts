/**
 * Scratch projects for the end-to-end tests: a folder in the OS temp dir with a package.json,
 * some files, and an `npm install` of the packed plugin next to the ESLint version under test.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";

export const REPO_ROOT = join(__dirname, "..", "..");
export const PLUGIN_NAME = "eslint-plugin-cloudflare-workers";

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment for child processes, without the `npm_*` variables that `npm run` sets: they
 * would point a nested npm at this repository's config.
 */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith("npm_")) env[key] = value;
  }
  // a terminal width from the parent shell would change how cf-workers-lint wraps its output
  delete env.COLUMNS;
  return { ...env, NO_COLOR: "1", FORCE_COLOR: "0" };
}

export function run(command: string, args: string[], cwd: string, timeoutMs = 300_000): RunResult {
  const result = spawnSync(command, args, { cwd, env: childEnv(), encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface ScratchProject {
  dir: string;
  /** Runs a command in the project folder. */
  run(command: string, args: string[]): RunResult;
  /** Runs `npx <args>` in the project folder, never installing anything on the fly. */
  npx(...args: string[]): RunResult;
  read(path: string): string;
  remove(): void;
}

export interface ScratchOptions {
  /** Short name used in the folder name. */
  name: string;
  /** The packed plugin, installed as a dependency. */
  tarball: string;
  /** Other dependencies, name → version range. */
  dependencies?: Record<string, string>;
  /** `"module"` makes `.js` files ES modules. */
  type?: "module" | "commonjs";
  /** Files to write, path relative to the project → content. */
  files: Record<string, string>;
}

export function createScratchProject(options: ScratchOptions): ScratchProject {
  const dir = mkdtempSync(join(tmpdir(), `cf-workers-e2e-${options.name}-`));
  const packageJson = {
    name: `scratch-${options.name}`,
    version: "0.0.0",
    private: true,
    ...(options.type ? { type: options.type } : {}),
    dependencies: { [PLUGIN_NAME]: `file:${options.tarball}`, ...options.dependencies },
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(packageJson, null, 2)}\n`);
  for (const [path, content] of Object.entries(options.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const install = run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], dir, 600_000);
  if (install.status !== 0) throw new Error(`npm install failed in ${dir}:\n${install.stdout}\n${install.stderr}`);

  return {
    dir,
    run: (command, args) => run(command, args, dir),
    npx: (...args) => run("npx", ["--no-install", ...args], dir),
    read: (path) => readFileSync(join(dir, path), "utf8"),
    remove: () => {
      if (!process.env.KEEP_E2E) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One finding as the tests compare it. */
export interface Finding {
  ruleId: string | null;
  line: number;
  column: number;
}

interface LintMessageJson extends Finding {
  severity: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  fatal?: boolean;
}

export interface LintResultJson {
  filePath: string;
  messages: LintMessageJson[];
  errorCount: number;
}

/** Parses ESLint's `--format json` output. */
export function parseJsonResults(stdout: string): LintResultJson[] {
  return JSON.parse(stdout) as LintResultJson[];
}

/** Findings per file (path relative to `dir`, with `/`), files without findings included. */
export function findingsByFile(results: LintResultJson[], dir: string): Record<string, Finding[]> {
  const out: Record<string, Finding[]> = {};
  for (const result of results) {
    const path = relative(dir, result.filePath).split("\\").join("/");
    out[path] = result.messages.map(({ ruleId, line, column }) => ({ ruleId, line, column }));
  }
  return out;
}

/** Runs a command line with `sh -c`, as a user types it. */
export function shell(command: string, cwd: string, timeoutMs = 300_000): RunResult {
  return run("sh", ["-c", command], cwd, timeoutMs);
}

/** A folder in the OS temp dir with some files and no package.json: nothing installed. */
export function createScratchFolder(name: string, files: Record<string, string>): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `cf-workers-e2e-${name}-`));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return {
    dir,
    remove: () => {
      if (!process.env.KEEP_E2E) rmSync(dir, { recursive: true, force: true });
    },
  };
}
