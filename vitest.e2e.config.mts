import { defineConfig } from "vitest/config";

// End-to-end tests on the packed tarball: `npm run test:e2e` (builds first). Each test file
// installs its scratch project once; the files run two at a time, mostly waiting on npm and ESLint.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
