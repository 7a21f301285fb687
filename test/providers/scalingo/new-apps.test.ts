import { describe, expect, it } from "vitest";
import { addonProvider } from "../../../providers/scalingo/addon-provider";
import { appProvider } from "../../../providers/scalingo/app-provider";
import type { ScalingoClient } from "../../../providers/scalingo/client";
import { formationProvider } from "../../../providers/scalingo/formation-provider";
import { knownEmpty, markNewApp, writing } from "../../../providers/scalingo/new-apps";
import { variablesProvider } from "../../../providers/scalingo/variables-provider";
import { api, appsOf, checkAndCreate, useHarness } from "./harness";

const harness = useHarness([appProvider, addonProvider, variablesProvider, formationProvider]);

const child = (appId: string, extra: Record<string, unknown>) => ({
  appId,
  region: "osc-fr1",
  __provider: "code",
  ...extra,
});

/**
 * The app's children as an environment creates them: the two add-ons together, then the variables and the
 * formation. Returns the GETs of the variables the variables' create made (the add-ons read them too, for their
 * connection URLs, once provisioned).
 */
async function createChildren(appId: string) {
  await Promise.all([
    checkAndCreate(addonProvider, child(appId, { provider: "postgresql", plan: "postgresql-starter-512" })),
    checkAndCreate(addonProvider, child(appId, { provider: "redis", plan: "redis-starter-256" })),
  ]);
  const before = (await harness().requests()).length;
  await Promise.all([
    checkAndCreate(variablesProvider, child(appId, { variables: { NODE_ENV: "production" } })),
    checkAndCreate(formationProvider, child(appId, { processes: { web: { amount: 1, size: "S" } } })),
  ]);
  const after = (await harness().requests()).slice(before);
  return after.filter((r) => r.method === "GET" && r.path.endsWith("/variables")).length;
}

/** The look-ups before a child's write: the add-on list (before any add-on exists), the containers. */
async function lookups(appId: string) {
  const requests = await harness().requests();
  const firstAddon = requests.findIndex((r) => r.method === "POST" && r.path.endsWith("/addons"));
  const before = (i: number) => firstAddon === -1 || i < firstAddon;
  return requests
    .filter(
      (r, i) =>
        r.method === "GET" && (r.path.endsWith("/containers") || (r.path.endsWith("/addons") && before(i))),
    )
    .map((r) => r.path.replace(appId, ":id"));
}

describe("Children of an app this host just created", () => {
  it("skip the look-ups of the add-ons, variables and containers a new app cannot hold", async () => {
    const h = harness();
    const appId = (await appProvider.create({ name: "shop-review-1", region: "osc-fr1" })).id;
    await h.clearRequests();
    expect(await createChildren(appId)).toBe(0);
    expect(await lookups(appId)).toEqual([]);
    const app = (await appsOf(h))["shop-review-1"];
    expect(app?.addons.map((a) => a.addon_provider.id).sort()).toEqual(["postgresql", "redis"]);
    expect(app?.variables.find((v) => v.name === "NODE_ENV")?.value).toBe("production");
    expect(app?.containers).toEqual([expect.objectContaining({ name: "web", amount: 1, size: "S" })]);
  });

  it("look an app up as before in the next run, which knows nothing of what the last one created", async () => {
    const h = harness();
    const appId = (await appProvider.create({ name: "shop-review-1", region: "osc-fr1" })).id;
    h.nextRun();
    await h.clearRequests();
    expect(await createChildren(appId)).toBe(1);
    expect((await lookups(appId)).sort()).toEqual(["/v1/apps/:id/addons", "/v1/apps/:id/containers"]);
  });

  it("look an adopted app up: it was not created by this host", async () => {
    const h = harness();
    await api(h, "POST", "/v1/apps", { app: { name: "shop-review-1" } });
    const appId = (await appProvider.create({ name: "shop-review-1", region: "osc-fr1", adopt: true })).id;
    await h.clearRequests();
    expect(await createChildren(appId)).toBe(1);
    expect((await lookups(appId)).sort()).toEqual(["/v1/apps/:id/addons", "/v1/apps/:id/containers"]);
  });
});

describe("new-apps", () => {
  const client = () => ({ shared: {} }) as unknown as ScalingoClient;

  it("knows a collection empty only for an app this host created, until this host writes it", () => {
    const c = client();
    expect(knownEmpty(c, "app-1", "variables")).toBe(false);
    markNewApp(c, "app-1");
    expect(knownEmpty(c, "app-1", "variables")).toBe(true);
    expect(knownEmpty(c, "app-2", "variables")).toBe(false);
    writing(c, "app-1", "addons/postgresql");
    expect(knownEmpty(c, "app-1", "addons/postgresql")).toBe(false);
    expect(knownEmpty(c, "app-1", "addons/redis")).toBe(true);
    writing(c, "app-1", "containers");
    expect(knownEmpty(c, "app-1", "containers")).toBe(false);
    expect(knownEmpty(c, "app-1", "variables")).toBe(true);
    writing(c, "app-2", "variables");
    expect(knownEmpty(c, "app-2", "variables")).toBe(false);
  });
});
