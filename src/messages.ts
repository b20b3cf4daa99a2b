/**
 * Wording shared by the rules: the one hazard each kind of value brings, and how an origin is
 * named. A rule's own message templates stay in its file; the long story (and the fix for each
 * kind of place) is in the rule's docs, linked from `docs.url`.
 */
import type { BindingKind, Shape } from "./engine/shape";

/** The longest a one-line message may be; longer names are shortened in the middle to fit. */
export const MAX_MESSAGE_LENGTH = 160;

export const HAZARD: Record<Shape, string> = {
  env: "it holds that request's bindings, stale after a deploy",
  closure: "the closure holds that request's `env`, stale after a deploy",
  client: "it keeps a stale secret, and any connection it holds fails later",
  socket: 'other requests fail: "Cannot perform I/O on behalf of a different request"',
  http: "the client keeps its secret, stale after a deploy",
  binding: "it keeps the binding of the deploy that stored it",
  stub: "once a call on the stub throws, every later request's calls on it fail too",
  secret: "it keeps the secret or var of the deploy that stored it",
  storeSecret: "it keeps the secret's value, stale once the secret is rotated",
  value: "it keeps a binding or secret of the deploy that stored it",
  data: "later requests get that copy, stale once the binding's data changes",
  pending: "other requests that await that request's pending read can hang or fail",
};

/**
 * The hazard of a value, named by the kind of binding it came from when the Worker's config says
 * (`it keeps the D1 database binding of …`, `it keeps the var of …`).
 */
export function hazardOf(shape: Shape, kind: BindingKind | undefined): string {
  if (kind?.label && shape === "binding" && kind.shape === "binding") return `it keeps the ${kind.label} binding of the deploy that stored it`;
  if (kind?.label && shape === "secret" && kind.shape === "secret") return `it keeps the ${kind.label} of the deploy that stored it`;
  // A closure over one var or secret (`signerFor(env.API_KEY)`), not over the whole of `env`.
  if (kind?.label && shape === "closure" && kind.shape === "secret") return `the closure keeps the ${kind.label} of the deploy that stored it`;
  // An HTTP client built from one var or secret the config names (`createRemoteJWKSet(new URL(env.ISSUER))`).
  if (kind?.label && shape === "http" && kind.shape === "secret") return `the client keeps the ${kind.label} it was built with, stale after a deploy`;
  return HAZARD[shape];
}

/** How a message names where a value came from: data read through a binding says so. */
export function originOf(taint: { origin: string; bindingData?: boolean }): string {
  return taint.bindingData ? `data read through ${quote(taint.origin)}` : quote(taint.origin);
}

/** How a message names an origin: in code quotes, unless it is a phrase ("a closure over `env`"). */
export function quote(origin: string): string {
  // (A label already in code quotes, `` `env.KEY` via `getKey()` ``, stays as it is.)
  return origin.startsWith("a ") || origin.startsWith("`") ? origin : `\`${origin}\``;
}

/**
 * Placeholders never shortened: the message's own wording, where another file's store is
 * (`./services/billing/stripe-client.ts:2`), which an editor or a reader must be able to open, and
 * the function called (`ProviderInitializer.initializeProvider`), which a reader looks for.
 */
const WORDING = new Set(["hazard", "event", "kind", "where", "file", "line", "callee"]);

/** Placeholders whose start says what matters (a settings error names its key first): cut at the end. */
const CUT_AT_END = new Set(["error"]);

/**
 * Which names are cut, and how far. A name is cut only where it is long (a chain of calls, a deep
 * path), never the short names that say what the message is about (`this.src`, `env.API_URL`,
 * `settings`): a message whose names are all short stays longer than {@link MAX_MESSAGE_LENGTH}
 * rather than become unreadable. A name (with its quotes) longer than `LONG_NAME` may be cut, and a
 * code span inside one longer than `LONG_SPAN`: first to no fewer than `[name, span]` characters of
 * the first floor, then, if the message is still too long, of the second.
 */
