import { describe, expect, it } from "vitest";
import {
  canonicalUrl,
  checkEnvironment,
  declaredAddons,
  formationProcesses,
  hasDomains,
  protectionFor,
} from "../../components/app-environment";
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

  it("accepts a config without clashes", () => {
    expect(() => checkEnvironment(parseStackConfig({ ...base, env: { A: "1" } }))).not.toThrow();
  });

  it("refuses a bucket variable set by hand while storage is on, before any resource is declared", () => {
    const config = parseStackConfig({ ...base, storage: { enabled: true }, env: { AWS_ACCESS_KEY_ID: "x" } });
    expect(() => checkEnvironment(config)).toThrow(ConfigError);
    expect(() => checkEnvironment(config)).toThrow(
      "`paasenv:env.AWS_ACCESS_KEY_ID` is set by paasenv itself",
    );
  });

  it("lets the same name through when storage is off", () => {
    expect(() =>
      checkEnvironment(parseStackConfig({ ...base, env: { AWS_ACCESS_KEY_ID: "x" } })),
    ).not.toThrow();
  });
});
