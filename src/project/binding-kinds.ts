/**
 * What each binding of a Worker config is, as data: the config sections that declare bindings,
 * the field that names each binding, and the kind a message calls it by. (The kinds binding types
 * name are the engine's `BINDING_TYPE_KINDS`.)
 */
import { BINDING_TYPE_KINDS, VAR_KIND, binding, type BindingKind } from "../engine/shape";

/** A text binding: a var of the config. */
export const VAR: BindingKind = VAR_KIND;
/** A secret: named in `.dev.vars`, `.env` or `secrets.required`. */
export const SECRET: BindingKind = BINDING_TYPE_KINDS.get("string")!;
/** The static assets of a Pages project or an assets binding. */
export const ASSETS: BindingKind = { shape: "binding", label: "assets" };
/** The KV namespace of a Workers Sites project's assets. */
export const SITE_CONTENT: BindingKind = { shape: "binding", label: "KV namespace" };
/** A member of the generated `Env` whose type says nothing more. */
export const UNKNOWN: BindingKind = { shape: "value", label: null };

/**
 * Config sections whose entries (an array, or one object) each declare one binding, with the field
 * that holds its name. A path with a dot is a section inside a section (`durable_objects.bindings`).
 * Any other section whose entries have a string `binding` field counts as well (a binding type newer
 * than this table), as a binding of no particular kind.
 */
export const BINDING_SECTIONS: readonly { path: string; field: "binding" | "name"; kind: BindingKind }[] = [
  { path: "kv_namespaces", field: "binding", kind: binding("KV namespace") },
  { path: "d1_databases", field: "binding", kind: binding("D1 database") },
  { path: "r2_buckets", field: "binding", kind: binding("R2 bucket") },
  { path: "durable_objects.bindings", field: "name", kind: binding("Durable Object namespace") },
  { path: "services", field: "binding", kind: binding("service") },
  { path: "queues.producers", field: "binding", kind: binding("queue") },
  // A client built from its `connectionString` holds a socket to the database.
  { path: "hyperdrive", field: "binding", kind: binding("Hyperdrive", { socket: true }) },
  { path: "ai", field: "binding", kind: binding("Workers AI") },
  { path: "vectorize", field: "binding", kind: binding("Vectorize index") },
  { path: "analytics_engine_datasets", field: "binding", kind: binding("Analytics Engine dataset") },
  { path: "secrets_store_secrets", field: "binding", kind: binding("Secrets Store secret", { secretStore: true }) },
  { path: "workflows", field: "binding", kind: binding("Workflow") },
  { path: "browser", field: "binding", kind: binding("Browser Rendering") },
  { path: "images", field: "binding", kind: binding("Images") },
  { path: "media", field: "binding", kind: binding("Media") },
  { path: "dispatch_namespaces", field: "binding", kind: binding("dispatch namespace") },
  { path: "mtls_certificates", field: "binding", kind: binding("mTLS certificate") },
  { path: "send_email", field: "name", kind: binding("send email") },
  { path: "version_metadata", field: "binding", kind: binding("version metadata") },
  { path: "assets", field: "binding", kind: ASSETS },
  { path: "unsafe.bindings", field: "name", kind: binding("unsafe") },
  { path: "ratelimits", field: "name", kind: binding("rate limit") },
  { path: "pipelines", field: "binding", kind: binding("pipeline") },
  { path: "worker_loaders", field: "binding", kind: binding("Worker Loader") },
  { path: "vpc_services", field: "binding", kind: binding("VPC service") },
  { path: "ai_search_namespaces", field: "binding", kind: binding("AI Search namespace") },
  { path: "logfwdr.bindings", field: "name", kind: binding("logfwdr") },
];

/** Sections whose keys are binding names: `[vars]`, and the modules of service-worker syntax. */
export const KEYED_SECTIONS: readonly { path: string; kind: BindingKind }[] = [
  { path: "vars", kind: VAR },
  { path: "text_blobs", kind: VAR },
  { path: "wasm_modules", kind: binding("WebAssembly module") },
  { path: "data_blobs", kind: binding("data blob") },
];