const LONG_NAME = 32;
const LONG_TARGET = 48;
const LONG_SPAN = 30;
const FLOORS = [
  [24, 22],
  [16, 14],
] as const;

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** A template with its placeholders filled, as ESLint renders it. */
export function renderMessage(template: string, data: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (all, key: string) => (key in data ? data[key] : all));
}

/**
 * The data of a message, with the longest names shortened in the middle (`env.CLOUDFLA…API_TOKEN`)
 * until the rendered message fits {@link MAX_MESSAGE_LENGTH}, or no name is long enough to cut
 * further. The wording (hazard, event, kind) stays.
 */
export function fitMessage(template: string, data: Readonly<Record<string, string>>, max = MAX_MESSAGE_LENGTH): Record<string, string> {
  const out = { ...data };
  let over = renderMessage(template, data).length - max;
  if (over <= 0) return out;
  const uses = new Map<string, number>();
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m[1] in out && !WORDING.has(m[1])) uses.set(m[1], (uses.get(m[1]) ?? 0) + 1);
  }
  for (const [minName, minSpan] of FLOORS) {
    // (The place a value is kept is what a reader looks for: cut no further than the first floor.)
    const open = new Set([...uses.keys()].filter((k) => minName === FLOORS[0][0] || k !== "target"));
    while (over > 0 && open.size > 0) {
      // The longest name first, down to the next longest (or as far as needed): long names end up
      // about as long as each other, short ones stay whole.
      const [longest, second] = [...open].sort((a, b) => out[b].length - out[a].length);
      const length = out[longest].length;
      const times = uses.get(longest)!;
      const floor = second === undefined ? 0 : Math.min(length - 1, out[second].length);
      const goal = Math.max(minName, floor, length - Math.ceil(over / times));
      // (The place a value is kept is cut only when it is very long: `ResponseProcessor.items_per_page` stays whole.)
      const short = data[longest].length <= (longest === "target" ? LONG_TARGET : LONG_NAME);
      const next = short ? out[longest] : CUT_AT_END.has(longest) ? `${out[longest].slice(0, Math.max(goal, 3) - 1)}…` : shorten(data[longest], goal, minSpan);
      // A short name, or one cut as far as it goes, is left as it is.
      if (next.length >= length) {
        open.delete(longest);
        continue;
      }
      out[longest] = next;
      over -= (length - next.length) * times;
    }
  }
  return out;
}

/**
 * A name shortened to about `length` characters with an ellipsis in the middle. Inside text with
 * code spans (`` `this.items` (`this` is …) ``), the longest spans are cut and the quotes and the
 * words between them kept; a name that cannot be cut so comes back as it is.
 */
