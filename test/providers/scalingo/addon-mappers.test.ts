/** Add-on provider names and the variables an add-on injects: tables. */
import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../providers/base/inputs";
import {
  addonDeleteLoss,
  addonReplacementLoss,
  connectionVariable,
  defaultAddonVariables,
  isMissing,
  keepsAddon,
  missingAddonLoss,
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

  it("words a replacement's loss, permitted by the add-on's entry or its app's", () => {
    const news = { ...olds, version: "17" };
    expect(addonReplacementLoss("ad-1", { ...olds, resourceName: "db" }, news, ["version"])).toEqual({
      statement:
        'Addon "db": changing `version` from "16" to "17" replaces the add-on ad-1 and destroys its data',
      loss: { resource: "addons.postgresql", id: "ad-1", coveredBy: { resource: "app", id: "ap-1" } },
    });
    expect(addonReplacementLoss("ad-2", { provider: "scalingo-redis" }, {}, ["appId"]).loss).toEqual({
      resource: "addons.redis",
      id: "ad-2",
    });
  });
});

describe("add-ons that are gone or deleted", () => {
  it("knows the mark a refresh leaves on an add-on it no longer finds", () => {
    expect(isMissing({ status: "missing" })).toBe(true);
    expect(isMissing({ status: "running" })).toBe(false);
  });

  it("says that a missing add-on would be re-created empty", () => {
    expect(missingAddonLoss("ad-1", { provider: "postgresql", appId: "ap-1", resourceName: "db" })).toEqual({
      statement:
        'Addon "db": the postgresql add-on ad-1 was not found on Scalingo by the last refresh (deleted outside ' +
        "paasenv?), and paasenv would create a new, empty one in its place",
      loss: { resource: "addons.postgresql", id: "ad-1", coveredBy: { resource: "app", id: "ap-1" } },
    });
  });

  it("says that deleting an add-on destroys its data", () => {
    expect(
      addonDeleteLoss("delete redis add-on of app ap-1", "ad-2", { provider: "redis", appId: "ap-1" }),
    ).toEqual({
      statement: "delete redis add-on of app ap-1: deleting the add-on ad-2 destroys its data",
      loss: { resource: "addons.redis", id: "ad-2", coveredBy: { resource: "app", id: "ap-1" } },
    });
  });
});
