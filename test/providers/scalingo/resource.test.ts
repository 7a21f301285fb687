/**
 * What every Scalingo resource shares: `check` worded the Scalingo way on a real schema, the region filled
 * from the settings, and an unknown `appId` of the same app not replacing children.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { diffInputs } from "../../../providers/base/diff";
import { checkInputs, UNKNOWN } from "../../../providers/base/inputs";
import {
  appChildDiff,
  appIdOnlyUnknown,
  SCALINGO,
  withDefaultRegion,
} from "../../../providers/scalingo/resource";
import { formationInputsSchema } from "../../../providers/scalingo/schemas";

const wording = (label: string) => ({ label, field: SCALINGO.field });

describe("checkInputs", () => {
  const schema = formationInputsSchema(z);
  const base = { appId: "ap-1", region: "osc-fr1", processes: { web: { amount: 1, size: "M" } } };

  it("passes an unknown nested value through while defaulting the known fields", () => {
    const news = { ...base, processes: { web: { amount: UNKNOWN, size: "M" } } };
    expect(checkInputs(schema, news, wording("Formation"))).toEqual({
      inputs: { ...news, providerVersion: "1", autoscaled: {} },
      failures: [],
    });
  });

  it("still reports real problems next to unknown values", () => {
    const news = { ...base, appId: UNKNOWN, processes: { web: { amount: -1, size: "M" } } };
    expect(checkInputs(schema, news, wording('Formation "f"')).failures).toEqual([
      { property: "processes.web.amount", reason: 'Formation "f": `processes.web.amount` must be 0 or more' },
    ]);
  });

  it("reports a missing required field", () => {
    expect(checkInputs(schema, { region: "osc-fr1", processes: {} }, wording("F")).failures).toEqual([
      { property: "appId", reason: "F: `appId` must be the app's ID (App.appId)" },
    ]);
  });

  it("strips __provider and unknown keys", () => {
    expect(
      checkInputs(schema, { ...base, __provider: "code", extra: 1 }, wording("F")).inputs,
    ).not.toHaveProperty("__provider");
  });

  it("names the container sizes from limits.ts", () => {
    const news = { ...base, processes: { web: { amount: 1, size: "XS" } } };
    expect(checkInputs(schema, news, wording("F")).failures).toEqual([
      {
        property: "processes.web.size",
        reason: "F: `processes.web.size` must be one of S, M, L, XL, 2XL, 3XL",
      },
    ]);
  });
});

describe("withDefaultRegion", () => {
  it.each([
    [{ region: "osc-secnum-fr1" }, { defaultRegion: "osc-fr1" }, "osc-secnum-fr1"],
    [{}, { defaultRegion: "osc-secnum-fr1" }, "osc-secnum-fr1"],
    [{}, undefined, "osc-fr1"],
  ])("%j with settings %j → %s", (news, settings, region) => {
    expect(withDefaultRegion(news, settings).region).toBe(region);
  });
});

describe("appIdOnlyUnknown", () => {
  const olds = { appId: "ap-1", region: "osc-fr1" };
  it.each([
    ["appId", { appId: UNKNOWN, region: "osc-fr1" }, true],
    ["appId", { appId: UNKNOWN, region: "osc-secnum-fr1" }, false],
    ["appId", { appId: UNKNOWN, region: UNKNOWN }, false],
    ["appId", { appId: "ap-2", region: "osc-fr1" }, false],
    ["region", { appId: UNKNOWN, region: "osc-fr1" }, false],
  ])("%s of %j keeps the same app: %s", (field, news, expected) => {
    expect(appIdOnlyUnknown(field, olds, news)).toBe(expected);
  });
});

describe("appChildDiff", () => {
  const diff = appChildDiff(["name", "canonical"], ["name"]);
  const olds = { appId: "ap-1", region: "osc-fr1", name: "www", canonical: false, providerVersion: "1" };

  it("compares the app, the region, the fields and the provider version", () => {
    expect(diff.fields).toEqual(["appId", "region", "name", "canonical", "providerVersion"]);
    expect(diff.replaceOn).toEqual(["appId", "region", "name"]);
  });

  it.each([
    [{ canonical: true }, { changes: true, replaces: [] }],
    [{ providerVersion: "2" }, { changes: true, replaces: [] }],
    [{ name: "api" }, { changes: true, replaces: ["name"] }],
    [{ appId: UNKNOWN }, { changes: true, replaces: [] }],
    [{ appId: "ap-2" }, { changes: true, replaces: ["appId"] }],
    [
      { region: "osc-secnum-fr1", appId: UNKNOWN },
      { changes: true, replaces: ["appId", "region"] },
    ],
  ])("%j → %j", (change, expected) => {
    expect(diffInputs(diff, olds, { ...olds, ...change })).toEqual(expected);
  });
});
