import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One worker per core: the default leaves one core to the main process, which here only
    // waits (on 2 cores that halves the suite's speed).
    maxWorkers: availableParallelism(),
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Rule errors surface in tests instead of the users' safe silence (see src/create-rule.ts).
    env: { CLOUDFLARE_WORKERS_LINT_STRICT: "1" },
  },
});
