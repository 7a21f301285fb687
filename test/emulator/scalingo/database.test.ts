import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/scalingo/index";
import type { TestClient } from "./helpers";
import { createApp, request, setup } from "./helpers";

describe("database API", () => {
  let emulator: RunningEmulator;
  let api: TestClient;
  let addonId: string;
  let addonToken: string;
  const db = (method: string, path: string, body?: unknown, token = addonToken) =>
    request(`${emulator.url}/api/databases/${addonId}${path}`, method, body, {
      Authorization: `Bearer ${token}`,
    });

  beforeAll(async () => {
    ({ emulator, api } = await setup());
  });
  beforeEach(async () => {
    await api.control("POST", "reset");
    await createApp(api, "db-app");
    const plans = (await api.call("GET", "/v1/addon_providers/postgresql/plans")).json.plans;
    const plan = plans.find((p: { name: string }) => p.name === "postgresql-starter-512");
    const addon = await api.call("POST", "/v1/apps/db-app/addons", {
      addon: { addon_provider_id: "postgresql", plan_id: plan.id },
    });
    addonId = addon.json.addon.id;
    const token = await api.call("POST", `/v1/apps/db-app/addons/${addonId}/token`, {});
    expect(token.json.addon.id).toBe(addonId);
    addonToken = token.json.addon.token;
  });
  afterAll(() => emulator.stop());

  it("reads the database with the add-on token and with the user's bearer", async () => {
    const withAddon = await db("GET", "");
    expect(withAddon.json.database).toMatchObject({
      id: addonId,
      app_name: "db-app",
      plan: "postgresql-starter-512",
      type_name: "postgresql",
    });
    expect((await db("GET", "", undefined, api.token)).status).toBe(200);
  });

  it("keeps add-on tokens to their own database and out of the regional API", async () => {
    expect(
      (
        await request(`${emulator.url}/api/databases/5e00000000000000000000ff`, "GET", undefined, {
          Authorization: `Bearer ${addonToken}`,
        })
      ).status,
    ).toBe(403);
    expect(
      (await request(`${emulator.url}/v1/apps`, "GET", undefined, { Authorization: `Bearer ${addonToken}` }))
        .status,
    ).toBe(401);
    expect((await request(`${emulator.url}/api/databases/${addonId}`, "GET")).status).toBe(401);
  });

  it("sets periodic backups (hour in as a scalar, out as an array) and the maintenance window", async () => {
    const updated = await db("PATCH", "", {
      database: { periodic_backups_enabled: true, periodic_backups_scheduled_at: 3 },
    });
    expect(updated.json.database).toMatchObject({
      periodic_backups_enabled: true,
      periodic_backups_scheduled_at: [3],
    });
    const window = await db("PUT", "", {
      database: { maintenance_window: { weekday_utc: 5, starting_hour_utc: 22 } },
    });
    expect(window.json.database.maintenance_window).toEqual({
      weekday_utc: 5,
      starting_hour_utc: 22,
      duration_in_hour: 8,
    });
    expect((await db("PATCH", "", { database: { periodic_backups_scheduled_at: 25 } })).status).toBe(422);
  });

  it("lists and creates backups", async () => {
    expect((await db("GET", "/backups")).json).toEqual({ database_backups: [] });
    const created = await db("POST", "/backups");
    expect(created.status).toBe(201);
    expect(created.json.database_backup).toMatchObject({
      status: "scheduled",
      method: "manual",
      database_id: addonId,
    });
    const archive = await db("GET", `/backups/${created.json.database_backup.id}/archive`);
    expect(archive.json.download_url).toMatch(/^http/);
  });

  it("manages database users, including read-only ones, under the hyphenated list key", async () => {
    const initial = (await db("GET", "/users")).json["database-users"];
    expect(initial).toEqual([expect.objectContaining({ protected: true, read_only: false })]);
    const created = await db("POST", "/users", {
      database_user: { database_id: addonId, name: "reporting", read_only: true },
    });
    expect(created.status).toBe(201);
    expect(created.json.database_user).toMatchObject({ name: "reporting", read_only: true });
    expect(created.json.database_user.password.length).toBeGreaterThanOrEqual(24);
    const users = (await db("GET", "/users")).json["database-users"];
    expect(users.map((u: { name: string }) => u.name)).toContain("reporting");
    expect(users.every((u: object) => !("password" in u))).toBe(true);
    expect((await db("POST", "/users", { database_user: { name: "reporting" } })).json.errors).toEqual({
      name: ["has already been taken"],
    });
    const short = await db("POST", "/users", { database_user: { name: "app", password: "x" } });
    expect(short.status).toBe(422);
    const reset = await db("POST", "/users/reporting/reset_password");
    expect(reset.json.database_user.password).not.toBe(created.json.database_user.password);
    expect((await db("DELETE", "/users/reporting")).status).toBe(204);
    expect((await db("DELETE", `/users/${initial[0].name}`)).status).toBe(403);
  });

  it("answers 404 for an unknown database once the add-on is gone", async () => {
    await api.call("DELETE", `/v1/apps/db-app/addons/${addonId}`);
    expect((await db("GET", "", undefined, api.token)).json).toEqual({
      resource: "database",
      error: "not found",
    });
  });
});
