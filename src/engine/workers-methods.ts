/**
 * What the methods of a Workers class get from the runtime, by method: a handler's invocation
 * (`fetch(request)`, `queue(batch)`, `tail(events)`), a Durable Object's WebSocket handlers, an
 * agent's or a party server's connection handlers, a Workflow's run, and the arguments of a method
 * other Workers call over RPC.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { isNumericType, paramAnnotation, propertyName, unwrap, unwrapType } from "./ast";
import { HANDLER_EVENTS, HANDLER_NAMES } from "./sources";
import type { Node, Val } from "./values";

/**
 * A Durable Object's WebSocket handlers (the hibernation API), with how messages name their
 * invocation: each gets the socket, and `webSocketMessage` the message's data.
 */
const WEBSOCKET_HANDLERS: ReadonlyMap<string, string> = new Map([
  ["webSocketMessage", "WebSocket message"],
  ["webSocketClose", "WebSocket close"],
  ["webSocketError", "WebSocket error"],
]);

/** Bases whose classes get connections (the agents SDK, partyserver), and their handlers' invocations. */
const CONNECTION_BASES: ReadonlySet<string> = new Set(["Agent", "AIChatAgent", "McpAgent", "Server", "YServer"]);
const CONNECTION_HANDLERS: ReadonlyMap<string, string> = new Map([
  ["onConnect", "connection"],
  ["onMessage", "WebSocket message"],
  ["onClose", "WebSocket close"],
  ["onError", "WebSocket error"],
  ["onEmail", "email"],
  ["onStateUpdate", "state update"],
]);
/** Bases whose public methods other Workers call over RPC (an agent's: only `@callable()` ones). */
const RPC_BASES: ReadonlySet<string> = new Set(["WorkerEntrypoint", "DurableObject"]);
/** Methods of those classes that the runtime or the framework calls, not other Workers. */
const RPC_EXCLUDED: ReadonlySet<string> = new Set(["alarm", "run", "constructor", "toString", "toJSON", "dispose"]);
/** How messages name one RPC call. */
const RPC_EVENT = "RPC call";
/** How messages name a Workflow's run. */
const WORKFLOW_EVENT = "workflow run";

/** Handlers whose first parameter is plain data (trace items), not an I/O object. */
const TAIL_DATA_HANDLERS: ReadonlySet<string> = new Set(["tail", "trace"]);

/**
 * What a handler's first parameter is (`fetch(request)`, `queue(batch)`, `tail(events)`), on the
 * default export or a Workers class: the invocation's I/O, or its data for a tail handler. Null for
 * a name that is no handler.
 */
export function handlerInvocation(handler: string, origin: (fallback: string) => string): Val | null {
  const event = HANDLER_EVENTS.get(handler);
  if (!event) return null;
  if (TAIL_DATA_HANDLERS.has(handler)) return { req: { origin: origin("events"), envPath: null, event } };
  return { req: { origin: origin(event === "request" ? "request" : "event"), envPath: null, io: true, event } };
}

/**
 * Whether a method of a Workers class is called over RPC by other Workers: public, not a handler
 * or a lifecycle method, and never called by the class itself (`this.name(…)`: its callers are
 * then in the file). An agent's methods count only when marked `@callable()`.
 */
function isRpcMethod(sourceCode: Readonly<SourceCode>, method: TSESTree.MethodDefinition, base: string, name: string): boolean {
  if (method.static || method.kind !== "method" || method.key.type === "PrivateIdentifier" || method.computed) return false;
  if (method.accessibility === "private" || method.accessibility === "protected" || name.startsWith("_")) return false;
  if (HANDLER_NAMES.has(name) || RPC_EXCLUDED.has(name) || /^on[A-Z]/.test(name) || /^webSocket[A-Z]/.test(name)) return false;
  if (CONNECTION_BASES.has(base)) {
    const callable = method.decorators?.some((d) => {
      const e = unwrap(d.expression as Node);
      const callee = e.type === "CallExpression" ? unwrap(e.callee) : e;
      return callee.type === "Identifier" && callee.name === "callable";
    });
    if (!callable) return false;
  } else if (!RPC_BASES.has(base)) return false;
  return !calledOnThis(sourceCode, method.parent.parent as Node).has(name);
}

const THIS_CALL = /\bthis\s*\.\s*([\w$]+)\s*\(/g;
const thisCalls = new WeakMap<Node, ReadonlySet<string>>();

/** The names a class calls on `this` (`this.track(…)`), from one scan of its text. */
function calledOnThis(sourceCode: Readonly<SourceCode>, cls: Node): ReadonlySet<string> {
  let names = thisCalls.get(cls);
  if (!names) {
    const found = new Set<string>();
    for (const m of sourceCode.getText(cls).matchAll(THIS_CALL)) found.add(m[1]);
    thisCalls.set(cls, (names = found));
  }
  return names;
}

/**
 * The request-state parameters of a method of a Workers class (not static), by index. `label(i,
 * fallback)` names a parameter as messages do.
 */
export function workersMethodSlots(
  sourceCode: Readonly<SourceCode>,
  parent: TSESTree.MethodDefinition,
  /** The Workers base the method's class is built on. */
  base: string,
  params: readonly Node[],
  label: (i: number, fallback: string) => string,
): Map<number, Val> {
  const slots = new Map<number, Val>();
  const reqAt = (i: number, fallback: string, event?: string, io = true) => {
    if (i < params.length) slots.set(i, { req: { origin: label(i, fallback), envPath: null, ...(io ? { io } : {}), event } });
  };
  const method = propertyName(parent) ?? "";
  const invocation = handlerInvocation(method, (fallback) => label(0, fallback));
  const wsEvent = WEBSOCKET_HANDLERS.get(method);
  if (invocation) {
    if (params.length > 0) slots.set(0, invocation);
  } else if (wsEvent) {
    // The socket outlives the one message or close it is handed with: it is one WebSocket's.
    reqAt(0, "ws", "WebSocket");
    if (method === "webSocketMessage") reqAt(1, "message", wsEvent, false);
  } else {
    const agentEvent = CONNECTION_BASES.has(base) ? CONNECTION_HANDLERS.get(method) : undefined;
    // An agent's or a party server's connection handlers: the connection, the message's data,
    // the connection's context (`ctx.request`). `onError(error)` alone gets no connection.
    if (method === "onStateUpdate" && agentEvent) {
      // `onStateUpdate(state, source)`: the state one agent was set to (by a client, maybe), and the connection that set it.
      reqAt(0, "state", agentEvent, false);
      reqAt(1, "source", agentEvent);
    } else if (agentEvent && (method !== "onError" || params.length > 1)) {
      // (The connection outlives the message or close it is handed with.)
      reqAt(0, method === "onEmail" ? "email" : "connection", method === "onEmail" ? agentEvent : "connection");
      if (method === "onMessage") reqAt(1, "message", agentEvent, false);
      if (method === "onConnect") reqAt(1, "ctx", agentEvent);
    }
    // A method another Worker calls over RPC: its arguments are one call's data.
    if (!agentEvent && isRpcMethod(sourceCode, parent, base, method)) {
      params.forEach((p, i) => {
        // A number or a flag is no one's data (as a count made from a request is not).
        if (!isNumericType(unwrapType(paramAnnotation(p)))) reqAt(i, "argument", RPC_EVENT, false);
      });
    }
    // A Workflow's `run(event, step)`: the run's event (its payload). (What `step.do` gives is
    // what its callback returns, which the trace follows; the step runner is no source.)
    if (base === "WorkflowEntrypoint" && method === "run") reqAt(0, "event", WORKFLOW_EVENT, false);
  }
  return slots;
}

