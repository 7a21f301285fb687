/**
 * Two add-ons of one app created together share their reads: the lookup before creating, each poll of the app's
 * add-on list while they provision, and the read of the connection URLs (base/single-flight.ts, onPollGrid).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addonProvider } from "../../../providers/scalingo/addon-provider";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { checkAndCreate, type Harness, startHarness } from "./harness";

let h: Harness;

beforeAll(async () => {
  // Provisioning takes long enough for several polls, at a 400 ms interval (a 100 ms poll grid).
  h = await startHarness({ addonProvisionMs: 900 });
  await h.configure([appProvider, addonProvider], { "scalingo:pollIntervalMs": "400" });
});
afterAll(async () => {
  await h.stop();
});

const addon = (appId: string, provider: string, plan: string) => ({
  appId,
  region: "osc-fr1",
  provider,
  plan,
  resourceName: `${appId}-${provider}`,
  __provider: "code",
});

/** The GETs made while `create` ran: of the add-on list and of the variables. */
async function readsDuring(create: (appId: string) => Promise<unknown>, name: string) {
  const app = await appProvider.create({ name, region: "osc-fr1" });
  await h.clearRequests();
  await create(app.id);
  const gets = (await h.requests()).filter((r) => r.method === "GET");
  return {
    lists: gets.filter((r) => r.path === `/v1/apps/${app.id}/addons`).length,
    ones: gets.filter((r) => r.path.startsWith(`/v1/apps/${app.id}/addons/`)).length,
    variables: gets.filter((r) => r.path === `/v1/apps/${app.id}/variables`).length,
  };
}

describe("Addons created together", () => {
  it("make about the reads of one: one lookup, one list per poll, one read of the variables", async () => {
    const alone = await readsDuring(
      (appId) => checkAndCreate(addonProvider, addon(appId, "postgresql", "postgresql-sandbox")),
      "polling-alone",
    );
    const together = await readsDuring(
      (appId) =>
        Promise.all([
          checkAndCreate(addonProvider, addon(appId, "postgresql", "postgresql-sandbox")),
          checkAndCreate(addonProvider, addon(appId, "redis", "redis-sandbox")),
        ]),
      "polling-together",
    );
    console.info(`add-on reads: alone ${JSON.stringify(alone)}; together ${JSON.stringify(together)}`);
    // Alone: the lookup and at least two polls of the list; never the add-on's own URL.
    expect(alone.lists).toBeGreaterThanOrEqual(3);
    expect(alone).toMatchObject({ ones: 0, variables: 1 });
    // Unshared, two add-ons would read twice as much; a tick that falls between their two ready times may cost
    // one poll more.
    expect(together.ones).toBe(0);
    expect(together.lists).toBeLessThanOrEqual(alone.lists + 1);
    expect(together.variables).toBeLessThanOrEqual(2);
    expect(together.lists + together.variables).toBeLessThan(2 * (alone.lists + alone.variables) - 1);
  });
});
