import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The plugin's own package.json, found upward from this file (from `src/` or `dist/src/`). */
export function readPackage(): { name: string; version: string } {
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8"));
      if (pkg.name === "eslint-plugin-cloudflare-workers") return { name: pkg.name, version: pkg.version };
    }
    dir = dirname(dir);
  }
  return { name: "eslint-plugin-cloudflare-workers", version: "0.0.0" };
}
