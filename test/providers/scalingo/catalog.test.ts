/**
 * `check` looks a new stack and new add-on plans up in Scalingo's public catalog, against the emulator: the
 * failure names the resource, the input, the config key and what exists; an unchanged value costs no call; a
 * list is read once per run; no token is needed. Calls are counted from the emulator's request log.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addonProvider } from "../../../providers/scalingo/addon-provider";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { type Harness, rejection, startHarness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(async () => {
  await h.reset();
  await h.configure([appProvider, addonProvider]);
  await h.clearRequests();
});

const PG_PLANS =
  "postgresql-sandbox, postgresql-starter-512, postgresql-starter-1024, postgresql-starter-2048, " +
  "postgresql-business-1024, postgresql-business-2048";

const app = (extra: Record<string, unknown> = {}) => ({
  name: "shop-staging",
  region: "osc-fr1",
  resourceName: "paasenv-app",
  stack: "scalingo-24",
  addonPlans: { postgresql: "postgresql-starter-512", redis: "redis-starter-256" },
  configKeys: {
    stack: "paasenv:app.stack",
    "addonPlans.postgresql": "paasenv:addons.postgresql.plan",
    "addonPlans.redis": "paasenv:addons.redis.plan",
  },
  ...extra,
});

const addon = (extra: Record<string, unknown> = {}) => ({
  appId: "app-id",
  region: "osc-fr1",
  provider: "postgresql",
  plan: "postgresql-starter-512",
  resourceName: "paasenv-postgresql",
  ...extra,
});

/** The logged calls as `"<METHOD> <path>"`. */
const calls = async () => (await h.requests()).map((r) => `${r.method} ${r.path}`);

describe("App check against the catalog", () => {
  it("refuses an unknown stack and unknown plans, naming the config keys and what exists, creating nothing", async () => {
    const news = app({
      stack: "scalingo-99",
      addonPlans: { postgresql: "postgresql-starter-999", redis: "redis-starter-256" },
    });
    const { failures } = await appProvider.check({}, news);
    expect(failures).toEqual([
      {
        property: "stack",
        reason:
          'App "paasenv-app": `stack` (paasenv:app.stack) must be a stack of osc-fr1: scalingo-22, scalingo-24, ' +
          'scalingo-26 (got "scalingo-99")',
      },
      {
        property: "addonPlans",
        reason:
          'App "paasenv-app": `addonPlans.postgresql` (paasenv:addons.postgresql.plan) must be a postgresql plan ' +
          `of osc-fr1: ${PG_PLANS} (got "postgresql-starter-999")`,
      },
    ]);
    expect((await calls()).sort()).toEqual([
      "GET /v1/addon_providers/postgresql/plans",
      "GET /v1/addon_providers/redis/plans",
      "GET /v1/features/stacks",
      "GET /v1/regions",
      "POST /v1/tokens/exchange",
    ]);
    expect((await h.state()).regions["osc-fr1"]?.apps).toEqual({});
  });

  it("makes no call when nothing it looks up changed, and one per changed list", async () => {
    const { inputs } = await appProvider.check({}, app());
    await h.clearRequests();
    expect((await appProvider.check(inputs ?? {}, app())).failures).toEqual([]);
    expect(await calls()).toEqual([]);

    const upgraded = app({
      addonPlans: { postgresql: "postgresql-starter-1024", redis: "redis-starter-256" },
    });
    expect((await appProvider.check(inputs ?? {}, upgraded)).failures).toEqual([]);
    // The lists were read once in this run (the first check): an upgrade in the same run costs nothing more.
    expect(await calls()).toEqual([]);
    await h.configure([appProvider, addonProvider]); // a new run
    await h.clearRequests();
    expect((await appProvider.check(inputs ?? {}, upgraded)).failures).toEqual([]);
    expect(await calls()).toEqual([
      "POST /v1/tokens/exchange",
      "GET /v1/regions",
      "GET /v1/addon_providers/postgresql/plans",
    ]);
  });

  it("looks everything up again when the region changes (another region, another catalog)", async () => {
    const { inputs } = await appProvider.check({}, app());
    const moved = await appProvider.check(inputs ?? {}, app({ region: "osc-secnum-fr1" }));
    expect(moved.failures).toEqual([]);
    expect((await calls()).filter((call) => call.includes("/osc-secnum-fr1/")).sort()).toEqual([
      "GET /osc-secnum-fr1/v1/addon_providers/postgresql/plans",
      "GET /osc-secnum-fr1/v1/addon_providers/redis/plans",
      "GET /osc-secnum-fr1/v1/features/stacks",
    ]);
  });

  it("needs no API token: the catalog and the public regions are read anonymously", async () => {
    await h.configure([appProvider, addonProvider], { "scalingo:apiToken": "" });
    await h.clearRequests();
    const { failures } = await appProvider.check({}, app({ stack: "scalingo-99", addonPlans: {} }));
    expect(failures?.map((failure) => failure.property)).toEqual(["stack"]);
    expect(await calls()).toEqual(["GET /v1/regions", "GET /v1/features/stacks"]);
    const secnum = await rejection(appProvider.check({}, app({ region: "osc-secnum-fr1" })));
    expect(secnum.message).toBe(
      'Scalingo region "osc-secnum-fr1" does not exist (known regions: osc-fr1; listed without an API token, ' +
        "which shows only public regions: set SCALINGO_API_TOKEN)",
    );
  });
});

describe("Addon check against the catalog", () => {
  it("refuses an unknown plan, and shares the run's list with the App's check", async () => {
    await appProvider.check({}, app());
    await h.clearRequests();
    const { failures } = await addonProvider.check(
      {},
      addon({ plan: "postgresql-huge", configKeys: { plan: "paasenv:review.plans.postgresql" } }),
    );
    expect(failures).toEqual([
      {
        property: "plan",
        reason:
          'Addon "paasenv-postgresql": `plan` (paasenv:review.plans.postgresql) must be a postgresql plan of ' +
          `osc-fr1: ${PG_PLANS} (got "postgresql-huge")`,
      },
    ]);
    expect(await calls()).toEqual([]);
  });

  it("looks the plan up only when it, the provider or the region changed", async () => {
    const { inputs } = await addonProvider.check({}, addon());
    await h.configure([appProvider, addonProvider]);
    await h.clearRequests();
    expect((await addonProvider.check(inputs ?? {}, addon())).failures).toEqual([]);
    expect(await calls()).toEqual([]);
    const redis = await addonProvider.check(
      inputs ?? {},
      addon({ provider: "redis", plan: "redis-starter-256", allowReplace: true }),
    );
    expect(redis.failures).toEqual([]);
    expect(await calls()).toEqual([
      "POST /v1/tokens/exchange",
      "GET /v1/regions",
      "GET /v1/addon_providers/redis/plans",
    ]);
  });
});

describe("provider settings", () => {
  it("refuses a bad setting in configure, before any call", async () => {
    const error = await rejection(
      h.configure([appProvider], { "scalingo:httpRetries": "many", "scalingo:adoptExisting": "yes" }),
    );
    expect(error.message).toBe(
      'invalid Scalingo provider settings: `scalingo:adoptExisting` must be true or false (got "yes"); ' +
        '`scalingo:httpRetries` must be a whole number from 0 (got "many")',
    );
    expect(await calls()).toEqual([]);
  });
});
