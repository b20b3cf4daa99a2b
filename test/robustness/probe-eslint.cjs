// Lints the file given on stdin with ESLint alone (no plugin rules) and exits 0 when it parses and
// traverses it without a fatal message, 1 otherwise. Run in a child process by the robustness
// harness, so that probing ESLint at the edge of the stack cannot take the test process down.
"use strict";
const { Linter } = require("eslint");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const { code, options } = JSON.parse(input);
  const config = {
    files: ["**/*", "**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: options.sourceType ?? "module",
      ...(options.ts ? { parser: require("@typescript-eslint/parser") } : {}),
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
  };
  const filename = options.filename ?? (options.ts ? "worker.ts" : "worker.js");
  try {
    const messages = new Linter({ configType: "flat" }).verify(code, [config], filename);
    process.exit(messages.some((m) => m.fatal) ? 1 : 0);
  } catch {
    process.exit(1);
  }
});
