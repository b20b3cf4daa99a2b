/**
 * Documented behaviour that no other test held in place: each case here fails when the behaviour
 * it names breaks. Expected messages are written out as literals.
 */
import envRule from "../../rules/no-env-in-global-scope";
import mutationRule from "../../rules/no-env-mutation";
import requestRule from "../../rules/no-request-state-in-global-scope";
import topLevelRule from "../../rules/no-top-level-env-derivation";
import { createRuleTester } from "../rule-tester";
import { code } from "./helpers";

const ruleTester = createRuleTester();

const setterWorker = code`
  import { setEnv } from "./env";
  export default {
    async fetch(request, env) {
      setEnv(env);
      return new Response("ok");
    },
  };
`;

ruleTester.run("no-env-in-global-scope (pinned)", envRule, {
  valid: [
    // why: `allow` names an imported setter-like function whose keeping of env is deliberate
    { code: setterWorker, options: [{ allow: ["setEnv"] }] },
    // why: a strong Map keyed by the env object is looked up with each request's env, so it never
    // hands a request the client of another env (it keeps old entries alive; a WeakMap does not)
    code`
      const clients = new Map();
      export default {
        async fetch(request, env) {
          let client = clients.get(env);
          if (!client) { client = new Client(env.KEY); clients.set(env, client); }
          return client.handle(request);
        },
      };
    `,
  ],
  invalid: [
    {
      // why: without `allow`, the same setter call is reported
      code: setterWorker,
      errors: [{ messageId: "handedToSetter", data: { callee: "setEnv", source: "./env", origin: "`env`" }, line: 4, column: 5 }],
    },
    {
      // why: `allow` names only the setter it lists
      code: setterWorker,
      options: [{ allow: ["setConfig"] }],
      errors: [{ messageId: "handedToSetter", data: { callee: "setEnv", source: "./env", origin: "`env`" }, line: 4, column: 5 }],
    },
    {
      // why: a Map keyed by something other than env keeps the client for every later request
      code: code`
        const clients = new Map();
        export default { async fetch(request, env) { clients.set("main", new Client(env.KEY)); return new Response("ok"); } };
      `,
      errors: [
        {
          messageId: "addedToCollection",
          data: {
            target: "`clients`",
            origin: "`env.KEY`",
            hazard: "it keeps a stale secret, and any connection it holds fails later",
          },
          line: 2,
          column: 46,
        },
      ],
    },
  ],
});

const envErr = (target: string, line: number, column: number) => ({
  messageId: "envMutation" as const,
  data: { target, origin: "`env`" },
  line,
  column,
});

ruleTester.run("no-env-mutation (pinned)", mutationRule, {
  valid: [
    // why: the same calls on a copy of env write a new object
    code`
      export function patch(env) {
        const copy = { ...env };
        Object.defineProperties(copy, { X: { value: 1 } });
        Object.setPrototypeOf(copy, null);
        Reflect.setPrototypeOf(copy, null);
        Reflect.defineProperty(copy, "Y", { value: 2 });
      }
    `,
  ],
  invalid: [
    {
      // why: each of these writes onto the shared env object
      code: code`
        export function patch(env) {
          Object.defineProperties(env, { X: { value: 1 } });
          Object.setPrototypeOf(env, null);
          Reflect.setPrototypeOf(env, null);
          Reflect.defineProperty(env, "Y", { value: 2 });
        }
      `,
      errors: [
        envErr("Object.defineProperties(env, …)", 2, 3),
        envErr("Object.setPrototypeOf(env, …)", 3, 3),
        envErr("Reflect.setPrototypeOf(env, …)", 4, 3),
        envErr("Reflect.defineProperty(env, …)", 5, 3),
      ],
    },
  ],
});

ruleTester.run("no-request-state-in-global-scope (pinned)", requestRule, {
  valid: [
    // why: a strong Map keyed by the request object: an entry is found only through that request
    code`
      const started = new Map();
      export default { async fetch(request) { started.set(request, request.url); return new Response("ok"); } };
    `,
  ],
  invalid: [
    {
      // why: the exemption of request-keyed collections does not extend to globalThis, which
      // other code of the isolate reads without the request
      code: code`
        export default { async fetch(request) { globalThis.started.set(request, request.url); return new Response("ok"); } };
      `,
      errors: [
        {
          messageId: "requestDataInModuleScope",
          data: { target: "`globalThis.started`", origin: "`request.url`", event: "request" },
          line: 1,
          column: 41,
        },
      ],
    },
    {
      // why: a Map keyed by a string keeps the request's data for other requests
      code: code`
        const started = new Map();
        export default { async fetch(request) { started.set("last", request.url); return new Response("ok"); } };
      `,
      errors: [
        {
          messageId: "requestDataInModuleScope",
          data: { target: "`started`", origin: "`request.url`", event: "request" },
          line: 2,
          column: 41,
        },
      ],
    },
  ],
});

ruleTester.run("no-top-level-env-derivation (pinned)", topLevelRule, {
  valid: [],
  invalid: [
    {
      // why: two `var` declarations of one name resolve to one variable: one finding, not two
      code: code`
        import { env } from "cloudflare:workers";
        var { A } = env;
        var { A } = env;
      `,
      errors: [
        {
          messageId: "topLevelValue",
          data: { target: "`A`", origin: "`env.A`" },
          line: 2,
          column: 7,
        },
      ],
    },
  ],
});
