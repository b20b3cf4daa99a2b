/**
 * A file's stamp for the per-process caches: its modification time and size, or null when it is
 * missing or unreadable (or larger than `maxBytes`). A missing file is common (no `.dev.vars`, no
 * config in a folder), so it is asked without an exception.
 */
import { statSync } from "node:fs";

export function fileStamp(path: string, maxBytes = Infinity): string | null {
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    return !st || st.size > maxBytes ? null : `${st.mtimeMs}:${st.size}`;
  } catch {
    return null;
  }
}
