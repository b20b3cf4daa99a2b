/**
 * Packages whose clients the plugin knows, and what each client holds: a connection or socket, a
 * secret it sends over HTTP, or a binding it wraps (more with the `clientPackages` setting).
 */

/** What a client built by a package holds: a connection or socket, a secret it sends over HTTP, or a binding it wraps. */
export type ClientKind = "socket" | "http" | "wrapper";

/**
 * Packages whose clients the plugin knows, by name or by prefix (ending in `/` or `-`). A client
 * that holds a socket belongs to the request that opened it; one that calls over HTTP keeps the
 * secret it was built with; a wrapper keeps the binding (or client) it was given. More with the
 * `clientPackages` setting.
 */
export const CLIENT_PACKAGES: ReadonlyMap<string, ClientKind> = new Map<string, ClientKind>([
  // connections and sockets
  ["postgres", "socket"],
  ["pg", "socket"],
  ["@neondatabase/serverless", "socket"],
  // …but its `neon()` queries over HTTP, a fetch per query (keys `package#export` name one export).
  ["@neondatabase/serverless#neon", "http"],
  ["mysql2", "socket"],
  ["mysql2/promise", "socket"],
  ["mysql", "socket"],
  ["ioredis", "socket"],
  ["redis", "socket"],
  ["@redis/client", "socket"],
  ["mongodb", "socket"],
  ["mongoose", "socket"],
  ["@prisma/adapter-pg", "socket"],
  ["@prisma/adapter-neon", "socket"],
  // …but its `PrismaNeonHttp` queries over HTTP.
  ["@prisma/adapter-neon#PrismaNeonHttp", "http"],
  ["cloudflare:sockets", "socket"],
  ["ws", "socket"],
  // HTTP SDKs: a fetch per call
  ["stripe", "http"],
  ["openai", "http"],
  ["@anthropic-ai/sdk", "http"],
  // The AI SDK's providers (`createOpenAI({ apiKey })`, `createAnthropic(…)`, `createWorkersAI(…)`).
  ["@ai-sdk/", "http"],
  ["resend", "http"],
  ["octokit", "http"],
  ["@octokit/", "http"],
  ["@supabase/supabase-js", "http"],
  ["@upstash/", "http"],
  ["@planetscale/database", "http"],
  // Kysely's dialects over HTTP (PlanetScale's, Neon's HTTP driver)
  ["kysely-planetscale", "http"],
  ["kysely-neon", "http"],
  ["@libsql/client", "http"],
  ["@libsql/client/", "http"],
  ["@aws-sdk/", "http"],
  ["aws4fetch", "http"],
  ["@google/generative-ai", "http"],
  ["@google/genai", "http"],
  ["groq-sdk", "http"],
  ["@mistralai/mistralai", "http"],
  ["twilio", "http"],
  ["@sendgrid/mail", "http"],
  ["@slack/web-api", "http"],
  ["discord-api-types", "http"],
  ["@discordjs/rest", "http"],
  ["algoliasearch", "http"],
  ["posthog-node", "http"],
  // A remote key set (`createRemoteJWKSet`) fetches its keys; the keys it imports hold their secret.
  ["jose", "http"],
  ["@sanity/client", "http"],
  ["cloudflare", "http"],
  ["@notionhq/client", "http"],
  ["@clerk/backend", "http"],
  ["@linear/sdk", "http"],
  ["replicate", "http"],
  ["@pinecone-database/pinecone", "http"],
  ["stytch", "http"],
  // Bot frameworks: the bot calls its platform's API with the token it was built with.
  ["grammy", "http"],
  ["telegraf", "http"],
  ["@huggingface/inference", "http"],
  ["cohere-ai", "http"],
  ["@langchain/", "http"],
  ["@openrouter/", "http"],
  ["@qdrant/js-client-rest", "http"],
  ["@xata.io/client", "http"],
  ["@tursodatabase/serverless", "http"],
  ["@mendable/firecrawl-js", "http"],
  ["mailgun.js", "http"],
  ["postmark", "http"],
  ["@paddle/paddle-node-sdk", "http"],
  ["@lemonsqueezy/lemonsqueezy.js", "http"],
  ["@polar-sh/sdk", "http"],
  ["airtable", "http"],
  ["mailersend", "http"],
  ["pusher", "http"],
  ["uploadthing/", "http"],
  ["svix", "http"],
  // drizzle's drivers that open a connection when handed a URL, or that query over HTTP
  ["drizzle-orm/postgres-js", "socket"],
  ["drizzle-orm/node-postgres", "socket"],
  ["drizzle-orm/mysql2", "socket"],
  ["drizzle-orm/neon-serverless", "socket"],
  ["drizzle-orm/neon-http", "http"],
  ["drizzle-orm/planetscale-serverless", "http"],
  ["drizzle-orm/libsql", "http"],
  // wrappers over a binding or a client
  ["drizzle-orm", "wrapper"],
  ["drizzle-orm/", "wrapper"],
  ["kysely", "wrapper"],
  ["kysely-d1", "wrapper"],
  ["@prisma/client", "wrapper"],
  // Prisma's edge client (Accelerate over HTTP, or a driver adapter it is handed)
  ["@prisma/client/edge", "wrapper"],
  ["@prisma/adapter-d1", "wrapper"],
  ["workers-qb", "wrapper"],
  ["better-auth", "wrapper"],
]);

/** The kind of client a package builds, from the table and the user's `clientPackages`. */
export function clientKind(source: string, extra: ReadonlyMap<string, ClientKind>): ClientKind | null {
  for (const table of [extra, CLIENT_PACKAGES]) {
    const exact = table.get(source);
    if (exact) return exact;
    for (const [name, kind] of table) if ((name.endsWith("/") || name.endsWith("-")) && source.startsWith(name)) return kind;
  }
  return null;
}
