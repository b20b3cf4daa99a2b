import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface PackageInfo {
  name: string;
  version: string;
  /** The repository's web address, from package.json's `repository` (undefined without one). */
  repositoryUrl: string | undefined;
}

/**
 * A `repository` field as a web address: `{ url: "git+https://host/o/r.git" }`, the same as a plain
 * string, or the `github:o/r` and `o/r` shorthands, all give `https://host/o/r`.
 */
export function repositoryWebUrl(repository: unknown): string | undefined {
  const raw = typeof repository === "string" ? repository : (repository as { url?: unknown } | null)?.url;
  if (typeof raw !== "string" || raw === "") return undefined;
  const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(raw);
  if (shorthand) return `https://github.com/${shorthand[1].replace(/\.git$/, "")}`;
  return raw.replace(/^git\+/, "").replace(/^git:\/\//, "https://").replace(/\.git$/, "");
}

/** The plugin's own package.json, found upward from this file (from `src/` or `dist/src/`). */
export function readPackage(): PackageInfo {
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8"));
      if (pkg.name === "eslint-plugin-cloudflare-workers") {
        return { name: pkg.name, version: pkg.version, repositoryUrl: repositoryWebUrl(pkg.repository) };
      }
    }
    dir = dirname(dir);
  }
  return { name: "eslint-plugin-cloudflare-workers", version: "0.0.0", repositoryUrl: undefined };
}
