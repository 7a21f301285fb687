/**
 * DatabaseUser against the emulator over real HTTP: generated and given passwords, read-only users, drift,
 * adoption, a create whose answer was lost, and the refresh budget of a database's resources (one add-on
 * token request per database, one read per resource).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { addonProvider } from "../../../providers/scalingo/addon-provider";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { databaseSettingsProvider } from "../../../providers/scalingo/database-settings-provider";
import { databaseUserProvider } from "../../../providers/scalingo/database-user-provider";
import { api, appWithAddon, checkAndCreate, type Harness, rejection, useHarness } from "./harness";

let appId: string;
let addonId: string;
const GIVEN = "a-given-password-of-32-characters";
const harness = useHarness([appProvider, addonProvider, databaseUserProvider, databaseSettingsProvider]);
let h: Harness;

beforeEach(async () => {
  h = harness();
  ({ appId, addonId } = await appWithAddon("shop-production", "postgresql", "postgresql-starter-512"));
});

const user = (extra: Record<string, unknown> = {}) => ({
  appId,
  region: "osc-fr1",
  addonId,
  name: "metabase",
  readOnly: true,
  resourceName: "shop-metabase",
  __provider: "code",
  ...extra,
});

const users = async () =>
  (
    (await api(h, "GET", `/api/databases/${addonId}/users`))["database-users"] as {
      name: string;
      read_only: boolean;
    }[]
  ).map((u) => `${u.name}${u.read_only ? " (read-only)" : ""}`);

describe("DatabaseUser lifecycle against the emulator", () => {
  it("creates a read-only user with a generated password and a ready connection URL, then reads it back", async () => {
    const { id, outs, inputs } = await checkAndCreate(databaseUserProvider, user());
    expect(id).toBe(`${addonId}/users/metabase`);
    expect(await users()).toContain("metabase (read-only)");
    const password = String(outs.password);
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect(outs.connectionUrl).toBe(
      `postgresql://metabase:${password}@${String(outs.host)}/${String(outs.database)}?sslmode=prefer`,
    );
    expect(String(outs.host)).toMatch(/\.postgresql\.a\.osc-fr1\.scalingo-dbs\.com:\d+$/);
    const read = await databaseUserProvider.read(id, outs);
    expect(read.props).toEqual(outs);
    expect(read.inputs).not.toHaveProperty("password");
    expect(await databaseUserProvider.diff(id, read.props ?? {}, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("sets a given password, changes it in place, and replaces the user when it stops being read-only", async () => {
    const { id, outs, inputs } = await checkAndCreate(databaseUserProvider, user({ password: GIVEN }));
    expect(outs.password).toBe(GIVEN);
    const next = `${GIVEN}-rotated`;
    expect(await databaseUserProvider.diff(id, outs, { ...inputs, password: next })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    await h.clearRequests();
    const updated = await databaseUserProvider.update(id, outs, { ...inputs, password: next });
    expect(updated.outs?.connectionUrl).toContain(`:${next}@`);
    expect((await h.writes()).map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH /api/databases/${addonId}/users/metabase`,
    ]);
    expect(await databaseUserProvider.diff(id, updated.outs ?? {}, { ...inputs, readOnly: false })).toEqual({
      changes: true,
      replaces: ["readOnly"],
      deleteBeforeReplace: true,
    });
    await databaseUserProvider.delete(id, updated.outs ?? {});
    expect(await users()).not.toContain("metabase (read-only)");
    expect(await databaseUserProvider.read(id, updated.outs ?? {})).toEqual({});
  });

  it("refuses to take over an existing user unless adopted, and never the database's own user", async () => {
    await api(h, "POST", `/api/databases/${addonId}/users`, {
      database_user: { name: "metabase", read_only: true },
    });
    const error = await rejection(checkAndCreate(databaseUserProvider, user()));
    expect(error.message).toBe(
      `create database user "metabase" of database ${addonId}: the database already has a user "metabase"; set ` +
        "`adopt: true` to take it over (its password is reset, or set to `password`), or choose another name",
    );
    const adopted = await checkAndCreate(databaseUserProvider, user({ adopt: true }));
    expect(String(adopted.outs.password).length).toBeGreaterThanOrEqual(24);
    const owner = (await users()).find((u) => u.startsWith("shop_production")) ?? "";
    expect(owner).not.toBe("");
  });

  it("sees a user deleted outside Pulumi as gone", async () => {
    const { id, outs } = await checkAndCreate(databaseUserProvider, user());
    await api(h, "DELETE", `/api/databases/${addonId}/users/metabase`);
    expect(await databaseUserProvider.read(id, outs)).toEqual({});
  });
});

describe("DatabaseUser under faults", () => {
  it("looks the user up after a create whose answer was lost, and sets its password again", async () => {
    await h.fault({ method: "POST", path: `/api/databases/${addonId}/users`, drop: true, when: "after" });
    const { outs } = await checkAndCreate(databaseUserProvider, user());
    const writes = (await h.writes()).map(
      (r) => `${r.method} ${r.path.replace(addonId, "<db>")} ${r.status}`,
    );
    expect(writes.filter((w) => w.includes("/users"))).toEqual([
      "POST /api/databases/<db>/users 0",
      "POST /api/databases/<db>/users/metabase/reset_password 200",
    ]);
    expect((await users()).filter((u) => u.startsWith("metabase"))).toEqual(["metabase (read-only)"]);
    expect(String(outs.password).length).toBeGreaterThanOrEqual(24);
  });

  it("retries 429 and 503 on the user list", async () => {
    await h.fault({ method: "GET", path: `/api/databases/${addonId}/users`, status: 429, times: 2 });
    await h.fault({ method: "GET", path: `/api/databases/${addonId}/users`, status: 503, times: 1 });
    await checkAndCreate(databaseUserProvider, user());
    const trace = (await h.requests())
      .filter((r) => r.method === "GET" && r.path.endsWith("/users"))
      .map((r) => r.status);
    expect(trace).toEqual([429, 429, 503, 200]);
  });
});

describe("the refresh budget of a database", () => {
  it("spends one add-on token request for the database; users read together share one read of the list", async () => {
    const settings = await checkAndCreate(databaseSettingsProvider, {
      appId,
      region: "osc-fr1",
      addonId,
      backups: { enabled: true, hour: 3 },
      __provider: "code",
    });
    const metabase = await checkAndCreate(databaseUserProvider, user());
    const app = await checkAndCreate(databaseUserProvider, user({ name: "app-rw", readOnly: false }));
    // A new `pulumi refresh`: a fresh provider host, so nothing is cached.
    await h.configure([databaseSettingsProvider, databaseUserProvider]);
    await h.clearRequests();
    await Promise.all([
      databaseSettingsProvider.read(settings.id, settings.outs),
      databaseUserProvider.read(metabase.id, metabase.outs),
      databaseUserProvider.read(app.id, app.outs),
    ]);
    const calls = (await h.requests()).map(
      (r) => `${r.method} ${r.path.replace(addonId, "<db>").replace(appId, "<app>")}`,
    );
    expect(calls.sort()).toEqual([
      "GET /api/databases/<db>",
      "GET /api/databases/<db>/users",
      "GET /v1/regions",
      "POST /v1/apps/<app>/addons/<db>/token",
      "POST /v1/tokens/exchange",
    ]);
  });
});
