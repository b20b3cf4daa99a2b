/**
 * What JavaScript's own globals and methods do to the values they are given, as data: which
 * return plain data, which store their arguments, which hand back an element. The trace and the
 * sinks ask these tables; a new built-in is one entry here.
 */

/** Global namespaces whose methods return plain data built from their arguments. */
export const DATA_HELPERS: ReadonlySet<string> = new Set([
  "JSON", "Object", "Array", "Math", "Reflect", "String", "Number", "console", "Promise", "Date", "URL", "encodeURIComponent",
]);

/**
 * Global constructors that make plain data from their arguments (`new URL(env.API_URL)`, `new
 * Set(list)`, `new Intl.NumberFormat(locale)`, and every other constructor of `Intl`): a copy or a
 * reading of what they are given, no client.
 */
export const DATA_CONSTRUCTORS: ReadonlySet<string> = new Set([
  "URL", "URLSearchParams", "URLPattern", "RegExp", "Date", "Set", "Map", "Array", "TextEncoder", "TextDecoder", "Uint8Array", "Intl",
]);

/** Global functions whose result is a primitive value, never a client. */
export const PRIMITIVE_FUNCTIONS: ReadonlySet<string> = new Set([
  "Number", "String", "Boolean", "BigInt", "parseInt", "parseFloat", "isNaN", "isFinite",
  "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI", "atob", "btoa", "escape", "unescape",
]);

/** Operators whose result is a number or a boolean: never data of a request (a count, a size, a test). */
export const NUMERIC_OPERATORS: ReadonlySet<string> = new Set([
  "-", "*", "/", "%", "**", "|", "&", "^", "<<", ">>", ">>>",
  "==", "===", "!=", "!==", "<", "<=", ">", ">=", "in", "instanceof",
]);

/** Unary operators with a number or boolean result. */
export const NUMERIC_UNARY: ReadonlySet<string> = new Set(["-", "+", "~", "!", "typeof"]);

/** Members that are numbers: a length or size, a time. */
export const NUMERIC_MEMBERS: ReadonlySet<string> = new Set(["length", "size", "byteLength", "scheduledTime", "timeStamp"]);

/** Global functions and namespaces whose result is a number or a boolean. */
/**
 * A schema's methods that check a value and give it back (zod's `parse`, `safeParse`; valibot's and
 * yup's alike): a copy of what they are handed, not something built from it.
 */
export const VALIDATING_METHODS: ReadonlySet<string> = new Set(["parse", "safeParse", "parseAsync", "safeParseAsync", "validate", "validateSync", "cast"]);

/**
 * Functions of packages that check the values they are handed and give them back, by package
 * (a prefix) and name: `createEnv` of `@t3-oss/env-core`, `-nextjs`, `-nuxt`. A copy, not a client.
 */
export const VALIDATING_IMPORTS: readonly { source: string; imported: string }[] = [{ source: "@t3-oss/env", imported: "createEnv" }];

/** `Promise` methods that give a promise of the promises they are handed: pending while any of them is. */
export const PROMISE_COMBINATORS: ReadonlySet<string> = new Set(["all", "allSettled", "race", "any"]);

/** Global functions that schedule a callback and give back only a timer's number (or nothing). */
/**
 * Nuxt's and Nitro's accessors of the app's runtime config (auto-imported, or from `#imports`):
 * handed the request's event, they give the deploy's config, no data of that request.
 */
