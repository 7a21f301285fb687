/**
 * The Database API beyond settings: features that activate asynchronously, backups followed by ID (both
 * forms the official clients read), periodic backups, point-in-time recovery and its operation, and what
 * each database type allows.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { scheduledHours, takePeriodicBackups } from "../../../emulator/scalingo/database-store";
import type { RunningEmulator } from "../../../emulator/scalingo/index";
import { Store } from "../../../emulator/scalingo/store";
import type { DatabaseState } from "../../../emulator/scalingo/types";
import type { TestClient } from "./helpers";
import { createApp, request, setup } from "./helpers";

let emulator: RunningEmulator;
let api: TestClient;

/** Provisions `provider` on the app `db-ops` and returns its ID and add-on token. */
async function provision(provider: string, planName: string): Promise<{ id: string; token: string }> {
  const plans = (await api.call("GET", `/v1/addon_providers/${provider}/plans`)).json.plans;
  const plan = plans.find((p: { name: string }) => p.name === planName);
  const addon = await api.call("POST", "/v1/apps/db-ops/addons", {
    addon: { addon_provider_id: provider, plan_id: plan.id },
  });
  const id = addon.json.addon.id;
  const token = (await api.call("POST", `/v1/apps/db-ops/addons/${id}/token`, {})).json.addon.token;
  return { id, token };
}

const dbApi = (token: string) => (method: string, path: string, body?: unknown) =>
  request(`${emulator.url}/api${path}`, method, body, { Authorization: `Bearer ${token}` });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `read` until `until` holds (within 20 s), then returns the value: the steps below take
 * `operationMs` (1.5 s here, long enough that a loaded machine still sees each intermediate state).
 */
async function eventually<T>(read: () => Promise<T>, until: (value: T) => boolean): Promise<T> {
  for (let waited = 0; ; waited += 50) {
    const value = await read();
    if (until(value) || waited >= 20_000) return value;
    await sleep(50);
  }
}

beforeAll(async () => {
  ({ emulator, api } = await setup({ operationMs: 1500 }));
});
beforeEach(async () => {
  await api.control("POST", "reset");
  await createApp(api, "db-ops");
});
afterAll(() => emulator.stop());

describe("database features", () => {
  it("activates force-ssl asynchronously, refuses unknown features and removes them the same way", async () => {
    const pg = await provision("postgresql", "postgresql-starter-512");
    const call = dbApi(pg.token);
    const path = `/databases/${pg.id}`;
    expect((await call("POST", `${path}/features`, { feature: { name: "publicly-available" } })).status).toBe(
      422,
    );
    const enabled = await call("POST", `${path}/features`, { feature: { name: "force-ssl" } });
    expect(enabled.json).toMatchObject({ name: "force-ssl", status: "PENDING_TO_ACTIVATE" });
    expect((await call("GET", path)).json.database.features).toEqual([
      { name: "force-ssl", status: "PENDING_TO_ACTIVATE" },
    ]);
    const features = async () => (await call("GET", path)).json.database.features;
    expect(await eventually(features, (f) => f[0]?.status !== "PENDING_TO_ACTIVATE")).toEqual([
      { name: "force-ssl", status: "ACTIVATED" },
    ]);
    expect((await call("POST", `${path}/features`, { feature: { name: "redis-aof" } })).json.errors).toEqual({
      name: ["must be one of force-ssl, publicly-available"],
    });
    expect((await call("DELETE", `${path}/features?feature=force-ssl`)).status).toBe(200);
    expect((await call("GET", path)).json.database.features).toEqual([
      { name: "force-ssl", status: "PENDING_TO_REMOVE" },
    ]);
    expect(await eventually(features, (f) => f[0]?.status !== "PENDING_TO_REMOVE")).toEqual([]);
    expect((await call("DELETE", `${path}/features?feature=force-ssl`)).status).toBe(404);
  });

  it("gives Redis its own features and no users; refuses out-of-range maintenance windows", async () => {
    const redis = await provision("redis", "redis-starter-256");
    const call = dbApi(redis.token);
    const path = `/databases/${redis.id}`;
    expect((await call("POST", `${path}/features`, { feature: { name: "redis-aof" } })).status).toBe(200);
    expect((await call("GET", `${path}/users`)).json).toEqual({
      error: "redis databases do not support user management",
    });
    const bad = await call("PATCH", path, { database: { maintenance_window: { weekday_utc: 7 } } });
    expect(bad.json.errors).toEqual({ weekday_utc: ["must be a weekday between 0 (Sunday) and 6"] });
    const kept = await call("PATCH", path, {
      database: { maintenance_window: { weekday_utc: 0, starting_hour_utc: 4, duration_in_hour: 2 } },
    });
    expect(kept.json.database.maintenance_window).toEqual({
      weekday_utc: 0,
      starting_hour_utc: 4,
      duration_in_hour: 8,
    });
  });
});

