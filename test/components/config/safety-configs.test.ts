/** The further bad configs of `safety-configs.ts`: whole messages, every problem, no secret shown. */
import { describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../../components/config/errors";
import { checkedConfig } from "../../../components/config/load";
import { parseStackConfig } from "../../../components/config/schema";
import { badConfigs } from "./bad-configs";
import { NON_FINITE_CONFIGS, SAFETY_CONFIGS } from "./safety-configs";

const BASE = { "paasenv:environment": "staging", "paasenv:app": { name: "myapp-staging" } };

/** Pulumi's flat form of a stack file's `config:` block. */
const flat = (values: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  );

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("the config was accepted");
}

describe("further bad configs, refused before any API call with the key, the value and what is allowed", () => {
  it.each(SAFETY_CONFIGS)("%s", (_label, patch, secretKeys, expected) => {
    const warn = vi.fn();
    const problems = problemsOf(() =>
      checkedConfig({ all: flat({ ...BASE, ...patch }), isSecret: (key) => secretKeys.includes(key), warn }),
    );
    expect(problems).toEqual(expected);
    expect(problems.join("\n")).not.toContain("SECRET-VALUE");
    expect(warn).not.toHaveBeenCalled();
  });

  it.each(NON_FINITE_CONFIGS)("%s", (_label, patch, expected) => {
    const raw = { environment: "staging", app: { name: "myapp-staging" }, ...patch };
    expect(problemsOf(() => parseStackConfig(raw))).toEqual([expected]);
  });

  it.each([
    ["DATABASE_URL without a PostgreSQL add-on", { "paasenv:env": { DATABASE_URL: "$EXTERNAL_DB" } }],
    [
      "Scalingo's other variables beside both add-ons",
      {
        "paasenv:addons": { postgresql: { plan: "postgresql-sandbox" }, redis: { plan: "redis-sandbox" } },
        "paasenv:env": {
          SCALINGO_STATIC_ERROR_PAGE_URL: "https://e.example.com",
          CELERY_BROKER_URL: "$REDIS_URL",
        },
      },
    ],
    ["a secret-looking env name outside production (a warning only)", { "paasenv:env": { API_TOKEN: "t" } }],
    ["placeholders, spaces inside the braces", { "paasenv:env": { HOSTS: "{{ hosts }}", URL: "{{url}}" } }],
  ])("accepts %s", (_label, patch) => {
    expect(() =>
      checkedConfig({ all: flat({ ...BASE, ...patch }), isSecret: () => false, warn: vi.fn() }),
    ).not.toThrow();
  });

  it("are at least 30 more, beside the existing ones", () => {
    expect(SAFETY_CONFIGS.length + NON_FINITE_CONFIGS.length).toBeGreaterThanOrEqual(30);
    expect(badConfigs.length).toBeGreaterThanOrEqual(30);
  });
});