export const RUNTIME_CONFIG_CALLS: ReadonlySet<string> = new Set(["useRuntimeConfig", "useAppConfig"]);
export const RUNTIME_CONFIG_SOURCES = /^(?:#imports|#app|nitropack|nitro|nuxt)(?:\/|$)/;

export const TIMER_FUNCTIONS: ReadonlySet<string> = new Set(["setTimeout", "setInterval", "setImmediate", "queueMicrotask"]);

export const NUMERIC_FUNCTIONS: ReadonlySet<string> = new Set(["Number", "parseInt", "parseFloat", "isNaN", "isFinite", "Boolean", "BigInt"]);

/** Static methods of the globals whose result is a number or a flag (`Date.parse(h)`, `Number.isInteger(n)`). */
export const NUMERIC_STATIC_METHODS: ReadonlySet<string> = new Set([
  "Date.parse", "Date.UTC", "Date.now", "Number.parseInt", "Number.parseFloat", "Number.isNaN", "Number.isFinite", "Number.isInteger", "Number.isSafeInteger", "Array.isArray", "Object.is",
]);

/**
 * Methods of a client that hand out a connection or another client of its own (`pool.connect()`,
 * `mysql.getConnection()`, `mongo.startSession()`): what they give, awaited, still holds the
 * client's secret and socket.
 */
export const CONNECTION_METHODS: ReadonlySet<string> = new Set([
  "connect",
  "getConnection",
  "acquire",
  "getClient",
  "startSession",
  "createConnection",
  "duplicate",
  "withOptions",
  "$extends",
]);

/** Methods of strings, numbers and arrays: called on `env.X`, they read a value, not a binding. */
export const VALUE_METHODS: ReadonlySet<string> = new Set([
  "toLowerCase", "toUpperCase", "trim", "trimStart", "trimEnd", "split", "includes", "startsWith", "endsWith",
  "slice", "substring", "replace", "replaceAll", "padStart", "padEnd", "charAt", "indexOf", "match", "test",
  "toString", "valueOf", "at", "concat", "normalize", "localeCompare", "repeat", "toFixed", "join", "map", "filter",
]);

/**
 * Array methods whose callback only picks, tests or orders the receiver's elements: what it reads
 * (`list.find((d) => d.id === id)`) is not in the result.
 */
export const PICKING_METHODS: ReadonlySet<string> = new Set([
  "find", "findLast", "filter", "some", "every", "findIndex", "findLastIndex", "sort", "toSorted", "forEach",
]);

/** Array methods whose callbacks get their arguments from the array, never from elsewhere. */
export const ARRAY_CALLBACK_METHODS: ReadonlySet<string> = new Set([
  "forEach", "map", "flatMap", "filter", "find", "findLast", "findIndex", "some", "every", "reduce", "reduceRight", "sort",
]);

/** Promise methods whose callback receives the promise's result. */
export const PROMISE_CALLBACK_METHODS: ReadonlySet<string> = new Set(["then", "catch", "finally"]);

/** Methods whose callback receives the receiver's elements (or, for promises, its result). */
export const CALLBACK_METHODS: ReadonlySet<string> = new Set([...ARRAY_CALLBACK_METHODS, ...PROMISE_CALLBACK_METHODS]);

/** Collection methods that store their arguments; value: index of the first stored argument. */
export const STORING_METHODS: ReadonlyMap<string, number> = new Map([
  ["push", 0],
  ["unshift", 0],
  ["splice", 2],
  ["add", 0],
  ["set", 1],
  ["fill", 0],
]);

/** Methods that register a listener on an emitter or bus: the callback is kept. */
export const LISTENER_METHODS: ReadonlySet<string> = new Set([
  "on", "once", "addListener", "prependListener", "prependOnceListener", "addEventListener", "subscribe",
]);

/**
 * Methods of a bot or command framework that register a handler (grammY's and Telegraf's
 * `command`, `hears`, `callbackQuery`, `action`, `start`, `help`; discord-hono's `command`,
 * `component`; an MCP server's `tool`, `resource`, `prompt` and their `register*` forms): a
 * listener only when handed a function, since the names are common.
 */
export const HANDLER_REGISTRATIONS: ReadonlySet<string> = new Set([
  "command", "hears", "callbackQuery", "inlineQuery", "chosenInlineResult", "action", "start", "help", "settings", "component", "autocomplete",
  "tool", "registerTool", "resource", "registerResource", "prompt", "registerPrompt",
]);

/** Methods that read a collection without taking anything from their arguments. */
export const READING_METHODS: ReadonlySet<string> = new Set([
  "get", "has", "keys", "values", "entries", "forEach", "at", "includes", "indexOf", "find", "some", "every", "size", "toString",
]);

/** Methods that hand back an element of a collection (not a new object). */
export const ELEMENT_READERS: ReadonlySet<string> = new Set(["get", "at", "find", "findLast", "deref"]);

/** Constructors of in-memory collections: `.set`/`.add`/`.push` on one of these keeps the value. */
export const COLLECTION_CONSTRUCTORS: ReadonlySet<string> = new Set(["Map", "Set", "WeakMap", "WeakSet", "Array"]);

/**
 * Packages of in-memory caches, by the names they export (`default` for a default export): an
 * instance made at module level (`new LRUCache({ max: 100 })`) is a collection of the isolate, as a
 * `Map` is, not a client of a store elsewhere.
 */
export const IN_MEMORY_CACHES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["lru-cache", new Set(["LRUCache", "default"])],
  ["quick-lru", new Set(["default"])],
  ["@isaacs/ttlcache", new Set(["default", "TTLCache"])],
  ["tiny-lru", new Set(["lru", "LRU", "default"])],
  ["lru.min", new Set(["createLRU"])],
  ["mnemonist", new Set(["LRUCache", "LRUMap", "LRUCacheWithDelete", "LRUMapWithDelete"])],
  ["mnemonist/lru-cache", new Set(["default"])],
  ["mnemonist/lru-map", new Set(["default"])],
  ["node-cache", new Set(["default"])],
  ["ttlcache", new Set(["default", "TTLCache"])],
]);

