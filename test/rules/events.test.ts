/** State of one invocation is not only the fetch request: every event kind, and two more env sources. */
import envRule from "../../rules/no-env-in-global-scope";
import requestRule from "../../rules/no-request-state-in-global-scope";
import { createRuleTester } from "../rule-tester";
import { code, stored } from "./helpers";

const ruleTester = createRuleTester();

const io = (target: string, origin: string, event: string, line: number, column: number) => ({
  messageId: "requestIoInModuleScope" as const,
  data: { target: `\`${target}\``, origin: `\`${origin}\``, event },
  line,
  column,
});
const data = (target: string, origin: string, event: string, line: number, column: number) => ({
  // why: a request's data is seen by other users' requests; any other event's, by every later event of its kind
  messageId: event === "request" ? ("requestDataInModuleScope" as const) : ("eventDataInModuleScope" as const),
  data: { target: `\`${target}\``, origin: `\`${origin}\``, event },
  line,
  column,
});

ruleTester.run("no-request-state-in-global-scope (every event kind)", requestRule, {
  valid: [
    // why: a helper's default export with a method named like the TCP handler (\`connect(name)\`)
    // and nothing else of a Worker is no handler: what it is handed is its caller's
    code`
      let lastName = "";
      export default { connect(name) { lastName = name.toUpperCase(); }, current: () => lastName };
    `,
    // why: a Response built while the module is evaluated is shared on purpose (no request owns it)
    code`
      const notFound = new Response("not found", { status: 404 });
      export default { async fetch() { return notFound.clone(); } };
    `,
    // why: counting messages keeps a number, not a message
    code`
      let processed = 0;
      export default { async queue(batch) { processed += batch.messages.length; } };
    `,
    // why: a Cron Trigger's pattern is the Worker's own config, the same for every scheduled event
    code`
      let lastCron = "";
      export default { async scheduled(controller) { lastCron = controller.cron; } };
    `,
    // why: so is the queue a batch comes from; when a Workflow instance was made is a time, no one's data
    code`
      import { WorkflowEntrypoint } from "cloudflare:workers";
      let lastQueue = "";
      let lastRunAt = 0;
      let lastAt;
      export class Onboard extends WorkflowEntrypoint {
        async run(event, step) { lastRunAt = event.timestamp.getTime(); lastAt = event.timestamp; }
      }
      export default { async queue(batch) { lastQueue = batch.queue; } };
    `,
    // why: an exported \`load\` of a library file, with a parameter typed as plain data, is no framework's route function
    code`
      let cfg;
      export function load(values: Record<string, string>) { cfg = values.X; }
      export function GET(key) { cfg = key; }
    `,
  ],
  invalid: [
    {
      // why: service-worker syntax hands the listener the event that holds the request
      code: code`
        let auth;
        addEventListener("fetch", (event) => {
          auth = event.request.headers.get("authorization");
          event.respondWith(new Response("ok"));
        });
      `,
      errors: [{ messageId: "requestDataInModuleScope" as const, data: { target: "`auth`", origin: "`event.request.headers.get(\"authorization\")`", event: "request" }, line: 3, column: 3 }],
    },
    {
      // why: what an email message does (\`forward\`, \`reply\`) belongs to its own invocation: I/O, not data
      code: code`
        const forwarders = new Map();
        export default {
          async email(message, env, ctx) { forwarders.set(message.to, message.forward.bind(message)); },
        };
      `,
      errors: [io("forwarders", "message.forward", "email", 3, 36)],
    },
    {
      // why: the state an agent is set to (by a client, maybe) is that agent's, and the source its connection
      code: code`
        import { Agent } from "agents";
        let latest;
        let by;
        export class Chat extends Agent {
          onStateUpdate(state, source) { latest = state; by = source; }
        }
      `,
      errors: [data("latest", "state", "state update", 5, 34), io("by", "source", "state update", 5, 50)],
    },
    {
      // why: the same listener added on \`self\`
      code: code`
        let lastUrl = "";
        self.addEventListener("fetch", (event) => {
          lastUrl = event.request.url;
          event.respondWith(new Response("ok"));
        });
      `,
      errors: [{ messageId: "requestDataInModuleScope" as const, data: { target: "`lastUrl`", origin: "`event.request.url`", event: "request" }, line: 3, column: 3 }],
    },
    {
      // why: so does a listener handed by its name, declared or a constant's arrow
      code: code`
        let lastUrl = "";
        let lastAgent = "";
        function onFetch(event) {
          lastUrl = event.request.url;
          event.respondWith(new Response("ok"));
        }
        const onFetchToo = (event) => { lastAgent = event.request.headers.get("user-agent"); };
        addEventListener("fetch", onFetch);
        self.addEventListener("fetch", onFetchToo);
      `,
      errors: [
        { messageId: "requestDataInModuleScope" as const, data: { target: "`lastUrl`", origin: "`event.request.url`", event: "request" }, line: 4, column: 3 },
        { messageId: "requestDataInModuleScope" as const, data: { target: "`lastAgent`", origin: '`event.request.headers.get("user-agent")`', event: "request" }, line: 7, column: 33 },
      ],
    },
    {
      // why: a queue batch and its messages belong to one delivery
      code: code`
        let lastBatch;
        const bodies = [];
        export default {
          async queue(batch, env, ctx) {
            lastBatch = batch;
            for (const message of batch.messages) bodies.push(message.body);
          },
        };
      `,
      errors: [io("lastBatch", "batch", "queue batch", 5, 5), data("bodies", "batch.messages[…].body", "queue batch", 6, 43)],
    },
    {
      // why: the scheduled controller and an email message belong to one invocation
      code: code`
        let controller;
        let mail;
        export default {
          async scheduled(event) { controller = event; },
          async email(message) { mail = message; },
        };
      `,
      errors: [io("controller", "event", "scheduled event", 4, 28), io("mail", "message", "email", 5, 26)],
    },
    {
      // why: tail events of one invocation: trace items are plain data (also in an entrypoint
      // class), not I/O; a request's AbortSignal is I/O, aborted with that request
      code: code`
        import { WorkerEntrypoint } from "cloudflare:workers";
        const seen = [];
        let signal;
        export default { async tail(events) { seen.push(...events); }, async fetch(request) { signal = request.signal; return new Response(); } };
        export class Tail extends WorkerEntrypoint { async tail(items) { seen.push(items[0]); } }
      `,
      errors: [data("seen", "events", "tail event", 4, 39), io("signal", "request.signal", "request", 4, 87), data("seen", "items[0]", "tail event", 5, 66)],
    },
    {
      // why: so do a Yjs server's (y-partyserver's \`YServer\` is a partyserver \`Server\`)
      code: code`
        import { YServer } from "y-partyserver";
        const conns = [];
        export class Doc extends YServer {
          onConnect(connection) { conns.push(connection); }
        }
      `,
      errors: [io("conns", "connection", "connection", 4, 27)],
    },
    {
      // why: an agent's connection handlers get one connection's I/O and one message's data; a
      // Workflow's run gets the run's event (its payload is one run's data)
      code: code`
        import { Agent } from "agents";
        import { WorkflowEntrypoint } from "cloudflare:workers";
        const conns = [];
        const msgs = [];
        let lastRequest;
        let payload;
        export class Chat extends Agent {
          onConnect(connection, ctx) { conns.push(connection); lastRequest = ctx.request; }
          onMessage(connection, message) { msgs.push(message); conns.push(connection); }
          onError(error) { msgs.push(String(error)); }
        }
        export class Job extends WorkflowEntrypoint {
          async run(event, step) { payload = event.payload; }
        }
      `,
      errors: [
        io("conns", "connection", "connection", 8, 32),
        io("lastRequest", "ctx.request", "connection", 8, 56),
        data("msgs", "message", "WebSocket message", 9, 36),
        // why: the connection outlives the message it is handed with
        io("conns", "connection", "connection", 9, 56),
        data("payload", "event.payload", "workflow run", 13, 28),
      ],
    },
    {
      // why: a method other Workers call over RPC gets one call's data (a number or a flag is no
      // one's data); a private or internal method, a lifecycle method and an agent's method without
      // \`@callable()\` are not called by other Workers
      code: code`
        import { WorkerEntrypoint, DurableObject } from "cloudflare:workers";
        import { Agent, callable } from "agents";
        let user;
        const events = [];
        let total = 0;
        let other;
        export class Api extends WorkerEntrypoint {
          async setUser(u) { user = u; }
          async add(n: number) { total += n; }
          private keep(x) { other = x; }
          async warm() { this.note("constant"); }
          note(e) { other = e; }
        }
        export class Room extends DurableObject {
          async post(text) { events.push(text); }
          async alarm() {}
        }
        export class Bot extends Agent {
          @callable() async say(text) { events.push(text); }
          async helper(text) { other = text; }
        }
      `,
      errors: [
        data("user", "u", "RPC call", 8, 22),
        data("events", "text", "RPC call", 15, 22),
        data("events", "text", "RPC call", 19, 33),
      ],
    },
    {
      // why: the TCP handler with its env parameter, or beside another handler, is one
      code: code`
        let a;
        let b;
        export default { connect(socket, env) { a = socket; } };
        export const other = { fetch() { return new Response(); }, connect(socket) { b = socket; } } satisfies ExportedHandler;
      `,
      errors: [io("a", "socket", "connection", 3, 41), io("b", "socket", "connection", 4, 78)],
    },
    {
      // why: a Response and a stream writer created in a stateless Worker's fetch are I/O of that request
      code: code`
        let cached;
        let writer;
        export default {
          async fetch(request) {
            const { readable, writable } = new TransformStream();
            writer = writable.getWriter();
            cached = new Response(readable);
            return cached;
          },
        };
      `,
      // The origin is shortened in the middle so that the message stays one line.
      errors: [io("writer", "new TransformStrea…itable.getWriter()", "request", 6, 5), io("cached", "new Response()", "request", 7, 5)],
    },
  ],
});

