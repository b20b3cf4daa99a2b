/**
 * Reading a Worker config's text, `.dev.vars` files and `Env` interfaces: table tests of the
 * readers themselves, without the disk.
 */
import { describe, expect, it } from "vitest";
import { commentedSecretNames, envFileNames, envInterfaceMembers, envTypeImports, isEnvFileName, scriptVarNames } from "../../src/project/declared-names";
import { ConfigError, parseConfigText, populatesProcessEnv, readDeclarations } from "../../src/project/worker-config";

const ENV_NAMES = new Set(["Env", "Bindings", "CloudflareEnv", "CloudflareBindings"]);

/** Binding name → kind label (or shape when it has no label), for short expectations. */
function declared(fileName: string, text: string): Record<string, string> {
  const { bindings } = readDeclarations(parseConfigText(fileName, text));
  return Object.fromEntries([...bindings].map(([name, kind]) => [name, kind.label ?? kind.shape]));
}

describe("parseConfigText", () => {
  it("reads JSON with comments and trailing commas", () => {
    const text = `{
      // the Worker
      "name": "api", /* block */
      "kv_namespaces": [{ "binding": "CACHE", "id": "x" },],
    }`;
    // why: wrangler.jsonc allows both; a strict JSON parser would call this malformed
    expect(parseConfigText("wrangler.jsonc", text)).toEqual({ name: "api", kv_namespaces: [{ binding: "CACHE", id: "x" }] });
  });

  it("reads TOML, with array tables and inline tables", () => {
    const text = `name = "api"\n[[d1_databases]]\nbinding = "DB"\ndatabase_id = "x"\n[durable_objects]\nbindings = [{ name = "ROOM", class_name = "Room" }]\n`;
    expect(declared("wrangler.toml", text)).toEqual({ DB: "D1 database", ROOM: "Durable Object namespace" });
  });

  it("says where a TOML file is broken, without quoting the line", () => {
    const text = `name = "api"\n[vars]\nAPI_KEY = "sk_live_do_not_print\n`;
    let error: unknown;
    try {
      parseConfigText("wrangler.toml", text);
    } catch (e) {
      error = e;
    }
    // why: the line holds a value (here a secret someone put in vars): the message gives only where
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^wrangler\.toml: invalid TOML at line 3, column \d+\.$/);
    expect((error as Error).message).not.toContain("sk_live");
  });

  it("says where a JSON file is broken, and rejects a config that is not an object", () => {
    expect(() => parseConfigText("wrangler.json", `{ "name": "api", "vars": { "A": "secret-value" } `)).toThrow(
      /^wrangler\.json: invalid JSON \(\w+\) at line 1, column \d+\.$/,
    );
    expect(() => parseConfigText("wrangler.json", `[1, 2]`)).toThrow("wrangler.json: the config is not an object.");
  });
});

