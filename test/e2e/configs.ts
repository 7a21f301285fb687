/**
 * Stack configurations of the end-to-end tests, written with the same helpers the demo uses. Values the
 * tests look for in stack exports are distinctive, so a match is never a coincidence.
 */
import { type ConfigJson, configFromValues } from "../../cli/lib/stack-config";

/**
 * A plain variable value: encrypted in the Variables resource, in clear only in the stack file and in the
 * default provider's inputs (docs/safety.md, "What is encrypted where").
 */
export const PLAIN_VALUE = "e2e-plain-value-9b2d7";
/** A secret variable value (`paasenv:secretEnv`). */
export const SECRET_VALUE = "e2e-secret-value-5f3c1";

/** The `paasenv:` values of a full staging environment named `appName`: app, web+worker, both add-ons, variables, a domain. */
export function fullValues(appName: string): Record<string, unknown> {
  return {
    "paasenv:environment": "staging",
    "paasenv:app": {
      name: appName,
      region: "osc-fr1",
      stack: "scalingo-24",
      forceHttps: true,
      routerLogs: true,
      stickySession: false,
    },
    "paasenv:processes": { web: { amount: 1, size: "M" }, worker: { amount: 1, size: "M" } },
    "paasenv:addons": {
      postgresql: { plan: "postgresql-starter-512", version: "16" },
      redis: { plan: "redis-starter-256" },
    },
    "paasenv:env": { DJANGO_SETTINGS_MODULE: PLAIN_VALUE, WEB_CONCURRENCY: "2" },
    "paasenv:secretEnv": { SECRET_KEY: SECRET_VALUE },
    "paasenv:domains": [{ name: `${appName}.example.com`, canonical: true }],
    "paasenv:dns": { provider: "manual" },
  };
}

/** {@link fullValues} as a stack configuration, `paasenv:secretEnv` secret. */
export function fullConfig(appName: string, changes: Record<string, unknown> = {}): ConfigJson {
  return configFromValues({ ...fullValues(appName), ...changes }, ["paasenv:secretEnv"]);
}

/** A production-like environment the tests can run offline: storage off, no DNS records. */
export function productionConfig(appName: string, changes: Record<string, unknown> = {}): ConfigJson {
  return configFromValues({
    "paasenv:environment": "production",
    "paasenv:app": { name: appName, region: "osc-fr1", forceHttps: true },
    "paasenv:processes": { web: { amount: 2, size: "M" } },
    "paasenv:addons": { postgresql: { plan: "postgresql-business-1024" } },
    "paasenv:env": { DJANGO_SETTINGS_MODULE: "prod.settings" },
    "paasenv:dns": { provider: "none" },
    ...changes,
  });
}