ruleTester.run("no-env-in-global-scope (more env sources)", envRule, {
  valid: [
    // why: a value read from \`process.env\` put back where it came from keeps nothing new (the
    // write itself is no-env-mutation's)
    {
      code: code`
        export function restore(key) {
          const saved = process.env[key];
          process.env[key] = saved;
        }
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
    },
    // why: the bundler writes \`process.env.NODE_ENV\` in when it builds the Worker: no binding or secret
    {
      code: code`
        let mode;
        export default { async fetch() { mode ??= process.env.NODE_ENV; return new Response(mode); } };
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
    },
    // why: so does Next.js's compiler with \`NEXT_RUNTIME\` and the public \`NEXT_PUBLIC_*\` values, also destructured
    {
      code: code`
        let site;
        let runtime;
        let mode;
        export default {
          async fetch() {
            site ??= process.env.NEXT_PUBLIC_SITE_URL;
            runtime ??= process.env.NEXT_RUNTIME;
            const { NODE_ENV } = process.env;
            mode ??= NODE_ENV;
            return new Response(site);
          },
        };
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
    },
    // why: a parameter named \`env\` typed as a string is a deployment's name, not the env object
    code`
      let current = "";
      export function setEnvironment(env: string) { current = env; }
    `,
  ],
  invalid: [
    {
      // why: Nitro's Cloudflare preset puts the request's env on globalThis.__env__
      code: code`
        let db;
        export default defineEventHandler(() => {
          db ??= drizzle(globalThis.__env__.DB);
        });
      `,
      errors: [{ ...stored("db", "globalThis.__env__.DB", "client", 3, 3), messageId: "lazySingleton" as const }],
    },
    {
      // why: with processEnv on, process.env read inside a function and cached is a snapshot
      code: code`
        let key;
        export function apiKey() {
          key ??= process.env.API_KEY;
          return key;
        }
      `,
      settings: { "cloudflare-workers": { processEnv: true } },
      errors: [{ ...stored("key", "process.env.API_KEY", "value", 3, 3), messageId: "lazySingleton" as const }],
    },
  ],
});
