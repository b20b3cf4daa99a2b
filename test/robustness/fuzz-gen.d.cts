import type { Arbitrary } from "fast-check";
import type { Linter } from "eslint";

export interface CaseSpec {
  host: string;
  sourceKind: string;
  steps: string[];
  sink: string;
  wrapper: string;
  fetchStyle: string;
  envName: string;
  importName: string;
  contextName: string;
  key: string;
  storeName: string;
  typescript: boolean;
}

export interface BuiltCase {
  code: string;
  sinkLine: number;
  expectReport: boolean;
  /** The stored closure captures Hono's request context `c` itself. */
  capturesRequest: boolean;
  filename: string;
}

export declare const HOSTS: string[];
export declare const SOURCE_KINDS: string[];
export declare const DERIVATIONS: string[];
export declare const MODULE_SINKS: string[];
export declare const SAFE_SINKS: string[];
export declare const WRAPPERS: string[];
export declare function caseArbitrary(): Arbitrary<CaseSpec>;
export declare function buildCase(spec: CaseSpec): BuiltCase;
export declare function checkMessages(built: BuiltCase, messages: Linter.LintMessage[]): string | null;
