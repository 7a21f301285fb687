/** Add-on provider names and the variables an add-on injects: tables. */
import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../providers/base/inputs";
import {
  connectionVariable,
  defaultAddonVariables,
  keepsAddon,
  refuseReplacement,
  shortProviderId,
} from "../../../providers/scalingo/addon-mappers";

describe("add-on providers and variables", () => {
  it.each([
    ["scalingo-postgresql", "postgresql"],
    ["postgresql", "postgresql"],
    ["scalingo-redis", "redis"],
  ])("shortProviderId(%s) = %s", (id, expected) => {
    expect(shortProviderId(id)).toBe(expected);
  });

  it.each([
    ["postgresql", ["SCALINGO_POSTGRESQL_URL", "DATABASE_URL"]],
    ["scalingo-redis", ["SCALINGO_REDIS_URL", "REDIS_URL"]],
  ])("defaultAddonVariables(%s) = %j", (provider, expected) => {
    expect(defaultAddonVariables(provider)).toEqual(expected);
  });

  it.each([
    ["postgresql", ["DATABASE_URL", "SCALINGO_POSTGRESQL_URL"], "SCALINGO_POSTGRESQL_URL"],
    ["postgresql", ["DATABASE_URL", "SCALINGO_PG_URL"], "SCALINGO_PG_URL"],
    ["redis", [], "SCALINGO_REDIS_URL"],
  ])("connectionVariable(%s, %j) = %s", (provider, names, expected) => {
    expect(connectionVariable(provider, names)).toBe(expected);
  });
});

describe("replacements", () => {
  const olds = { appId: "ap-1", region: "osc-fr1", provider: "postgresql", version: "16" };
  it.each([
    ["version", { version: undefined }, true],
    ["version", { version: "17" }, false],
    ["provider", { provider: "scalingo-postgresql" }, true],
    ["provider", { provider: "redis" }, false],
    ["provider", { provider: UNKNOWN }, false],
    ["appId", { appId: UNKNOWN }, true],
    ["appId", { appId: "ap-2" }, false],
  ])("a change of %s to %j keeps the add-on: %s", (field, change, expected) => {
    expect(keepsAddon(field, olds, { ...olds, ...change })).toBe(expected);
  });

  it("refuses a data-losing replacement unless allowed, and never on unknowns or at creation", () => {
    const news = { ...olds, version: "17" };
    expect(refuseReplacement(["version"], olds, news, 'Addon "db"')).toEqual([
      {
        property: "version",
        reason:
          'Addon "db": changing `version` from "16" to "17" replaces the add-on and destroys its data. Back it up ' +
          "first, then set `allowReplace: true` (paasenv:allowDataLoss) to allow it.",
      },
    ]);
    expect(refuseReplacement(["version"], olds, { ...news, allowReplace: true }, "A")).toEqual([]);
    expect(refuseReplacement(["appId"], olds, { ...olds, appId: UNKNOWN }, "A")).toEqual([]);
    expect(refuseReplacement(["version"], {}, news, "A")).toEqual([]);
  });
});
