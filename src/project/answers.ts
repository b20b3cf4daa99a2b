/**
 * Answers about one export of a project module (its Workers base, what it returns), kept per
 * process as plain data with the stamp of every module read for them: an answer holds while those
 * stamps do. An export asked again while it is being answered (classes or forwards that lead back
 * to it) answers "not known", as does a module that cannot be read.
 */
import { fileStamp } from "./stamp";

interface Answer<T> {
  value: T | null;
  stamps: readonly (readonly [string, string])[];
}

export class ExportAnswers<T> {
  private readonly cache = new Map<string, Answer<T>>();
  /** Exports being answered. */
  private readonly reading = new Set<string>();

  constructor(
    /** Modules larger than this are not read. */
    private readonly maxBytes: number,
    private readonly maxEntries = 10_000,
  ) {}

  clear(): void {
    this.cache.clear();
  }

  /**
   * The answer kept under `cacheKey` for the module at `path` while the modules it read are
   * unchanged, else `compute`'s (which adds to `stamps` each module it reads); `exportKey` names the
   * export for cycles. `read` gathers the stamp of every module the answer was read from.
   */
  answer(path: string, cacheKey: string, exportKey: string, read: Map<string, string>, compute: (stamps: Map<string, string>) => T | null): T | null {
    const stamp = fileStamp(path, this.maxBytes);
    if (stamp === null) return null;
    const hit = this.cache.get(cacheKey);
    if (hit && hit.stamps.every(([p, s]) => fileStamp(p, this.maxBytes) === s)) {
      for (const [p, s] of hit.stamps) read.set(p, s);
      return hit.value;
    }
    if (this.reading.has(exportKey)) return null;
    this.reading.add(exportKey);
    const stamps = new Map([[path, stamp]]);
    let value: T | null = null;
    try {
      value = compute(stamps);
    } catch (error) {
      // (The test suites' strict mode wants to see what failed.)
      if (process.env.CLOUDFLARE_WORKERS_LINT_STRICT) throw error;
      value = null;
    } finally {
      this.reading.delete(exportKey);
    }
    for (const [p, s] of stamps) read.set(p, s);
    if (this.cache.size >= this.maxEntries) this.cache.clear();
    this.cache.set(cacheKey, { value, stamps: [...stamps] });
    return value;
  }
}
