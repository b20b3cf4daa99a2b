/**
 * Every message of every rule stays one line, with long but realistic names, every kind of value
 * and every event kind: past MAX_MESSAGE_LENGTH characters, long names are shortened in the
 * middle; short names, the wording (hazard, event, kind) and another file's location never are.
 */
import { describe, expect, it } from "vitest";
import plugin from "../../src/index";
import { HAZARD, MAX_MESSAGE_LENGTH, fitMessage, originOf, quote, renderMessage, shorten } from "../../src/messages";
import { lint } from "../engine/lint";

/** Long names as real Workers code has them, for each placeholder a message can have. */
const NAMES: Record<string, string[]> = {
  origin: [
    quote("this.env.CLOUDFLARE_ACCOUNT_API_TOKEN"),
    originOf({ origin: "context.cloudflare.env.SESSION_STORE_NAMESPACE", bindingData: true }),
    quote("request.headers.get().toLowerCase().split()[…]"),
    "a closure over `authenticatedSession`",
  ],
  target: [
    "`cachedDatabaseConnectionPool`",
    "`this.sockets` of instance `connectionPool`",
    "`this.client` of the default export",
  ],
  callee: ["initializeAnalyticsEngineDataset", "ProviderInitializer.initializeProvider", "registerSubscription"],
  source: ["@acme/observability-shared-runtime/cloudflare-workers", "./lib/setup"],
  where: ["./packages/shared/src/database/connection-pool.ts:128", "./db.ts:3"],
  kind: ["an I/O object", "data"],
  event: ["request", "scheduled event", "queue batch", "queue message", "email message", "tail event"],
  hazard: Object.values(HAZARD),
  error: [
    'settings["cloudflare-workers"] has an unknown key "envTypes" (known: envTypeNames, envAccessors, processEnv, bindingTypeNames, crossModuleDepth, clientPackages).',
  ],
};

/** Names that mean something else in one rule: no-env-mutation's target is the written code. */
const RULE_NAMES: Record<string, Record<string, string[]>> = {
  "no-request-state-in-global-scope": {
    origin: [quote("request.headers.get().toLowerCase().split()[…]"), quote("new TransformStream().writable.getWriter()"), "a closure over `authenticatedSession`"],
  },
  "no-top-level-env-derivation": {
    target: ["`sharedDatabaseConnectionPool`", "`app.use(…)`", "the default export", "`AnalyticsReporter.defaultClient`"],
    built: ["`cors(…)`", "`new OpenTelemetryTracingMiddleware(…)`"],
    origin: [quote("getCloudflareContext().env.CLOUDFLARE_ACCOUNT_API_TOKEN"), quote("env.HYPERDRIVE_PRIMARY_DATABASE.connectionString")],
  },
  "no-unknown-binding": {
    origin: ["`context.cloudflare.env.SESSION_STORE_NAMESPCE`", "`this.env.BUKET`"],
    worker: ["`agent-visibility-template-production`", "`packages/api/wrangler.jsonc`"],
    suggestion: ["SESSION_STORE_NAMESPACE", "BUCKET"],
  },
  "no-env-mutation": {
    target: ['env.TENANT_SETTINGS[request.headers.get("x-tenant-id")]', "c.env.DATABASE_CONNECTION_POOL"],
    origin: [quote("context.cloudflare.env.TENANT_SETTINGS"), quote("c.env")],
  },
};

/** Every combination of the names a template uses (each placeholder's values in turn). */
function* combinations(rule: string, template: string): Iterable<Record<string, string>> {
  const names = { ...NAMES, ...RULE_NAMES[rule] };
  const keys = [...new Set([...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]))];
  for (const key of keys) expect(names, `a long name for {{${key}}}`).toHaveProperty(key);
  const sizes = keys.map((k) => names[k].length);
  const total = sizes.reduce((a, b) => a * b, 1);
  for (let n = 0; n < total; n++) {
    const data: Record<string, string> = {};
    let rest = n;
    keys.forEach((k, i) => {
      data[k] = names[k][rest % sizes[i]];
      rest = Math.floor(rest / sizes[i]);
    });
    yield data;
  }
}

/**
 * The longest a message gets with the long names above: every one of them long at once. Short
 * names are not cut, so a message may pass MAX_MESSAGE_LENGTH, by this much at most.
 */
const CEILING = MAX_MESSAGE_LENGTH + 70;
/** Names this short are never cut: `this.sockets`, `metricsCollector.endRequest`, `authenticatedSession`. */
const SHORT = 30;

