/**
 * eslint-plugin-cloudflare-workers: the plugin object, its rules and its configs.
 * Loaded with `require()` (ESLint 8 `.eslintrc`) and `import` (flat config) alike.
 */
import noEnvInGlobalScope from "../rules/no-env-in-global-scope";
import noEnvMutation from "../rules/no-env-mutation";
import noRequestStateInGlobalScope from "../rules/no-request-state-in-global-scope";
import noTopLevelEnvDerivation from "../rules/no-top-level-env-derivation";
import noUnknownBinding from "../rules/no-unknown-binding";
import type { ESLint, Rule } from "eslint";
import type { PluginRule } from "./create-rule";

import { createConfigs, PREFIX, type Configs } from "./configs";
import { readPackage } from "./package-info";

const pkg = readPackage();

type RuleName =
  | "no-env-in-global-scope"
  | "no-env-mutation"
  | "no-request-state-in-global-scope"
  | "no-top-level-env-derivation"
  | "no-unknown-binding";

const ruleModules: Record<RuleName, PluginRule> = {
  "no-env-in-global-scope": noEnvInGlobalScope,
  "no-env-mutation": noEnvMutation,
  "no-request-state-in-global-scope": noRequestStateInGlobalScope,
  "no-top-level-env-derivation": noTopLevelEnvDerivation,
  "no-unknown-binding": noUnknownBinding,
};

/**
 * The plugin as ESLint sees it. Its rules are typed as ESLint's `Rule.RuleModule` (they are built
 * with typescript-eslint's rule types, which the published types do not depend on).
 */
interface CloudflareWorkersPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<RuleName, Rule.RuleModule>;
  configs: Configs;
}

const rules = ruleModules as unknown as Record<RuleName, Rule.RuleModule>;

const plugin: CloudflareWorkersPlugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: PREFIX },
  rules,
  configs: {} as Configs,
};
plugin.configs = createConfigs(plugin, rules);

export = plugin;

// Node's ESM loader finds a CommonJS file's named exports by reading `module.exports.x = …`
// assignments; these name `meta`, `rules` and `configs` for it, so that
// `import { configs } from "eslint-plugin-cloudflare-workers"` works as the types allow. (tsc emits
// `module.exports = plugin` after them; the values read are the plugin's own.)
module.exports.meta = plugin.meta;
module.exports.rules = plugin.rules;
module.exports.configs = plugin.configs;
