/** Runs the shared analysis on code through a probe rule and hands it to the test. */
import { Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import type { TSESTree } from "@typescript-eslint/utils";
import { getAnalysis, type FileAnalysis } from "../../src/engine/analysis";

export function analyse(code: string, settings: Record<string, unknown> = {}, sourceType: "module" | "script" | "commonjs" = "module"): FileAnalysis {
  let captured: FileAnalysis | null = null;
  const probe = {
    meta: { type: "problem", schema: [], messages: {} },
    create(context: never) {
      return {
        "Program:exit"() {
          const result = getAnalysis(context);
          if (result.ok) captured = result.analysis;
        },
      };
    },
  };
  const linter = new Linter({ configType: "flat" });
  const messages = linter.verify(
    code,
    [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tsParser as never, sourceType },
        plugins: { probe: { rules: { probe } } as never },
        rules: { "probe/probe": "error" },
        settings,
      },
    ],
    "file.ts",
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  if (!captured) throw new Error("no analysis");
  return captured;
}

/** The first node of a type whose source text matches. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function find(analysis: FileAnalysis, type: string, text: string): any {
  const stack: TSESTree.Node[] = [analysis.sourceCode.ast as TSESTree.Node];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === type && analysis.sourceCode.getText(node) === text) return node as never;
    for (const key of Object.keys(node)) {
      if (key === "parent") continue;
      const child = (node as any)[key];
      if (Array.isArray(child)) for (const c of child) c && typeof c.type === "string" && stack.push(c);
      else if (child && typeof child.type === "string") stack.push(child);
    }
  }
  throw new Error(`no ${type} ${text}`);
}