describe("readDeclarations", () => {
  it("takes every binding section's names, with their kinds", () => {
    const config = {
      name: "all",
      vars: { MODE: "prod", LIMITS: { a: 1 } },
      kv_namespaces: [{ binding: "KV" }],
      r2_buckets: [{ binding: "BUCKET" }],
      services: [{ binding: "AUTH", service: "auth" }],
      queues: { producers: [{ binding: "JOBS", queue: "jobs" }], consumers: [{ queue: "other" }] },
      hyperdrive: [{ binding: "HYPERDRIVE", id: "x" }],
      ai: { binding: "AI" },
      vectorize: [{ binding: "INDEX" }],
      analytics_engine_datasets: [{ binding: "EVENTS" }],
      secrets_store_secrets: [{ binding: "STORE_KEY" }],
      workflows: [{ binding: "FLOW", name: "flow", class_name: "Flow" }],
      browser: { binding: "BROWSER" },
      images: { binding: "IMAGES" },
      dispatch_namespaces: [{ binding: "DISPATCH" }],
      mtls_certificates: [{ binding: "CERT" }],
      send_email: [{ name: "MAIL" }],
      version_metadata: { binding: "VERSION" },
      assets: { directory: "public", binding: "STATIC" },
      unsafe: { bindings: [{ name: "UNSAFE_THING", type: "x" }] },
      ratelimits: [{ name: "LIMITER" }],
      secrets: { required: ["API_KEY"] },
      some_future_binding: [{ binding: "FUTURE" }],
      triggers: { crons: ["* * * * *"] },
      containers: [{ name: "not-a-binding", class_name: "C" }],
      migrations: [{ tag: "v1" }],
    };
    expect(declared("wrangler.json", JSON.stringify(config))).toEqual({
      KV: "KV namespace",
      BUCKET: "R2 bucket",
      AUTH: "service",
      JOBS: "queue",
      HYPERDRIVE: "Hyperdrive",
      AI: "Workers AI",
      INDEX: "Vectorize index",
      EVENTS: "Analytics Engine dataset",
      STORE_KEY: "Secrets Store secret",
      FLOW: "Workflow",
      BROWSER: "Browser Rendering",
      IMAGES: "Images",
      DISPATCH: "dispatch namespace",
      CERT: "mTLS certificate",
      MAIL: "send email",
      VERSION: "version metadata",
      STATIC: "assets",
      UNSAFE_THING: "unsafe",
      LIMITER: "rate limit",
      MODE: "var",
      LIMITS: "var",
      API_KEY: "secret",
      // why: a binding type newer than the table still names its binding in `binding`
      FUTURE: "binding",
    });
  });

  it("takes the names of every environment, and the Worker's name", () => {
    const text = `name = "api"\n[vars]\nMODE = "dev"\n[env.staging.vars]\nSTAGING_ONLY = "1"\n[[env.production.kv_namespaces]]\nbinding = "PROD_CACHE"\nid = "x"\n`;
    const result = readDeclarations(parseConfigText("wrangler.toml", text));
    expect(result.name).toBe("api");
    expect([...result.bindings.keys()].sort()).toEqual(["MODE", "PROD_CACHE", "STAGING_ONLY"]);
  });

  it("knows the implicit bindings of Pages and Workers Sites", () => {
    expect(declared("wrangler.json", JSON.stringify({ pages_build_output_dir: "dist" }))).toEqual({ ASSETS: "assets" });
    expect(declared("wrangler.toml", `[site]\nbucket = "./public"\n`)).toEqual({ __STATIC_CONTENT: "KV namespace" });
    expect(readDeclarations({}).name).toBeNull();
  });

  it("ignores entries of the wrong shape instead of failing", () => {
    const config = { kv_namespaces: "nope", d1_databases: [null, 3, { binding: 7 }, { binding: "DB" }], vars: [1], env: { a: null } };
    // why: a half-written config in an editor must not stop the lint
    expect(declared("wrangler.json", JSON.stringify(config))).toEqual({ DB: "D1 database" });
  });
});

describe("populatesProcessEnv", () => {
  const cases: [string, object, boolean][] = [
    ["nodejs_compat from 2025-04-01", { compatibility_date: "2025-04-01", compatibility_flags: ["nodejs_compat"] }, true],
    ["nodejs_compat before 2025-04-01", { compatibility_date: "2025-03-31", compatibility_flags: ["nodejs_compat"] }, false],
    ["the populate flag before that date", { compatibility_date: "2024-09-23", compatibility_flags: ["nodejs_compat", "nodejs_compat_populate_process_env"] }, true],
    ["the do-not-populate flag", { compatibility_date: "2025-06-01", compatibility_flags: ["nodejs_compat", "nodejs_compat_do_not_populate_process_env"] }, false],
    ["no nodejs_compat", { compatibility_date: "2025-06-01", compatibility_flags: [] }, false],
    ["no date", { compatibility_flags: ["nodejs_compat"] }, false],
  ];
  it.each(cases)("%s", (_why, config, expected) => {
    expect(populatesProcessEnv(config as Record<string, unknown>)).toBe(expected);
  });

  it("counts a next-on-pages build's process.env as the bindings, whatever the date", () => {
    // why: its worker puts every binding in `process.env`; another Pages project's output folder says nothing
    const nextOnPages = { compatibility_date: "2024-10-11", compatibility_flags: ["nodejs_compat"], pages_build_output_dir: ".vercel/output/static" };
    expect(readDeclarations(nextOnPages).processEnv).toBe(true);
    expect(readDeclarations({ ...nextOnPages, pages_build_output_dir: "dist" }).processEnv).toBe(false);
  });

  it("reads a TOML date value as well as a string", () => {
    const config = parseConfigText("wrangler.toml", `compatibility_date = 2025-05-01\ncompatibility_flags = ["nodejs_compat"]\n`);
    expect(populatesProcessEnv(config)).toBe(true);
  });
});

