/**
 * A fresh clone: the README's first commands (`npm ci && npm run example`) work on a copy of the
 * repository's files, `npm pack` ships the build without a build run before it, and a broken
 * build makes `npm run example` fail instead of passing silently.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, shell } from "./scratch";

let clone: string;

beforeAll(() => {
  clone = mkdtempSync(join(tmpdir(), "cf-workers-e2e-clone-"));
  // what a clone has: the tracked files, and the new ones not yet committed (never node_modules or dist)
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO_ROOT, encoding: "utf8" });
  for (const file of listed.stdout.split("\0").filter(Boolean)) {
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    try {
      copyFileSync(join(REPO_ROOT, file), join(clone, file));
    } catch {
      // listed but deleted in the working tree
    }
  }
});

afterAll(() => {
  if (clone && !process.env.KEEP_E2E) rmSync(clone, { recursive: true, force: true });
});

describe("a fresh clone", () => {
  // the tests run in order: this one installs what the others use
  it("npm ci && npm run example: builds, shows the example's findings, and succeeds", () => {
    const result = shell("npm ci && npm run example", clone, 600_000);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^examples\/worker\/src\/index\.ts$|\/examples\/worker\/src\/index\.ts$/m);
    expect(result.stdout).toContain("cloudflare-workers/no-env-in-global-scope");
    expect(result.stdout).toMatch(/✖ \d+ problems \(\d+ errors, 0 warnings\)/);
    expect(result.stdout).toContain("These are the example Worker's deliberate mistakes");
  });

  it("npm pack builds first, so the tarball ships dist/", () => {
    rmSync(join(clone, "dist"), { recursive: true, force: true });
    const packDir = mkdtempSync(join(tmpdir(), "cf-workers-e2e-clone-pack-"));
    try {
      const result = shell(`npm pack --json --pack-destination ${packDir}`, clone);
      expect(result.status, result.stderr).toBe(0);
      const [info] = JSON.parse(result.stdout.slice(result.stdout.indexOf("["))) as { files: { path: string }[] }[];
      const files = info.files.map((f) => f.path);
      expect(files).toEqual(expect.arrayContaining(["dist/src/index.js", "dist/src/index.d.ts", "dist/src/cli.js", "dist/rules/no-env-mutation.js"]));
    } finally {
      rmSync(packDir, { recursive: true, force: true });
    }
  });

  it("npm run example fails when the build does", () => {
    appendFileSync(join(clone, "src/index.ts"), "\nexport const broken: number = \"not a number\";\n");
    const result = shell("npm run example", clone);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain("error TS2322");
  });
});