/** Collections whose entries live only as long as their key. */
export const WEAK_COLLECTIONS: ReadonlySet<string> = new Set(["WeakMap", "WeakSet"]);

/** Names under which code reaches the global object. */
export const GLOBAL_OBJECTS: ReadonlySet<string> = new Set(["globalThis", "self", "global", "window"]);
/** Global objects code patches in place (`console.log = (…) => …`): what is written there, every request of the isolate calls. */
export const PATCHED_GLOBALS: ReadonlySet<string> = new Set(["console"]);

/**
 * `Object.*` / `Reflect.*` calls that write onto their first argument, with the arguments that
 * hold the written values (`[from, to)`), or null when what they write is not traced as a store.
 */
export const OBJECT_WRITERS: ReadonlyMap<string, ReadonlyMap<string, readonly [number, number?] | null>> = new Map([
  [
    "Object",
    new Map<string, readonly [number, number?] | null>([
      ["assign", [1]],
      ["defineProperty", [2, 3]],
      ["defineProperties", [1, 2]],
      ["setPrototypeOf", null],
    ]),
  ],
  [
    "Reflect",
    new Map<string, readonly [number, number?] | null>([
      ["set", [2, 3]],
      ["defineProperty", [2, 3]],
      ["deleteProperty", null],
      ["setPrototypeOf", null],
    ]),
  ],
]);

/**
 * Functions that wrap another in a cache kept for the life of the module: by package, the exports
 * that do (`default` for a default export). `const get = memoize(build)` keeps every `build(k)`.
 */
export const MEMOIZERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["lodash", new Set(["memoize"])],
  ["lodash-es", new Set(["memoize"])],
  ["lodash/memoize", new Set(["default"])],
  ["lodash.memoize", new Set(["default"])],
  ["lodash-es/memoize", new Set(["default"])],
  ["es-toolkit", new Set(["memoize"])],
  ["es-toolkit/function", new Set(["memoize"])],
  ["radash", new Set(["memo"])],
  ["memoizee", new Set(["default"])],
  ["fast-memoize", new Set(["default"])],
  ["moize", new Set(["default"])],
  ["micro-memoize", new Set(["default", "memoize"])],
  ["memoize-one", new Set(["default", "memoizeOne"])],
  ["p-memoize", new Set(["default", "pMemoize"])],
  ["mem", new Set(["default", "memoize"])],
  ["memoize", new Set(["default", "memoize"])],
]);

