import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Rule errors surface in tests instead of the users' safe silence (see src/create-rule.ts).
    env: { CLOUDFLARE_WORKERS_LINT_STRICT: "1" },
  },
});
