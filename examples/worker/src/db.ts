import { drizzle } from "drizzle-orm/d1";
import { env } from "cloudflare:workers";

// ❌ evaluated once, when the isolate starts: a stale snapshot after a bindings-only deploy
export const apiBase = env.API_BASE_URL;

// ✅ read env lazily, per call
export function getDb(bindings: Env) {
  return drizzle(bindings.DB);
}