/**
 * Methods of an app or router that register something and return the same object (Hono's
 * `app.use(…)`, `app.route(…)`, `new Hono().basePath(…)`): a chain of them configures one object.
 */
export const RETURNS_RECEIVER: ReadonlySet<string> = new Set([
  "use", "route", "get", "post", "put", "delete", "patch", "all", "on", "options", "head", "basePath", "mount", "onError", "notFound",
]);

/** Body readers of a Response: their data is not the response's I/O. */
export const BODY_READERS: ReadonlySet<string> = new Set(["json", "text", "arrayBuffer", "blob", "formData", "bytes"]);

/** Methods of a request-state object whose result is again an I/O object. */
/**
 * Methods of a Durable Object namespace that make an id, which its `get` turns into a stub: the id
 * itself holds no I/O and names the same object whoever asks.
 */
export const DO_ID_METHODS: ReadonlySet<string> = new Set(["idFromName", "idFromString", "newUniqueId"]);

export const IO_METHODS: ReadonlySet<string> = new Set(["clone", "tee", "getReader", "getWriter", "pipeThrough", "accept", "bind", "getWebSockets"]);

/** A binding's methods that hand out an object of it at once, no promise (D1's `prepare`, a statement's `bind`, `withSession`): awaited, that object. */
export const HANDED_OUT_METHODS: ReadonlySet<string> = new Set(["prepare", "bind", "withSession"]);

/** Classes whose instances are I/O objects: `x instanceof Response` says `x` is one. */
export const IO_CLASSES: ReadonlySet<string> = new Set([
  "Response", "Request", "ReadableStream", "WritableStream", "TransformStream", "WebSocket",
  "ReadableStreamDefaultReader", "WritableStreamDefaultWriter", "Socket",
]);

/** What `typeof x === "<name>"` says `x` is: a number (not request data) or a string (data, no I/O). */
export const TYPEOF_KINDS: ReadonlyMap<string, "number" | "string" | "function"> = new Map([
  ["number", "number"], ["bigint", "number"], ["boolean", "number"], ["string", "string"], ["function", "function"],
]);

/** `Number.isInteger(x)` and its kin: true only for numbers. */
export const NUMBER_CHECKS: ReadonlySet<string> = new Set(["isInteger", "isSafeInteger", "isFinite", "isNaN"]);

/** A method that configures its receiver with what it is handed (`setToken`, `configure`, `init`, `connect`, `login`), not one that only uses it (`exec`, `send`). */
export const CONFIGURING_METHOD = /^(?:set[A-Z_$]|configure|config$|init|setup|auth(?:$|enticate$|[A-Z])|login|signIn|connect|use(?:$|[A-Z])|register|with[A-Z])/;

/** Members of a request's context that are the same for every request of a route: a Pages plugin's mount options, the function's path. */
export const MOUNT_MEMBERS: ReadonlySet<string> = new Set(["pluginArgs", "functionPath"]);

/** Member keys of a request-state object that are themselves I/O objects. */
export const IO_MEMBERS: ReadonlySet<string> = new Set([
  "body",
  "raw",
  "executionCtx",
  "readable",
  "writable",
  "webSocket",
  "waitUntil",
  "passThroughOnException",
  "event",
  "storage",
  "ctx",
  "socket",
  "request",
  "req",
  "nativeEvent",
  // The request's `AbortSignal`: live, aborted with that request, not data to read.
  "signal",
  // Hono's response so far (`c.res`), and the next handler of the chain (`context.next`).
  "res",
  "next",
  "respondWith",
  // What an email message or a queue message does within its own invocation (`message.forward`, `message.ack`).
  "forward",
  "reply",
  "setReject",
  "ack",
  "retry",
  "ackAll",
  "retryAll",
]);

/**
 * Members of a package's client that hold data it read, not the client (`bot.botInfo` of grammY, the
 * bot's id and name after `bot.init()`): kept, they keep no secret.
 */
export const CLIENT_DATA_MEMBERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["grammy", new Set(["botInfo"])],
  ["telegraf", new Set(["botInfo"])],
]);
