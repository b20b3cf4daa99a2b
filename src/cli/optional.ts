/** Optional packages the CLI uses when they are installed: looked up in the user's project first. */

/** Finds an optional package in the user's project or next to the plugin; undefined when absent. */
export function resolveOptional(id: string): string | undefined {
  try {
    return require.resolve(id, { paths: [process.cwd(), __dirname] });
  } catch {
    return undefined;
  }
}

export function loadOptional(id: string): unknown {
  const resolved = resolveOptional(id);
  if (resolved === undefined) return undefined;
  const mod = require(resolved);
  return mod?.default ?? mod;
}
