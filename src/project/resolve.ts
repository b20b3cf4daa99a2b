/**
 * Import specifiers to project files, with oxc-resolver: relative paths, `index` files, `.js`
 * specifiers naming `.ts` sources, tsconfig `paths`/`baseUrl` (the nearest tsconfig, with
 * `extends`), and package `#imports`. Never into `node_modules`: what libraries do comes from the
 * engine's tables.
 *
 * One resolver per process. It caches what it finds, failed lookups included; a failed lookup is
 * retried after {@link RETRY_MS} (with the resolver's cache cleared first), so that a file created
 * while an editor session runs is found.
 */
import { ResolverFactory } from "oxc-resolver";

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
const RETRY_MS = 2_000;

let resolver: ResolverFactory | null = null;
const failed = new Map<string, number>();

function getResolver(): ResolverFactory {
  resolver ??= new ResolverFactory({
    tsconfig: "auto",
    extensions: SOURCE_EXTENSIONS,
    extensionAlias: {
      ".js": [".ts", ".tsx", ".js", ".jsx"],
      ".jsx": [".tsx", ".jsx"],
      ".mjs": [".mts", ".mjs"],
      ".cjs": [".cts", ".cjs"],
    },
    conditionNames: ["workerd", "worker", "import", "module", "default"],
    mainFields: ["module", "main"],
  });
  return resolver;
}

/** The project file an import of `fromFile` names, or null (a package, a builtin, nothing). */
export function resolveImport(fromFile: string, specifier: string): string | null {
  if (specifier.startsWith("node:") || specifier.startsWith("cloudflare:")) return null;
  const key = `${fromFile}\u0000${specifier}`;
  const failedAt = failed.get(key);
  if (failedAt !== undefined) {
    if (Date.now() - failedAt < RETRY_MS) return null;
    getResolver().clearCache();
  }
  let path: string | undefined;
  try {
    path = getResolver().resolveFileSync(fromFile, specifier).path;
  } catch {
    path = undefined;
  }
  if (!path || /[\\/]node_modules[\\/]/.test(path) || !SOURCE_EXTENSIONS.some((ext) => path!.endsWith(ext)) || path.endsWith(".d.ts")) {
    failed.set(key, Date.now());
    return null;
  }
  failed.delete(key);
  return path;
}