describe(".dev.vars and .env files", () => {
  it("recognises their names", () => {
    expect([".dev.vars", ".dev.vars.staging", ".env", ".env.local", ".env.production"].every(isEnvFileName)).toBe(true);
    // why: the examples a project ships list the secrets to set, as the files themselves would
    expect([".dev.vars.example", "example.dev.vars", "sample.dev.vars", ".env.example", ".dev.vars-example", ".env-example", ".env-sample", ".dev.example.vars", ".dev.sample.vars", "env.example", "env.sample"].every(isEnvFileName)).toBe(true);
    expect([".dev.varsx", "dev.vars", ".envrc", "env", ".dev.other.vars", "env.ts", "env.local"].some(isEnvFileName)).toBe(false);
  });

  it("gives the names only, skipping comments and multi-line quoted values", () => {
    const text = [
      "# comment = no",
      "API_KEY=sk_live_123",
      'export DB_URL="postgres://u:p@h/db"',
      "EMPTY=",
      'PRIVATE_KEY="-----BEGIN KEY-----',
      "NOT_A_NAME=inside the value",
      '-----END KEY-----"',
      "AFTER = 'x'",
      'PUBLIC_KEY: "from the portal"',
      "not a line",
    ].join("\n");
    // why: a line inside a quoted value must not be taken for a name; an example's \`NAME: value\` is one
    expect(envFileNames(text)).toEqual(["API_KEY", "DB_URL", "EMPTY", "PRIVATE_KEY", "AFTER", "PUBLIC_KEY"]);
  });

  it("takes the names of the vars package scripts hand wrangler, not their values", () => {
    const scripts = JSON.stringify({
      scripts: { deploy: "wrangler deploy --var GIT_SHA:$(git describe) --var=BUILD:1", dev: 'wrangler dev --var "ENVIRONMENT:dev"', lint: "eslint --variant x:y" },
    });
    expect(scriptVarNames(scripts)).toEqual(["GIT_SHA", "BUILD", "ENVIRONMENT"]);
  });

  it("takes the secrets a config's comments list for `wrangler secret put`, not a commented-out var", () => {
    const toml = [
      `name = "w"`,
      `# Secrets (set with: wrangler secret put <NAME>):`,
      `# - GOOGLE_CLIENT_ID`,
      `# - GOOGLE_CLIENT_SECRET: the OAuth client's secret`,
      `#   BETTER_AUTH_SECRET`,
      `# Docs: https://developers.cloudflare.com/workers/configuration/secrets/`,
      `# NOT_LISTED`,
      `# Note: use secrets to store sensitive data.`,
      `# [vars]`,
      `# MY_VARIABLE = "production_value"`,
      `# run \`echo x | wrangler secret put SLACK_TOKEN\` once`,
    ].join("\n");
    expect(commentedSecretNames(toml).sort()).toEqual(["BETTER_AUTH_SECRET", "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET", "SLACK_TOKEN"]);
    // why: JSONC's comments say the same
    expect(commentedSecretNames(`{\n  // secrets:\n  // API_TOKEN\n  "name": "w"\n}`)).toEqual(["API_TOKEN"]);
  });
});

