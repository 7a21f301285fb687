import { describe, expect, it } from "vitest";
import { appNamesInState } from "../../../cli/lib/owned-apps";
import type { ExportedStack } from "../../../cli/lib/stack-state";

const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:x" };
const APP_TYPE = "pulumi-nodejs:dynamic/scalingo:App";
const URN = "urn:pulumi:preprod::paasenv::paasenv:index:AppEnvironment$pulumi-nodejs:dynamic/scalingo:App::";

describe("appNamesInState", () => {
  it("lists every app a state holds: created, renamed in config, or being created by a killed run", () => {
    const state: ExportedStack = {
      version: 3,
      deployment: {
        resources: [
          {
            urn: "urn:pulumi:preprod::paasenv::pulumi:pulumi:Stack::paasenv-preprod",
            type: "pulumi:pulumi:Stack",
          },
          {
            urn: `${URN}paasenv-app`,
            type: APP_TYPE,
            inputs: { resourceType: "scalingo:App", name: "shop-preprod-next" },
            outputs: { resourceType: "scalingo:App", name: "shop-preprod", appId: "a1" },
          },
          {
            urn: `${URN.replace("scalingo:App", "scalingo:Addon")}paasenv-postgresql`,
            type: "pulumi-nodejs:dynamic/scalingo:Addon",
            inputs: { resourceType: "scalingo:Addon", name: "not-an-app" },
          },
          {
            urn: `${URN}paasenv-hidden`,
            type: APP_TYPE,
            inputs: { resourceType: "scalingo:App", name: SECRET },
          },
        ],
        pending_operations: [
          {
            type: "creating",
            resource: {
              urn: `${URN}paasenv-app2`,
              type: APP_TYPE,
              inputs: { resourceType: "scalingo:App", name: "shop-review-77" },
            },
          },
        ],
      },
    };
    expect(appNamesInState(state)).toEqual(["shop-preprod", "shop-preprod-next", "shop-review-77"]);
  });
});
