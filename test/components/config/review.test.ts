import { describe, expect, it } from "vitest";
import { applyReviewOverrides, canonicalDomain } from "../../../components/config/review";
import { parseStackConfig } from "../../../components/config/schema";

const source = {
  environment: "review",
  reviewNumber: 7,
  app: { name: "myapp-staging", region: "osc-fr1", routerLogs: true },
  processes: { web: { amount: 3, size: "L" }, worker: { amount: 2, size: "M" } },
  addons: {
    postgresql: { plan: "postgresql-starter-512", version: "16" },
    redis: { plan: "redis-starter-256" },
  },
  env: { DJANGO_SETTINGS_MODULE: "myapp.settings.staging" },
  domains: [{ name: "staging.example.com", canonical: true }, { name: "beta.example.com" }],
  storage: { enabled: true },
};

describe("applyReviewOverrides", () => {
  it("applies the review defaults to a copied staging config", () => {
    const config = applyReviewOverrides(parseStackConfig(source));
    expect(config.app.name).toBe("myapp-staging-review-7");
    expect(config.app.routerLogs).toBe(true);
    expect(config.processes).toEqual({ web: { amount: 1, size: "S" } });
    expect(config.addons).toEqual({
      postgresql: { plan: "postgresql-sandbox", version: "16" },
      redis: { plan: "redis-sandbox" },
    });
    expect(config.domains).toEqual([]);
    expect(config.env).toEqual(source.env);
    expect(config.storage.enabled).toBe(true);
  });

  it("follows the copied paasenv:review adjustments", () => {
    const config = applyReviewOverrides(
      parseStackConfig({
        ...source,
        review: { worker: true, domain: true, size: "M", plans: { postgresql: "postgresql-starter-512" } },
      }),
    );
    expect(config.processes).toEqual({ web: { amount: 1, size: "M" }, worker: { amount: 1, size: "M" } });
    expect(config.addons.postgresql?.plan).toBe("postgresql-starter-512");
    expect(config.addons.redis?.plan).toBe("redis-sandbox");
    expect(config.domains).toEqual([{ name: "review-7.staging.example.com", canonical: true }]);
  });

  it("adds no add-on the source does not have", () => {
    const config = applyReviewOverrides(parseStackConfig({ ...source, addons: {} }));
    expect(config.addons).toEqual({});
  });

  it("leaves staging and production untouched", () => {
    const staging = parseStackConfig({ ...source, environment: "staging", reviewNumber: undefined });
    expect(applyReviewOverrides(staging)).toBe(staging);
  });
});

describe("canonicalDomain", () => {
  it.each([
    [[], undefined],
    [[{ name: "a.example.com" }], "a.example.com"],
    [[{ name: "a.example.com" }, { name: "b.example.com", canonical: true }], "b.example.com"],
  ])("%j → %s", (domains, expected) => {
    expect(canonicalDomain(domains)).toBe(expected);
  });
});
