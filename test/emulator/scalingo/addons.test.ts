import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/scalingo/index";
import type { TestClient } from "./helpers";
import { createApp, pollUntil, request, setup } from "./helpers";

describe("add-ons", () => {
  let emulator: RunningEmulator;
  let api: TestClient;
  const planId = async (provider: string, name: string): Promise<string> => {
    const plans = (await request(`${emulator.url}/v1/addon_providers/${provider}/plans`, "GET")).json.plans;
    return plans.find((p: { name: string }) => p.name === name).id;
  };
  beforeAll(async () => {
    ({ emulator, api } = await setup());
  });
  beforeEach(async () => {
    await api.control("POST", "reset");
    await createApp(api, "addon-app");
  });
  afterAll(() => emulator.stop());

  it("lists providers and plans, under both provider-ID spellings", async () => {
    const providers = (await api.call("GET", "/v1/addon_providers")).json.addon_providers;
    expect(providers.map((p: { id: string }) => p.id)).toEqual(["postgresql", "redis"]);
    for (const id of ["postgresql", "scalingo-postgresql"]) {
      const plans = (await api.call("GET", `/v1/addon_providers/${id}/plans`)).json.plans.map(
        (p: { name: string }) => p.name,
      );
      expect(plans).toEqual(
        expect.arrayContaining(["postgresql-sandbox", "postgresql-starter-512", "postgresql-business-1024"]),
      );
    }
    const redis = (await api.call("GET", "/v1/addon_providers/scalingo-redis/plans")).json.plans.map(
      (p: { name: string }) => p.name,
    );
    expect(redis).toEqual(
      expect.arrayContaining(["redis-sandbox", "redis-starter-256", "redis-business-512"]),
    );
    expect((await api.call("GET", "/v1/addon_providers/mysql/plans")).status).toBe(404);
  });

  it("provisions PostgreSQL: 201, provisioning then running, DATABASE_URL alias injected", async () => {
    const plan = await planId("postgresql", "postgresql-starter-512");
    const created = await api.call("POST", "/v1/apps/addon-app/addons", {
      addon: { addon_provider_id: "scalingo-postgresql", plan_id: plan },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      addon: { status: "provisioning", plan: { id: plan, name: "postgresql-starter-512" } },
      variables: ["DATABASE_URL", "SCALINGO_POSTGRESQL_URL"],
    });
    const id = created.json.addon.id;
    const { json } = await pollUntil(
      api,
      `/v1/apps/addon-app/addons/${id}`,
      (j) => j.addon.status === "running",
    );
    expect(json.addon.app_id).toBe(created.json.addon.app_id);
    const variables = (await api.call("GET", "/v1/apps/addon-app/variables")).json.variables;
    const byName = Object.fromEntries(
      variables.map((v: { name: string; value: string }) => [v.name, v.value]),
    );
    expect(byName.DATABASE_URL).toBe("$SCALINGO_POSTGRESQL_URL");
    expect(byName.SCALINGO_POSTGRESQL_URL).toMatch(
      /^postgresql:\/\/[^:]+:[^@]+@[^:]+:\d+\/\w+\?sslmode=prefer$/,
    );
  });

  it("provisions Redis with SCALINGO_REDIS_URL and REDIS_URL, and refuses a second Redis", async () => {
    const plan = await planId("redis", "redis-sandbox");
    const created = await api.call("POST", "/v1/apps/addon-app/addons", {
      addon: { addon_provider_id: "redis", plan_id: plan },
    });
    expect(created.json.variables).toEqual(["REDIS_URL", "SCALINGO_REDIS_URL"]);
    const again = await api.call("POST", "/v1/apps/addon-app/addons", {
      addon: { addon_provider_id: "scalingo-redis", plan_id: plan },
    });
    expect(again.status).toBe(422);
    expect(again.json.errors.addon_provider_id).toEqual(["the app already has a redis add-on"]);
  });

  it("refuses an unknown provider, a plan of another provider and a plan name instead of an ID", async () => {
    const redisPlan = await planId("redis", "redis-sandbox");
    const post = (addon: object) => api.call("POST", "/v1/apps/addon-app/addons", { addon });
    expect((await post({ addon_provider_id: "mongodb", plan_id: redisPlan })).json.errors).toHaveProperty(
      "addon_provider_id",
    );
    expect((await post({ addon_provider_id: "postgresql", plan_id: redisPlan })).json.errors).toHaveProperty(
      "plan_id",
    );
    expect((await post({ addon_provider_id: "postgresql", plan_id: "postgresql-sandbox" })).status).toBe(422);
  });

  it("changes plan with {addon,message,variables} and vars, back through provisioning to running", async () => {
    const created = await api.call("POST", "/v1/apps/addon-app/addons", {
      addon: { addon_provider_id: "postgresql", plan_id: await planId("postgresql", "postgresql-sandbox") },
    });
    const id = created.json.addon.id;
    await pollUntil(api, `/v1/apps/addon-app/addons/${id}`, (j) => j.addon.status === "running");
    const business = await planId("postgresql", "postgresql-business-1024");
    const changed = await api.call("PATCH", `/v1/apps/addon-app/addons/${id}`, {
      addon: { plan_id: business },
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({
      addon: {
        id,
        app_id: created.json.addon.app_id,
        status: "provisioning",
        plan: { name: "postgresql-business-1024" },
      },
      message: expect.any(String),
      variables: expect.any(Array),
      vars: expect.any(Array),
    });
    await pollUntil(api, `/v1/apps/addon-app/addons/${id}`, (j) => j.addon.status === "running");
  });

  it("deletes an add-on and its injected variables, keeping the user's own", async () => {
    await api.call("POST", "/v1/apps/addon-app/variables", { variable: { name: "KEEP", value: "me" } });
    const created = await api.call("POST", "/v1/apps/addon-app/addons", {
      addon: { addon_provider_id: "redis", plan_id: await planId("redis", "redis-starter-256") },
    });
    expect((await api.call("DELETE", `/v1/apps/addon-app/addons/${created.json.addon.id}`)).status).toBe(204);
    const variables = (await api.call("GET", "/v1/apps/addon-app/variables")).json.variables;
    expect(variables.map((v: { name: string }) => v.name)).toEqual(["KEEP"]);
    expect((await api.call("GET", `/v1/apps/addon-app/addons/${created.json.addon.id}`)).json).toEqual({
      resource: "addon",
      error: "not found",
    });
  });
});