describe("every message fits one line", () => {
  for (const [name, rule] of Object.entries(plugin.rules)) {
    for (const [messageId, template] of Object.entries((rule.meta?.messages ?? {}) as Record<string, string>)) {
      it(`${name} ${messageId}`, () => {
        for (const data of combinations(name, template)) {
          // Data read through a binding is reported with its own hazard only.
          if (data.origin?.startsWith("data read through ") && data.hazard && data.hazard !== HAZARD.data) continue;
          // A closure over env is reported with the closure's hazard.
          if (data.origin?.startsWith("a closure over ") && data.hazard && data.hazard !== HAZARD.closure) continue;
          const fitted = fitMessage(template, data);
          const text = renderMessage(template, fitted);
          // The other file's location is never cut (it must stay openable): the ceiling allows for it.
          expect(text.length, text).toBeLessThanOrEqual(CEILING + (data.where?.length ?? 0) + (data.callee?.length ?? 0));
          expect(text).not.toMatch(/\{\{|\n/);
          // A name is cut only where it is long; a short one stays whole, as does a message that fits.
          for (const [key, value] of Object.entries(data)) if (value.length <= SHORT) expect(fitted[key]).toBe(value);
          if (renderMessage(template, data).length <= MAX_MESSAGE_LENGTH) expect(fitted).toEqual(data);
          // The wording is never shortened, nor the function called (a reader looks for it by name).
          for (const key of ["hazard", "event", "kind", "where", "callee"]) if (key in data) expect(fitted[key]).toBe(data[key]);
        }
      });
    }
  }
});

describe("shortening names", () => {
  it("keeps a message that fits as it is", () => {
    const data = { origin: "`env.DB`", target: "`db`", hazard: HAZARD.binding };
    expect(fitMessage("{{origin}} is stored in module-scope {{target}}: {{hazard}}.", data)).toEqual(data);
  });

  it("cuts a code span in the middle and keeps its quotes", () => {
    expect(shorten("`env.CLOUDFLARE_ACCOUNT_API_TOKEN`", 20)).toBe("`env.CLOUDFL…_API_TOKEN`");
    // why: a chain of members is cut after the binding it reads off env, not in the middle of a word
    expect(shorten("`getCloudflareContext().env.HYPERDRIVE.connectionString`", 47)).toBe("`getCloudflareContext().env.HYPERDRIVE.…String`");
    expect(shorten("`locals.runtime.env.STRIPE_SECRET_KEY`", 30)).toBe("`locals.…STRIPE_SECRET_KEY`");
    // why: a read that ends at its binding keeps the binding's name whole, never \`context.…\` alone
    expect(shorten("`context.cloudflare.env.SESSION_SECRET`", 14)).toBe("`context.…SESSION_SECRET`");
    expect(shorten("`context.locals.runtime.env.GOOGLE_CLIENT_SECRET`", 20)).toBe("`context.…GOOGLE_CLIENT_SECRET`");
    // why: a cut that would save a few characters only (\`env.\` of \`process.env.X\`) hides what is read: the read stays whole
    expect(shorten("`process.env.EASY_AUTH_CLIENT_SECRET`", 20)).toBe("`process.env.EASY_AUTH_CLIENT_SECRET`");
    // why: a call's arguments go before the names around them
    expect(shorten("`pagesService.getPageBySlug(params.slug, …).id`", 34)).toBe("`pagesService.getPageBySlug(…).id`");
    // why: a binding read off an accessor's call keeps the binding's name whole (never \`env(…).…_TOKEN\`)
    expect(shorten("`env(context).UPSTASH_REDIS_TOKEN`", 16)).toBe("`env(…).UPSTASH_REDIS_TOKEN`");
    // why: the end is kept from a word's start, or left out when no word fits (never \`…ring\`)
    expect(shorten("`env.HYPERDRIVE.connectionString`", 20, 8)).toBe("`env.HYPERDRIVE.…`");
    expect(shorten("`env.HYPERDRIVE.connectionString`", 24, 8)).toBe("`env.HYPERDRIVE.…String`");
    // why: the end starts at a member or a word a few characters back, the head giving up the difference (never \`…rrectAnswers\`, which reads as another word)
    expect(shorten("`learningStates.incorrectAnswers`", 26)).toBe("`learnin…incorrectAnswers`");
    // why: a read that ends at its binding, cut again, keeps one ellipsis and the binding's words
    expect(shorten("`getCloudflareContext().env.GOOGLE_CLIENT_SECRET`", 20)).toBe("`getCloud…CLIENT_SECRET`");
    // why: a head a little longer than the goal stays whole rather than cut the binding's name (never \`c.env.H…String\`)
    expect(shorten("`c.env.HYPERDRIVE.connectionString`", 16, 14)).toBe("`c.env.HYPERDRIVE.…`");
    expect(shorten("`this.items` (`this` is module-scope instance `activeWebSocketConnectionRegistry`)", 70)).toBe(
      "`this.items` (`this` is module-scope instance `activeWebSo…onRegistry`)",
    );
  });

  it("keeps the place a value is kept whole up to 48 characters, cutting the other names first", () => {
    const template = "{{origin}}, {{kind}} of one {{event}}, is kept by `{{callee}}` in module-scope {{target}} ({{where}}).";
    const data = { origin: "`this.state.items_per_page`", kind: "data", event: "Durable Object", callee: "ResponseProcessor.setItemsPerPage", target: "`ResponseProcessor.items_per_page`", where: "./src/tools/responseProcessor.ts:5" };
    expect(fitMessage(template, data, 120).target).toBe(data.target);
    const long = { ...data, target: "`ResponseProcessorForEveryPagedToolOfTheServer.items_per_page`" };
    expect(fitMessage(template, long, 120).target).toMatch(/^`Respons.*….*items_per_page`$/);
  });

  it("keeps short names whole, even past the length", () => {
    const text = "`this.items` (`this` is module-scope instance `connectionRegistry`)";
    expect(shorten(text, 56)).toBe(text);
    // Every name short: the message stays as it is, longer than the goal rather than unreadable.
    const template = "{{origin}} is kept by `{{callee}}` in module-scope {{target}} ({{where}}): {{hazard}}.";
    const data = { origin: "`env.API_URL`", callee: "settings.load", target: "`this.src` of instance `settings`", where: "./lib/config.ts:4", hazard: HAZARD.value };
    expect(renderMessage(template, data).length).toBeGreaterThan(MAX_MESSAGE_LENGTH);
    expect(fitMessage(template, data)).toEqual(data);
    expect(shorten("./packages/shared/src/database/connection-pool.ts:128", 20)).toBe("./packages…ol.ts:128");
  });

  it("shortens the longest name first, down to the others' length", () => {
    const template = "{{origin}} is stored in module-scope {{target}}: {{hazard}}.";
    const data = { origin: quote("this.env.CLOUDFLARE_ACCOUNT_API_TOKEN.connectionString"), target: "`sql`", hazard: HAZARD.socket };
    const fitted = fitMessage(template, data);
    expect(fitted.target).toBe("`sql`");
    // why: the binding read off env stays whole; what is cut is the member read off it
    expect(fitted.origin).toBe("`this.env.CLOUDFLARE_ACCOUNT_API_TOKEN.…String`");
    expect(renderMessage(template, fitted).length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
  });

  it("cuts the place a value is kept no further than the first floor", () => {
    const template = "{{origin}} is kept by `{{callee}}` in module-scope {{target}} ({{where}}): {{hazard}}.";
    const data = { origin: "`d1`", callee: "AccountRepositoryClient.getInstance", target: "`AccountRepositoryClient.instance`", where: "./accounts.ts:7", hazard: HAZARD.binding };
    const fitted = fitMessage(template, data);
    // why: the reader looks for that place; a name cut to 16 characters (`Account…stance`) no longer says which
    expect(fitted.target.length).toBeGreaterThanOrEqual(24);
    expect(fitted.callee).toBe(data.callee);
  });

  it("cuts a settings error at its end, where the list of known keys is", () => {
    const template = "Invalid plugin settings: {{error}} This file was linted with the default settings.";
    const fitted = fitMessage(template, { error: NAMES.error[0] });
    expect(fitted.error).toMatch(/^settings\["cloudflare-workers"\] has an unknown key "envTypes" \(known: .*…$/);
    expect(renderMessage(template, fitted).length).toBe(MAX_MESSAGE_LENGTH);
  });

  it("reports through the rules shortened", () => {
    const code = [
      'import postgres from "postgres";',
      "let sharedDatabaseConnectionPoolForAllTenants;",
      "export default {",
      "  async fetch(request, env) {",
      "    sharedDatabaseConnectionPoolForAllTenants ??= postgres(env.HYPERDRIVE_PRIMARY_DATABASE.connectionString);",
      '    return new Response("ok");',
      "  },",
      "};",
    ].join("\n");
    const [message] = lint(code);
    expect(message.messageId).toBe("lazySingleton");
    expect(message.message.length).toBeLessThanOrEqual(CEILING);
    expect(message.message).toContain(HAZARD.socket);
    // (The place kept stays whole up to 48 characters: it is what a reader looks for.)
    expect(message.message).toMatch(/^Lazy singleton `sharedDatabaseConnectionPoolForAllTenants` is built once from `env\.HYPERDRIVE_PRIMARY_DATABASE\.…`: /);
  });
});
