/** How an `App` maps to and from the API: tables. */
import { describe, expect, it } from "vitest";
import {
  appInputsFromApi,
  appOutputs,
  appReplacementLoss,
  appSettingsChanges,
  appSettingsPayload,
  cnameTarget,
  heldAddons,
  sameAddons,
} from "../../../providers/scalingo/app-mappers";
import type { ApiApp, AppInputs } from "../../../providers/scalingo/schemas";

const inputs: AppInputs = {
  name: "shop-staging",
  region: "osc-fr1",
  providerVersion: "1",
  forceHttps: true,
  routerLogs: false,
  stickySession: false,
  addons: [],
};

const app: ApiApp = {
  id: "ap-1",
  name: "shop-staging",
  status: "new",
  url: "https://shop-staging.osc-fr1.scalingo.io",
  base_url: "https://shop-staging.osc-fr1.scalingo.io",
  git_url: "git@ssh.osc-fr1.scalingo.com:shop-staging.git",
  force_https: false,
  router_logs: false,
  sticky_session: false,
  stack_id: "st-24",
};

describe("cnameTarget", () => {
  it.each([
    ["https://shop.osc-fr1.scalingo.io", "shop.osc-fr1.scalingo.io."],
    ["https://shop.osc-secnum-fr1.scalingo.io/", "shop.osc-secnum-fr1.scalingo.io."],
    ["http://127.0.0.1:4000/x", "127.0.0.1."],
  ])("cnameTarget(%s) = %s", (url, expected) => {
    expect(cnameTarget(url)).toBe(expected);
  });
});

describe("app settings", () => {
  it.each([
    ["only what differs", inputs, undefined, { force_https: true }],
    ["the stack when one is resolved", inputs, "st-22", { force_https: true, stack_id: "st-22" }],
    ["nothing when all matches", { ...inputs, forceHttps: false }, "st-24", {}],
  ])("a PATCH sends %s", (_label, wanted, stackId, expected) => {
    expect(appSettingsChanges(app, appSettingsPayload(wanted, stackId))).toEqual(expected);
  });
});

describe("outputs and read-back", () => {
  it("adds what the API computed, with the CNAME target from base_url", () => {
    expect(appOutputs(inputs, app)).toEqual({
      ...inputs,
      appId: "ap-1",
      url: app.url,
      baseUrl: app.base_url,
      gitUrl: app.git_url,
      cnameTarget: "shop-staging.osc-fr1.scalingo.io.",
      stackId: "st-24",
    });
  });

  it("takes remote settings, and the stack only when one is declared", () => {
    expect(appInputsFromApi(inputs, app, "scalingo-24")).toEqual({ ...inputs, forceHttps: false });
    expect(appInputsFromApi({ ...inputs, stack: "scalingo-22" }, app, "scalingo-24").stack).toBe(
      "scalingo-24",
    );
  });
});

describe("what replacing an app loses", () => {
  const olds = { name: "shop-staging", region: "osc-fr1", addons: ["postgresql"] };

  it.each([
    [{ addons: ["redis", "postgresql"] }, { addons: ["postgresql"] }, ["postgresql", "redis"]],
    [{}, { addons: ["redis"] }, ["redis"]],
    [{ addons: "not a list" }, {}, []],
  ])("heldAddons(%j, %j) = %j", (before, after, expected) => {
    expect(heldAddons(before, after)).toEqual(expected);
  });

  it.each([
    [{}, { addons: [] }, true],
    [{ addons: ["redis", "postgresql"] }, { addons: ["postgresql", "redis"] }, true],
    [{ addons: ["postgresql"] }, { addons: [] }, false],
  ])("sameAddons(%j, %j) = %s", (before, after, expected) => {
    expect(sameAddons(before, after)).toBe(expected);
  });

  it("names the app and what it holds, so one entry permits the app with its add-ons", () => {
    const news = {
      ...olds,
      region: "osc-secnum-fr1",
      addons: ["postgresql", "redis"],
      resourceName: "env-app",
    };
    expect(appReplacementLoss("ap-1", olds, news, ["region"])).toEqual({
      statement:
        'App "env-app": changing `region` from "osc-fr1" to "osc-secnum-fr1" replaces app "shop-staging" ' +
        "(ap-1), and with it its postgresql and redis add-ons and their data",
      loss: { resource: "app", id: "ap-1" },
    });
    expect(appReplacementLoss("ap-1", olds, { ...olds, region: "x" }, ["region"])?.statement).toMatch(
      /its postgresql add-on and its data$/,
    );
  });

  it("loses nothing when the app holds no add-on", () => {
    expect(appReplacementLoss("ap-1", { ...olds, addons: [] }, { addons: [] }, ["region"])).toBeUndefined();
  });
});
