/** Parameters typed with a Workers binding type are bindings, like `env.X`. */
import envRule from "../../rules/no-env-in-global-scope";
import mutationRule from "../../rules/no-env-mutation";
import { createRuleTester } from "../rule-tester";
import { code, stored, lazy } from "./helpers";

const ruleTester = createRuleTester();

/** An expected error whose hazard names the kind the parameter's binding type says (`db: D1Database`). */
const ofKind = <E extends { data: Record<string, string> }>(error: E, label: string): E => ({
  ...error,
  data: { ...error.data, hazard: `it keeps the ${label} binding of the deploy that stored it` },
});

ruleTester.run("no-env-in-global-scope (binding-typed parameters)", envRule, {
  valid: [
    // why: a helper whose every caller is in the file gets what those calls pass (a fake here)
    code`
      let db;
      function keep(d1: D1Database) { db = d1; }
      keep(makeFake());
    `,
    // why: a parameter of another type with a binding-like name is not a binding
    code`
      let bucket;
      export function remember(store: Map<string, string>) { bucket = store; }
    `,
    // why: a wrapper around a type that is no binding holds no binding
    code`
      let names;
      export function remember(list: Readonly<string[]>, other: Env["NOPE"] extends string ? number : never) { names = list; }
    `,
    // why: the binding used within the call is not kept
    code`
      export async function count(db: D1Database) { return db.prepare("SELECT 1").first(); }
    `,
    // why: a class another package exports under a binding type's name (Miniflare's emulator) is no binding
    code`
      import type { D1Database } from "@miniflare/d1";
      let db;
      export function keep(d1: D1Database) { db = d1; }
    `,
  ],
  invalid: [
    {
      // why: a D1 binding wrapped in a client kept in module scope
      code: code`
        let orm;
        export function getDb(d1: D1Database) {
          orm ??= drizzle(d1);
          return orm;
        }
      `,
      // why: a client no table knows, built from a D1 database, keeps that binding
      errors: [ofKind(lazy("orm", "d1", "client", 3, 3), "D1 database")],
    },
    {
      // why: a class of the file built with the caller's read: named as the caller reads it (\`env.DB\`),
      // of the kind the parameter's type says
      code: code`
        class Db {
          constructor(private d1: D1Database) {}
          orm() { return drizzle(this.d1); }
        }
        let orm;
        export default {
          async fetch(request, env) {
            orm ??= new Db(env.DB).orm();
            return new Response("ok");
          },
        };
      `,
      errors: [ofKind(lazy("orm", "env.DB", "client", 8, 5), "D1 database")],
    },
    {
      // why: generic forms of binding types
      code: code`
        const spaces = [];
        export function register(kv: KVNamespace<string>, rooms: DurableObjectNamespace<Room>) {
          spaces.push(kv, rooms);
        }
      `,
      errors: [{ ...ofKind(stored("spaces", "kv", "binding", 3, 3), "KV namespace"), messageId: "addedToCollection" as const }],
    },
    {
      // why: the file's own alias of a name env types go by (Hono's \`Bindings\`) is a union of
      // binding types here; a parameter named \`env\` typed as a binding is that binding
      code: code`
        type Bindings = D1Database | R2Bucket;
        let kept: Bindings | undefined;
        let first: D1Database | undefined;
        export function keep(b: Bindings) { kept = b; }
        export function keepFirst(env: D1Database) { first = env; }
      `,
      errors: [stored("kept", "b", "binding", 4, 37), ofKind(stored("first", "env", "binding", 5, 46), "D1 database")],
    },
    {
      // why: what a Secrets Store binding's get() gives is a secret, not data read through a
      // binding; a helper named like a framework's export (\`load\`) but typed as a binding is no route
      code: code`
        let token = "";
        export async function load(secret: SecretsStoreSecret) { token = await secret.get(); }
      `,
      errors: [stored("token", "secret.get()", "storeSecret", 2, 58)],
    },
    {
      // why: a local alias of a binding type, in a union with undefined
      code: code`
        type Uploads = R2Bucket | undefined;
        let uploads: Uploads;
        export function setUploads(bucket: Uploads) { uploads = bucket; }
      `,
      errors: [stored("uploads", "bucket", "binding", 3, 47)],
    },
    {
      // why: a member type of env names that binding, and wrappers such as Readonly keep the type
      code: code`
        let db;
        let kv;
        let bindings;
        export function keepDb(d: Env["DB"]) { db = d; }
        export function keepKv(k: Readonly<KVNamespace>) { kv = k; }
        export function keepEnv(e: Readonly<Env>) { bindings = e.BUCKET; }
      `,
      errors: [stored("db", "d", "value", 4, 40), ofKind(stored("kv", "k", "binding", 5, 52), "KV namespace"), stored("bindings", "e.BUCKET", "value", 6, 45)],
    },
    {
      // why: Cloudflare's own types package names the binding, imported or not
      code: code`
        import type { D1Database } from "@cloudflare/workers-types";
        let db;
        export function keep(d1: D1Database) { db = d1; }
      `,
      errors: [ofKind(stored("db", "d1", "binding", 3, 40), "D1 database")],
    },
    {
      // why: a type added by the bindingTypeNames setting
      code: code`
        let mailer;
        export function keep(m: MailBinding) { mailer = m; }
      `,
      settings: { "cloudflare-workers": { bindingTypeNames: ["MailBinding"] } },
      errors: [stored("mailer", "m", "binding", 2, 40)],
    },
  ],
});

ruleTester.run("no-env-mutation (binding-typed parameters)", mutationRule, {
  valid: [
    // why: a workflow engine's own \`Workflow\` (imported from the project, or declared in the file) is no Workflow binding
    code`
      import type { Workflow } from "./model/workflow";
      export function markDone(workflow: Workflow) { workflow.data.state = "DONE"; }
    `,
    code`
      interface Queue { items: string[]; head: number }
      export function advance(queue: Queue) { queue.head = queue.head + 1; }
    `,
  ],
  invalid: [
    {
      // why: a write onto a binding handed in as a parameter
      code: code`
        export function tag(db: D1Database) { (db as any).lastTenant = "x"; }
      `,
      errors: [{ messageId: "bindingMutation", data: { target: "db.lastTenant", origin: "`db`" }, line: 1, column: 39 }],
    },
    {
      // why: the global \`Workflow\` binding type, with no type of the project's own of that name
      code: code`
        export function tag(flow: Workflow) { (flow as any).tenant = "x"; }
      `,
      errors: [{ messageId: "bindingMutation", data: { target: "flow.tenant", origin: "`flow`" }, line: 1, column: 39 }],
    },
  ],
});
