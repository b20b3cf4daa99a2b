/**
 * Import specifiers to project files, with oxc-resolver: relative paths, `index` files, `.js`
 * specifiers naming `.ts` sources, tsconfig `paths`/`baseUrl` (the nearest tsconfig, with
 * `extends`), and package `#imports`. Never into `node_modules`: what libraries do comes from the
 * engine's tables.
 *
 * One resolver per process (and one without tsconfig, for files whose tsconfig cannot be read). It caches what it finds, failed lookups included; a failed lookup is
 * retried after {@link RETRY_MS} (with the resolver's cache cleared first), so that a file created
 * while an editor session runs is found.
 */
import { ResolverFactory, type NapiResolveOptions } from "oxc-resolver";

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
const RETRY_MS = 2_000;

let resolver: ResolverFactory | null = null;
let plainResolver: ResolverFactory | null = null;
const failed = new Map<string, number>();

const OPTIONS: NapiResolveOptions = {
  extensions: SOURCE_EXTENSIONS,
  extensionAlias: {
    ".js": [".ts", ".tsx", ".js", ".jsx"],
    ".jsx": [".tsx", ".jsx"],
    ".mjs": [".mts", ".mjs"],
    ".cjs": [".cts", ".cjs"],
  },
  conditionNames: ["workerd", "worker", "import", "module", "default"],
  mainFields: ["module", "main"],
};

function getResolver(): ResolverFactory {
  resolver ??= new ResolverFactory({ ...OPTIONS, tsconfig: "auto" });
  return resolver;
}

/** Without tsconfig: for files whose nearest tsconfig cannot be read (an `extends` of a generated file not there). */
function getPlainResolver(): ResolverFactory {
  plainResolver ??= new ResolverFactory(OPTIONS);
  return plainResolver;
}

/** The project file an import of `fromFile` names, or null (a package, a builtin, nothing). */
export function resolveImport(fromFile: string, specifier: string): string | null {
  if (specifier.startsWith("node:") || specifier.startsWith("cloudflare:")) return null;
  const key = `${fromFile}\u0000${specifier}`;
  const failedAt = failed.get(key);
  if (failedAt !== undefined) {
    if (Date.now() - failedAt < RETRY_MS) return null;
    getResolver().clearCache();
    getPlainResolver().clearCache();
  }
  let path: string | undefined;
  try {
    const result = getResolver().resolveFileSync(fromFile, specifier);
    path = result.path;
    if (!path && result.error?.startsWith("Tsconfig")) path = getPlainResolver().resolveFileSync(fromFile, specifier).path;
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
