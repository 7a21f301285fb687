/** The permission the CLI grants for the stacks it destroys: read from their exported state. */
import { describe, expect, it } from "vitest";
import { destroyPermits, grantLine } from "../../../cli/lib/data-loss";

/** A `pulumi stack export` of a staging environment with storage, plus a record pending deletion. */
const exported = {
  version: 3,
  deployment: {
    resources: [
      { type: "pulumi:pulumi:Stack", urn: "urn:s" },
      { type: "pulumi-nodejs:dynamic/scalingo:App", id: "ap-1", outputs: { name: "shop" } },
      { type: "pulumi-nodejs:dynamic/scalingo:App", id: "ap-0", outputs: { name: "shop" }, delete: true },
      { type: "pulumi-nodejs:dynamic/scalingo:Addon", id: "ad-1", outputs: { provider: "postgresql" } },
      { type: "pulumi-nodejs:dynamic/scalingo:Addon", id: "ad-2", outputs: { provider: "scalingo-redis" } },
      { type: "pulumi-nodejs:dynamic/scalingo:Formation", id: "f-1", outputs: {} },
      {
        type: "pulumi-nodejs:dynamic/paasenv:Guard",
        id: "g-1",
        outputs: {
          ids: { app: "ap-1", "addons.postgresql": "ad-1", storage: "fr-par/shop-storage", other: "x" },
        },
      },
    ],
  },
};

describe("destroyPermits", () => {
  it("names every app, add-on and guarded object of the state once, pending deletions included", () => {
    expect(destroyPermits(exported)).toEqual([
      { resource: "app", id: "ap-1" },
      { resource: "app", id: "ap-0" },
      { resource: "addons.postgresql", id: "ad-1" },
      { resource: "addons.redis", id: "ad-2" },
      { resource: "storage", id: "fr-par/shop-storage" },
    ]);
  });

  it("names nothing for an empty or never-deployed stack", () => {
    expect(destroyPermits({ version: 3, deployment: {} })).toEqual([]);
    expect(destroyPermits({ version: 3, deployment: null })).toEqual([]);
  });
});

describe("grantLine", () => {
  it("says what the destroy may delete, or nothing when nothing holds data", () => {
    expect(grantLine("review-42", destroyPermits(exported).slice(0, 1))).toBe(
      'review-42: destroying it deletes what it holds; granting PAASENV_PERMIT_DATA_LOSS for this destroy only: app "ap-1"',
    );
    expect(grantLine("review-42", [])).toBeUndefined();
  });
});
