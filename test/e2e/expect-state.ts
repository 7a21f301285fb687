/**
 * The emulator's view of one app reduced to what a stack config decides, and the same reduction computed
 * from the config (through the real zod schema, defaults included): the tests compare the two with
 * `toEqual`, so "matches the config exactly" means it.
 */

import { type ConfigJson, configValues } from "../../cli/lib/stack-config";
import { canonicalDomain } from "../../components/config/review";
import { fromPulumiConfig, parseStackConfig } from "../../components/config/schema";
import type { StoredApp } from "./harness";

/** The variables each add-on injects (the emulator's `<PROVIDER>_URL` and its alias). */
export const ADDON_VARIABLES: Record<string, readonly string[]> = {
  postgresql: ["DATABASE_URL", "SCALINGO_POSTGRESQL_URL"],
  redis: ["REDIS_URL", "SCALINGO_REDIS_URL"],
};
const INJECTED = Object.values(ADDON_VARIABLES).flat();

/** One app as the config sees it. */
export interface EnvironmentView {
  app: { name: string; force_https: boolean; router_logs: boolean; sticky_session: boolean };
  /** Process type → `"<amount>×<size>"`. */
  formation: Record<string, string>;
  /** Add-on provider → plan. */
  addons: Record<string, string>;
  /** Variables paasenv manages, with their values. */
  variables: Record<string, string>;
  /** Names of the variables the add-ons injected, sorted. */
  addonVariables: string[];
  /** Domain name → canonical. */
  domains: Record<string, boolean>;
}

/** The stored app as an {@link EnvironmentView}. */
export function viewOfApp(stored: StoredApp): EnvironmentView {
  const { app } = stored;
  return {
    app: {
      name: app.name,
      force_https: app.force_https,
      router_logs: app.router_logs,
      sticky_session: app.sticky_session,
    },
    formation: Object.fromEntries(stored.containers.map((c) => [c.name, `${c.amount}×${c.size}`])),
    addons: Object.fromEntries(
      stored.addons.map((a) => [a.addon_provider.id.replace(/^scalingo-/, ""), a.plan.name]),
    ),
    variables: Object.fromEntries(
      stored.variables.filter((v) => !INJECTED.includes(v.name)).map((v) => [v.name, v.value]),
    ),
    addonVariables: stored.variables
      .filter((v) => INJECTED.includes(v.name))
      .map((v) => v.name)
      .sort(),
    domains: Object.fromEntries(stored.domains.map((d) => [d.name, d.canonical])),
  };
}

/** What the emulator must hold for a staging or production `config` with custom domains handled. */
export function viewOfConfig(config: ConfigJson): EnvironmentView {
  const { app, processes, addons, env, secretEnv, domains } = parseStackConfig(
    fromPulumiConfig(configValues(config)),
  );
  const canonical = canonicalDomain(domains);
  const appUrl =
    canonical === undefined ? `https://${app.name}.${app.region}.scalingo.io` : `https://${canonical}`;
  const providers = Object.entries(addons).filter(([, addon]) => addon !== undefined);
  return {
    app: {
      name: app.name,
      force_https: app.forceHttps,
      router_logs: app.routerLogs,
      sticky_session: app.stickySession,
    },
    formation: Object.fromEntries(
      Object.entries(processes).flatMap(([name, p]) => (p ? [[name, `${p.amount}×${p.size}`]] : [])),
    ),
    addons: Object.fromEntries(providers.map(([provider, addon]) => [provider, addon?.plan])),
    variables: { ...env, ...secretEnv, APP_URL: appUrl },
    addonVariables: providers.flatMap(([provider]) => ADDON_VARIABLES[provider] ?? []).sort(),
    domains: Object.fromEntries(domains.map((d) => [d.name, d.name === canonical])),
  };
}