export function shorten(text: string, length: number, minSpan: number = FLOORS[0][1]): string {
  let out = text;
  for (;;) {
    if (out.length <= length) return out;
    const spans = [...out.matchAll(/`([^`]+)`/g)];
    if (spans.length === 0) return middle(out, Math.max(length, 3));
    // A long span, or one cut already (it was long), down to `minSpan`.
    // (Not a read cut to its root and binding already, `context.…SESSION_SECRET`: nothing is left to cut.)
    const span = spans
      .filter((m) => !BINDING_READ_CUT.test(m[1]) && (m[1].length > LONG_SPAN || (m[1].includes("…") && m[1].length > minSpan)))
      .sort((a, b) => b[1].length - a[1].length)[0];
    if (!span) return out;
    const keep = Math.max(minSpan, span[1].length - (out.length - length));
    const start = span.index! + 1;
    // (A span that cannot be cut shorter is left: every turn must shorten the text, or end.)
    const cut = middle(span[1], keep);
    if (cut.length >= span[1].length) return out;
    out = out.slice(0, start) + cut + out.slice(start + span[1].length);
  }
}

/** A read of a binding cut to its root and the binding's name (`context.…SESSION_SECRET`), or after it (`c.env.HYPERDRIVE.…`), or off an accessor's call (`env(…).TOKEN`). */
const BINDING_READ_CUT = /^[\w$]+\.…[\w$]+$|(?:^|\.)env\.[\w$]+\.…$|^[\w$]+\(…\)\.[\w$]+$/;

/**
 * `text` cut to `length` characters, the middle replaced by one ellipsis: after the binding a chain
 * reads off env (`env.HYPERDRIVE.…String`, `locals.…nv.MP_URL`), keeping its name whole; anywhere
 * else between characters.
 */
function middle(text: string, length: number): string {
  if (text.length <= length) return text;
  const members = atMembers(text, length);
  if (members) return members;
  // A binding read off an accessor's call (`env(context).UPSTASH_REDIS_TOKEN`): the call's arguments
  // go, the binding's name stays whole.
  const read = /^([\w$]+)\([^()]*\)\.([\w$]+)$/.exec(text);
  if (read && read[2].length <= LONG_NAME) return `${read[1]}(…).${read[2]}`;
  // A call's arguments go first (`pagesService.getBySlug(params.slug, …).id` → `pagesService.getBySlug(…).id`).
  const called = text.replace(/\((?:[^()]|\([^()]*\))+\)/g, "(…)");
  if (called !== text) return middle(called, length);
  const keep = length - 1;
  const head = Math.ceil(keep / 2);
  // The end from a member's start when one is a few characters before (`learningState…incorrectAnswers`,
  // never `…rrectAnswers`, which reads as another word), a word's start (`_`, a capital) else.
  const from = text.length - (keep - head);
  const near = (test: (at: number) => boolean) => [0, 1, 2, 3, 4, 5, 6].map((d) => from - d).find((at) => head - (from - at) >= 4 && test(at));
  const code = !/[\s/\\…]/.test(text); // (not a path, a sentence, or a name cut already)
  const at = (code && (near((i) => text[i - 1] === ".") ?? near((i) => text[i - 1] === "_" || (/[A-Z]/.test(text[i]) && /[a-z0-9]/.test(text[i - 1]))))) || from;
  // (The head gives up what the end takes.)
  return `${text.slice(0, head - (from - at))}…${text.slice(at)}`;
}

/**
 * A chain of members through `env` cut after its head: the chain up to the member read off `env`
 * (or its first member, when that member ends it) kept whole, then as much of its end as fits
 * from a word's start (`env.HYPERDRIVE.…String`, or `env.HYPERDRIVE.…` when no word fits). Null
 * when the head itself does not fit, and for a label that has an ellipsis already (`init(…)`).
 */
function atMembers(text: string, length: number): string | null {
  // (Not a path, a sentence or a label with spaces: only a chain of members.)
  if (/[\s/\\…]/.test(text)) return null;
  const parts = text.split(".");
  if (parts.length < 3) return null;
  // Only a read off env: its binding's name is what the message must keep.
  const envAt = parts.indexOf("env");
  if (envAt < 0) return null;
  const head = `${parts.slice(0, envAt + 2 < parts.length ? envAt + 2 : 1).join(".")}.`;
  const room = length - head.length - 1;
  // (A head a little over `length` stays whole, `c.env.HYPERDRIVE.…`, rather than cut the binding's name.)
  if (room < 0) return envAt + 2 < parts.length && head.length <= LONG_NAME ? `${head}…` : null;
  // A chain that ends at the binding (`context.cloudflare.env.SESSION_SECRET`) keeps the binding's
  // name whole (a short one), a little over `length` if need be: never `context.…` or `context.…SECRET`.
  // (Not to save a few characters only: `process.…SECRET` for `process.env.SECRET` hides what it reads.)
  if (envAt + 2 >= parts.length && parts[parts.length - 1].length <= 32) return text.length - head.length - parts[parts.length - 1].length > 5 ? `${head}…${parts[parts.length - 1]}` : text;
  // The end from a word's start (a member, or a capital or `_` inside one: `String` of
  // `connectionString`), never a piece of a word; none when no word fits.
  for (let at = Math.max(head.length, text.length - room); at < text.length; at++) {
    if (text[at - 1] === "." || text[at - 1] === "_" || (/[A-Z]/.test(text[at]) && /[a-z0-9]/.test(text[at - 1]))) return `${head}…${text.slice(at)}`;
  }
  return `${head}…`;
}
