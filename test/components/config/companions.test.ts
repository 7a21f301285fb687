/** `paasenv:companions`: Metabase's defaults, and every refusal naming the key, the value and what is allowed. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_METABASE_VERSION,
  METABASE_SIZES,
  metabaseArchiveUrl,
} from "../../../components/config/companions";
import { ConfigError } from "../../../components/config/errors";
import { APP_NAME_MAX, appNameProblem, companionAppName } from "../../../components/config/naming";
import { parseStackConfig } from "../../../components/config/schema";

const base = {
  environment: "staging",
  app: { name: "shop-staging" },
  addons: { postgresql: { plan: "postgresql-starter-512" } },
};

function problemsOf(raw: Record<string, unknown>): string[] {
  try {
    parseStackConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const withMetabase = (metabase: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  ...base,
  companions: { metabase },
  ...extra,
});

describe("paasenv:companions.metabase", () => {
  it("defaults to the pinned archive commit, one L container and a starter PostgreSQL", () => {
    expect(parseStackConfig(withMetabase({})).companions.metabase).toEqual({
      version: DEFAULT_METABASE_VERSION,
      size: "L",
      amount: 1,
      plan: "postgresql-starter-512",
      keyRotation: "",
    });
    expect(parseStackConfig(base).companions).toEqual({});
    expect(metabaseArchiveUrl("v1.0.0")).toBe(
      "https://github.com/Scalingo/metabase-scalingo/archive/v1.0.0.tar.gz",
    );
    expect(METABASE_SIZES).toEqual(["L", "XL", "2XL", "3XL"]);
  });

  it.each([
    [
      { size: "M" },
      "`paasenv:companions.metabase.size` must be one of L, XL, 2XL, 3XL: Metabase's metaspace (MAX_METASPACE_SIZE=512m) alone fills a M container (512 MB)",
    ],
    [{ version: "master" }, "`paasenv:companions.metabase.version` must be a tag or a commit, not a branch"],
    [
      { version: "v1/../x" },
      "`paasenv:companions.metabase.version` must be a tag or a commit of the archive's repository",
    ],
    [{ amount: 0 }, "`paasenv:companions.metabase.amount`"],
    [{ plan: "redis-sandbox" }, "`paasenv:companions.metabase.plan` must be a PostgreSQL plan name"],
    [{ domain: "bi.other.org" }, '`paasenv:companions.metabase.domain` is not in the DNS zone "example.com"'],
    [{ domain: "www.example.com" }, "`paasenv:companions.metabase.domain` is a domain of the main app"],
    [{ enabled: true }, "`paasenv:companions.metabase.enabled` is not a known setting"],
  ])("refuses %j", (metabase, expected) => {
    const extra = {
      domains: [{ name: "www.example.com" }],
      dns: { provider: "manual", zone: "example.com" },
    };
    const problems = problemsOf(withMetabase(metabase, extra));
    expect(
      problems.some((p) => p.startsWith(expected)),
      problems.join("\n"),
    ).toBe(true);
  });

  it("needs the main PostgreSQL and keeps the name `metabase` for its user", () => {
    expect(problemsOf({ ...withMetabase({}), addons: {} })).toEqual([
      expect.stringContaining("`paasenv:companions.metabase` needs `paasenv:addons.postgresql`"),
    ]);
    const users = { postgresql: { plan: "postgresql-starter-512", users: [{ name: "metabase" }] } };
    expect(problemsOf({ ...withMetabase({}), addons: users })).toEqual([
      expect.stringContaining(
        "`paasenv:addons.postgresql.users[0].name` is the user `paasenv:companions.metabase` makes",
      ),
    ]);
  });

  it("refuses a sandbox plan in production", () => {
    const production = {
      ...withMetabase({ plan: "postgresql-sandbox" }),
      environment: "production",
      addons: { postgresql: { plan: "postgresql-starter-512" } },
    };
    expect(problemsOf(production)).toContainEqual(
      expect.stringContaining("`paasenv:companions.metabase.plan` must not be a sandbox plan in production"),
    );
  });
});

describe("companionAppName", () => {
  it("is `<app>-<kind>` while it fits, else cut with a hash, always a valid app name", () => {
    expect(companionAppName("shop-staging", "metabase")).toBe("shop-staging-metabase");
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/), (app) => {
        fc.pre(app.length >= 6 && app.length <= APP_NAME_MAX);
        const name = companionAppName(app, "metabase");
        expect(name.endsWith("-metabase")).toBe(true);
        expect(appNameProblem(name)).toBeUndefined();
      }),
    );
    const long = "a".repeat(45);
    expect(companionAppName(long, "metabase")).not.toBe(companionAppName(`${"a".repeat(44)}b`, "metabase"));
  });
});
