/**
 * What an environment is made of, decided from its validated config alone: the add-ons it declares, its
 * formation, whether it handles custom domains and its canonical URL, what is protected, what the App's catalog
 * check looks up, and its variables. Pure functions; `../app-environment.ts` declares the resources.
 */
import { addonPlans, planConfigKey } from "./addons";
import type { ProcessConfig } from "./app";
import { environmentHosts, resolveVariables } from "./placeholders";
import { canonicalDomain } from "./review";
import type { StackConfig } from "./schema";

/** The add-on providers paasenv manages, in the order they are declared. */
export const ADDON_PROVIDERS = ["postgresql", "redis"] as const;
export type AddonProvider = (typeof ADDON_PROVIDERS)[number];

/**
 * Which resources carry `protect: true`: in production the app, every data-bearing resource and the
 * environment's guard (so a destroy is refused before anything is deleted).
 */
export interface Protection {
  /** The Scalingo app. */
  app: boolean;
  /** PostgreSQL, Redis and the bucket. */
  data: boolean;
  /** The environment's data-loss guard, which a destroy must delete first (`components/data-guard.ts`). */
  guard: boolean;
}

/** The {@link Protection} of an environment: everything in production, nothing elsewhere. */
export function protectionFor(environment: StackConfig["environment"]): Protection {
  const production = environment === "production";
  return { app: production, data: production, guard: production };
}

/** The add-on providers the config declares, in declaration order. */
export function declaredAddons(addons: StackConfig["addons"]): AddonProvider[] {
  return ADDON_PROVIDERS.filter((provider) => addons[provider] !== undefined);
}

/** The formation, keyed by process type: `web`, plus `worker` when configured. */
export function formationProcesses(processes: StackConfig["processes"]): Record<string, ProcessConfig> {
  const { web, worker } = processes;
  return worker ? { web, worker } : { web };
}

/** Whether custom domains are handled at all: some are configured and `paasenv:dns.provider` is not `none`. */
export function hasDomains(config: Pick<StackConfig, "domains" | "dns">): boolean {
  return config.domains.length > 0 && config.dns.provider !== "none";
}

/** `https://<canonical domain>` when domains are handled, else `undefined` (the app's Scalingo URL is used). */
export function canonicalUrl(config: Pick<StackConfig, "domains" | "dns">): string | undefined {
  const canonical = hasDomains(config) ? canonicalDomain(config.domains) : undefined;
  return canonical === undefined ? undefined : `https://${canonical}`;
}

/**
 * What the App's `check` looks up in Scalingo's catalog, with the config keys to name: the stack and every
 * add-on plan. The app is the first resource of the environment (the bucket waits for it too), so an unknown
 * plan stops `up --skip-preview` before anything exists.
 */
export function catalogChecks(config: StackConfig): {
  addonPlans: Record<string, string>;
  configKeys: Record<string, string>;
} {
  const plans = addonPlans(config.addons);
  const configKeys: Record<string, string> = { stack: "paasenv:app.stack" };
  for (const provider of ADDON_PROVIDERS) {
    if (plans[provider] !== undefined)
      configKeys[`addonPlans.${provider}`] = planConfigKey(config.environment, provider);
  }
  return { addonPlans: plans, configKeys };
}

/** `paasenv:env` with its placeholders (`{{hosts}}`, …) resolved for this environment; `secretEnv` as it is. */
export function configVariables(config: StackConfig): Pick<StackConfig, "env" | "secretEnv"> {
  return { env: resolveVariables(config.env, environmentHosts(config)), secretEnv: config.secretEnv };
}
