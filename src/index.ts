/**
 * eslint-plugin-cloudflare-workers: the plugin object, its rules and its configs.
 * Loaded with `require()` (ESLint 8 `.eslintrc`) and `import` (flat config) alike.
 */
import noEnvInGlobalScope from "../rules/no-env-in-global-scope";
import noEnvMutation from "../rules/no-env-mutation";
import noRequestStateInGlobalScope from "../rules/no-request-state-in-global-scope";
import noTopLevelEnvDerivation from "../rules/no-top-level-env-derivation";
import type { PluginRule } from "./create-rule";

import { readPackage } from "./package-info";

const pkg = readPackage();

const PREFIX = "cloudflare-workers";

const rules: Record<string, PluginRule> = {
  "no-env-in-global-scope": noEnvInGlobalScope,
  "no-env-mutation": noEnvMutation,
  "no-request-state-in-global-scope": noRequestStateInGlobalScope,
  "no-top-level-env-derivation": noTopLevelEnvDerivation,
};

/** `recommended` rules, from each rule's `meta.docs.recommended`. */
function recommendedRules(): Record<string, "error"> {
  const out: Record<string, "error"> = {};
  for (const [name, rule] of Object.entries(rules)) {
    if (rule.meta.docs?.recommended) out[`${PREFIX}/${name}`] = "error";
  }
  return out;
}

interface Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, PluginRule>;
  configs: {
    recommended: { name: string; plugins: Record<string, unknown>; rules: Record<string, "error"> };
    "legacy-recommended": { plugins: string[]; rules: Record<string, "error"> };
  };
}

const plugin: Plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: PREFIX },
  rules,
  configs: {} as Plugin["configs"],
};

plugin.configs.recommended = {
  name: `${PREFIX}/recommended`,
  plugins: { [PREFIX]: plugin },
  rules: recommendedRules(),
};
plugin.configs["legacy-recommended"] = {
  plugins: [PREFIX],
  rules: recommendedRules(),
};

export = plugin;

// Node's ESM loader finds a CommonJS file's named exports by reading `module.exports.x = …`
// assignments; these name `meta`, `rules` and `configs` for it, so that
// `import { configs } from "eslint-plugin-cloudflare-workers"` works as the types allow. (tsc emits
// `module.exports = plugin` after them; the values read are the plugin's own.)
module.exports.meta = plugin.meta;
module.exports.rules = plugin.rules;
module.exports.configs = plugin.configs;
