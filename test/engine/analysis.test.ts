import { describe, expect, it } from "vitest";
import { analysisStats } from "../../src/engine/analysis";
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

  it("builds a new analysis when the settings differ", () => {
    const before = analysisStats.built;
    lint(worker, undefined, { "cloudflare-workers": { processEnv: true } });
    lint(worker, undefined, { "cloudflare-workers": { processEnv: false } });
    // why: two lints of two parses: two analyses, one each
    expect(analysisStats.built - before).toBe(2);
  });

  it("reports malformed settings once per file instead of crashing, and analyses with the defaults", () => {
    const messages = lint(worker, undefined, { "cloudflare-workers": { envTypeNames: "Env" } });
    expect(messages.map((m) => m.messageId)).toEqual(["invalidSettings", "lazySingleton", "requestDataInModuleScope", "envMutation"]);
    expect(messages[0].message).toContain("envTypeNames must be an array");
  });
});
