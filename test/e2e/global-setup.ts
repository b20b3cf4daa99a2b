/** Packs the built package once for every end-to-end test file. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node" with { "resolution-mode": "import" };
import { REPO_ROOT, run } from "./scratch";

declare module "vitest" {
  export interface ProvidedContext {
    /** Absolute path of the packed `.tgz`. */
    tarball: string;
    /** Paths inside the tarball, as `npm pack` lists them. */
    packedFiles: string[];
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "cf-workers-pack-"));
  const packed = run("npm", ["pack", "--json", "--pack-destination", dir], REPO_ROOT);
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  project.provide("tarball", join(dir, info.filename));
  project.provide("packedFiles", info.files.map((f) => f.path));
  return () => rmSync(dir, { recursive: true, force: true });
}
