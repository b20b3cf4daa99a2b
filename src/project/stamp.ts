/**
 * A file's stamp for the per-process caches: its modification time and size, or null when it is
 * missing or unreadable (or larger than `maxBytes`). A missing file is common (no `.dev.vars`, no
 * config in a folder), so it is asked without an exception.
 *
 * A stamp is taken from the disk at most once per {@link FRESH_MS} for a path: a whole-folder lint
 * asks for the same configs, folders and modules for every file, and each ask was a `stat`. A
 * change on disk is seen by lints that start a second or more after it.
 */
import { statSync } from "node:fs";

/** How long a stamp taken from the disk is trusted. */
export const FRESH_MS = 1000;
/** Paths remembered at most; past it, the memory is dropped and rebuilt. */
const MAX_PATHS = 50_000;

interface Taken {
  stamp: string | null;
  size: number;
  at: number;
}

const taken = new Map<string, Taken>();

/** Whether something looked at on the disk at `at` is still trusted at `now` (a clock gone back trusts nothing). */
export function isFresh(at: number, now: number): boolean {
  return now >= at && now - at < FRESH_MS;
}

function take(path: string, now: number): Taken {
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    return st ? { stamp: `${st.mtimeMs}:${st.size}`, size: st.size, at: now } : { stamp: null, size: 0, at: now };
  } catch {
    return { stamp: null, size: 0, at: now };
  }
}

export function fileStamp(path: string, maxBytes = Infinity): string | null {
  const now = Date.now();
  let known = taken.get(path);
  if (!known || !isFresh(known.at, now)) {
    if (taken.size >= MAX_PATHS) taken.clear();
    known = take(path, now);
    taken.set(path, known);
  }
  return known.size > maxBytes ? null : known.stamp;
}

/**
 * Until when the stamp last taken for a path stays what {@link fileStamp} gives (0 when none was
 * taken): an answer checked against it holds until then.
 */
export function stampExpiry(path: string): number {
  const known = taken.get(path);
  return known ? known.at + FRESH_MS : 0;
}

/** A hash of a text with its length, for caches keyed by what a file held (a buffer, a module read). */
export function textHash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36) + ":" + text.length;
}
