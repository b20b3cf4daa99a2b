import { describe, expect, it } from "vitest";
import { analysisStats, getAnalysis } from "../../src/engine/analysis";
import { analyse } from "./probe";
import { lint } from "./lint";

const worker = `
let db;
let lastUser;
export default {
  async fetch(request, env) {
    db ??= drizzle(env.DB);
    lastUser = request.headers.get("x-user");
    env.X = 1;
    return new Response("ok");
  },
};
`;

describe("shared analysis", () => {
  it("builds one analysis per file however many rules are on", () => {
    const before = analysisStats.built;
    const messages = lint(worker);
    // why: four rules ran and three reported, yet the file was analysed once
    expect(messages.map((m) => m.ruleId).sort()).toEqual([
      "cloudflare-workers/no-env-in-global-scope",
      "cloudflare-workers/no-env-mutation",
      "cloudflare-workers/no-request-state-in-global-scope",
    ]);
    expect(analysisStats.built - before).toBe(1);
  });

  it("keys the analysis of one file by its settings", () => {
    const { sourceCode } = analyse(worker);
    const asContext = (settings: Record<string, unknown>) => ({ sourceCode, settings }) as unknown as Parameters<typeof getAnalysis>[0];
    const on = getAnalysis(asContext({ "cloudflare-workers": { processEnv: true } }));
    const off = getAnalysis(asContext({ "cloudflare-workers": { processEnv: false } }));
    const onAgain = getAnalysis(asContext({ "cloudflare-workers": { processEnv: true } }));
    if (!on.ok || !off.ok || !onAgain.ok) throw new Error("settings rejected");
    // why: one parse, two settings: each analysis sees its own settings, and equal settings share one
    expect(on.analysis.settings.processEnv).toBe(true);
    expect(off.analysis.settings.processEnv).toBe(false);
    expect(onAgain.analysis).toBe(on.analysis);
    expect(off.analysis).not.toBe(on.analysis);
  });

  it("reports malformed settings once per file instead of crashing, and analyses with the defaults", () => {
    const messages = lint(worker, undefined, { "cloudflare-workers": { envTypeNames: "Env" } });
    expect(messages.map((m) => m.messageId)).toEqual(["invalidSettings", "lazySingleton", "requestDataInModuleScope", "envMutation"]);
    expect(messages[0].message).toContain("envTypeNames must be an array");
  });
});
