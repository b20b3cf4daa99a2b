// A module Worker with the mistakes the plugin catches, and the fixes beside them.
import { drizzle } from "drizzle-orm/d1";
import OpenAI from "openai";
import { getDb } from "./db";

let db: ReturnType<typeof drizzle> | undefined;
let openai: OpenAI | null = null;
let lastUser: string | null = null;
const clients = new WeakMap<Env, OpenAI>();

export default {
  async fetch(request, env, ctx): Promise<Response> {
    // ❌ a lazy singleton: built from the first request's binding, reused by every later one
    db ??= drizzle(env.DB);

    // ❌ a client built from a secret and kept in module scope
    if (!openai) openai = new OpenAI({ apiKey: env.OPENAI_API_KEY });

    // ❌ one user's data kept where the next request sees it
    lastUser = request.headers.get("x-user-id");

    // ❌ a write onto the env object every request shares
    env.CACHE_TTL = "60";

    // ✅ per request
    const perRequestDb = getDb(env);

    // ✅ a cache keyed by the env object itself is dropped when bindings change
    let client = clients.get(env);
    if (!client) {
      client = new OpenAI({ apiKey: env.OPENAI_API_KEY });
      clients.set(env, client);
    }

    ctx.waitUntil(Promise.resolve(perRequestDb));
    return new Response(`ok ${lastUser}`);
  },
} satisfies ExportedHandler<Env>;
