/**
 * Property-based check of `no-env-in-global-scope`: random compositions of a source, a chain of
 * derivations and a sink (see fuzz-gen.cjs), each with a known answer. A fixed seed keeps
 * `npm test` deterministic; `npm run fuzz` runs the same property longer with a random seed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildCase, caseArbitrary, checkMessages, DERIVATIONS, HOSTS, MODULE_SINKS, SAFE_SINKS, type CaseSpec } from "./fuzz-gen.cjs";
import { lint } from "./harness";

function failureOf(spec: CaseSpec): string | null {
  const built = buildCase(spec);
  let messages;
  try {
    messages = lint(built.code, { filename: built.filename, ts: spec.typescript });
  } catch (e) {
    return `rule exception: ${(e as Error).message}\n--- code ---\n${built.code}`;
  }
  const problem = checkMessages(built, messages);
  return problem ? `${problem}\n--- code (${built.filename}) ---\n${built.code}` : null;
}

describe("fuzz: sources × derivations × sinks", () => {
  it("reports exactly the derived values stored into module scope (seed 42, 300 runs)", () => {
    fc.assert(
      fc.property(caseArbitrary(), (spec) => {
        const failure = failureOf(spec);
        if (failure) throw new Error(failure);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("covers every host, derivation and sink at least once in those runs", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(caseArbitrary(), (spec) => {
        seen.add(`host:${spec.host}`);
        seen.add(`sink:${spec.sink}`);
        for (const step of spec.steps) seen.add(`step:${step}`);
      }),
      { seed: 42, numRuns: 300 },
    );
    const wanted = [...HOSTS.map((h) => `host:${h}`), ...[...MODULE_SINKS, ...SAFE_SINKS].map((s) => `sink:${s}`), ...DERIVATIONS.map((d) => `step:${d}`)];
    expect(wanted.filter((w) => !seen.has(w))).toEqual([]);
  });

  it("every single derivation from every host into every module sink is reported (exhaustive, one step)", () => {
    const failures: string[] = [];
    for (const host of HOSTS) {
      for (const step of DERIVATIONS) {
        for (const sink of [...MODULE_SINKS, ...SAFE_SINKS]) {
          const spec: CaseSpec = {
            host,
            sourceKind: "env",
            steps: [step],
            sink,
            wrapper: "none",
            fetchStyle: "method",
            envName: "env",
            importName: "env",
            contextName: "c",
            key: "KEY",
            storeName: "client",
            typescript: false,
          };
          const failure = failureOf(spec);
          if (failure) failures.push(failure);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
