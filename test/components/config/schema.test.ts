import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../components/config/errors";
import { parseStackConfig } from "../../../components/config/schema";
import { badConfigs } from "./bad-configs";

const base = { environment: "staging", app: { name: "myapp-staging" } };

/** Deep-merge `patch` into the minimal valid config (arrays and scalars replace). */
function withPatch(patch: Record<string, unknown>): Record<string, unknown> {
  const merge = (
    target: Record<string, unknown>,
    source: Record<string, unknown>,
  ): Record<string, unknown> => {
    const out = { ...target };
    for (const [key, value] of Object.entries(source)) {
      const current = out[key];
      out[key] =
        value && typeof value === "object" && !Array.isArray(value) && current && typeof current === "object"
          ? merge(current as Record<string, unknown>, value as Record<string, unknown>)
          : value;
    }
    return out;
  };
  return merge(base, patch);
}

function problemsOf(raw: unknown): string[] {
  try {
    parseStackConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("config was accepted");
}

describe("parseStackConfig defaults", () => {
  it("fills every default of a minimal staging config", () => {
    expect(parseStackConfig(base)).toEqual({
      environment: "staging",
      permitDataLoss: [],
      app: {
        name: "myapp-staging",
        region: "osc-fr1",
        forceHttps: true,
        routerLogs: false,
        stickySession: false,
      },
      processes: { web: { amount: 1, size: "M" } },
      addons: {},
      env: {},
      secretEnv: {},
      domains: [],
      dns: { provider: "manual", ttl: 3600 },
      storage: { enabled: false, region: "fr-par", lifecycleRules: [], corsRules: [] },
      review: {
        worker: false,
        domain: false,
        size: "S",
        plans: { postgresql: "postgresql-sandbox", redis: "redis-sandbox" },
        keep: [],
      },
    });
  });

  it("accepts a review config with its number", () => {
    const config = parseStackConfig({ ...base, environment: "review", reviewNumber: 12 });
    expect(config.reviewNumber).toBe(12);
  });
});

describe("parseStackConfig rejects bad configs, naming the key", () => {
  it.each(badConfigs)("%s", (_label, patch, expected) => {
    const problems = problemsOf(withPatch(patch));
    expect(
      problems.some((problem) => problem.includes(expected)),
      problems.join("\n"),
    ).toBe(true);
  });

  it("has at least 30 cases", () => {
    expect(badConfigs.length).toBeGreaterThanOrEqual(30);
  });

  it("reports every problem at once, one per line", () => {
    const error = (() => {
      try {
        parseStackConfig(withPatch({ environment: "prod", app: { name: "x" } }));
      } catch (caught) {
        return caught as Error;
      }
      return undefined;
    })();
    expect(error?.message).toBe(
      [
        "Invalid stack configuration:",
        '  - `paasenv:environment` must be one of "staging", "production", "review" (got "prod")',
        '  - `paasenv:app.name` must be 6–48 characters long (it has 1) (got "x")',
      ].join("\n"),
    );
  });
});
