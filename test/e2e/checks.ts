/** Checks every scratch project runs the same way, whatever its ESLint and config format. */
import { expect } from "vitest";
import { findingsByFile, parseJsonResults, type ScratchProject } from "./scratch";
import { EXPECTED_JS, EXPECTED_JS_RANGES, EXPECTED_TS, EXPECTED_TS_RANGES } from "./worker-fixtures";

/** `eslint --format json <paths>` reports exactly the worker fixtures' findings. */
export function expectWorkerFindings(project: ScratchProject, paths: string[]): void {
  const result = project.npx("eslint", "--format", "json", ...paths);
  expect(result.status).toBe(1);
  expect(findingsByFile(parseJsonResults(result.stdout), project.dir)).toEqual({
    "src/worker.js": EXPECTED_JS,
    "src/worker.ts": EXPECTED_TS,
  });
}

/** `ESLint#lintText`, as editors call it, gives the findings with their exact ranges. */
export function expectLintTextRanges(project: ScratchProject): void {
  const result = project.run("node", ["lint-text.cjs", "src/worker.ts", "src/worker.js"]);
  expect(result.stderr).toBe("");
  expect(JSON.parse(result.stdout)).toEqual({ "src/worker.ts": EXPECTED_TS_RANGES, "src/worker.js": EXPECTED_JS_RANGES });
}

/** `--concurrency 2` gives the same findings as a serial run over `src` (`files` files with findings or not). */
export function expectSameFindingsWithConcurrency(project: ScratchProject, files: number): void {
  const serial = project.npx("eslint", "--format", "json", "src");
  const parallel = project.npx("eslint", "--concurrency", "2", "--format", "json", "src");
  expect(parallel.status).toBe(1);
  const parallelFindings = findingsByFile(parseJsonResults(parallel.stdout), project.dir);
  expect(parallelFindings).toEqual(findingsByFile(parseJsonResults(serial.stdout), project.dir));
  expect(Object.keys(parallelFindings)).toHaveLength(files);
  expect(parallelFindings["src/copies/worker-4.ts"]).toEqual(EXPECTED_TS);
  expect(parallelFindings["src/copies/worker-4.js"]).toEqual(EXPECTED_JS);
}