describe("backups", () => {
  it("follows a manual backup by ID, as go-scalingo (/api/backups/:id) and scalingo.js read it", async () => {
    const pg = await provision("postgresql", "postgresql-starter-512");
    const call = dbApi(pg.token);
    const made = (await call("POST", `/databases/${pg.id}/backups`)).json.database_backup;
    expect(made).toMatchObject({ status: "scheduled", method: "manual", database_id: pg.id });
    const backup = async () => (await call("GET", `/backups/${made.id}`)).json.database_backup;
    expect((await eventually(backup, (b) => b.status !== "scheduled")).status).toBe("running");
    const done = await eventually(backup, (b) => b.status !== "running");
    expect(done).toMatchObject({ id: made.id, status: "done" });
    expect((await call("GET", `/databases/${pg.id}/backups/${made.id}`)).json.database_backup).toEqual(done);
    expect((await call("GET", "/backups/5e00000000000000000000ff")).status).toBe(404);
  });

  it("takes periodic backups at the scheduled UTC hours while they are on, newest first, at most 31", () => {
    const day = Date.UTC(2026, 0, 10);
    expect(scheduledHours(day, day + 24 * 3_600_000, [2, 14]).map((t) => new Date(t).toISOString())).toEqual([
      "2026-01-10T02:00:00.000Z",
      "2026-01-10T14:00:00.000Z",
    ]);
    const store = new Store(undefined);
    const db: DatabaseState = {
      database: {
        id: "ad-1",
        resource_id: "r",
        periodic_backups_enabled: true,
        periodic_backups_scheduled_at: [2],
      },
      backups: [],
      users: [],
      periodic_until: day,
    };
    takePeriodicBackups(store, db, day + 40 * 24 * 3_600_000);
    expect(db.backups).toHaveLength(31);
    expect(db.backups[0]).toMatchObject({
      method: "periodic",
      status: "done",
      created_at: "2026-02-18T02:00:00.000Z",
    });
    db.database.periodic_backups_enabled = false;
    takePeriodicBackups(store, db, day + 50 * 24 * 3_600_000);
    expect(db.backups).toHaveLength(31);
  });
});

describe("point-in-time recovery", () => {
  it("gives PostgreSQL a recovery window and follows a restore to its end", async () => {
    const pg = await provision("postgresql", "postgresql-business-1024");
    const call = dbApi(pg.token);
    const path = `/databases/${pg.id}`;
    const window = (await call("GET", `${path}/pitr/recovery_window`)).json.recovery_window;
    expect(Date.parse(window.latest_recoverable_at)).toBeGreaterThanOrEqual(
      Date.parse(window.earliest_recoverable_at),
    );
    const late = await call("POST", `${path}/pitr/restore`, { restore_time: "2001-01-01T00:00:00Z" });
    expect(late.status).toBe(422);
    expect(late.json.errors.restore_time[0]).toMatch(/^must be between /);
    const restore = await call("POST", `${path}/pitr/restore`, {
      restore_time: window.latest_recoverable_at,
    });
    expect(restore.status).toBe(201);
    const { operation } = restore.json;
    expect(restore.json.operation_id).toBe(operation.id);
    expect(operation).toMatchObject({ type: "pitr_restore", status: "pending", finished_at: null });
    expect((await call("GET", path)).json.database.current_operation_id).toBe(operation.id);
    expect(
      (await call("POST", `${path}/pitr/restore`, { restore_time: window.latest_recoverable_at })).status,
    ).toBe(409);
    const finished = await eventually(
      async () => (await call("GET", `${path}/operations/${operation.id}`)).json.operation,
      (op) => op.status !== "pending" && op.status !== "running",
    );
    expect(finished).toMatchObject({ id: operation.id, status: "finished" });
    expect((await call("GET", `/operations/${operation.id}`)).json.operation).toEqual(finished);
    expect((await call("GET", path)).json.database.current_operation_id).toBeNull();
  });

  it("has no recovery window on a sandbox or a Redis database", async () => {
    const redis = await provision("redis", "redis-starter-256");
    const call = dbApi(redis.token);
    expect((await call("GET", `/databases/${redis.id}/pitr/recovery_window`)).json).toEqual({
      recovery_window: {},
    });
    const restore = await call("POST", `/databases/${redis.id}/pitr/restore`, {
      restore_time: new Date().toISOString(),
    });
    expect(restore.json.errors).toEqual({
      restore_time: ["point-in-time recovery is not available for this database"],
    });
  });
});
