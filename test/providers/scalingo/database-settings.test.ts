/**
 * DatabaseSettings against the emulator over real HTTP: backups, maintenance window and features through the
 * Database API with the add-on's token; drift made through the API; faults on the Database API.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { addonProvider } from "../../../providers/scalingo/addon-provider";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { databaseSettingsProvider } from "../../../providers/scalingo/database-settings-provider";
import { api, appWithAddon, checkAndCreate, type Harness, rejection, useHarness } from "./harness";

let appId: string;
let addonId: string;
const harness = useHarness([appProvider, addonProvider, databaseSettingsProvider]);
let h: Harness;

beforeEach(async () => {
  h = harness();
  ({ appId, addonId } = await appWithAddon("shop-production", "postgresql", "postgresql-business-1024"));
});

const declared = (extra: Record<string, unknown> = {}) => ({
  appId,
  region: "osc-fr1",
  addonId,
  backups: { enabled: true, hour: 3 },
  maintenanceWindow: { day: "sunday", hour: 2 },
  features: ["force-ssl"],
  resourceName: "shop-postgresql-settings",
  __provider: "code",
  ...extra,
});

type Db = {
  periodic_backups_enabled: boolean;
  periodic_backups_scheduled_at: number[];
  maintenance_window: { weekday_utc: number; starting_hour_utc: number; duration_in_hour: number };
  features: { name: string; status: string }[];
};
const database = async () => (await api(h, "GET", `/api/databases/${addonId}`)).database as Db;
const calls = async () => (await h.requests()).map((r) => `${r.method} ${r.path} ${r.status}`);

describe("DatabaseSettings check", () => {
  it("names a bad day, hour and feature with what is allowed", async () => {
    const { failures } = await databaseSettingsProvider.check(
      {},
      declared({
        backups: { enabled: true, hour: 24 },
        maintenanceWindow: { day: "dimanche", hour: 2 },
        features: ["ssl"],
      }),
    );
    expect(failures?.map((f) => f.reason)).toEqual([
      'DatabaseSettings "shop-postgresql-settings": `backups.hour` must be 0 to 23',
      'DatabaseSettings "shop-postgresql-settings": `maintenanceWindow.day` must be one of sunday, monday, tuesday, wednesday, thursday, friday, saturday',
      'DatabaseSettings "shop-postgresql-settings": `features.0` must be one of force-ssl, publicly-available, redis-rdb, redis-aof, redis-cache',
    ]);
  });
});

describe("DatabaseSettings lifecycle against the emulator", () => {
  it("applies backups, window and force-ssl with the add-on's token, then reads them back with no change", async () => {
    await h.clearRequests();
    const { id, outs, inputs } = await checkAndCreate(databaseSettingsProvider, declared());
    expect(id).toBe(`${addonId}/settings`);
    const db = await database();
    expect(db.periodic_backups_enabled).toBe(true);
    expect(db.periodic_backups_scheduled_at).toEqual([3]);
    expect(db.maintenance_window).toEqual({ weekday_utc: 0, starting_hour_utc: 2, duration_in_hour: 8 });
    expect(db.features).toEqual([{ name: "force-ssl", status: "ACTIVATED" }]);
    expect(outs).toMatchObject({
      databaseType: "postgresql",
      periodicBackups: { enabled: true, hours: [3] },
      maintenance: { day: "sunday", hour: 2, durationHours: 8 },
    });
    const writes = (await h.writes()).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(writes).toEqual([
      `POST /v1/apps/${appId}/addons/${addonId}/token 200`,
      `PATCH /api/databases/${addonId} 200`,
      `POST /api/databases/${addonId}/features 200`,
    ]);

    await h.clearRequests();
    const read = await databaseSettingsProvider.read(id, outs);
    expect(read.inputs).toEqual(inputs);
    expect(await databaseSettingsProvider.diff(id, read.props ?? {}, inputs)).toEqual({
      changes: false,
      replaces: [],
    });
    expect(await calls()).toEqual([`GET /api/databases/${addonId} 200`]);
    await databaseSettingsProvider.update(id, outs, inputs);
    expect((await h.writes()).length).toBe(0);
  });

  it("sees backups turned off and a feature removed outside Pulumi, and puts them back", async () => {
    const { id, outs, inputs } = await checkAndCreate(databaseSettingsProvider, declared());
    await api(h, "PATCH", `/api/databases/${addonId}`, { database: { periodic_backups_enabled: false } });
    await api(h, "DELETE", `/api/databases/${addonId}/features?feature=force-ssl`);
    const read = await databaseSettingsProvider.read(id, outs);
    expect(read.props).toMatchObject({ backups: { enabled: false, hour: 3 }, features: [] });
    expect(await databaseSettingsProvider.diff(id, read.props ?? {}, inputs)).toEqual({
      changes: true,
      replaces: [],
    });
    await databaseSettingsProvider.update(id, read.props ?? {}, inputs);
    const db = await database();
    expect(db.periodic_backups_enabled).toBe(true);
    expect(db.features).toEqual([{ name: "force-ssl", status: "ACTIVATED" }]);
  });

  it("disables a feature removed from the list and leaves undeclared parts alone; delete changes nothing", async () => {
    const { id, outs } = await checkAndCreate(databaseSettingsProvider, declared());
    const news = { ...declared({ features: [], maintenanceWindow: undefined }), __provider: undefined };
    const { inputs } = await databaseSettingsProvider.check(outs, news);
    const updated = await databaseSettingsProvider.update(id, outs, inputs ?? {});
    expect((await database()).features).toEqual([]);
    expect(updated.outs?.maintenance).toEqual({ day: "sunday", hour: 2, durationHours: 8 });
    await h.clearRequests();
    await databaseSettingsProvider.delete(id, updated.outs ?? {});
    expect(await h.requests()).toEqual([]);
    expect((await database()).periodic_backups_enabled).toBe(true);
  });

  it("forgets the settings of a database that is gone", async () => {
    const { id, outs } = await checkAndCreate(databaseSettingsProvider, declared());
    // Deleted outside paasenv (the provider itself would keep an add-on this run created, and ask for a permission).
    await h.drift({ app: "shop-production", kind: "addon", key: "postgresql", delete: true });
    expect(await databaseSettingsProvider.read(id, outs)).toEqual({});
  });
});

describe("DatabaseSettings when a part stops being declared", () => {
  it("leaves features on once `features` is dropped altogether (a name dropped from the list is disabled)", async () => {
    const { id, outs } = await checkAndCreate(databaseSettingsProvider, declared());
    const { inputs } = await databaseSettingsProvider.check(outs, {
      ...declared({ features: undefined }),
      __provider: undefined,
    });
    await h.clearRequests();
    await databaseSettingsProvider.update(id, outs, inputs ?? {});
    expect((await database()).features).toEqual([{ name: "force-ssl", status: "ACTIVATED" }]);
    expect(await h.writes()).toEqual([]);
  });
});

describe("DatabaseSettings under faults", () => {
  it("retries 429 and 5xx on the Database API and replays a feature POST whose answer was lost", async () => {
    await h.fault({ method: "PATCH", path: `/api/databases/${addonId}`, status: 429, times: 2 });
    await h.fault({ method: "GET", path: `/api/databases/${addonId}`, status: 503, times: 1 });
    await h.fault({ method: "POST", path: `/api/databases/${addonId}/features`, drop: true, when: "after" });
    await checkAndCreate(databaseSettingsProvider, declared());
    const trace = (await h.requests())
      .filter((r) => r.path.startsWith("/api/"))
      .map((r) => `${r.method} ${r.status}`);
    expect(trace.slice(0, 6)).toEqual([
      "GET 503",
      "GET 200",
      "PATCH 429",
      "PATCH 429",
      "PATCH 200",
      "POST 0",
    ]);
    expect(trace).toContain("POST 200");
    expect((await database()).features).toEqual([{ name: "force-ssl", status: "ACTIVATED" }]);
  });

  it("asks for a new add-on token after a 401 and names the call that failed", async () => {
    const { id, outs } = await checkAndCreate(databaseSettingsProvider, declared());
    await h.clearRequests();
    await h.fault({ method: "GET", path: `/api/databases/${addonId}`, status: 401, times: 1 });
    expect((await databaseSettingsProvider.read(id, outs)).id).toBe(id);
    expect(await calls()).toEqual([
      `GET /api/databases/${addonId} 401`,
      `POST /v1/apps/${appId}/addons/${addonId}/token 200`,
      `GET /api/databases/${addonId} 200`,
    ]);
    await h.fault({ method: "PATCH", path: `/api/databases/${addonId}`, status: 422, times: 1 });
    const error = await rejection(
      databaseSettingsProvider.update(id, outs, { ...outs, backups: { enabled: false } }),
    );
    expect(error.message).toBe(
      `update settings of database ${addonId}: PATCH /api/databases/${addonId} failed: 422 (base: injected fault)`,
    );
  });
});
