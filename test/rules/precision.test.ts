/**
 * Shapes that real Workers code has and that are not hazards, each beside a positive neighbour:
 * data read through a binding, client writes that are not memory, guarded defaults on env, one
 * finding per store and statement.
 */
import envRule from "../../rules/no-env-in-global-scope";
import mutationRule from "../../rules/no-env-mutation";
import requestRule from "../../rules/no-request-state-in-global-scope";
import { createRuleTester } from "../rule-tester";
import { added, code, stored } from "./helpers";

const ruleTester = createRuleTester();

ruleTester.run("no-env-in-global-scope (precision)", envRule, {
  valid: [
    // why: data read through a binding by a helper whose every caller is in the file is data
    code`
      let jwks;
      async function fetchKeys(env) { jwks = await env.AUTH_CACHE.get("jwks", "json"); }
      export async function validate(token, env) { await fetchKeys(env); return check(token, jwks); }
    `,
    // why: the same read through a promise callback
    code`
      let config;
      function load(env) { return env.CONFIG.get("app").then((value) => { config = value; }); }
      export default { async fetch(request, env) { await load(env); return new Response("ok"); } };
    `,
    // why: \`.set\` on an imported client (Redis, KV wrappers) writes to that service, not to memory
    code`
      import { redis } from "@upstash/redis/cloudflare";
      export default { async fetch(request, env) { await redis.set("status", env.REGION); return new Response("ok"); } };
    `,
    // why: \`.set\` on a module constant built by another call (a storage client) is not a collection
    code`
      import { createStorage } from "unstorage";
      const storage = createStorage();
      export default { async fetch(request, env) { await storage.setItem("k", env.KEY); await storage.set("k", env.KEY); return new Response("ok"); } };
    `,
  ],
  invalid: [
    {
      // why: the helper's binding itself (not data read through it) kept in module scope
      code: code`
        let kv;
        function remember(env) { kv = env.AUTH_CACHE; }
        export async function validate(token, env) { remember(env); }
      `,
      errors: [stored("kv", "env.AUTH_CACHE", "value", 2, 26)],
    },
    {
      // why: with bindingDataIsDerived, data read through a binding is reported, and said to be data
      code: code`
        let jwks;
        async function fetchKeys(env) { jwks = await env.AUTH_CACHE.get("jwks", "json"); }
        export async function validate(token, env) { await fetchKeys(env); }
      `,
      options: [{ bindingDataIsDerived: true }],
      errors: [stored("jwks", "data read through `env.AUTH_CACHE`", "data", 2, 33)],
    },
    {
      // why: a module Map created later (\`let cache = null\` then \`new Map()\`) is still a collection
      code: code`
        let cache = null;
        export default {
          async fetch(request, env) {
            cache ??= new Map();
            cache.set("client", new Client(env.KEY));
            return new Response("ok");
          },
        };
      `,
      errors: [added("cache", "env.KEY", "client", 5, 5)],
    },
    {
      // why: several leaves of one destructuring into one module object are one finding
      code: code`
        const cache = {};
        export default {
          async fetch(request, env) {
            [cache.a, cache.b] = env.PAIR.split(",");
            return new Response("ok");
          },
        };
      `,
      errors: [stored("cache.b", "env.PAIR", "value", 4, 15, "object")],
    },
  ],
});

ruleTester.run("no-env-mutation (precision)", mutationRule, {
  valid: [
    // why: a default put in place of a missing binding, the same for every request
    code`
      export default {
        async fetch(request, env) {
          env.CACHE ??= createNoopCache();
          if (!env.ANALYTICS) env.ANALYTICS = { writeDataPoint() {} };
          return new Response("ok");
        },
      };
    `,
  ],
  invalid: [
    {
      // why: a guarded default built from env still puts one request's client on the shared env
      code: code`
        export default {
          async fetch(request, env) {
            if (!env.SQL) env.SQL = postgres(env.HYPERDRIVE.connectionString);
            env.USER ??= request.headers.get("x-user");
            return new Response("ok");
          },
        };
      `,
      errors: [
        { messageId: "envMutation", data: { target: "env.SQL", origin: "`env`" }, line: 3, column: 19 },
        { messageId: "envMutation", data: { target: "env.USER", origin: "`env`" }, line: 4, column: 5 },
      ],
    },
  ],
});

ruleTester.run("no-request-state-in-global-scope (one rule per store)", requestRule, {
  valid: [],
  invalid: [
    {
      // why: a store holding both request data and env is reported once, by the request rule
      code: code`
        let last;
        export default {
          async fetch(request, env) {
            last = { user: request.headers.get("x-user"), key: env.KEY };
            return new Response("ok");
          },
        };
      `,
      errors: [{ messageId: "requestDataInModuleScope", data: { target: "`last`", origin: "`request.headers.get()`" }, line: 4, column: 5 }],
    },
  ],
});

ruleTester.run("no-env-in-global-scope (one rule per store)", envRule, {
  valid: [
    // why: the same store is no-request-state-in-global-scope's
    code`
      let last;
      export default {
        async fetch(request, env) {
          last = { user: request.headers.get("x-user"), key: env.KEY };
          return new Response("ok");
        },
      };
    `,
  ],
  invalid: [],
});