describe("Env interfaces", () => {
  const generated = `/* eslint-disable */
// Generated by Wrangler
declare namespace Cloudflare {
  interface GlobalProps { mainModule: typeof import("./src/index"); }
  interface Env {
    CACHE: KVNamespace;
    DB: D1Database;
    HYPERDRIVE: Hyperdrive;
    MODE: "production";
    JSON_VAR: { "nested": "{not a brace}"; deep: { x: 1 } };
    API_KEY: string;
    ROOM: DurableObjectNamespace<import("./src/index").Room>;
    "dash-name": Fetcher;
    // COMMENTED_OUT: string;
  }
}
interface Env extends Cloudflare.Env {}
declare namespace NodeJS { interface ProcessEnv { NOT_ENV: string } }
interface CacheStorage { readonly default: Cache; }
`;

  it("reads the members of the Env interfaces, with the kind their type names", () => {
    const members = envInterfaceMembers(generated, ENV_NAMES);
    expect(Object.fromEntries([...members].map(([name, kind]) => [name, kind.label ?? kind.shape]))).toEqual({
      CACHE: "KV namespace",
      DB: "D1 database",
      HYPERDRIVE: "Hyperdrive",
      MODE: "var",
      JSON_VAR: "value",
      API_KEY: "secret",
      ROOM: "Durable Object namespace",
      "dash-name": "service",
    });
  });

  it("reads object type aliases and SvelteKit's App.Platform env", () => {
    const text = `type Bindings = { KV: KVNamespace; TOKEN?: string };\ndeclare global { namespace App { interface Platform { env: { DB: D1Database; SECRET: string }; context: { waitUntil(p: Promise<unknown>): void } } } }`;
    expect([...envInterfaceMembers(text, ENV_NAMES).keys()]).toEqual(["KV", "TOKEN", "DB", "SECRET"]);
  });

  it("reads an env type inferred from an object schema (zod, valibot) as the schema's keys", () => {
    // why: `z.infer<typeof zEnv>` declares exactly the keys of the object schema it names
    const zod = `import { z } from "zod";\nexport const zEnv = z.object({\n  SERVICE_NAME: z.string(),\n  "API_KEY": z.string().min(1),\n  RETRIES: z.coerce.number().default(3),\n});\nexport type Env = z.infer<typeof zEnv>;`;
    expect([...envInterfaceMembers(zod, ENV_NAMES).keys()]).toEqual(["SERVICE_NAME", "API_KEY", "RETRIES"]);
    const valibot = `const schema = v.object({ DB_URL: v.string() });\ntype Bindings = v.InferOutput<typeof schema>;`;
    expect([...envInterfaceMembers(valibot, ENV_NAMES).keys()]).toEqual(["DB_URL"]);
    // why: a schema inferred for another type declares nothing on env
    expect(envInterfaceMembers(`const s = z.object({ name: z.string() });\ntype User = z.infer<typeof s>;`, ENV_NAMES).size).toBe(0);
  });

  it("reads a union written one member a line, with a leading pipe, as a var", () => {
    // why: Prettier writes a long union so; its members are text, whatever line they start on
    const text = `export type Bindings = {\n  STAGE:\n    | "development"\n    | "production";\n  MODE: | "a" | "b";\n  ONE_LINE: "a" | "b";\n  DB: D1Database;\n};`;
    const members = envInterfaceMembers(text, ENV_NAMES);
    expect(members.get("STAGE")).toEqual(members.get("ONE_LINE"));
    expect(members.get("MODE")).toEqual(members.get("ONE_LINE"));
    expect(members.get("ONE_LINE")?.label).toBe("var");
  });

  it("reads env members added by intersection and in a framework's generic", () => {
    // why: an OAuth wrapper puts OAUTH_PROVIDER on env at run time; the code declares it this way
    const alias = `export type Bindings = Env & {\n  OAUTH_PROVIDER: OAuthHelpers;\n};`;
    expect([...envInterfaceMembers(alias, ENV_NAMES).keys()]).toEqual(["OAUTH_PROVIDER"]);
    const generic = `const app = new Hono<{ Bindings: Env & { OAUTH_PROVIDER: OAuthHelpers } }>();\ntype AppEnv = { Bindings: { DB: D1Database }; Variables: { user: string } };`;
    expect([...envInterfaceMembers(generic, ENV_NAMES).keys()]).toEqual(["OAUTH_PROVIDER", "DB"]);
    // why: Windows line endings end a member as a newline does, with or without a semicolon
    expect([...envInterfaceMembers(`export interface Env {\r\n  DB: D1Database\r\n  API_KEY: string\r\n  NAME?: string;\r\n}\r\n`, ENV_NAMES).keys()]).toEqual(["DB", "API_KEY", "NAME"]);
    // why: a member of another name, or a value (not a type), declares nothing
    expect([...envInterfaceMembers(`const o = { Variables: { user: "x" } };\nconst e = env & { A: 1 };`, ENV_NAMES).keys()]).toEqual([]);
  });

  it("finds the modules a file imports its env type from", () => {
    const text = `import type { Env } from "./types";\nimport { Hono } from "hono";\nimport { type Bindings as B, other } from "../env";\nimport { Other } from "./x";\nimport type { GatewayEnv as Env } from "./gateway";`;
    // why: each with the name its module has for it (`GatewayEnv`, imported as `Env`)
    expect(envTypeImports(text, ENV_NAMES)).toEqual([["./types", ["Env"]], ["../env", ["Bindings"]], ["./gateway", ["GatewayEnv"]]]);
  });
});
