import { describe, expect, it } from "vitest";
import { checkEnvironment } from "../../components/app-environment";
import {
  canonicalUrl,
  catalogChecks,
  configVariables,
  declaredAddons,
  formationProcesses,
  hasDomains,
  protectionFor,
} from "../../components/config/environment";
import { ConfigError } from "../../components/config/errors";
import { parseStackConfig } from "../../components/config/schema";

describe("protectionFor", () => {
  it.each([
    ["production", { app: true, data: true, guard: true }],
    ["staging", { app: false, data: false, guard: false }],
    ["review", { app: false, data: false, guard: false }],
  ] as const)("%s → %j", (environment, expected) => {
    expect(protectionFor(environment)).toEqual(expected);
  });
});

describe("declaredAddons", () => {
  it("lists the configured add-on providers in declaration order", () => {
    expect(
      declaredAddons({ redis: { plan: "redis-sandbox" }, postgresql: { plan: "postgresql-sandbox" } }),
    ).toEqual(["postgresql", "redis"]);
    expect(declaredAddons({})).toEqual([]);
  });
});

describe("formationProcesses", () => {
  it("keys the formation by process type, worker only when configured", () => {
    const web = { amount: 2, size: "L" as const };
    expect(formationProcesses({ web })).toEqual({ web });
    expect(formationProcesses({ web, worker: { amount: 1, size: "M" } })).toEqual({
      web,
      worker: { amount: 1, size: "M" },
    });
  });
});

describe("canonicalUrl and hasDomains", () => {
  const www = { name: "www.example.com", canonical: true };
  const apex = { name: "example.com" };
  it.each([
    [[www, apex], "scaleway", "https://www.example.com"],
    [[apex], "manual", "https://example.com"],
    [[www, apex], "none", undefined],
    [[], "scaleway", undefined],
  ] as const)("%j with %s → %s", (domains, provider, expected) => {
    const config = { domains: [...domains], dns: { provider, zone: "example.com", ttl: 60 } };
    expect(canonicalUrl(config)).toBe(expected);
    expect(hasDomains(config)).toBe(expected !== undefined);
  });
});

describe("checkEnvironment", () => {
  const base = { environment: "staging", app: { name: "shop-staging" } };

  const DEPLOYER = "SCWDEPLOYERACCESSKEY";

  it("accepts a config without clashes", () => {
    expect(() => checkEnvironment(parseStackConfig({ ...base, env: { A: "1" } }), undefined)).not.toThrow();
  });

  it("refuses a bucket variable set by hand while storage is on, before any resource is declared", () => {
    const config = parseStackConfig({ ...base, storage: { enabled: true }, env: { AWS_ACCESS_KEY_ID: "x" } });
    expect(() => checkEnvironment(config, DEPLOYER)).toThrow(ConfigError);
    expect(() => checkEnvironment(config, DEPLOYER)).toThrow(
      "`paasenv:env.AWS_ACCESS_KEY_ID` is set by paasenv itself",
    );
  });

  it("lets the same name through when storage is off", () => {
    expect(() =>
      checkEnvironment(parseStackConfig({ ...base, env: { AWS_ACCESS_KEY_ID: "x" } }), undefined),
    ).not.toThrow();
  });

  it("refuses storage without the deployer's Scaleway access key, which the bucket policy must admit", () => {
    const config = parseStackConfig({ ...base, storage: { enabled: true } });
    expect(() => checkEnvironment(config, undefined)).toThrow(
      "Invalid stack configuration:\n  - `paasenv:storage.enabled` is true, and the bucket policy admits only the " +
        "app and whoever runs Pulumi: set `scaleway:accessKey` (or SCW_ACCESS_KEY) to the access key of the " +
        "Scaleway API key Pulumi uses",
    );
    expect(() => checkEnvironment(config, DEPLOYER)).not.toThrow();
  });
});

describe("catalogChecks", () => {
  it.each([
    ["staging", "paasenv:addons.postgresql.plan", "postgresql-starter-512"],
    ["review", "paasenv:review.plans.postgresql", "postgresql-starter-512"],
  ] as const)("%s: the plans and the keys they come from", (environment, key, plan) => {
    const config = parseStackConfig({
      environment,
      ...(environment === "review" ? { reviewNumber: 2 } : {}),
      app: { name: "shop-staging" },
      addons: { postgresql: { plan } },
    });
    expect(catalogChecks(config)).toEqual({
      addonPlans: { postgresql: plan },
      configKeys: { stack: "paasenv:app.stack", "addonPlans.postgresql": key },
    });
  });
});

describe("configVariables", () => {
  it("resolves placeholders in env and never touches secretEnv", () => {
    const config = parseStackConfig({
      environment: "staging",
      app: { name: "shop-staging" },
      env: { HOSTS: "{{hosts}}", BROKER: "$REDIS_URL" },
      secretEnv: { TOKEN: "{{hosts}}" },
    });
    expect(configVariables(config)).toEqual({
      env: { HOSTS: "shop-staging.osc-fr1.scalingo.io", BROKER: "$REDIS_URL" },
      secretEnv: { TOKEN: "{{hosts}}" },
    });
  });
});
