/**
 * Which parameters an exported function of another module of the project tests for absence
 * (`if (!tokens) return true`, `dsn ?? ""`, `name = "x"`), for no-unknown-binding: a binding read
 * handed straight to such a parameter is one the code expects may be missing, as a read tested in
 * the file itself is.
 */
import { readFileSync } from "node:fs";
import { FileAnalysis } from "../engine/analysis";
import { callParams } from "../engine/ast";
import { testsParam } from "../engine/env-reads";
import type { Settings } from "../settings";
import { ExportAnswers } from "./answers";
import { exportTable } from "./exports";
import { withParsedModule, type ParserSpec } from "./parse";

/** Modules larger than this are not read for it. */
const MAX_BYTES = 256_000;

/** By parser, path and export key: the indexes of the parameters tested. */
const answers = new ExportAnswers<readonly number[]>(MAX_BYTES);

export function forgetTestedParams(): void {
  answers.clear();
}

/**
 * The parameters export `key` (a function the module declares, not a forward) tests for absence or
 * gives a default; null when that is not known. `read` gathers the stamp of the module read.
 */
export function exportTestedParams(path: string, key: string, spec: ParserSpec, settings: Settings, read: Map<string, string>): readonly number[] | null {
  if (!/^[\w$]+$/.test(key)) return null;
  return answers.answer(path, `${spec.key}\u0000${path}\u0000${key}`, `${spec.key}\u0000${path}\u0000${key}`, read, () => {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      return null;
    }
    if (key !== "default" && !text.includes(key)) return null;
    return withParsedModule<readonly number[] | null>(
      path,
      text,
      spec,
      (sourceCode) => {
        const analysis = new FileAnalysis(sourceCode, settings, { project: null, typedParams: false });
        const fn = exportTable(analysis).callables.get(key);
        if (!fn) return null;
        return callParams(fn).flatMap((_, index) => (testsParam(analysis.scopes, fn, index) ? [index] : []));
      },
      { keep: new Set([key]) },
    );
  });
}
