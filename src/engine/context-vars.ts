/**
 * Hono's context variables: what a middleware puts in the context of a request (`c.set("db",
 * drizzle(c.env.DB))`, `c.set("user", payload)`) and a route reads back (`c.get("db")`, `c.var.db`).
 *
 * A read is what the file's own `set` calls put under that name. Set nowhere the file shows (a
 * middleware of another module), a variable named like a database or a binding's client (`db`,
 * `prisma`, `kv`) is taken for a binding, what is read through it for that binding's data; any
 * other stays one request's data, as the context's other members are.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { keyName, memberName, unwrap } from "./ast";
import type { FileFacts } from "./collect";
import { join, type Container, type Node, type Val } from "./values";

/** Names of a context variable that holds a database or a binding's client built per request. */
export const CLIENT_VARIABLE = /^(?:db|database|drizzle|prisma|kysely|orm|sql|pg|pool|d1|kv|r2|bucket|storage|redis|supabase)$/i;

/** Whether a context holds env under `env`, as Hono's does (the context whose variables these are). */
function isHonoLike(containers: readonly Container[] | undefined): boolean {
  return !!containers?.some((c) => c.request && c.envPaths.some((p) => p.length === 1 && p[0] === "env"));
}

export interface ContextTracer {
  valueOf(node: Node): Val;
  valueAt(node: Node): Val;
}

/** A context variable's name that says it holds the env object (`env`, `bindings`). */
const ENV_VARIABLE = /^(?:env|bindings|cfEnv|cloudflareEnv)$/;

export class ContextVariables {
  /** The values each name is set to by the file's `c.set(name, value)` calls (found on first read). */
  private sets: Map<string, Node[]> | null = null;

  constructor(
    private readonly facts: FileFacts,
    private readonly tracer: ContextTracer,
  ) {}

  /**
   * The value of the variable `name` read off `context` (`c.get("db")`: `read` is how the read is
   * written after the context's label, `.get("db")`), or null: no Hono context, or a name not written out.
   */
  read(context: Val, name: string | null, read: string): Val | null {
    if (name === null || !isHonoLike(context.containers)) return null;
    const label = `${context.containers![0].label}${read}`;
    const set = this.setCalls().get(name);
    if (set) {
      let value: Val = {};
      for (const node of set) value = join(value, this.tracer.valueAt(node));
      return value;
    }
    // (One named for env, set by another module's middleware, `c.set("env", c.env)`: the app's bindings, by its name.)
    if (ENV_VARIABLE.test(name)) return { env: { origin: label, envPath: [], byName: true } };
    return CLIENT_VARIABLE.test(name) ? { env: { origin: label, envPath: [name], key: name, binding: true } } : null;
  }

  private setCalls(): Map<string, Node[]> {
    if (this.sets) return this.sets;
    this.sets = new Map();
    for (const site of this.facts.calls) {
      const call = site.node;
      if (call.type !== "CallExpression" || call.arguments.length !== 2) continue;
      const callee = unwrap(call.callee as Node);
      if (callee.type !== "MemberExpression" || memberName(callee) !== "set") continue;
      const name = keyName(unwrap(call.arguments[0] as Node), true);
      if (name === null || !isHonoLike(this.tracer.valueOf(unwrap((callee as TSESTree.MemberExpression).object as Node)).containers)) continue;
      const list = this.sets.get(name);
      if (list) list.push(call.arguments[1] as Node);
      else this.sets.set(name, [call.arguments[1] as Node]);
    }
    return this.sets;
  }
}
