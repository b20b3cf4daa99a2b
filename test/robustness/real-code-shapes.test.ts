/**
 * Shapes met when running `scripts/lint-folder.mjs` over public Workers repositories
 * (cloudflare/templates, cloudflare/workers-sdk, honojs/examples), reduced to a few lines and
 * rewritten here. Each asserts what the rules should say: the true positives stay reported, the
 * false alarms stay silent. Lines ending in `// expect: <rule>` are the only reports.
 */
import { describe, expect, it } from "vitest";
import { expectedFromMarkers, reportsFor } from "./harness";

const ENV = "no-env-in-global-scope";
const TOP = "no-top-level-env-derivation";
const MUT = "no-env-mutation";

interface Shape {
  name: string;
  code: string;
  ts?: boolean;
}

const TRUE_POSITIVES: Shape[] = [
  {
    name: "a top-level API client built from the imported env",
    code: `
import { env } from "cloudflare:workers";
import { Octokit } from "@octokit/rest";
export const github = new Octokit({ auth: env.GITHUB_TOKEN }); // expect: ${TOP}
export function handler() { return github; }`,
  },
  {
    name: "Hono middleware hanging a per-request database client on the shared c.env",
    code: `
import { Hono } from "hono";
import postgres from "postgres";
const app = new Hono();
app.use("*", async (c, next) => {
  const sql = postgres(c.env.HYPERDRIVE.connectionString);
  c.env.SQL = sql; // expect: ${MUT}
  await next();
  c.executionCtx.waitUntil(sql.end());
});
export default app;`,
  },
  {
    name: "a per-isolate decision computed once from an env variable",
    ts: true,
    code: `
let featureOff: boolean | null = null;
export async function maybeSeed(env: Env) {
  if (featureOff === null) {
    featureOff = (env.SEED ?? "true").toLowerCase() === "false"; // expect: ${ENV}
  }
  return featureOff;
}`,
  },
];

const FALSE_ALARMS: Shape[] = [
  {
    name: "a listener on a fresh object made by a module's factory method is not module state",
    code: `
import readline from "node:readline";
export function watch(env) {
  const lines = readline.createInterface(process.stdin);
  lines.on("line", (line) => console.log(env.PREFIX, line));
}`,
  },
  {
    name: "an exported class whose constructor takes two parameters is not a Durable Object by that alone",
    code: `
let lastDirectory;
export class Command {
  constructor(command, options) {
    lastDirectory = options.cwd;
  }
}`,
  },
  {
    name: "writing onto the imported env is reported once, as a mutation",
    code: `
import { env } from "cloudflare:workers";
export function swapAssets(replacement) {
  const saved = env.ASSETS;
  env.ASSETS = replacement; // expect: ${MUT}
  return () => {
    env.ASSETS = saved; // expect: ${MUT}
  };
}`,
  },
  {
    name: "data read from a fetch() body through a stream reader is fetched data, like .text()",
    code: `
const log = [];
export default {
  async fetch(request, env) {
    const upstream = await fetch("https://example.com/feed");
    const reader = upstream.body.getReader();
    const { value } = await reader.read();
    log.push(new TextDecoder().decode(value));
    const again = await fetch("https://example.com/feed");
    log.push(await again.text());
    return new Response("ok");
  },
};`,
  },
];

describe("shapes from real repositories", () => {
  for (const shape of TRUE_POSITIVES) {
    it(`reported: ${shape.name}`, () => {
      const code = shape.code.replace(/^\n/, "");
      expect(reportsFor(code, { ts: shape.ts })).toEqual(expectedFromMarkers(code));
    });
  }
  for (const shape of FALSE_ALARMS) {
    it(`not a leak: ${shape.name}`, () => {
      const code = shape.code.replace(/^\n/, "");
      expect(reportsFor(code, { ts: shape.ts })).toEqual(expectedFromMarkers(code));
    });
  }
});
